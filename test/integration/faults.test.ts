import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import type { NightlyContext } from '../../functions/nightly/nightly-context';
import { runNightly } from '../../functions/nightly/run-nightly';
import { renderReportsStep } from '../../functions/nightly/steps/render-reports';
import { send, startTestStack, type TestStack } from './support/test-stack';
import { cloneStore, readBucket, scanTable, stackClients, testContext, type StackClients } from './nightly/support/nightly-harness';
import { GOLDEN_ATTENDANCE, GOLDEN_GROUPS, GOLDEN_RESPONSES } from '../functions/core/rollup/support/golden-dataset';
import { injectFaults, seededRandom, type FaultCounts } from './support/fault-injecting-handler';

type Item = Record<string, unknown>;

let t: TestStack;
let clients: StackClients;
const BASE = { table: '', bucket: '' };
const RUN_ID = 'run-20250701T020000Z-fa017e';
const NIGHT = new Date('2025-07-01T02:00:00.000Z');
const noFaults = (): FaultCounts => ({ throttled: 0, unprocessed: 0, s3ServerErrors: 0, passed: 0 });

/** A clinic's client: resends a batch answered 503 (after Retry-After, shortened here) until it is answered otherwise. */
const submit = async (path: string, body: unknown): Promise<{ status: number; json: unknown; attempts: number }> => {
  for (let attempt = 1; ; attempt += 1) {
    const answer = await send(t.stack.info.apiUrl, 'POST', path, { key: t.stack.info.keys.clinic, body: JSON.stringify(body), contentType: 'application/json' });
    if (answer.status !== 503 || attempt === 30) return { status: answer.status, json: answer.json, attempts: attempt };
  }
};
const batches = <T>(items: readonly T[], size: number): T[][] => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
const records = (items: Item[]) => items.filter((i) => i['type'] === 'attendance' || i['type'] === 'response');

const answers: { status: number; accepted: number; unchanged: number; size: number }[] = [];
const ingestFaults = noFaults();
let refusedRefs: string[] = [];

beforeAll(async () => {
  t = await startTestStack();
  clients = stackClients(t);
  Object.assign(BASE, { table: t.stack.info.tableName, bucket: t.stack.info.reportsBucket });
  for (const group of GOLDEN_GROUPS) await t.stack.api.post('/v1/groups', t.stack.info.keys.clinic, group);
  // The handlers' own client, as every Lambda of this process uses it: faults go under its SDK.
  const { documentClient } = await import('../../functions/runtime/aws-clients');
  const undo = injectFaults(documentClient, { throttle: 0.3, unprocessed: 0.6, s3ServerError: 0, random: seededRandom(7) }, ingestFaults);
  try {
    // Every batch twice (a client that did not see its answer sends again), and batches refused for one bad record.
    for (const batch of batches(GOLDEN_ATTENDANCE, 7)) {
      for (let copy = 0; copy < 2; copy += 1) {
        const answer = await submit('/v1/attendance', { records: batch });
        answers.push({ status: answer.status, ...(answer.json as { accepted: number; unchanged: number }), size: batch.length });
      }
    }
    for (const batch of batches(GOLDEN_RESPONSES, 5)) {
      for (let copy = 0; copy < 2; copy += 1) {
        const answer = await submit('/v1/responses', { responses: batch });
        answers.push({ status: answer.status, ...(answer.json as { accepted: number; unchanged: number }), size: batch.length });
      }
    }
    refusedRefs = ['FAULT-REFUSED-1', 'FAULT-REFUSED-2'];
    const first = GOLDEN_ATTENDANCE[0]!;
    const refused = await submit('/v1/attendance', { records: [{ ...first, participantRef: refusedRefs[0] }, { ...first, participantRef: refusedRefs[1], session: 0 }] });
    answers.push({ status: refused.status, accepted: 0, unchanged: 0, size: 2 });
  } finally {
    undo();
  }
}, 600_000);
afterAll(async () => { await t?.stop(); });

describe('ingest with DynamoDB throttling and leaving batch items unprocessed below the SDK', () => {
  it('stores every accepted record exactly once and counts it accepted exactly once', async () => {
    // Act
    const stored = records(await t.scanAll());

    // Assess: faults really happened, every batch was answered, and the store holds each record once
    expect(ingestFaults.throttled).toBeGreaterThan(10);
    expect(ingestFaults.unprocessed).toBeGreaterThan(3);
    expect(answers.slice(0, -1).filter((a) => a.status !== 200)).toEqual([]);
    expect(stored).toHaveLength(GOLDEN_ATTENDANCE.length + GOLDEN_RESPONSES.length);
    expect(new Set(stored.map((i) => `${String(i['pk'])}|${String(i['sk'])}`)).size).toBe(stored.length);
    // Each answer accounts for its whole batch, and no record is counted accepted twice. (An attempt answered 503
    // may have written part of its batch before the store gave up: its retry counts those unchanged, so the sum
    // can fall short of what is stored, never exceed it.)
    expect(answers.slice(0, -1).filter((a) => a.accepted + a.unchanged !== a.size)).toEqual([]);
    expect(answers.reduce((sum, a) => sum + a.accepted, 0)).toBeLessThanOrEqual(stored.length);
    expect(answers.filter((_, i) => i % 2 === 1).every((a) => a.accepted === 0)).toBe(true);
  });

  it('leaves nothing of a batch it refused', async () => {
    // Act
    const refused = answers.at(-1);
    const stored = records(await t.scanAll());

    // Assess: its valid record is not stored either (references are pseudonymised: no record beyond the golden set)
    expect(refused?.status).toBe(400);
    expect(stored.filter((i) => i['session'] === 0)).toEqual([]);
    expect(stored).toHaveLength(GOLDEN_ATTENDANCE.length + GOLDEN_RESPONSES.length);
  });
});

let serial = 0;
const copyOfStore = async (): Promise<{ table: string; bucket: string }> => {
  serial += 1;
  const where = { table: `faults-${serial}`, bucket: `faults-bucket-${serial}` };
  await cloneStore(clients, BASE, where);
  return where;
};

/** Clients of their own (so faults stay on this run) on the embedded servers. */
const faultyContext = (where: { table: string; bucket: string }, counts: FaultCounts): NightlyContext => {
  const { info } = t.stack;
  const aws = { endpoint: info.dynamodbEndpoint, region: info.region, credentials: info.credentials };
  // The SDK's own retries (3 attempts) run above the faults; the store's retries above those.
  const dynamo = new DynamoDBClient({ ...aws, maxAttempts: 3 });
  const s3 = new S3Client({ ...aws, endpoint: info.s3Endpoint, forcePathStyle: true });
  const random = seededRandom(11);
  injectFaults(dynamo, { throttle: 0.25, unprocessed: 0.5, s3ServerError: 0, random }, counts);
  injectFaults(s3, { throttle: 0, unprocessed: 0, s3ServerError: 0.1, random }, counts);
  const doc = DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false } });
  return testContext({ ...clients, dynamo, doc, s3 }, where, () => NIGHT, { k: 3 });
};

const derived = async (table: string) => (await scanTable(clients.doc, table))
  .filter((i) => /^(GSTATS#|FIGURES#|PUBLICATION$|GENERATION#)/.test(String(i['pk'])))
  .sort((a, b) => `${String(a['pk'])}|${String(a['sk'])}`.localeCompare(`${String(b['pk'])}|${String(b['sk'])}`));

describe('a nightly run with DynamoDB throttling, unprocessed batch items and S3 5xx below the SDK', () => {
  it('publishes, after resuming whatever failed, the same bytes as a run without faults', async () => {
    // Prepare
    const reference = await copyOfStore();
    const options = { runId: RUN_ID, trigger: 'test', batchSize: 1, concurrency: 1, render: renderReportsStep };
    await runNightly(testContext(clients, reference, () => NIGHT, { k: 3 }), options);
    const faulty = await copyOfStore();
    const counts = noFaults();
    const ctx = faultyContext(faulty, counts);

    // Act: run, and resume the same run while it fails (as an operator would)
    const failures: string[] = [];
    for (let attempt = 0; attempt < 12; attempt += 1) {
      const outcome = await runNightly(ctx, options).then(() => 'succeeded', (error: unknown) => `${(error as Error).name}: ${(error as Error).message}`);
      if (outcome === 'succeeded') break;
      failures.push(outcome);
    }

    // Assess
    expect(counts.throttled).toBeGreaterThan(5);
    expect(counts.s3ServerErrors).toBeGreaterThan(0);
    expect(counts.unprocessed).toBeGreaterThan(0);
    expect(failures.length, failures.slice(0, 3).join('\n')).toBeLessThan(12);
    expect(await derived(faulty.table)).toEqual(await derived(reference.table));
    const expected = await readBucket(clients.s3, reference.bucket);
    const objects = await readBucket(clients.s3, faulty.bucket);
    expect([...objects.keys()].sort()).toEqual([...expected.keys()].sort());
    expect([...objects].filter(([key, body]) => !body.equals(expected.get(key) ?? Buffer.alloc(0))).map(([key]) => key)).toEqual([]);
    expect(expected.size).toBeGreaterThan(10);
  }, 600_000);
});
