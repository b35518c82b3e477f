import './support/handler-env';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ThrottlingException } from '@aws-sdk/client-dynamodb';
import { handler } from '../../../functions/api/responses';
import { db } from '../../../functions/runtime/context';
import { HARBOUR, bodyOf, proxyEvent } from './support/events';
import { dynamo, fakeTable, groupItem, writtenItems } from './support/fake-table';

const BRS = { groupId: 'own', participantRef: 'N-0001', instrument: 'brs', administeredOn: '2026-01-05', session: 1, items: [5, 1, 5, 1, 5, 1] };
const post = (responses: unknown[], principal = undefined as typeof HARBOUR | undefined) =>
  handler(proxyEvent({ body: { responses }, path: '/v1/responses', ...(principal && { principal }) }));

beforeEach(() => {
  fakeTable([groupItem('own', 'northside'), groupItem('theirs', 'harbour'), groupItem('licensed', 'northside', ['cd-risc-10'])]);
  db.sleep = async () => {};
});
afterAll(() => { dynamo.restore(); });

describe('POST /v1/responses', () => {
  it('stores each administration with the score computed on the server and no raw reference', async () => {
    // Act
    const result = await post([BRS, { ...BRS, session: 2, administeredOn: '2026-01-12', items: [3, 3, 3, 3, 3, 3] }]);

    // Assess
    expect(result.statusCode).toBe(200);
    expect(bodyOf(result)).toEqual({ accepted: 2, unchanged: 0 });
    const items = writtenItems();
    expect(items.map((item) => [item['type'], item['instrument'], item['session'], item['score']])).toEqual([
      ['response', 'brs', 1, 5],
      ['response', 'brs', 2, 3],
    ]);
    expect(JSON.stringify(items)).not.toContain('N-0001');
  });

  it('retries a throttled write and succeeds', async () => {
    // Prepare
    dynamo.on(BatchWriteCommand)
      .rejectsOnce(new ThrottlingException({ message: 'slow down', $metadata: {} }))
      .rejectsOnce(new ThrottlingException({ message: 'slow down', $metadata: {} }))
      .resolves({});

    // Act
    const result = await post([BRS]);

    // Assess
    expect(bodyOf(result)).toEqual({ accepted: 1, unchanged: 0 });
    expect(dynamo.commandCalls(BatchWriteCommand)).toHaveLength(3);
  });

  it('names an instrument the group did not register', async () => {
    // Act
    const result = await post([{ ...BRS, instrument: 'phq9', items: [0, 0, 0, 0, 0, 0, 0, 0, 0] }]);

    // Assess
    expect(result.statusCode).toBe(400);
    expect(bodyOf(result)['problems']).toEqual([{
      index: 0, path: 'responses/0/instrument',
      message: 'responses/0/instrument: Instrument "phq9" is not registered for group "own" (registered: swemwbs, brs).',
    }]);
    expect(dynamo.commandCalls(BatchWriteCommand)).toHaveLength(0);
  });

  it('names an unlicensed cd-risc-10 even when its group registered it', async () => {
    // Act
    const result = await post([{ ...BRS, groupId: 'licensed', instrument: 'cd-risc-10', items: [2, 2, 2, 2, 2, 2, 2, 2, 2, 2] }]);

    // Assess
    expect(result.statusCode).toBe(400);
    expect(bodyOf(result)['problems']).toEqual([{ index: 0, path: 'responses/0/instrument', message: expect.stringMatching(/^responses\/0\/instrument: .*'cd-risc-10' needs a licence/) }]);
    expect(dynamo.commandCalls(BatchWriteCommand)).toHaveLength(0);
  });

  it('names item answers that do not fit the instrument', async () => {
    // Act
    const result = await post([{ ...BRS, items: [5, 1, 5, 1, 9] }]);

    // Assess
    expect(result.statusCode).toBe(400);
    expect((bodyOf(result)['problems'] as { path: string }[]).every((p) => p.path.startsWith('responses/0/items'))).toBe(true);
  });

  it('names administeredOn when it lies before the group started', async () => {
    // Act
    const result = await post([{ ...BRS, administeredOn: '2026-01-04' }]);

    // Assess
    expect(bodyOf(result)['problems']).toEqual([{ index: 0, path: 'responses/0/administeredOn', message: expect.stringContaining("before the group's start date") }]);
  });

  it('refuses a group of another clinic with 403 and sends no write', async () => {
    // Act
    const result = await post([BRS], HARBOUR);

    // Assess
    expect(result.statusCode).toBe(403);
    expect(dynamo.commandCalls(BatchWriteCommand)).toHaveLength(0);
  });

  it('names an unknown property of a response', async () => {
    // Act
    const result = await post([{ ...BRS, dateOfBirth: '1980-01-01' }]);

    // Assess
    expect(bodyOf(result)['problems']).toEqual([{ index: 0, path: 'responses/0/dateOfBirth', message: expect.stringContaining('is not an allowed field') }]);
  });
});
