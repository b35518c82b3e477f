import { QueryCommand, ScanCommand, type QueryCommandInput, type ScanCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Db } from './db';
import { retrying } from './batch-write';
import { isRetryable } from './store-errors';

type Item = Record<string, unknown>;

// One page, retried with the store's backoff while DynamoDB throttles it (a long listing otherwise fails on any
// one of its pages).
const pageOf = async <T>(db: Db, send: () => Promise<T>): Promise<T> => {
  let page: T | undefined;
  await retrying(db, async () => {
    try {
      page = await send();
      return true;
    } catch (error) {
      if (!isRetryable(error)) throw error;
      return false;
    }
  });
  return page as T;
};

/** Every item a Query returns, following `LastEvaluatedKey` through all pages. */
export const queryAll = async (db: Db, input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>): Promise<Item[]> => {
  const items: Item[] = [];
  let startKey: Item | undefined;
  do {
    const page = await pageOf(db, () => db.client.send(new QueryCommand({ ...input, TableName: db.table, ExclusiveStartKey: startKey })));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  return items;
};

/** Every item a Scan returns (operator-initiated full rebuilds only), following all pages. */
export const scanAll = async (db: Db, input: Omit<ScanCommandInput, 'TableName' | 'ExclusiveStartKey'>): Promise<Item[]> => {
  const items: Item[] = [];
  let startKey: Item | undefined;
  do {
    const page = await pageOf(db, () => db.client.send(new ScanCommand({ ...input, TableName: db.table, ExclusiveStartKey: startKey })));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  return items;
};
