import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../../infra/local/api-client';
import { startLocalStack, type RunningLocalStack } from '../../../infra/local/local-stack';
import type { RunRecord } from '../../../functions/store/run-store';
import { ingestGolden } from './support/golden-ingest';

const ROOT = new URL('../../../', import.meta.url).pathname;
let stack: RunningLocalStack;
let dataDir: string;
let logLevel: string | undefined;

const status = async (call: Promise<unknown>): Promise<number> => {
  try {
    await call;
    return 200;
  } catch (error) {
    if (error instanceof ApiError) return error.status;
    throw error;
  }
};

/** Polls the run record until the run has ended. */
const finished = async (runId: string): Promise<RunRecord> => {
  for (let i = 0; i < 600; i += 1) {
    const run = await stack.api.get<RunRecord>(`/v1/admin/runs/${runId}`, stack.info.keys.admin);
    if (run.status !== 'running') return run;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`run ${runId} did not finish`);
};

/** Runs the `outcomes` CLI as a child process (this process serves the stack, so it must not block). */
const cli = (args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> => new Promise((resolve) => {
  const child = spawn(process.execPath, ['functions/cli/bin.mjs', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString('utf8'); });
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString('utf8'); });
  child.once('exit', (code) => resolve({ code, stdout, stderr }));
});

beforeAll(async () => {
  logLevel = process.env['POWERTOOLS_LOG_LEVEL'];
  process.env['POWERTOOLS_LOG_LEVEL'] = 'ERROR';
  dataDir = await mkdtemp(join(tmpdir(), 'outcomes-runs-'));
  stack = await startLocalStack({ port: 0, dataDir, seed: false });
  await ingestGolden(stack.api, stack.info.keys.clinic);
}, 600_000);
afterAll(async () => {
  await stack?.stop();
  await rm(dataDir, { recursive: true, force: true });
  if (logLevel === undefined) delete process.env['POWERTOOLS_LOG_LEVEL'];
  else process.env['POWERTOOLS_LOG_LEVEL'] = logLevel;
});

describe('POST and GET /v1/admin/runs', () => {
  it('starts a run with 202 and a run id, and the record ends succeeded with its counts', async () => {
    // Act
    const started = await stack.api.post<{ runId: string; status: string; links: { self: string } }>('/v1/admin/runs', stack.info.keys.admin, {});
    const run = await finished(started.runId);

    // Assess
    expect(started.status).toBe('running');
    expect(started.links.self).toBe(`/v1/admin/runs/${started.runId}`);
    expect(run).toMatchObject({ runId: started.runId, trigger: 'api', status: 'succeeded', changedCount: 3, groupsRecomputed: 3 });
    expect(run.error).toBeUndefined();
    expect(run.cellsPublished).toBeGreaterThan(0);
    expect(run.cellsSuppressed).toBeGreaterThan(0);
    expect(run.periodsPublished).toEqual(['2025-Q1']);
    expect(run.reports).toBeGreaterThan(0);
    expect(run.finishedAt! >= run.startedAt).toBe(true);
  }, 600_000);

  it('answers 202 with its own status code', async () => {
    // Act
    const response = await fetch(new URL('/v1/admin/runs', stack.info.apiUrl), {
      method: 'POST', headers: { authorization: `Bearer ${stack.info.keys.admin}`, 'content-type': 'application/json' }, body: '{}',
    });
    const body = await response.json() as { runId: string };
    await finished(body.runId);

    // Assess
    expect(response.status).toBe(202);
    expect(body.runId).toMatch(/^run-\d{8}T\d{6}Z-[0-9a-f]{6}$/);
  }, 600_000);

  it('refuses clinic, manager and funder keys with 403', async () => {
    // Prepare
    const { clinic, manager, funder } = stack.info.keys;

    // Act
    const codes = await Promise.all([clinic, manager, funder].flatMap((key) => [
      status(stack.api.post('/v1/admin/runs', key, {})),
      status(stack.api.get('/v1/admin/runs/run-20250101T000000Z-000000', key)),
    ]));

    // Assess
    expect(codes).toEqual([403, 403, 403, 403, 403, 403]);
  });

  it('answers 404 for an unknown run and 400 for an unknown option', async () => {
    // Act / Assess
    expect(await status(stack.api.get('/v1/admin/runs/run-19990101T000000Z-abcdef', stack.info.keys.admin))).toBe(404);
    expect(await status(stack.api.post('/v1/admin/runs', stack.info.keys.admin, { everything: true }))).toBe(400);
  });
});

describe('outcomes nightly', () => {
  it('runs against the local stack, prints the finished run record as JSON and exits 0', async () => {
    // Act
    const result = await cli(['nightly', '--data-dir', dataDir, '--no-progress']);

    // Assess
    expect(result.code).toBe(0);
    const run = JSON.parse(result.stdout) as RunRecord;
    expect(run).toMatchObject({ status: 'succeeded', trigger: 'api' });
    // Groups changed within the watermark overlap (minutes ago) are read again: recomputing is idempotent.
    expect(run.groupsRecomputed).toBe(run.changedCount);
    expect(run.periodsPublished).toEqual([]);
    expect(result.stderr).toContain(`Run ${run.runId} started`);
    expect(await stack.api.get<RunRecord>(`/v1/admin/runs/${run.runId}`, stack.info.keys.admin)).toEqual(run);
  }, 600_000);
});
