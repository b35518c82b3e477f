import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './db';
import { retrying } from './batch-write';
import { isConditionFailed, isRetryable } from './store-errors';

/** An item to store and the content hash it carries in its `contentHash` attribute. */
export interface HashedItem {
  item: Record<string, unknown>;
  contentHash: string;
}

// As many puts in flight as one BatchWriteItem carries: the same write capacity, one answer per item.
const IN_FLIGHT = 25;

/**
 * Puts each item unless the stored one already has the same content hash, and returns how many this call
 * wrote. Each put is conditional (`attribute_not_exists(pk) OR contentHash <> :hash`), so when several
 * requests send the same record at once exactly one of them writes it and counts it; the others find it
 * stored and count it unchanged. No transaction is needed (dynalite has none): the condition is per item.
 * Throttled puts are retried with the store's backoff; a put whose answer was lost and whose retry finds its
 * own write counts as unchanged, so the count can only err low, never count a record twice.
 */
export const putIfChanged = async (db: Db, items: readonly HashedItem[]): Promise<number> => {
  let written = 0;
  for (let start = 0; start < items.length; start += IN_FLIGHT) {
    let pending = items.slice(start, start + IN_FLIGHT);
    await retrying(db, async () => {
      const outcomes = await Promise.all(pending.map(async (entry) => {
        try {
          await db.client.send(new PutCommand({
            TableName: db.table,
            Item: entry.item,
            ConditionExpression: 'attribute_not_exists(pk) OR contentHash <> :hash',
            ExpressionAttributeValues: { ':hash': entry.contentHash },
          }));
          return 'written' as const;
        } catch (error) {
          if (isConditionFailed(error)) return 'unchanged' as const;
          if (isRetryable(error)) return 'retry' as const;
          throw error;
        }
      }));
      written += outcomes.filter((outcome) => outcome === 'written').length;
      pending = pending.filter((_, i) => outcomes[i] === 'retry');
      return pending.length === 0;
    });
  }
  return written;
};
