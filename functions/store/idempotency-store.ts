import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { IDEMPOTENCY_RETENTION_SECONDS, IN_FLIGHT_STALE_MS, type IdempotencyRecord, type StoredAnswer } from '../core/idempotency/idempotency';
import type { Db } from './db';
import { isConditionFailed } from './store-errors';
import { idempotencyKey } from './table-keys';

const expiresAt = (now: Date): number => Math.floor(now.getTime() / 1000) + IDEMPOTENCY_RETENTION_SECONDS;

/**
 * Claims a clinic's key for a request: written in flight unless the key is held by a request that is not stale
 * (one conditional put: two concurrent requests cannot both claim it). Returns the record that holds the key when
 * the claim fails.
 */
export const claimIdempotencyKey = async (
  db: Db, clinicId: string, key: string, fingerprint: string, now: Date,
): Promise<{ claimed: true } | { claimed: false; record: IdempotencyRecord }> => {
  const staleBefore = new Date(now.getTime() - IN_FLIGHT_STALE_MS).toISOString();
  try {
    await db.client.send(new PutCommand({
      TableName: db.table,
      Item: { ...idempotencyKey(clinicId, key), type: 'idempotency', fingerprint, state: 'in_flight', startedAt: now.toISOString(), expiresAt: expiresAt(now) },
      // An expired key is free again: DynamoDB deletes TTL items only eventually, and dynalite never does.
      ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :nowSeconds OR (#state = :inFlight AND startedAt < :staleBefore AND fingerprint = :fingerprint)',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':inFlight': 'in_flight', ':staleBefore': staleBefore, ':fingerprint': fingerprint, ':nowSeconds': Math.floor(now.getTime() / 1000) },
    }));
    return { claimed: true };
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
    const stored = await db.client.send(new GetCommand({ TableName: db.table, Key: idempotencyKey(clinicId, key), ConsistentRead: true }));
    const item = stored.Item;
    if (item === undefined) return claimIdempotencyKey(db, clinicId, key, fingerprint, now);
    return { claimed: false, record: { fingerprint: String(item['fingerprint']), state: item['state'] === 'done' ? 'done' : 'in_flight', startedAt: String(item['startedAt']), answer: item['answer'] as StoredAnswer | undefined } };
  }
};

/** Stores the answer of the request that holds the key, for replay. */
export const completeIdempotencyKey = async (db: Db, clinicId: string, key: string, answer: StoredAnswer, now: Date): Promise<void> => {
  await db.client.send(new UpdateCommand({
    TableName: db.table, Key: idempotencyKey(clinicId, key),
    UpdateExpression: 'SET #state = :done, answer = :answer, expiresAt = :expiresAt',
    ExpressionAttributeNames: { '#state': 'state' },
    ExpressionAttributeValues: { ':done': 'done', ':answer': answer, ':expiresAt': expiresAt(now) },
  }));
};

/** Frees the key after a server error, so that a retry redoes the request. */
export const releaseIdempotencyKey = async (db: Db, clinicId: string, key: string): Promise<void> => {
  await db.client.send(new DeleteCommand({ TableName: db.table, Key: idempotencyKey(clinicId, key) }));
};
