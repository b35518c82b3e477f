import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { runRequestSchema, type RunRequest } from '../../schemas/api/runs';
import { compileValidator } from '../core/validation/schema-validator';
import { Messages } from '../core/messages';
import { authorized } from './handle';
import type { Principal } from '../core/access/principal';
import { recordAction } from './audit-trail';
import { parseBody, pathParameter } from './request';
import { json } from './http-response';
import { ConflictError, NotFoundError } from './errors';
import { Env, HANDLERS } from '../../infra/api-routes';
import { db } from '../runtime/context';
import { ConfigurationError } from '../runtime/config';
import { createRun, getRun, resumeRun, updateRun, type RunRecord } from '../store/run-store';
import { RunInProgressError, readRunLease, releaseRunLease } from '../store/run-lease';
import { newRunId } from '../nightly/steps/list-changed-groups';
import { localRunStarter, type RunInput } from '../nightly/run-starter';
import { RunNotAbandonableError, RunStillAliveError, abandonStalledRun, runLeaseState, takeRunLease } from '../nightly/run-control';

const validate = compileValidator<RunRequest>(runRequestSchema);
const stateMachineArn = process.env[Env.stateMachineArn];
const sfn = stateMachineArn ? new SFNClient({}) : undefined;

/**
 * `POST /v1/admin/runs` starts a nightly run now and answers 202 with its id: in AWS as a Step Functions
 * execution, in the local stack in-process. `GET /v1/admin/runs/{runId}` returns the run record with the state
 * of its lease (a `running` run whose lease expired is `stalled`). `POST …/{runId}/resume` continues a stalled
 * or failed run (202); `POST …/{runId}/abandon` gives it up (200). A run whose lease is live answers 409.
 */
export const handler = authorized(HANDLERS.adminRuns.roles, (event, principal) => conflictsAs409(() => route(event, principal)));

const route = async (event: APIGatewayProxyEvent, principal: Principal) => {
  const now = new Date();
  if (event.httpMethod === 'GET') return json(200, await withLease(await existingRun(event), now));
  if (event.resource?.endsWith('/abandon')) {
    const abandoned = await abandonStalledRun(db, await existingRun(event), now);
    await recordAction(principal, 'run.abandoned', { runId: abandoned.runId });
    return json(200, abandoned);
  }
  if (event.resource?.endsWith('/resume')) {
    const run = await existingRun(event);
    if (run.status === 'succeeded' || run.status === 'abandoned') throw new ConflictError(Messages.runNotResumable(run.runId, run.status));
    // Each attempt gets its own token, and in AWS its own execution name: the first attempt's is taken.
    const token = `${run.runId}-resume-${now.toISOString().replace(/[-:.]/g, '')}`;
    await takeRunLease(db, run.runId, token, now);
    await resumeRun(db, run.runId);
    await start({ runId: run.runId, trigger: run.trigger, leaseToken: token, ...(run.full === true && { full: true }) }, token);
    await recordAction(principal, 'run.resumed', { runId: run.runId });
    return json(202, { runId: run.runId, status: 'running', resumed: true, links: { self: `/v1/admin/runs/${run.runId}` } });
  }
  const request = event.body ? parseBody(event, validate) : {};
  const runId = newRunId(now);
  // The lease is taken here, before the run exists: of two starts at once exactly one answers 202.
  await takeRunLease(db, runId, runId, now);
  await createRun(db, { runId, trigger: 'api', status: 'running', startedAt: now.toISOString() });
  await start({ runId, trigger: 'api', leaseToken: runId, ...(request.full === true && { full: true }) }, runId);
  await recordAction(principal, 'run.started', { runId, full: request.full === true });
  return json(202, { runId, status: 'running', links: { self: `/v1/admin/runs/${runId}` } });
};

/** A live lease in the way, or a run in a state that does not allow the action: 409 with what to do. */
const conflictsAs409 = async <T>(work: () => Promise<T>): Promise<T> => {
  try {
    return await work();
  } catch (error) {
    if (error instanceof RunStillAliveError) throw new ConflictError(Messages.runStillAlive(error.runId, error.leaseExpiresAt), { cause: error });
    if (error instanceof RunInProgressError) throw new ConflictError(Messages.runInProgress(error.holder), { cause: error });
    if (error instanceof RunNotAbandonableError) throw new ConflictError(Messages.runNotAbandonable(error.runId, error.status), { cause: error });
    throw error;
  }
};

const existingRun = async (event: APIGatewayProxyEvent): Promise<RunRecord> => {
  const runId = pathParameter(event, 'runId');
  const run = await getRun(db, runId);
  if (run === undefined) throw new NotFoundError(Messages.runNotFound(runId));
  return run;
};

const withLease = async (run: RunRecord, now: Date) =>
  (run.status === 'running' ? { ...run, ...runLeaseState(run.runId, await readRunLease(db), now) } : run);

/** Starts the steps: a Step Functions execution named `executionName` in AWS, in-process locally. */
const start = async (input: RunInput, executionName: string): Promise<void> => {
  try {
    if (sfn !== undefined) {
      await sfn.send(new StartExecutionCommand({ stateMachineArn, name: executionName, input: JSON.stringify(input) }));
      return;
    }
    // Local stack: the same steps in its own process, in the background; the caller polls the run record.
    const startLocally = localRunStarter();
    if (startLocally === undefined) throw new ConfigurationError(`Set ${Env.stateMachineArn} to start runs`);
    startLocally(input);
  } catch (error) {
    // Nothing runs: give the lease back at once instead of making the next start wait for its expiry.
    await updateRun(db, input.runId, { status: 'failed', finishedAt: new Date().toISOString(), error: `Could not start: ${(error as Error).name}` });
    await releaseRunLease(db, input.runId, input.leaseToken);
    throw error;
  }
};
