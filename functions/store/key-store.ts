import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './db';
import { apiKeyKey } from './table-keys';
import { isConditionFailed } from './store-errors';
import type { Principal } from '../core/access/principal';
import { keyIdOf, sameHash } from '../core/access/api-key';

/** An API key as stored: only its hash, its role and scope, and whether it was revoked. */
export interface StoredKey {
  keyId: string;
  hash: string;
  principal: Principal;
  label?: string;
  createdAt: string;
  revokedAt?: string;
}

/** Stores a new key's hash with its role and scope. */
export const putKey = async (db: Db, hash: string, principal: Principal, now: string, label?: string): Promise<StoredKey> => {
  const keyId = keyIdOf(hash);
  const stored: StoredKey = { keyId, hash, principal: { ...principal, keyId }, createdAt: now, ...(label !== undefined && { label }) };
  await db.client.send(new PutCommand({
    TableName: db.table,
    Item: { ...apiKeyKey(stored.keyId), type: 'apiKey', ...stored },
    ConditionExpression: 'attribute_not_exists(pk)',
  }));
  return stored;
};

/** Finds a key by its hash; undefined when unknown. Revoked keys are returned with `revokedAt`. */
export const findKeyByHash = async (db: Db, hash: string): Promise<StoredKey | undefined> => {
  const result = await db.client.send(new GetCommand({ TableName: db.table, Key: apiKeyKey(keyIdOf(hash)) }));
  const item = result.Item;
  if (item === undefined || typeof item['hash'] !== 'string' || !sameHash(item['hash'], hash)) return undefined;
  return item as unknown as StoredKey;
};

/** Revokes a key by id; returns false when no such key exists. Revoking twice keeps the first time. */
export const revokeKey = async (db: Db, keyId: string, now: string): Promise<boolean> => {
  try {
    await db.client.send(new UpdateCommand({
      TableName: db.table,
      Key: apiKeyKey(keyId),
      UpdateExpression: 'SET revokedAt = if_not_exists(revokedAt, :now)',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':now': now },
    }));
    return true;
  } catch (error) {
    if (isConditionFailed(error)) return false;
    throw error;
  }
};
