import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NightlyContext } from '../../../functions/nightly/nightly-context';
import { runNightly, type RenderStep } from '../../../functions/nightly/run-nightly';
import { listChangedGroupsStep } from '../../../functions/nightly/steps/list-changed-groups';
import { renderReportsStep } from '../../../functions/nightly/steps/render-reports';
import { getGenerationPointer } from '../../../functions/store/generation-store';
import { getRun, type RunRecord } from '../../../functions/store/run-store';
import { RunInProgressError, acquireRunLease, readRunLease, releaseRunLease } from '../../../functions/store/run-lease';
import { startTestStack, send, type TestStack } from '../support/test-stack';
import { ingestGolden } from './support/golden-ingest';
import { stackClients, testContext, type StackClients } from './support/nightly-harness';

let t: TestStack;
let clients: StackClients;
let serial = 0;

const context = (now: () => Date = () => new Date(), lease?: NightlyContext['lease']): NightlyContext =>
  testContext(clients, { table: t.stack.info.tableName, bucket: t.stack.info.reportsBucket }, now, { k: 3, ...(lease && { lease }) });

/**
 * A run as a killed process leaves it: the window chosen and the record `running`, its lease not renewed any
 * more. Its lease lasts 1 ms, so it has expired by the time the test looks.
 */
const killedRun = async (): Promise<string> => {
  serial += 1;
  const runId = `run-killed-${serial}`;
  await listChangedGroupsStep(context(() => new Date(), { durationMs: 1, heartbeatMs: 60_000 }), { runId, trigger: 'test' });
  await new Promise((resolve) => setTimeout(resolve, 5));
  return runId;
};

const admin = (method: string, path: string) => send(t.stack.info.apiUrl, method, path, { key: t.stack.info.keys.admin, body: '{}', contentType: 'application/json' });
// Through the API client: it sends a read again on a connection the server reset while a run kept it busy.
const read = (runId: string) => t.stack.api.get<RunRecord & { stalled?: boolean; leaseExpiresAt?: string }>(`/v1/admin/runs/${runId}`, t.stack.info.keys.admin);

/** Polls the run record until the run has ended (no wall-clock limit of its own: the test's timeout is generous). */
const finished = async (runId: string): Promise<RunRecord> => {
  for (;;) {
    const run = await read(runId);
    if (run.status !== 'running') return run;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

beforeAll(async () => {
  t = await startTestStack();
  clients = stackClients(t);
  await ingestGolden(t.stack.api, t.stack.info.keys.clinic);
}, 600_000);
afterAll(async () => { await t?.stop(); });

describe('a nightly run whose process was killed', () => {
  it('shows as stalled and resumes through the API with the window it chose', async () => {
    // Prepare
    const runId = await killedRun();
    const before = await getRun(t.db, runId);

    // Act
    const stalled = await read(runId);
    const resumed = await admin('POST', `/v1/admin/runs/${runId}/resume`);
    const run = await finished(runId);

    // Assess
    expect(stalled).toMatchObject({ runId, status: 'running', stalled: true });
    expect(resumed.status).toBe(202);
    expect(resumed.json).toEqual({ runId, status: 'running', resumed: true, links: { self: `/v1/admin/runs/${runId}` } });
    expect(run).toMatchObject({ runId, status: 'succeeded', from: before?.from, to: before?.to });
    expect(run).not.toHaveProperty('stalled');
    expect(await readRunLease(t.db)).toBeUndefined();
  }, 600_000);

  it('is abandoned through the API, once, and then can no longer be resumed', async () => {
    // Prepare
    const runId = await killedRun();

    // Act
    const abandoned = await admin('POST', `/v1/admin/runs/${runId}/abandon`);
    const again = await admin('POST', `/v1/admin/runs/${runId}/abandon`);
    const resumed = await admin('POST', `/v1/admin/runs/${runId}/resume`);

    // Assess
    expect(abandoned.status).toBe(200);
    expect(abandoned.json).toMatchObject({ runId, status: 'abandoned', error: expect.stringMatching(/^Abandoned by an operator at /) });
    expect(again).toMatchObject({ status: 200, json: abandoned.json });
    expect(resumed.status).toBe(409);
    expect(resumed.json).toEqual({ error: 'conflict', message: `Run ${runId} was abandoned; start a new run (POST /v1/admin/runs), which covers its window.` });
    expect(await readRunLease(t.db)).toBeUndefined();
  }, 600_000);

  it('is taken over by the next run, which proceeds and records the killed run as abandoned', async () => {
    // Prepare
    const runId = await killedRun();

    // Act
    const started = await admin('POST', '/v1/admin/runs');
    const next = await finished((started.json as { runId: string }).runId);

    // Assess
    expect(started.status).toBe(202);
    expect(next.status).toBe('succeeded');
    expect(await getRun(t.db, runId)).toMatchObject({
      status: 'abandoned', error: expect.stringMatching(new RegExp(`lease expired at .* and run ${next.runId} took over$`)),
    });
  }, 600_000);

  it('answers 404 to resuming or abandoning an unknown run and 400 to a malformed id', async () => {
    // Act
    const codes = await Promise.all([
      admin('POST', '/v1/admin/runs/run-19990101T000000Z-abcdef/resume'),
      admin('POST', '/v1/admin/runs/run-19990101T000000Z-abcdef/abandon'),
      admin('POST', `/v1/admin/runs/${'r'.repeat(300)}/resume`),
    ]);

    // Assess
    expect(codes.map((c) => c.status)).toEqual([404, 404, 400]);
    expect(codes[2]?.json).toMatchObject({ error: 'invalid_request', problems: [{ path: 'runId' }] });
  });
});

describe('the run lease', () => {
  it('keeps others out while a live run renews it, long past one lease length on the run clock', async () => {
    // Prepare: the run's clock jumps ten minutes while its render step waits; its heartbeat renews every 10 ms.
    let clock = new Date();
    let release: () => void = () => {};
    let rendering: () => void = () => {};
    const inRender = new Promise<void>((resolve) => { rendering = resolve; });
    const render: RenderStep = async () => {
      rendering();
      await new Promise<void>((resolve) => { release = resolve; });
      return { reports: 0 };
    };
    const ctx = context(() => clock, { durationMs: 120_000, heartbeatMs: 10 });
    const run = runNightly(ctx, { runId: 'run-alive', trigger: 'test', render });
    await inRender;
    clock = new Date(clock.getTime() + 10 * 60_000);
    while (((await readRunLease(t.db))?.expiresAt ?? 0) <= clock.getTime()) await new Promise((resolve) => setTimeout(resolve, 10));

    // Act
    const rival = await acquireRunLease(t.db, 'run-rival', clock).then(() => 'acquired', (error: unknown) => error);
    const viaApi = await admin('POST', '/v1/admin/runs');
    const resumed = await admin('POST', '/v1/admin/runs/run-alive/resume');
    const abandoned = await admin('POST', '/v1/admin/runs/run-alive/abandon');
    const shown = await read('run-alive');
    release();
    await run;

    // Assess
    expect(rival).toBeInstanceOf(RunInProgressError);
    expect((rival as RunInProgressError).holder).toBe('run-alive');
    expect(viaApi.status).toBe(409);
    expect(viaApi.json).toMatchObject({ error: 'conflict', message: expect.stringContaining('Run run-alive is in progress') });
    expect(resumed.status).toBe(409);
    expect(abandoned.status).toBe(409);
    expect(abandoned.json).toMatchObject({ message: expect.stringMatching(/^Run run-alive is alive: its lease is renewed while it works/) });
    expect(shown).toMatchObject({ status: 'running', stalled: false, leaseExpiresAt: expect.any(String) });
    expect((await getRun(t.db, 'run-alive'))?.status).toBe('succeeded');
    expect(await readRunLease(t.db)).toBeUndefined();
  }, 600_000);

  it('lets exactly one of many concurrent take-overs of an expired lease win', async () => {
    // Prepare
    const then = new Date(Date.now() - 10 * 60_000);
    await acquireRunLease(t.db, 'run-dead', then);

    // Act
    const attempts = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => acquireRunLease(t.db, `run-taker-${i}`, new Date())));

    // Assess
    const winners = attempts.flatMap((a) => (a.status === 'fulfilled' ? [a.value] : []));
    expect(winners).toHaveLength(1);
    expect(winners[0]?.tookOverFrom?.runId).toBe('run-dead');
    for (const lost of attempts.filter((a) => a.status === 'rejected')) expect((lost as PromiseRejectedResult).reason).toBeInstanceOf(RunInProgressError);
    expect((await readRunLease(t.db))?.runId).toBe(winners[0]?.lease.runId);
    await releaseRunLease(t.db, winners[0]?.lease.runId ?? '');
  });

  it('starts exactly one run of many concurrent API starts after an expired lease', async () => {
    // Prepare
    const runId = await killedRun();

    // Act
    const answers = await Promise.all(Array.from({ length: 6 }, () => admin('POST', '/v1/admin/runs')));

    // Assess
    const started = answers.filter((a) => a.status === 202);
    expect(started).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409)).toHaveLength(5);
    expect((await finished((started[0]?.json as { runId: string }).runId)).status).toBe('succeeded');
    expect((await getRun(t.db, runId))?.status).toBe('abandoned');
  }, 600_000);

  it('stops an attempt that lost its lease without recording over the run that took over', async () => {
    // Prepare: the attempt's lease lasts 1 ms and its heartbeat does not beat before the rival takes it.
    let release: () => void = () => {};
    let rendering: () => void = () => {};
    const inRender = new Promise<void>((resolve) => { rendering = resolve; });
    const render: RenderStep = async () => {
      rendering();
      await new Promise<void>((resolve) => { release = resolve; });
      return { reports: 0 };
    };
    const slow = runNightly(context(() => new Date(), { durationMs: 1, heartbeatMs: 60_000 }), { runId: 'run-overtaken', trigger: 'test', render });
    await inRender;
    await new Promise((resolve) => setTimeout(resolve, 5));
    const rival = await runNightly(context(), { runId: 'run-overtaker', trigger: 'test' });

    // Act
    release();
    const outcome = await slow.then(() => 'succeeded', (error: unknown) => (error as Error).name);

    // Assess
    expect(rival.runId).toBe('run-overtaker');
    expect(outcome).toBe('RunLeaseLostError');
    expect(await getRun(t.db, 'run-overtaken')).toMatchObject({ status: 'abandoned', error: expect.stringContaining('run run-overtaker took over') });
    expect((await getRun(t.db, 'run-overtaker'))?.status).toBe('succeeded');
  }, 600_000);

  it('never lets an attempt that lost its lease switch readers to its generation', async () => {
    // Prepare: the attempt renders only after a rival has taken its expired lease over and published.
    let release: () => void = () => {};
    let waiting: () => void = () => {};
    const parked = new Promise<void>((resolve) => { waiting = resolve; });
    const late: RenderStep = async (ctx, rollUp) => {
      waiting();
      await new Promise<void>((resolve) => { release = resolve; });
      return renderReportsStep(ctx, rollUp);
    };
    const zombie = runNightly(context(() => new Date(), { durationMs: 1, heartbeatMs: 60_000 }), { runId: 'run-zombie', trigger: 'test', render: late });
    await parked;
    await new Promise((resolve) => setTimeout(resolve, 5));
    await runNightly(context(), { runId: 'run-published', trigger: 'test', render: renderReportsStep });

    // Act
    release();
    const outcome = await zombie.then(() => 'succeeded', (error: unknown) => (error as Error).name);

    // Assess
    expect(outcome).toBe('RunLeaseLostError');
    expect((await getGenerationPointer(t.db))?.current).toBe('run-published');
    expect((await getRun(t.db, 'run-zombie'))?.status).toBe('abandoned');
  }, 600_000);
});
