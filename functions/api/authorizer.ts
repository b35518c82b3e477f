import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { bearerKey, hashApiKey } from '../core/access/api-key';
import { toContext } from '../core/access/principal';
import { db } from '../runtime/context';
import { logger } from '../runtime/logger';
import { findKeyByHash, type StoredKey } from '../store/key-store';
import { retrying } from '../store/batch-write';
import { isRetryable } from '../store/store-errors';

/**
 * API Gateway REQUEST authorizer: `Authorization: Bearer <key>` → the key's role and scope as context.
 * Unknown, malformed or revoked keys throw `Unauthorized`, which API Gateway answers with 401.
 * The policy allows every method of the API (the result is cached per key); handlers check the role.
 */
export const handler = async (event: APIGatewayRequestAuthorizerEvent): Promise<APIGatewayAuthorizerResult> => {
  const headers = event.headers ?? {};
  const authorization = Object.entries(headers).find(([name]) => name.toLowerCase() === 'authorization')?.[1] ?? undefined;
  const key = bearerKey(authorization);
  if (key === null) throw new Error('Unauthorized');
  const stored = await lookUp(hashApiKey(key));
  if (stored === undefined || stored.revokedAt !== undefined) {
    logger.info('Key refused', { keyId: stored?.keyId ?? 'unknown', revoked: stored?.revokedAt !== undefined });
    throw new Error('Unauthorized');
  }
  return {
    principalId: stored.keyId,
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: apiWildcard(event.methodArn) }],
    },
    context: toContext(stored.principal),
  };
};

/**
 * The key's record, retrying a throttled read with the store's backoff: a busy table must not read as an
 * unknown key (401 makes clients drop a good key). Still busy: StoreBusyError, API Gateway's AUTHORIZER_FAILURE (503).
 */
const lookUp = async (hash: string): Promise<StoredKey | undefined> => {
  let stored: StoredKey | undefined;
  await retrying(db, async () => {
    try {
      stored = await findKeyByHash(db, hash);
      return true;
    } catch (error) {
      if (!isRetryable(error)) throw error;
      return false;
    }
  });
  return stored;
};

/** `arn:aws:execute-api:region:account:api/stage/METHOD/path` → `arn:…:api/stage/*` (cache-safe across routes). */
const apiWildcard = (methodArn: string): string => {
  // The api id ends the first segment (`arn:…:account:api`), so the stage is the second: keeping a third
  // would pin the cached policy to one HTTP method and refuse the same key on the others.
  const [api, stage] = methodArn.split('/');
  return `${api}/${stage}/*`;
};
