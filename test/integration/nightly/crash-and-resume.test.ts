import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NightlyContext } from '../../../functions/nightly/nightly-context';
import { runNightly, type RenderStep } from '../../../functions/nightly/run-nightly';
import { renderReportsStep } from '../../../functions/nightly/steps/render-reports';
import { getRun, getWatermark, type RunRecord } from '../../../functions/store/run-store';
import { startTestStack, type TestStack } from '../support/test-stack';
import { ingestGolden } from './support/golden-ingest';
import { cloneStore, failingDb, failingS3, readBucket, scanTable, stackClients, testContext, type StackClients } from './support/nightly-harness';

type Command = { constructor: { name: string }; input: Record<string, unknown> };

let t: TestStack;
let clients: StackClients;
const BASE = { table: '', bucket: '' };
const RUN_ID = 'run-20260101T020000Z-c0ffee';
/** The first night ran as of 15 February 2025: only January was closed then. */
const FIRST_NIGHT = new Date('2025-02-15T02:00:00.000Z');
let tonight: Date;
const INJECTED = 'injected failure';

const putObjectOf = (prefix: string) => (c: Command) => c.constructor.name === 'PutObjectCommand' && String(c.input['Key']).startsWith(prefix);
const putItemOf = (type: string) => (c: Command) => c.constructor.name === 'PutCommand' && (c.input['Item'] as Record<string, unknown>)['type'] === type;
const watermarkUpdate = (c: Command) => c.constructor.name === 'UpdateCommand' && (c.input['Key'] as Record<string, unknown>)['pk'] === 'STATE';

let serial = 0;
/** A fresh copy of the data before tonight's run, with a context on it. */
const copyOfTonight = async (): Promise<NightlyContext> => {
  serial += 1;
  const where = { table: `crash-${serial}`, bucket: `crash-bucket-${serial}` };
  await cloneStore(clients, BASE, where);
  return testContext(clients, where, () => tonight, { k: 3 });
};

const runRecord = async (ctx: NightlyContext): Promise<RunRecord> => {
  const run = await getRun(ctx.db, RUN_ID);
  if (run === undefined) throw new Error('no run record');
  return run;
};
const counts = (run: RunRecord) => ({
  status: run.status, error: run.error, from: run.from, to: run.to, changedCount: run.changedCount, groupsRecomputed: run.groupsRecomputed,
  cellsPublished: run.cellsPublished, cellsSuppressed: run.cellsSuppressed, periodsPublished: run.periodsPublished, dataAsOf: run.dataAsOf,
  reports: run.reports, finishedAt: run.finishedAt,
});
const derivedItems = async (ctx: NightlyContext) => (await scanTable(clients.doc, ctx.db.table))
  .filter((i) => /^(GSTATS#|FIGURES#|PUBLICATION$)/.test(String(i['pk'])))
  .sort((a, b) => `${String(a['pk'])}|${String(a['sk'])}`.localeCompare(`${String(b['pk'])}|${String(b['sk'])}`));

interface Reference { objects: Map<string, Buffer>; run: RunRecord; items: Record<string, unknown>[] }
const references = new Map<string, Reference>();
/** The uninterrupted run on identical data (with or without rendering), computed once. */
const reference = async (render: RenderStep | undefined): Promise<Reference> => {
  const name = render === undefined ? 'plain' : 'render';
  const known = references.get(name);
  if (known !== undefined) return known;
  const ctx = await copyOfTonight();
  await runNightly(ctx, { runId: RUN_ID, trigger: 'test', batchSize: 1, concurrency: 1, ...(render !== undefined && { render }) });
  const made = { objects: await readBucket(clients.s3, ctx.bucket), run: await runRecord(ctx), items: await derivedItems(ctx) };
  references.set(name, made);
  return made;
};

beforeAll(async () => {
  t = await startTestStack();
  clients = stackClients(t);
  Object.assign(BASE, { table: t.stack.info.tableName, bucket: t.stack.info.reportsBucket });
  const { api, info } = t.stack;
  await ingestGolden(api, info.keys.clinic);
  await runNightly(testContext(clients, BASE, () => FIRST_NIGHT, { k: 3 }), { trigger: 'test' });
  // Since the first night: a corrected answer, a late attendance mark, and an erased participant.
  await api.post('/v1/responses', info.keys.clinic, { responses: [
    { groupId: 'gold-a', participantRef: 'A2', instrument: 'phq9', session: 3, administeredOn: '2025-01-20', items: [1, 1, 1, 1, 1, 1, 1, 1, 0] },
  ] });
  await api.post('/v1/attendance', info.keys.clinic, { records: [{ groupId: 'gold-c', participantRef: 'C3', session: 2, date: '2025-03-10', status: 'late' }] });
  await api.post('/v1/admin/erasures', info.keys.admin, { clinicId: 'northside', participantRef: 'B4' });
  tonight = new Date(Date.now() + 1000);
}, 600_000);
afterAll(async () => { await t?.stop(); });

const SCENARIOS: { step: string; fail: (ctx: NightlyContext) => NightlyContext; render?: RenderStep }[] = [
  { step: 'list changed groups (writing the work list)', fail: (ctx) => ({ ...ctx, s3: failingS3(ctx.s3, putObjectOf('work/'), 1, new Error(INJECTED)) }) },
  { step: 'recompute (second group of three)', fail: (ctx) => ({ ...ctx, db: failingDb(ctx.db, putItemOf('groupStats'), 2, new Error(INJECTED)) }) },
  { step: 'roll-up (dashboard CSV after its JSON)', fail: (ctx) => ({ ...ctx, s3: failingS3(ctx.s3, putObjectOf('figures/dashboard/figures.csv'), 1, new Error(INJECTED)) }) },
  { step: 'roll-up (publication record)', fail: (ctx) => ({ ...ctx, db: failingDb(ctx.db, putItemOf('publication'), 1, new Error(INJECTED)) }) },
  { step: 'roll-up (quarter figures)', fail: (ctx) => ({ ...ctx, s3: failingS3(ctx.s3, putObjectOf('publications/2025-Q1/figures.json'), 1, new Error(INJECTED)) }) },
  { step: 'finish (advancing the watermark)', fail: (ctx) => ({ ...ctx, db: failingDb(ctx.db, watermarkUpdate, 1, new Error(INJECTED)) }) },
  {
    step: 'render (third funder-report object)', render: renderReportsStep,
    fail: (ctx) => ({ ...ctx, s3: failingS3(ctx.s3, putObjectOf('reports/'), 3, new Error(INJECTED)) }),
  },
];

describe('a nightly run that crashes at a step and is resumed', () => {
  it.each(SCENARIOS)('records the failure at $step, keeps the watermark, and resumes to byte-identical outputs', async ({ fail, render }) => {
    // Prepare
    const expected = await reference(render);
    const ctx = await copyOfTonight();
    const options = { runId: RUN_ID, trigger: 'test', batchSize: 1, concurrency: 1, ...(render !== undefined && { render }) };

    // Act
    const crashed = await runNightly(fail(ctx), options).then(() => 'succeeded', (error: unknown) => (error as Error).message);
    const failed = await runRecord(ctx);
    const watermarkAfterCrash = await getWatermark(ctx.db);
    await runNightly(ctx, options);

    // Assess
    expect(crashed).toBe(INJECTED);
    expect(failed.status).toBe('failed');
    expect(failed.error).toBe(`Error: ${INJECTED}`);
    expect(watermarkAfterCrash).toBe(FIRST_NIGHT.toISOString());
    expect(await getWatermark(ctx.db)).toBe(expected.run.to);
    expect(counts(await runRecord(ctx))).toEqual(counts(expected.run));
    expect(await derivedItems(ctx)).toEqual(expected.items);
    const objects = await readBucket(clients.s3, ctx.bucket);
    expect([...objects.keys()].sort()).toEqual([...expected.objects.keys()].sort());
    const differing = [...objects].filter(([key, body]) => !body.equals(expected.objects.get(key) ?? Buffer.alloc(0))).map(([key]) => key);
    expect(differing).toEqual([]);
  }, 600_000);

  it('publishes what the reference run publishes: the quarter closed since the first night (months are not published)', async () => {
    // Act
    const { run, objects } = await reference(undefined);

    // Assess
    expect(run.periodsPublished).toEqual(['2025-Q1']);
    expect(objects.has('publications/2025-Q1/figures.json')).toBe(true);
    expect(run.status).toBe('succeeded');
  });
});
