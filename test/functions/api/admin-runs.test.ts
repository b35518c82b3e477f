import './support/handler-env';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { handler } from '../../../functions/api/admin-runs';
import { ADMIN, bodyOf, proxyEvent } from './support/events';
import { dynamo, fakeTable } from './support/fake-table';

const RUN = { pk: 'RUN#run-20260105T020000Z-3fa9c1', sk: 'META', runId: 'run-20260105T020000Z-3fa9c1', trigger: 'api', status: 'succeeded', startedAt: '2026-01-05T02:00:00.000Z' };
const read = (runId: string) => handler(proxyEvent({ method: 'GET', path: `/v1/admin/runs/${runId}`, pathParameters: { runId }, principal: ADMIN }));

beforeEach(() => { fakeTable([RUN]); });
afterAll(() => { dynamo.restore(); });

describe('GET /v1/admin/runs/{runId}', () => {
  it('reads a run record by id', async () => {
    // Act
    const result = await read(RUN.runId);

    // Assess
    expect(result.statusCode).toBe(200);
    expect(bodyOf(result)).toMatchObject({ runId: RUN.runId, status: 'succeeded' });
  });

  it('answers 404 to a well-formed id of no run', async () => {
    // Act
    const result = await read('run-19990101T000000Z-abcdef');

    // Assess
    expect(result.statusCode).toBe(404);
    expect(bodyOf(result)).toEqual({ error: 'not_found', message: 'No run with id "run-19990101T000000Z-abcdef".' });
  });

  it.each([
    ['over 2 KB long', 'r'.repeat(2100)],
    ['one character over the limit', 'r'.repeat(129)],
    ['with a traversal decoded into it', 'run-1/../../STATE'],
    ['with a unicode letter', 'run-ü'],
    ['starting with a dot', '.run'],
    ['empty', ''],
  ])('answers 400 naming runId to an id %s without asking DynamoDB', async (_what, runId) => {
    // Act
    const result = await read(runId);

    // Assess
    expect(result.statusCode).toBe(400);
    expect(bodyOf(result)).toEqual({ error: 'invalid_request', problems: [{ index: null, path: 'runId', message: expect.stringMatching(/^runId: the path parameter runId must be at most 128 characters/) }] });
    expect(result.body.length).toBeLessThan(300);
    expect(dynamo.calls()).toHaveLength(0);
  });
});
