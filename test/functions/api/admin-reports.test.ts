import './support/handler-env';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { ADMIN, bodyOf, proxyEvent } from './support/events';
import { dynamo, fakeTable, writtenItems } from './support/fake-table';
import { Messages } from '../../../functions/core/messages';

// In AWS a build is an execution of the report-build state machine: the handler only queues it.
const STATE_MACHINE = 'arn:aws:states:eu-west-2:123456789012:stateMachine:ReportBuilds';
process.env['REPORT_STATE_MACHINE_ARN'] = STATE_MACHINE;
const sfn = mockClient(SFNClient);
const { handler } = await import('../../../functions/api/admin-reports');

const PUBLICATION = { pk: 'PUBLICATION', sk: '2026-Q1', type: 'publication', period: '2026-Q1', dataAsOf: '2026-04-10T00:00:00.000Z', runId: 'run-1', rows: 10, suppressed: 1, objects: [] };
const PROGRAMME = { pk: 'PROGRAMMES', sk: 'carers', programmeId: 'carers', name: 'Carers', funders: [{ funderId: 'wellbeing-trust', name: 'Wellbeing Trust' }] };
const request = (body: unknown) => handler(proxyEvent({ method: 'POST', path: '/v1/admin/reports', body, principal: ADMIN }));

beforeEach(() => {
  fakeTable([PUBLICATION]);
  dynamo.on(QueryCommand).resolves({ Items: [PROGRAMME] });
  sfn.reset();
  sfn.on(StartExecutionCommand).resolves({ executionArn: 'arn:execution' });
});
afterAll(() => { dynamo.restore(); sfn.restore(); });

describe('POST /v1/admin/reports in AWS', () => {
  it('queues the build, starts an execution named after the job, and answers 202 with its Location', async () => {
    // Act
    const result = await request({ funderId: 'wellbeing-trust', period: '2026-Q1' });

    // Assess
    const body = bodyOf(result) as { jobId: string; links: { self: string } };
    expect(result.statusCode).toBe(202);
    expect(result.headers?.['location']).toBe(`/v1/admin/reports/${body.jobId}`);
    expect(body).toMatchObject({ status: 'queued', funderId: 'wellbeing-trust', period: '2026-Q1', links: { self: `/v1/admin/reports/${body.jobId}` } });
    const started = sfn.commandCalls(StartExecutionCommand).map((c) => c.args[0].input);
    expect(started).toEqual([{ stateMachineArn: STATE_MACHINE, name: body.jobId, input: JSON.stringify({ jobId: body.jobId }) }]);
    expect(writtenItems()).toEqual([
      expect.objectContaining({ pk: `REPORTJOB#${body.jobId}`, status: 'queued', funderId: 'wellbeing-trust' }),
      expect.objectContaining({ type: 'audit', action: 'report.requested', target: { jobId: body.jobId, funderId: 'wellbeing-trust', period: '2026-Q1' } }),
    ]);
  });

  it('answers 409 for an unpublished period and 404 for an unknown funder without queueing anything', async () => {
    // Act
    const unpublished = await request({ funderId: 'wellbeing-trust', period: '2026-Q2' });
    const unknown = await request({ funderId: 'nobody', period: '2026-Q1' });

    // Assess
    expect([unpublished.statusCode, unknown.statusCode]).toEqual([409, 404]);
    expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(0);
    expect(writtenItems()).toEqual([]);
  });

  it('answers 400 naming the field for a malformed period', async () => {
    // Act
    const result = await request({ funderId: 'wellbeing-trust', period: '2026-13' });

    // Assess
    expect(result.statusCode).toBe(400);
    expect(bodyOf(result)).toMatchObject({ error: 'invalid_request', problems: [expect.objectContaining({ path: expect.stringContaining('period') })] });
  });

  it('records the job failed when the execution cannot start, and answers a generic 500', async () => {
    // Prepare
    sfn.on(StartExecutionCommand).rejects(new Error('service unavailable'));

    // Act
    const result = await request({ funderId: 'wellbeing-trust', period: '2026-Q1' });

    // Assess
    expect(result.statusCode).toBe(500);
    const update = dynamo.commandCalls(UpdateCommand).map((c) => c.args[0].input.ExpressionAttributeValues ?? {});
    expect(update.some((values) => Object.values(values).includes('failed'))).toBe(true);
  });
});

describe('GET /v1/admin/reports/{jobId}', () => {
  const read = (jobId: string) => handler(proxyEvent({ method: 'GET', path: `/v1/admin/reports/${jobId}`, pathParameters: { jobId }, principal: ADMIN }));
  const job = (requestedAt: string, status = 'running') =>
    ({ pk: 'REPORTJOB#report-1', sk: 'META', type: 'reportJob', jobId: 'report-1', funderId: 'wellbeing-trust', period: '2026-Q1', status, requestedAt, expiresAt: 1 });

  it('reads a job without its storage attributes', async () => {
    // Prepare
    fakeTable([job(new Date().toISOString())]);

    // Act
    const result = await read('report-1');

    // Assess
    expect(result.statusCode).toBe(200);
    expect(bodyOf(result)).toEqual({ jobId: 'report-1', funderId: 'wellbeing-trust', period: '2026-Q1', status: 'running', requestedAt: expect.any(String) });
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  it('records a build still running past its 15 minutes as failed, so a poller stops', async () => {
    // Prepare
    const stale = job(new Date(Date.now() - 16 * 60_000).toISOString());
    fakeTable([stale]);
    dynamo.on(GetCommand).resolvesOnce({ Item: stale }).resolves({ Item: { ...stale, status: 'failed', error: { error: 'internal', message: Messages.reportBuildLost(15) } } });

    // Act
    const result = await read('report-1');

    // Assess
    expect(bodyOf(result)).toMatchObject({ status: 'failed', error: { error: 'internal', message: Messages.reportBuildLost(15) } });
    expect(dynamo.commandCalls(UpdateCommand)[0]?.args[0].input.ConditionExpression).toContain('IN (:queued, :running)');
  });

  it('answers 404 for an unknown job', async () => {
    // Act
    const result = await read('report-nothing');

    // Assess
    expect(result.statusCode).toBe(404);
    expect(bodyOf(result)).toEqual({ error: 'not_found', message: Messages.reportJobNotFound('report-nothing') });
  });
});
