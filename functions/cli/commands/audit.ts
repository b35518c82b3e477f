import type { Command } from 'commander';
import { apiClient, ApiConnectionError, ApiError } from '../../../infra/local/api-client';
import { resolveTarget, TargetError } from './stack-target';

interface AuditEntry { at: string; action: string; actor: { keyId?: string; role: string }; target: Record<string, unknown>; counts?: Record<string, number> }
interface AuditTrail { from: string; to: string; items: AuditEntry[]; truncated: boolean }

/**
 * `outcomes audit [--from] [--to] [--action] [--limit] [--json]`: the audit trail of administrative actions
 * through `GET /v1/admin/audit`, one line per entry, newest first.
 */
export const registerAudit = (program: Command): void => {
  program
    .command('audit')
    .description('Print the audit trail: keys issued and revoked, erasures, runs, report builds (who, when, what)')
    .option('--from <when>', 'earliest entry, a UTC date or date-time (default 31 days ago)')
    .option('--to <when>', 'latest entry (default now)')
    .option('--action <action>', 'one kind of action, e.g. key.issued or erasure')
    .option('--limit <n>', 'at most this many entries (1-1000, default 100)')
    .option('--json', 'print the answer as JSON')
    .option('--data-dir <dir>', 'local stack data directory', '.outcomes')
    .option('--api-url <url>', 'a deployed API (or OUTCOMES_API_URL)')
    .option('--key <key>', 'an admin API key (or OUTCOMES_API_KEY)')
    .action(async (options: { from?: string; to?: string; action?: string; limit?: string; json?: boolean; dataDir: string; apiUrl?: string; key?: string }) => {
      try {
        const target = await resolveTarget(options, 'admin');
        const query = new URLSearchParams(Object.entries({ from: options.from, to: options.to, action: options.action, limit: options.limit })
          .filter((entry): entry is [string, string] => entry[1] !== undefined));
        const trail = await apiClient(target.apiUrl).get<AuditTrail>(`/v1/admin/audit${query.size > 0 ? `?${query}` : ''}`, target.key);
        if (options.json === true) {
          process.stdout.write(`${JSON.stringify(trail, null, 2)}\n`);
          return;
        }
        for (const entry of trail.items) process.stdout.write(`${auditLine(entry)}\n`);
        process.stderr.write(`${trail.items.length} entries from ${trail.from} to ${trail.to}${trail.truncated ? ' (more: pass --to before the last one or a larger --limit)' : ''}\n`);
      } catch (error) {
        if (error instanceof TargetError || error instanceof ApiError || error instanceof ApiConnectionError) {
          process.stderr.write(`outcomes audit: ${error.message}\n`);
          process.exitCode = error instanceof ApiError && error.status < 500 ? 2 : 1;
          return;
        }
        throw error;
      }
    });
};

/** One entry as a line: `2026-01-05T02:00:00.000Z  key.issued  admin 3fa9…  keyId=… role=funder`. */
export const auditLine = (entry: AuditEntry): string => {
  const what = Object.entries({ ...entry.target, ...entry.counts }).map(([name, value]) => `${name}=${Array.isArray(value) ? value.join(',') : String(value)}`);
  return [entry.at, entry.action.padEnd(20), `${entry.actor.role} ${entry.actor.keyId ?? ''}`.trim(), ...what].join('  ');
};
