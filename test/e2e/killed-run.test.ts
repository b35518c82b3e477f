import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LocalStackInfo } from '../../infra/local/local-stack';
import type { RunRecord } from '../../functions/store/run-store';
import { apiClient } from '../../infra/local/api-client';
import { ingestGolden } from '../integration/nightly/support/golden-ingest';

const ROOT = new URL('../../', import.meta.url).pathname;

/** `npm start` as a child process on `dataDir`, ready once it prints how to stop it. */
const startDemo = async (dataDir: string): Promise<{ child: ChildProcess; output: () => string; info: LocalStackInfo }> => {
  const child = spawn(process.execPath, ['functions/cli/bin.mjs', 'demo', '--port', '0', '--data-dir', dataDir, '--no-seed'], {
    cwd: ROOT, env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'ERROR' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => { output += chunk.toString('utf8'); });
  child.stderr?.on('data', (chunk: Buffer) => { output += chunk.toString('utf8'); });
  await new Promise<void>((resolve, reject) => {
    const poll = setInterval(() => {
      if (output.includes('Press Ctrl-C to stop')) { clearInterval(poll); resolve(); }
    }, 100);
    child.once('exit', (code) => { clearInterval(poll); reject(new Error(`demo exited with ${String(code)} before running:\n${output}`)); });
  });
  const info = JSON.parse(await readFile(join(dataDir, 'local-stack.json'), 'utf8')) as LocalStackInfo;
  return { child, output: () => output, info };
};

/** Kills the process as a crash would (no chance to clean up) and waits for it to be gone. */
const kill = (child: ChildProcess): Promise<void> => new Promise((resolve) => {
  if (child.exitCode !== null || child.signalCode !== null) return resolve();
  child.once('exit', () => resolve());
  child.kill('SIGKILL');
});

const cli = (args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> => new Promise((resolve) => {
  const child = spawn(process.execPath, ['functions/cli/bin.mjs', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString('utf8'); });
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString('utf8'); });
  child.once('exit', (code) => resolve({ code, stdout, stderr }));
});

const finished = async (info: LocalStackInfo, runId: string): Promise<RunRecord> => {
  const api = apiClient(info.apiUrl);
  for (;;) {
    const run = await api.get<RunRecord>(`/v1/admin/runs/${runId}`, info.keys.admin);
    if (run.status !== 'running') return run;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
};

let dataDir: string;
let running: ChildProcess | undefined;
beforeAll(async () => { dataDir = await mkdtemp(join(tmpdir(), 'outcomes-killed-')); });
afterAll(async () => {
  if (running !== undefined) await kill(running);
  await rm(dataDir, { recursive: true, force: true });
});

describe('npm start after the stack was killed during a nightly run', () => {
  it('starts, shows the killed run as stalled, resumes it with the CLI, and takes over from the next killed run', async () => {
    // Prepare: data and a finished run, then a second run killed with its process right after it started.
    const first = await startDemo(dataDir);
    running = first.child;
    const api = apiClient(first.info.apiUrl);
    await ingestGolden(api, first.info.keys.clinic);
    const done = await api.post<{ runId: string }>('/v1/admin/runs', first.info.keys.admin, {});
    expect((await finished(first.info, done.runId)).status).toBe('succeeded');
    const killed = await api.post<{ runId: string }>('/v1/admin/runs', first.info.keys.admin, {});
    await kill(first.child);

    // Act
    const second = await startDemo(dataDir);
    running = second.child;
    const stalled = await apiClient(second.info.apiUrl).get<RunRecord & { stalled?: boolean }>(`/v1/admin/runs/${killed.runId}`, second.info.keys.admin);
    const resumed = await cli(['nightly', '--resume', killed.runId, '--data-dir', dataDir, '--no-progress']);
    const next = await apiClient(second.info.apiUrl).post<{ runId: string }>('/v1/admin/runs', second.info.keys.admin, {});
    await kill(second.child);
    const third = await startDemo(dataDir);
    running = third.child;
    const after = await apiClient(third.info.apiUrl).post<{ runId: string }>('/v1/admin/runs', third.info.keys.admin, {});
    const afterRun = await finished(third.info, after.runId);
    const overtaken = await apiClient(third.info.apiUrl).get<RunRecord>(`/v1/admin/runs/${next.runId}`, third.info.keys.admin);

    // Assess
    expect(second.output()).toContain(`Run ${killed.runId} was interrupted by an earlier stop`);
    expect(stalled).toMatchObject({ runId: killed.runId, status: 'running', stalled: true });
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain(`Run ${killed.runId} resumed`);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ runId: killed.runId, status: 'succeeded' });
    expect(third.output()).toContain(`Run ${next.runId} was interrupted by an earlier stop`);
    expect(afterRun.status).toBe('succeeded');
    expect(overtaken).toMatchObject({ status: 'abandoned', error: expect.stringContaining(`run ${after.runId} took over`) });
  }, 600_000);
});
