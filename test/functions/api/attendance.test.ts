import './support/handler-env';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
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
    expect(dynamo.commandCalls(PutCommand).map((c) => [c.args[0].input.TableName, c.args[0].input.ConditionExpression]))
      .toEqual([0, 1].map(() => [TABLE_NAME, 'attribute_not_exists(pk) OR contentHash <> :hash']));
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
    expect(writtenItems()).toEqual([]);
  });

  it('retries a throttled put and succeeds', async () => {
    // Prepare
    const table = fakeTable([groupItem('own', 'northside')]);
    const put = dynamo.commandCalls(PutCommand).length;
    dynamo.on(PutCommand).rejectsOnce(throttled()).callsFake((input: { Item: Record<string, unknown> }) => {
      table.set(`${String(input.Item['pk'])}|${String(input.Item['sk'])}`, input.Item);
      return {};
    });

    // Act
    const result = await handler(proxyEvent({ body: { records: RECORDS } }));

    // Assess
    expect(result.statusCode).toBe(200);
    expect(bodyOf(result)).toEqual({ accepted: 2, unchanged: 0 });
    expect(dynamo.commandCalls(PutCommand).length - put).toBe(3);
    expect(sleeps).toHaveLength(1);
    expect([...table.keys()].filter((key) => key.includes('ATT#'))).toHaveLength(2);
  });

  it('sends again only the puts that were throttled', async () => {
    // Prepare: the first put is throttled once, the second goes through at once
    dynamo.on(PutCommand).rejectsOnce(throttled()).resolves({});

    // Act
    const result = await handler(proxyEvent({ body: { records: RECORDS } }));

    // Assess
    expect(result.statusCode).toBe(200);
    const keys = dynamo.commandCalls(PutCommand).map((c) => c.args[0].input.Item?.['sk']);
    expect(keys).toHaveLength(3);
    expect(keys[2]).toBe(keys[0]);
  });

  it('answers 503 with Retry-After when DynamoDB stays throttled, after backing off', async () => {
    // Prepare
    dynamo.on(PutCommand).rejects(throttled());

    // Act
    const result = await handler(proxyEvent({ body: { records: RECORDS } }));

    // Assess
    expect(result.statusCode).toBe(503);
    expect(result.headers?.['retry-after']).toBe('5');
    expect(bodyOf(result)).toEqual({ error: 'unavailable', message: expect.stringContaining('Retrying is safe') });
    expect(dynamo.commandCalls(PutCommand)).toHaveLength(16);
    expect(sleeps).toHaveLength(7);
  });

  it('answers 500 with a generic body when DynamoDB refuses the write outright', async () => {
    // Prepare
    dynamo.on(PutCommand).rejects(Object.assign(new Error('Item size has exceeded the maximum allowed size'), { name: 'ValidationException', $metadata: { httpStatusCode: 400 } }));

    // Act
    const result = await handler(proxyEvent({ body: { records: RECORDS } }));

    // Assess
    expect(result.statusCode).toBe(500);
    expect(result.body).not.toContain('Item size');
    expect(dynamo.commandCalls(PutCommand)).toHaveLength(2);
  });

  it('counts a record accepted only when this request wrote it: one stored meanwhile by a concurrent copy is unchanged', async () => {
    // Prepare: the read finds nothing, but a concurrent copy of the batch stores the first mark before our put
    const table = fakeTable([groupItem('own', 'northside')]);
    let first = true;
    dynamo.on(PutCommand).callsFake((input: { Item: Record<string, unknown> }) => {
      if (first) {
        first = false;
        throw new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });
      }
      table.set(`${String(input.Item['pk'])}|${String(input.Item['sk'])}`, input.Item);
      return {};
    });

    // Act
    const result = await handler(proxyEvent({ body: { records: RECORDS } }));

    // Assess
    expect(result.statusCode).toBe(200);
    expect(bodyOf(result)).toEqual({ accepted: 1, unchanged: 1 });
  });

  it('refuses a CSV sheet with two status columns, naming the column, and writes nothing', async () => {
    // Prepare
    const sheet = 'groupId,participantRef,session,date,status,status\nown,N-0001,1,2026-01-05,absent,present\n';

    // Act
    const result = await handler(proxyEvent({ text: sheet, contentType: 'text/csv' }));

    // Assess
    expect(result.statusCode).toBe(400);
    expect(bodyOf(result)).toEqual({ error: 'invalid_request', problems: [{ index: null, path: '', message: 'The CSV body cannot be read: the header row names "status" more than once; keep one column of each name.' }] });
    expect(writtenItems()).toEqual([]);
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
