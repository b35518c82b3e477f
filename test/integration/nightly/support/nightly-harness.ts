import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { NightlyContext } from '../../../../functions/nightly/nightly-context';
import type { Db } from '../../../../functions/store/db';
import { putAll } from '../../../../functions/store/batch-write';
import { ensureBucket, ensureTable } from '../../../../infra/local/provision';
import type { TestStack } from '../../support/test-stack';

type Item = Record<string, unknown>;

/** SDK clients on the test stack's embedded servers, marshalling as the handlers do. */
export interface StackClients {
  dynamo: DynamoDBClient;
  doc: DynamoDBDocumentClient;
  s3: S3Client;
}

export const stackClients = (t: TestStack): StackClients => {
  const { info } = t.stack;
  const aws = { endpoint: info.dynamodbEndpoint, region: info.region, credentials: info.credentials };
  const dynamo = new DynamoDBClient(aws);
  const doc = DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false } });
  const s3 = new S3Client({ ...aws, endpoint: info.s3Endpoint, forcePathStyle: true });
  return { dynamo, doc, s3 };
};

/** A nightly context on a table and bucket of the test stack, with a clock the test sets. */
export const testContext = (
  clients: StackClients, where: { table: string; bucket: string }, now: () => Date, overrides: Partial<NightlyContext> = {},
): NightlyContext => ({
  db: { client: clients.doc, table: where.table, sleep: async () => {} },
  s3: clients.s3,
  bucket: where.bucket,
  k: 8,
  funderRounding: 5,
  closeAfterDays: 7,
  timeZone: 'Europe/London',
  now,
  ...overrides,
});

/** Every item of a table. */
export const scanTable = async (doc: DynamoDBDocumentClient, table: string): Promise<Item[]> => {
  const items: Item[] = [];
  let startKey: Item | undefined;
  do {
    const page = await doc.send(new ScanCommand({ TableName: table, ExclusiveStartKey: startKey, ConsistentRead: true }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  return items;
};

/** Every object of a bucket, key → bytes. */
export const readBucket = async (s3: S3Client, bucket: string): Promise<Map<string, Buffer>> => {
  const objects = new Map<string, Buffer>();
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
    for (const { Key } of page.Contents ?? []) {
      const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key }));
      objects.set(String(Key), Buffer.from(await object.Body!.transformToByteArray()));
    }
    token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
  } while (token !== undefined);
  return objects;
};

/** A new table and bucket holding a copy of `from`'s items and objects: the same state, for a second run to work on. */
export const cloneStore = async (clients: StackClients, from: { table: string; bucket: string }, to: { table: string; bucket: string }): Promise<void> => {
  await ensureTable(clients.dynamo, to.table);
  await ensureBucket(clients.s3, to.bucket);
  const db: Db = { client: clients.doc, table: to.table, sleep: async () => {} };
  await putAll(db, await scanTable(clients.doc, from.table));
  for (const [key, body] of await readBucket(clients.s3, from.bucket)) {
    await clients.s3.send(new PutObjectCommand({ Bucket: to.bucket, Key: key, Body: body }));
  }
};

type Command = { constructor: { name: string }; input: Item };

/** A copy of an SDK client whose `send` rejects with `error` on the `nth` command that `matches` (from 1). */
const failingClient = <C extends { send: unknown }>(original: C, matches: (command: Command) => boolean, nth: number, error: Error): C => {
  let seen = 0;
  const client = Object.create(original) as C;
  const send = (original.send as (command: unknown) => Promise<unknown>).bind(original);
  Object.defineProperty(client, 'send', {
    value: (command: Command) => {
      if (matches(command)) {
        seen += 1;
        if (seen === nth) return Promise.reject(error);
      }
      return send(command);
    },
  });
  return client;
};

/** A Db whose client throws `error` on the `nth` command that `matches` (counting from 1), and passes the rest on. */
export const failingDb = (db: Db, matches: (command: Command) => boolean, nth: number, error: Error): Db =>
  ({ ...db, client: failingClient(db.client, matches, nth, error) });

/** An S3 client that throws `error` on the `nth` command that `matches`, and passes the rest on. */
export const failingS3 = (s3: S3Client, matches: (command: Command) => boolean, nth: number, error: Error): S3Client =>
  failingClient(s3, matches, nth, error);

/** A small support group that ended in May 2025 (a closed month and quarter), measured with PHQ-9. */
export const endedGroup = (groupId: string, programmeId: string) => ({
  groupId, programmeId, groupType: 'support', startDate: '2025-05-05', endDate: '2025-05-26', ended: true,
  plannedSessions: 4, instruments: ['phq9'], facilitatorQualification: 'counsellor',
});
