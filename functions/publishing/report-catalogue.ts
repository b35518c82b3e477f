import type { Principal } from '../core/access/principal';
import type { StoredProgramme } from '../store/organisation-store';
import { periodLabel } from '../../reports/period-label';

/** The files of a funder report in the order a reader wants them: the report first, the audit trail last. */
const FILE_ORDER = ['report.html', 'report.pdf', 'figures.csv', 'manifest.json', 'publication.json'];
const fileRank = (name: string): number => (FILE_ORDER.includes(name) ? FILE_ORDER.indexOf(name) : FILE_ORDER.length);

/** One thing a caller may open: a dashboard, or a funder report of a period, with its files. */
export interface CatalogueEntry {
  kind: 'dashboard' | 'funder-report';
  title: string;
  programmeId?: string;
  funderId?: string;
  period?: string;
  /** File name → bucket key, the report itself first. */
  files: Record<string, string>;
}

/**
 * What a key may see (pure): managers their programmes' dashboards (the organisation page when they hold
 * every programme) and the reports of funders whose programmes they all hold; funders their own reports;
 * admins everything. `reportKeys` are the bucket keys under `reports/`.
 */
export const reportCatalogue = (principal: Principal, programmes: readonly StoredProgramme[], dashboardKeys: readonly string[], reportKeys: readonly string[]): CatalogueEntry[] => {
  const allIds = programmes.map((p) => p.programmeId);
  const visibleProgrammes = principal.role === 'admin' ? allIds : principal.role === 'manager' ? allIds.filter((id) => principal.programmeIds.includes(id)) : [];
  const entries: CatalogueEntry[] = [];
  const dashboards = new Set(dashboardKeys);
  if ((principal.role === 'admin' || (principal.role === 'manager' && allIds.every((id) => visibleProgrammes.includes(id)))) && dashboards.has('dashboards/index.html')) {
    entries.push({ kind: 'dashboard', title: 'Organisation dashboard (all programmes)', files: { 'index.html': 'dashboards/index.html' } });
  }
  for (const programme of programmes) {
    const key = `dashboards/${programme.programmeId}/index.html`;
    if (visibleProgrammes.includes(programme.programmeId) && dashboards.has(key)) {
      entries.push({ kind: 'dashboard', title: `${programme.name} dashboard`, programmeId: programme.programmeId, files: { 'index.html': key } });
    }
  }
  const funderProgrammes = new Map<string, string[]>();
  const funderNames = new Map<string, string>();
  for (const programme of programmes) {
    for (const f of programme.funders) {
      funderProgrammes.set(f.funderId, [...(funderProgrammes.get(f.funderId) ?? []), programme.programmeId]);
      funderNames.set(f.funderId, f.name);
    }
  }
  const mayRead = (funderId: string): boolean => {
    if (principal.role === 'admin') return true;
    if (principal.role === 'funder') return principal.funderId === funderId;
    // a funder that funds no registered programme any more has no manager who holds all its programmes
    if (principal.role === 'manager') { const funded = funderProgrammes.get(funderId) ?? []; return funded.length > 0 && funded.every((id) => visibleProgrammes.includes(id)); }
    return false;
  };
  const reports = new Map<string, CatalogueEntry>();
  const byFile = (a: string, b: string): number => fileRank(a.slice(a.lastIndexOf('/') + 1)) - fileRank(b.slice(b.lastIndexOf('/') + 1)) || a.localeCompare(b);
  for (const key of [...reportKeys].sort(byFile)) {
    const match = /^reports\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(key);
    if (match === null) continue;
    const [, funderId, period, file] = match as unknown as [string, string, string, string];
    if (!mayRead(funderId)) continue;
    const id = `${funderId}/${period}`;
    const entry = reports.get(id) ?? { kind: 'funder-report', title: `${funderNames.get(funderId) ?? funderId} report, ${periodLabel(period)}`, funderId, period, files: {} };
    entry.files[file] = key;
    reports.set(id, entry);
  }
  // A report whose publication manifest (written after all its files) is missing is still being built: not listed.
  for (const [id, entry] of reports) if (entry.files['publication.json'] === undefined) reports.delete(id);
  const byReport = (a: CatalogueEntry, b: CatalogueEntry): number => `${a.funderId}/${a.period}`.localeCompare(`${b.funderId}/${b.period}`);
  return [...entries, ...[...reports.values()].sort(byReport)];
};
