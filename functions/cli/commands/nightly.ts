import type { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { apiClient, ApiConnectionError, ApiError } from '../../../infra/local/api-client';
import { resolveTarget, TargetError } from './stack-target';

interface RunRecord {
  runId: string;
  status: 'running' | 'succeeded' | 'failed' | 'abandoned';
  stalled?: boolean;
  changedCount?: number;
  groupsRecomputed?: number;
  cellsPublished?: number;
  cellsSuppressed?: number;
  periodsPublished?: string[];
  reports?: number;
  error?: string;
}

/**
 * `outcomes nightly`: start a nightly run through the admin API and follow it to the end with a progress bar;
 * `--resume <id>` continues a stalled or failed run instead, `--abandon <id>` gives it up, `--show <id>` prints
 * a run record (a `running` run with `"stalled": true` has stopped: resume or abandon it).
 */
export const registerNightly = (program: Command): void => {
  program
    .command('nightly')
    .description('Run the nightly aggregation now (local stack by default, or a deployed API) and wait for it')
    .option('--data-dir <dir>', 'local stack data directory', '.outcomes')
    .option('--api-url <url>', 'a deployed API (or OUTCOMES_API_URL)')
    .option('--key <key>', 'an admin API key (or OUTCOMES_API_KEY)')
    .option('--full', 'recompute every group, not only the changed ones')
    .option('--resume <runId>', 'resume a stalled or failed run (same window) instead of starting one')
    .option('--abandon <runId>', 'abandon a stalled or failed run (the next run covers its window) and exit')
    .option('--show <runId>', 'print a run record and exit')
    .option('--no-progress', 'no progress bar')
    .action(async (options: NightlyOptions) => {
      try {
        const chosen = [options.resume, options.abandon, options.show].filter((o) => o !== undefined);
        if (chosen.length > 1 || (chosen.length > 0 && options.full === true)) throw new TargetError('choose one of --resume, --abandon, --show and --full');
        const target = await resolveTarget(options, 'admin');
        const api = apiClient(target.apiUrl);
        if (options.show !== undefined || options.abandon !== undefined) {
          const record = options.show !== undefined
            ? await api.get<RunRecord>(`/v1/admin/runs/${encodeURIComponent(options.show)}`, target.key)
            : await api.post<RunRecord>(`/v1/admin/runs/${encodeURIComponent(options.abandon ?? '')}/abandon`, target.key, {});
          process.stdout.write(`${JSON.stringify(record, null, 2)}\n`);
          return;
        }
        const started = options.resume !== undefined
          ? await api.post<{ runId: string }>(`/v1/admin/runs/${encodeURIComponent(options.resume)}/resume`, target.key, {})
          : await api.post<{ runId: string }>('/v1/admin/runs', target.key, options.full ? { full: true } : {});
        process.stderr.write(`Run ${started.runId} ${options.resume !== undefined ? 'resumed' : 'started'}\n`);
        const bar = options.progress && process.stderr.isTTY ? new SingleBar({ format: 'Recomputing groups [{bar}] {value}/{total}', stream: process.stderr }, Presets.shades_classic) : undefined;
        let run: RunRecord;
        for (;;) {
          run = await api.get<RunRecord>(`/v1/admin/runs/${started.runId}`, target.key);
          if (bar !== undefined && run.changedCount !== undefined) {
            if (bar.getTotal() !== run.changedCount) bar.start(run.changedCount, 0);
            bar.update(Math.min(run.groupsRecomputed ?? 0, run.changedCount));
          }
          if (run.status !== 'running') break;
          if (run.stalled === true) {
            // Its process stopped (the stack was killed): nothing will move it on; say what to do.
            process.stderr.write(`Run ${run.runId} stalled; \`outcomes nightly --resume ${run.runId}\` resumes it, \`--abandon ${run.runId}\` gives it up\n`);
            break;
          }
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
        bar?.stop();
        process.stdout.write(`${JSON.stringify(run, null, 2)}\n`);
        if (run.status !== 'succeeded') process.exitCode = 1;
      } catch (error) {
        if (error instanceof TargetError || error instanceof ApiError || error instanceof ApiConnectionError) {
          process.stderr.write(`outcomes nightly: ${error.message}\n`);
          process.exitCode = 1;
          return;
        }
        throw error;
      }
    });
};

interface NightlyOptions {
  dataDir: string;
  apiUrl?: string;
  key?: string;
  full?: boolean;
  resume?: string;
  abandon?: string;
  show?: string;
  progress: boolean;
}
