import { BatchGetCommand, BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { backoffMs, defaultSleep, type Db } from './db';
import type { Key } from './table-keys';
import { StoreBusyError, isRetryable } from './store-errors';
import { inParallel } from './in-parallel';

type WriteRequest = { PutRequest: { Item: Record<string, unknown> } } | { DeleteRequest: { Key: Key } };

const WRITE_CHUNK = 25;
const GET_CHUNK = 100;
// Chunks in flight at once: a batch of 500 records is 20 write chunks or 5 read chunks, sent 4 at a time rather
// than one after another (each chunk still retried on its own, with backoff, within the time budget).
const CHUNKS_IN_FLIGHT = 4;

const chunksOf = <T>(items: readonly T[], size: number): T[][] => {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
};

/**
 * Writes items with BatchWriteItem, 25 a request and 4 requests at a time, retrying `UnprocessedItems` and
 * throttling with backoff. Every write is a whole-item put keyed by a natural key, so a batch interrupted
 * anywhere (no chunk is started after one failed) can be sent again and converges to the same state.
 */
export const batchWrite = async (db: Db, requests: readonly WriteRequest[]): Promise<void> => {
  await inParallel(chunksOf(requests, WRITE_CHUNK), CHUNKS_IN_FLIGHT, async (chunk) => {
    let pending = chunk;
    await retrying(db, async () => {
      try {
        const result = await db.client.send(new BatchWriteCommand({ RequestItems: { [db.table]: pending } }));
        pending = (result.UnprocessedItems?.[db.table] ?? []) as WriteRequest[];
      } catch (error) {
        if (!isRetryable(error)) throw error;
      }
      return pending.length === 0;
    });
  });
};

/** Puts items (see batchWrite). */
export const putAll = (db: Db, items: readonly Record<string, unknown>[]): Promise<void> =>
  batchWrite(db, items.map((Item) => ({ PutRequest: { Item } })));

/** Deletes items by key (see batchWrite). */
export const deleteAll = (db: Db, keys: readonly Key[]): Promise<void> =>
  batchWrite(db, keys.map((Key) => ({ DeleteRequest: { Key: { pk: Key.pk, sk: Key.sk } } })));

/**
 * Reads items by key with BatchGetItem, 100 a request and 4 requests at a time, retrying `UnprocessedKeys` and
 * throttling. Returns a map from `pk|sk` to item; missing items are absent.
 */
export const batchGet = async (db: Db, keys: readonly Key[], projection?: readonly string[]): Promise<Map<string, Record<string, unknown>>> => {
  const found = new Map<string, Record<string, unknown>>();
  const unique = [...new Map(keys.map((key) => [`${key.pk}|${key.sk}`, { pk: key.pk, sk: key.sk }])).values()];
  const names = projection === undefined ? undefined : Object.fromEntries(['pk', 'sk', ...projection].map((name, i) => [`#a${i}`, name]));
  await inParallel(chunksOf(unique, GET_CHUNK), CHUNKS_IN_FLIGHT, async (chunk) => {
    let pending: Key[] = chunk;
    await retrying(db, async () => {
      try {
        const result = await db.client.send(new BatchGetCommand({
          RequestItems: {
            [db.table]: {
              Keys: pending,
              ConsistentRead: true,
              ...(names && { ProjectionExpression: Object.keys(names).join(', '), ExpressionAttributeNames: names }),
            },
          },
        }));
        for (const item of result.Responses?.[db.table] ?? []) found.set(`${String(item['pk'])}|${String(item['sk'])}`, item);
        pending = (result.UnprocessedKeys?.[db.table]?.Keys ?? []) as Key[];
      } catch (error) {
        if (!isRetryable(error)) throw error;
      }
      return pending.length === 0;
    });
  });
  return found;
};

/** Runs `step` until it reports done, sleeping with backoff in between; gives up with StoreBusyError. */
export const retrying = async (db: Db, step: () => Promise<boolean>): Promise<void> => {
  const maxAttempts = db.maxAttempts ?? 8;
  const sleep = db.sleep ?? defaultSleep;
  // Give up well inside API Gateway's 29 s, so the caller gets a 503 with Retry-After rather than a 504.
  const deadline = Date.now() + RETRY_BUDGET_MS;
  for (let attempt = 1; ; attempt += 1) {
    if (await step()) return;
    if (attempt >= maxAttempts || Date.now() >= deadline) throw new StoreBusyError(`DynamoDB still throttled after ${attempt} attempts`);
    await sleep(backoffMs(attempt));
  }
};

/** How long one store operation keeps retrying throttled or unprocessed requests. */
export const RETRY_BUDGET_MS = 12_000;
