import type { Command } from 'commander';
import { apiClient, ApiConnectionError, ApiError } from '../../../infra/local/api-client';
import { resolveTarget, TargetError } from './stack-target';

interface CatalogueItem {
  kind: string;
  title: string;
  funderId?: string;
  period?: string;
  links: Record<string, string>;
}

interface ReportJob {
  jobId: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  objects?: string[];
  error?: { error: string; message: string };
}

/** How often the build is polled. */
const POLL_MS = 500;

/**
 * `outcomes report --funder <id> --period <period>`: request a funder report build, follow the job until it
 * ends, and print the report's links. A refused request or a failed build exits 2 when the request was at
 * fault (unknown funder, period not published), 1 otherwise.
 */
export const registerReport = (program: Command): void => {
  program
    .command('report')
    .description("Build a funder's report for a closed period (e.g. 2026-Q3 or 2026-09) and print links to its files")
    .requiredOption('--funder <id>', 'funder id')
    .requiredOption('--period <period>', 'closed month (YYYY-MM) or quarter (YYYY-Qn)')
    .option('--data-dir <dir>', 'local stack data directory', '.outcomes')
    .option('--api-url <url>', 'a deployed API (or OUTCOMES_API_URL)')
    .option('--key <key>', 'an admin API key (or OUTCOMES_API_KEY)')
    .action(async (options: { funder: string; period: string; dataDir: string; apiUrl?: string; key?: string }) => {
      try {
        const target = await resolveTarget(options, 'admin');
        const api = apiClient(target.apiUrl);
        const queued = await api.post<{ jobId: string; links: { self: string } }>('/v1/admin/reports', target.key, { funderId: options.funder, period: options.period });
        process.stderr.write(`Report build ${queued.jobId} queued\n`);
        let built = await api.get<ReportJob>(queued.links.self, target.key);
        while (built.status === 'queued' || built.status === 'running') {
          await new Promise((resolve) => setTimeout(resolve, POLL_MS));
          built = await api.get<ReportJob>(queued.links.self, target.key);
        }
        if (built.status === 'failed') {
          process.stderr.write(`outcomes report: build ${built.jobId} failed: ${built.error?.message ?? 'no detail'}\n`);
          process.exitCode = built.error?.error === 'internal' ? 1 : 2;
          return;
        }
        const catalogue = await api.get<{ items: CatalogueItem[]; expiresInSeconds: number }>('/v1/reports', target.key);
        const entry = catalogue.items.find((i) => i.kind === 'funder-report' && i.funderId === options.funder && i.period === options.period);
        process.stdout.write(`Built ${built.objects?.length ?? 0} objects for ${options.funder}, ${options.period}.\n`);
        for (const [name, link] of Object.entries(entry?.links ?? {})) process.stdout.write(`  ${name.padEnd(16)} ${link}\n`);
        process.stdout.write(`Links are valid for ${Math.round(catalogue.expiresInSeconds / 60)} minutes.\n`);
      } catch (error) {
        if (error instanceof TargetError || error instanceof ApiError || error instanceof ApiConnectionError) {
          process.stderr.write(`outcomes report: ${error.message}\n`);
          process.exitCode = error instanceof ApiError && error.status < 500 ? 2 : 1;
          return;
        }
        throw error;
      }
    });
};
