import { nightlyContext } from '../nightly/lambda-context';
import { logger } from '../runtime/logger';
import { failReportJob, runReportJob } from './run-report-job';

/** Input of the report-build task: the job, and on the catch path the error Step Functions caught. */
export interface BuildReportEvent {
  jobId: string;
  failure?: unknown;
}

/** Step Functions task of the report-build state machine: see `run-report-job.ts`. */
export const handler = async (event: BuildReportEvent): Promise<{ jobId: string }> => {
  if (event.failure !== undefined) await failReportJob(nightlyContext, event.jobId);
  else await runReportJob(nightlyContext, event.jobId, (error) => logger.error('Report build failed', error as Error));
  return { jobId: event.jobId };
};
