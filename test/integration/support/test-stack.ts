import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { startLocalStack, type RunningLocalStack } from '../../../infra/local/local-stack';
import type { Db } from '../../../functions/store/db';

type Item = Record<string, unknown>;

/** A local stack on a fresh data directory (no seed), with the helpers the integration tests share. */
export interface TestStack {
  stack: RunningLocalStack;
  /** The stack's data directory (holds local-stack.json, as `--data-dir` of the CLI expects). */
  dataDir: string;
  /** A Db on the stack's table, as the store functions take it. */
  db: Db;
  /** Every item of the table (all pages of a Scan). */
  scanAll: () => Promise<Item[]>;
  /** Every object of the reports bucket with its text. */
  s3Objects: () => Promise<{ key: string; text: string }[]>;
  /** Everything written to stdout since the stack started (the structured logs land there). */
  stdout: () => string;
  stop: () => Promise<void>;
}

/**
 * Starts dynalite, s3rver and the API adapter in this test file's process. Logs are captured at DEBUG
 * level instead of printed, so a run stays silent and a test can search them.
 */
export const startTestStack = async (): Promise<TestStack> => {
  const dataDir = await mkdtemp(join(tmpdir(), 'outcomes-it-'));
  process.env['POWERTOOLS_LOG_LEVEL'] = 'DEBUG';
  const captured: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array) => {
    captured.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  }) as typeof process.stdout.write;
  const stack = await startLocalStack({ port: 0, dataDir, seed: false });
  const { info } = stack;
  const aws = { endpoint: info.dynamodbEndpoint, region: info.region, credentials: info.credentials };
  const client = DynamoDBDocumentClient.from(new DynamoDBClient(aws));
  const s3 = new S3Client({ endpoint: info.s3Endpoint, region: info.region, credentials: info.credentials, forcePathStyle: true });
  const scanAll = async (): Promise<Item[]> => {
    const items: Item[] = [];
    let startKey: Item | undefined;
    do {
      const page = await client.send(new ScanCommand({ TableName: info.tableName, ExclusiveStartKey: startKey, ConsistentRead: true }));
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined);
    return items;
  };
  const s3Objects = async () => {
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: info.reportsBucket }));
    return Promise.all((listed.Contents ?? []).map(async ({ Key }) => {
      const object = await s3.send(new GetObjectCommand({ Bucket: info.reportsBucket, Key }));
      return { key: String(Key), text: (await object.Body?.transformToString()) ?? '' };
    }));
  };
  return {
    stack, dataDir, db: { client, table: info.tableName, sleep: async () => {} }, scanAll, s3Objects,
    stdout: () => captured.join(''),
    stop: async () => {
      await stack.stop();
      process.stdout.write = write;
      client.destroy();
      s3.destroy();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
};

/** Raw HTTP call to the stack, for the cases the API client cannot make (no key, odd bodies). */
export const send = async (baseUrl: string, method: string, path: string, options: { key?: string; body?: string; contentType?: string } = {}) => {
  const response = await fetch(new URL(path, baseUrl), {
    method,
    headers: { ...(options.key !== undefined && { authorization: `Bearer ${options.key}` }), ...(options.contentType !== undefined && { 'content-type': options.contentType }) },
    ...(options.body !== undefined && { body: options.body }),
  });
  const text = await response.text();
  let json: unknown = null;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: response.status, headers: response.headers, text, json };
};

/** A group of the demo programme `carers`, started well in the past so any recent date fits. */
export const groupPayload = (groupId: string, instruments: string[] = ['swemwbs', 'brs']) => ({
  groupId, programmeId: 'carers', groupType: 'support', startDate: '2025-01-06', plannedSessions: 12,
  instruments, facilitatorQualification: 'counsellor',
});

