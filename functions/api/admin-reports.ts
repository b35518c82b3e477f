import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { reportRequestSchema, type ReportRequest } from '../../schemas/api/reports';
import { compileValidator } from '../core/validation/schema-validator';
import { Messages } from '../core/messages';
import { authorized } from './handle';
import { recordAction } from './audit-trail';
import { parseBody, pathParameter } from './request';
import { json } from './http-response';
import { ConflictError, NotFoundError } from './errors';
import { Env, HANDLERS } from '../../infra/api-routes';
import { db } from '../runtime/context';
import { ConfigurationError } from '../runtime/config';
import { advanceReportJob, createReportJob, getReportJob, newReportJobId } from '../store/report-job-store';
import { checkReportRequest, settleOverdueJob } from '../publishing/report-job';
import { localReportJobStarter } from '../publishing/report-job-starter';

const validate = compileValidator<ReportRequest>(reportRequestSchema);
const stateMachineArn = process.env[Env.reportStateMachineArn];
const sfn = stateMachineArn ? new SFNClient({}) : undefined;

/**
 * `POST /v1/admin/reports`: (re)build one funder's report of a closed, published period in the background —
 * `202` with a job id and its `Location` (a build takes longer than API Gateway waits). `GET
 * /v1/admin/reports/{jobId}` reads the job: queued, running, succeeded (with the keys) or failed (with the
 * error). Rebuilding is idempotent: the same figures give the same bytes under the same keys.
 */
export const handler = authorized(HANDLERS.adminReports.roles, async (event, principal) => {
  if (event.httpMethod === 'GET') {
    const jobId = pathParameter(event, 'jobId');
    const job = await getReportJob(db, jobId);
    if (job === undefined) throw new NotFoundError(Messages.reportJobNotFound(jobId));
    return json(200, await settleOverdueJob(db, job, new Date()));
  }
  const request = parseBody(event, validate);
  const problem = await checkReportRequest(db, request.funderId, request.period);
  if (problem?.kind === 'period_not_published') throw new ConflictError(Messages.periodNotPublished(request.period));
  if (problem?.kind === 'unknown_funder') throw new NotFoundError(Messages.funderNotRegistered(request.funderId));
  const now = new Date();
  const jobId = newReportJobId(now);
  await createReportJob(db, { jobId, funderId: request.funderId, period: request.period, status: 'queued', requestedAt: now.toISOString() });
  try {
    if (sfn !== undefined) {
      await sfn.send(new StartExecutionCommand({ stateMachineArn, name: jobId, input: JSON.stringify({ jobId }) }));
    } else {
      const start = localReportJobStarter();
      if (start === undefined) throw new ConfigurationError(`Set ${Env.reportStateMachineArn} to build reports`);
      start(jobId);
    }
  } catch (error) {
    await advanceReportJob(db, jobId, { status: 'failed', finishedAt: new Date().toISOString(), error: { error: 'internal', message: Messages.reportBuildFailed } });
    throw error;
  }
  await recordAction(principal, 'report.requested', { jobId, funderId: request.funderId, period: request.period });
  const self = `/v1/admin/reports/${jobId}`;
  return json(202, { jobId, status: 'queued', funderId: request.funderId, period: request.period, links: { self } }, { location: self });
});
