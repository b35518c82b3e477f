import type { NightlyContext } from '../nightly/nightly-context';
import { Messages } from '../core/messages';
import { advanceReportJob, getReportJob, type ReportJobError } from '../store/report-job-store';
import { PeriodNotPublishedError, UnknownFunderError, publishFunderReport } from './publish-reports';

/**
 * Builds the report a queued job asks for and records how it ended: `succeeded` with the keys written, or
 * `failed` with an error in the API's shape. Never throws for a build that failed (the job says so);
 * throws only when the job cannot be recorded. A job that already ended is left as it is.
 */
export const runReportJob = async (ctx: NightlyContext, jobId: string, log: (error: unknown) => void = () => {}): Promise<void> => {
  const job = await getReportJob(ctx.db, jobId);
  if (job === undefined) return;
  if (!(await advanceReportJob(ctx.db, jobId, { status: 'running', startedAt: ctx.now().toISOString() }))) return;
  let failure: ReportJobError | undefined;
  let objects: string[] = [];
  try {
    const result = await publishFunderReport(ctx, job.funderId, job.period);
    if (result === null) failure = { error: 'not_found', message: Messages.noFiguresForFunder(job.funderId, job.period) };
    else objects = result.keys;
  } catch (error) {
    failure = reportJobError(error, job);
    if (failure.error === 'internal') log(error);
  }
  await advanceReportJob(ctx.db, jobId, failure === undefined
    ? { status: 'succeeded', finishedAt: ctx.now().toISOString(), objects }
    : { status: 'failed', finishedAt: ctx.now().toISOString(), error: failure });
};

/** The error a failed build reports: the request's problem by name, anything else as ours (detail to the log). */
export const reportJobError = (error: unknown, job: { funderId: string; period: string }): ReportJobError => {
  if (error instanceof PeriodNotPublishedError) return { error: 'conflict', message: Messages.periodNotPublished(job.period) };
  if (error instanceof UnknownFunderError) return { error: 'not_found', message: Messages.funderNotRegistered(job.funderId) };
  return { error: 'internal', message: Messages.reportBuildFailed };
};

/** Records a job failed whose build never reported back (the Lambda timed out or crashed; Step Functions caught it). */
export const failReportJob = async (ctx: NightlyContext, jobId: string): Promise<void> => {
  await advanceReportJob(ctx.db, jobId, { status: 'failed', finishedAt: ctx.now().toISOString(), error: { error: 'internal', message: Messages.reportBuildFailed } });
};
