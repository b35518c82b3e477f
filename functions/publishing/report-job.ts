import type { Db } from '../store/db';
import { getPublication } from '../store/figure-store';
import { listProgrammes } from '../store/organisation-store';

/** What is wrong with a report request before anything is built, or undefined when a build may start. */
export type ReportRequestProblem = { kind: 'period_not_published' } | { kind: 'unknown_funder' };

/**
 * The checks a build would fail on at once, made before the request is accepted, so the caller gets its
 * 409 / 404 straight away instead of a failed job: the period has a funder publication, and a programme
 * names the funder. Reads two small items; builds nothing.
 */
export const checkReportRequest = async (db: Db, funderId: string, period: string): Promise<ReportRequestProblem | undefined> => {
  if ((await getPublication(db, period)) === undefined) return { kind: 'period_not_published' };
  const programmes = await listProgrammes(db);
  if (!programmes.some((p) => p.funders.some((f) => f.funderId === funderId))) return { kind: 'unknown_funder' };
  return undefined;
};
