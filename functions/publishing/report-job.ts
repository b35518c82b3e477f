import type { Db } from '../store/db';
import { advanceReportJob, getReportJob, type ReportJob } from '../store/report-job-store';
import { Messages } from '../core/messages';
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

/** How long a build may take before its job counts as failed (the report-build state machine's timeout in AWS). */
export const REPORT_BUILD_DEADLINE_MS = 15 * 60 * 1000;

/**
 * A job as a poller should see it: a build still queued or running past the deadline was lost (the local
 * stack stopped during it, or the execution timed out before recording it) and is recorded failed, so no
 * client polls for ever.
 */
export const settleOverdueJob = async (db: Db, job: ReportJob, now: Date): Promise<ReportJob> => {
  if (job.status !== 'queued' && job.status !== 'running') return job;
  if (now.getTime() - Date.parse(job.requestedAt) < REPORT_BUILD_DEADLINE_MS) return job;
  await advanceReportJob(db, job.jobId, {
    status: 'failed', finishedAt: now.toISOString(), error: { error: 'internal', message: Messages.reportBuildLost(REPORT_BUILD_DEADLINE_MS / 60_000) },
  });
  return (await getReportJob(db, job.jobId)) ?? job;
};
