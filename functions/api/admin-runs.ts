import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { runRequestSchema, type RunRequest } from '../../schemas/api/runs';
import { compileValidator } from '../core/validation/schema-validator';
import { Messages } from '../core/messages';
import { authorized } from './handle';
import { parseBody, pathParameter } from './request';
import { json } from './http-response';
import { ConflictError, NotFoundError } from './errors';
import { Env } from '../../infra/api-routes';
import { db } from '../runtime/context';
import { ConfigurationError } from '../runtime/config';
import { createRun, currentRunLease, getRun } from '../store/run-store';
import { newRunId } from '../nightly/steps/list-changed-groups';
import { localRunStarter } from '../nightly/run-starter';

const validate = compileValidator<RunRequest>(runRequestSchema);
const stateMachineArn = process.env[Env.stateMachineArn];
const sfn = stateMachineArn ? new SFNClient({}) : undefined;

/**
 * `POST /v1/admin/runs` starts a nightly run now and answers 202 with its id: in AWS as a Step Functions
 * execution, in the local stack in-process. `GET /v1/admin/runs/{runId}` returns the run record.
 */
export const handler = authorized(['admin'], async (event) => {
  if (event.httpMethod === 'GET') {
    const runId = pathParameter(event, 'runId');
    const run = await getRun(db, runId);
    if (run === undefined) throw new NotFoundError(Messages.runNotFound(runId));
    return json(200, run);
  }
  const request = event.body ? parseBody(event, validate) : {};
  const now = new Date();
  const running = await currentRunLease(db, now);
  if (running !== undefined) throw new ConflictError(Messages.runInProgress(running));
  const runId = newRunId(now);
  await createRun(db, { runId, trigger: 'api', status: 'running', startedAt: now.toISOString() });
  const input = { runId, trigger: 'api', ...(request.full === true && { full: true }) };
  if (sfn !== undefined) {
    await sfn.send(new StartExecutionCommand({ stateMachineArn, name: runId, input: JSON.stringify(input) }));
  } else {
    // Local stack: the same steps in its own process, in the background; the caller polls the run record.
    const start = localRunStarter();
    if (start === undefined) throw new ConfigurationError(`Set ${Env.stateMachineArn} to start runs`);
    start(input);
  }
  return json(202, { runId, status: 'running', links: { self: `/v1/admin/runs/${runId}` } });
});
