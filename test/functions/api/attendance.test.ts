import './support/handler-env';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { BatchWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { handler } from '../../../functions/api/attendance';
import { db } from '../../../functions/runtime/context';
import { ADMIN, HARBOUR, bodyOf, proxyEvent } from './support/events';
import { dynamo, fakeTable, groupItem, writtenItems } from './support/fake-table';
import { TABLE_NAME } from './support/handler-env';

const RECORDS = [
  { groupId: 'own', participantRef: 'N-0001', session: 1, date: '2026-01-05', status: 'present' },
  { groupId: 'own', participantRef: 'N-0002', session: 1, date: '2026-01-05', status: 'late' },
];
const throttled = () => new ProvisionedThroughputExceededException({ message: 'Rate of requests exceeds the allowed throughput', $metadata: { httpStatusCode: 400 } });
const sleeps: number[] = [];

beforeEach(() => {
  fakeTable([groupItem('own', 'northside'), groupItem('theirs', 'harbour')]);
  sleeps.length = 0;
  // The store's retry wait is injectable on the handler's Db; the tests wait no real time.
  db.sleep = async (ms) => { sleeps.push(ms); };
});
afterAll(() => { dynamo.restore(); });

describe('POST /v1/attendance', () => {
  it('writes every mark under a pseudonym and marks the group changed', async () => {
    // Act
    const result = await handler(proxyEvent({ body: { records: RECORDS } }));

    // Assess
    expect(result.statusCode).toBe(200);
    expect(bodyOf(result)).toEqual({ accepted: 2, unchanged: 0 });
    const items = writtenItems();
    expect(items.map((item) => item['sk'])).toEqual([expect.stringMatching(/^ATT#p_[0-9a-f]{64}#001$/), expect.stringMatching(/^ATT#p_[0-9a-f]{64}#001$/)]);
    expect(JSON.stringify(items)).not.toMatch(/N-000[12]/);
    expect(dynamo.commandCalls(BatchWriteCommand)[0]?.args[0].input.RequestItems).toHaveProperty(TABLE_NAME);
    expect(dynamo.commandCalls(UpdateCommand).map((c) => c.args[0].input.Key)).toContainEqual({ pk: 'GROUP#own', sk: 'META' });
  });

  it('writes nothing new when the same batch comes again', async () => {
    // Prepare
    await handler(proxyEvent({ body: { records: RECORDS } }));
    dynamo.resetHistory();

    // Act
    const result = await handler(proxyEvent({ body: { records: RECORDS } }));

    // Assess
    expect(bodyOf(result)).toEqual({ accepted: 0, unchanged: 2 });
    expect(dynamo.commandCalls(BatchWriteCommand)).toHaveLength(0);
  });

  it('retries a throttled BatchWriteItem and succeeds', async () => {
    // Prepare
    dynamo.on(BatchWriteCommand).rejectsOnce(throttled()).resolves({});

    // Act
    const result = await handler(proxyEvent({ body: { records: RECORDS } }));

    // Assess
    expect(result.statusCode).toBe(200);
    expect(bodyOf(result)).toEqual({ accepted: 2, unchanged: 0 });
    expect(dynamo.commandCalls(BatchWriteCommand)).toHaveLength(2);
    expect(sleeps).toHaveLength(1);
  });

  it('sends UnprocessedItems again until DynamoDB takes them', async () => {
    // Prepare
    dynamo.on(BatchWriteCommand).callsFakeOnce((input: { RequestItems: Record<string, unknown[]> }) =>
      ({ UnprocessedItems: { [TABLE_NAME]: input.RequestItems[TABLE_NAME]?.slice(1) } })).resolves({});

    // Act
    const result = await handler(proxyEvent({ body: { records: RECORDS } }));

    // Assess
    expect(result.statusCode).toBe(200);
    const calls = dynamo.commandCalls(BatchWriteCommand).map((c) => c.args[0].input.RequestItems?.[TABLE_NAME] ?? []);
    expect(calls.map((requests) => requests.length)).toEqual([2, 1]);
    expect(calls[1]).toEqual([calls[0]?.[1]]);
  });

  it('answers 503 with Retry-After when DynamoDB stays throttled, after backing off', async () => {
    // Prepare
    dynamo.on(BatchWriteCommand).rejects(throttled());

    // Act
    const result = await handler(proxyEvent({ body: { records: RECORDS } }));

    // Assess
    expect(result.statusCode).toBe(503);
    expect(result.headers?.['retry-after']).toBe('5');
    expect(bodyOf(result)).toEqual({ error: 'unavailable', message: expect.stringContaining('Retrying is safe') });
    expect(dynamo.commandCalls(BatchWriteCommand)).toHaveLength(8);
    expect(sleeps).toHaveLength(7);
  });

  it('answers 500 with a generic body when DynamoDB refuses the write outright', async () => {
    // Prepare
    dynamo.on(BatchWriteCommand).rejects(Object.assign(new Error('Item size has exceeded the maximum allowed size'), { name: 'ValidationException', $metadata: { httpStatusCode: 400 } }));

    // Act
    const result = await handler(proxyEvent({ body: { records: RECORDS } }));

    // Assess
    expect(result.statusCode).toBe(500);
    expect(result.body).not.toContain('Item size');
    expect(dynamo.commandCalls(BatchWriteCommand)).toHaveLength(1);
  });

  it("answers another clinic's group exactly as a group that does not exist, and sends no write", async () => {
    // Prepare: harbour names northside's group "own", then a group no one registered under the same id.
    const theirs = await handler(proxyEvent({ body: { records: RECORDS }, principal: HARBOUR }));
    fakeTable([groupItem('theirs', 'harbour')]);

    // Act
    const missing = await handler(proxyEvent({ body: { records: RECORDS }, principal: HARBOUR }));

    // Assess
    expect(theirs.statusCode).toBe(400);
    expect(theirs).toEqual(missing);
    expect(bodyOf(theirs)['problems']).toEqual([0, 1].map((index) => ({ index, path: `records/${index}/groupId`, message: `records/${index}/groupId: Group "own" is not registered; register it with POST /v1/groups first.` })));
    expect(dynamo.commandCalls(BatchWriteCommand)).toHaveLength(0);
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  it('refuses a whole batch when one record is invalid, listing each problem and writing nothing', async () => {
    // Act
    const result = await handler(proxyEvent({ body: { records: [RECORDS[0], { ...RECORDS[1], groupId: 'unknown', session: 1 }, { ...RECORDS[1], session: 11 }] } }));

    // Assess
    expect(result.statusCode).toBe(400);
    expect((bodyOf(result)['problems'] as { path: string }[]).map((p) => p.path)).toEqual(['records/1/groupId', 'records/2/session']);
    expect(dynamo.commandCalls(BatchWriteCommand)).toHaveLength(0);
  });

  it('refuses a batch that carries one key twice with different content', async () => {
    // Act
    const result = await handler(proxyEvent({ body: { records: [RECORDS[0], { ...RECORDS[0], status: 'absent' }] } }));

    // Assess
    expect(result.statusCode).toBe(400);
    expect(bodyOf(result)['problems']).toEqual([{ index: 1, path: 'records/1', message: expect.stringContaining('Same record as index 0') }]);
    expect(dynamo.commandCalls(BatchWriteCommand)).toHaveLength(0);
  });

  it('refuses a CSV sheet with two status columns, naming the column, and writes nothing', async () => {
    // Prepare
    const sheet = 'groupId,participantRef,session,date,status,status\nown,N-0001,1,2026-01-05,absent,present\n';

    // Act
    const result = await handler(proxyEvent({ text: sheet, contentType: 'text/csv' }));

    // Assess
    expect(result.statusCode).toBe(400);
    expect(bodyOf(result)).toEqual({ error: 'invalid_request', problems: [{ index: null, path: '', message: 'The CSV body cannot be read: the header row names "status" more than once; keep one column of each name.' }] });
    expect(dynamo.commandCalls(BatchWriteCommand)).toHaveLength(0);
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  it('answers 400 to a body that is not JSON', async () => {
    // Act
    const result = await handler(proxyEvent({ text: '{"records": [' }));

    // Assess
    expect(result.statusCode).toBe(400);
    expect(bodyOf(result)).toEqual({ error: 'invalid_request', problems: [{ index: null, path: '', message: 'The request body is not valid JSON.' }] });
  });

  it('answers 400 to a request without a body', async () => {
    expect((await handler(proxyEvent({}))).statusCode).toBe(400);
  });

  it('answers 413 to a body over 1 MB before parsing it', async () => {
    // Act
    const result = await handler(proxyEvent({ text: `{"records":[],"pad":"${'x'.repeat(1_048_576)}"}` }));

    // Assess
    expect(result.statusCode).toBe(413);
    expect(bodyOf(result)['error']).toBe('payload_too_large');
  });

  it('answers 415 to a body declared as multipart form data', async () => {
    // Act
    const result = await handler(proxyEvent({ text: '--x\r\nfile\r\n--x--', contentType: 'multipart/form-data; boundary=x' }));

    // Assess
    expect(result.statusCode).toBe(415);
    expect(bodyOf(result)).toEqual({ error: 'unsupported_media_type', message: 'Send the body as application/json (attendance and responses also take text/csv).' });
  });

  it('reads a JSON body sent without a content type', async () => {
    expect((await handler(proxyEvent({ body: { records: RECORDS }, contentType: null }))).statusCode).toBe(200);
  });

  it('answers 401 when the authorizer context is missing', async () => {
    // Act
    const result = await handler(proxyEvent({ body: { records: RECORDS }, principal: null }));

    // Assess
    expect(result.statusCode).toBe(401);
    expect(bodyOf(result)['error']).toBe('unauthorized');
    expect(dynamo.calls()).toHaveLength(0);
  });

  it('answers 403 to a key of another role', async () => {
    // Act
    const result = await handler(proxyEvent({ body: { records: RECORDS }, principal: ADMIN }));

    // Assess
    expect(result.statusCode).toBe(403);
    expect(bodyOf(result)['message']).toBe('An admin key cannot do this; it needs a key with the role clinic.');
    expect(dynamo.calls()).toHaveLength(0);
  });
});
