import type { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { apiClient, ApiConnectionError, ApiError } from '../../../infra/local/api-client';
import { resolveTarget, TargetError } from './stack-target';

interface RunRecord {
  runId: string;
  status: 'running' | 'succeeded' | 'failed';
  changedCount?: number;
  groupsRecomputed?: number;
  cellsPublished?: number;
  cellsSuppressed?: number;
  periodsPublished?: string[];
  reports?: number;
  error?: string;
}

/** `outcomes nightly`: start a nightly run through the admin API and follow it to the end with a progress bar. */
export const registerNightly = (program: Command): void => {
  program
    .command('nightly')
    .description('Run the nightly aggregation now (local stack by default, or a deployed API) and wait for it')
    .option('--data-dir <dir>', 'local stack data directory', '.outcomes')
    .option('--api-url <url>', 'a deployed API (or OUTCOMES_API_URL)')
    .option('--key <key>', 'an admin API key (or OUTCOMES_API_KEY)')
    .option('--full', 'recompute every group, not only the changed ones')
    .option('--no-progress', 'no progress bar')
    .action(async (options: { dataDir: string; apiUrl?: string; key?: string; full?: boolean; progress: boolean }) => {
      try {
        const target = await resolveTarget(options, 'admin');
        const api = apiClient(target.apiUrl);
        const started = await api.post<{ runId: string }>('/v1/admin/runs', target.key, options.full ? { full: true } : {});
        process.stderr.write(`Run ${started.runId} started\n`);
        const bar = options.progress && process.stderr.isTTY ? new SingleBar({ format: 'Recomputing groups [{bar}] {value}/{total}', stream: process.stderr }, Presets.shades_classic) : undefined;
        let run: RunRecord;
        for (;;) {
          run = await api.get<RunRecord>(`/v1/admin/runs/${started.runId}`, target.key);
          if (bar !== undefined && run.changedCount !== undefined) {
            if (bar.getTotal() !== run.changedCount) bar.start(run.changedCount, 0);
            bar.update(Math.min(run.groupsRecomputed ?? 0, run.changedCount));
          }
          if (run.status !== 'running') break;
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
