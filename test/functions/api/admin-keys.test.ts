import './support/handler-env';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { handler } from '../../../functions/api/admin-keys';
import { hashApiKey } from '../../../functions/core/access/api-key';
import { ADMIN, NORTHSIDE, bodyOf, proxyEvent } from './support/events';
import { dynamo, fakeTable } from './support/fake-table';

const post = (body: unknown, principal = ADMIN) => handler(proxyEvent({ body, principal, path: '/v1/admin/keys' }));
const revoke = (keyId: string) => handler(proxyEvent({ method: 'DELETE', path: `/v1/admin/keys/${keyId}`, pathParameters: { keyId }, principal: ADMIN }));

beforeEach(() => {
  fakeTable([{ pk: 'CLINICS', sk: 'northside', clinicId: 'northside' }]);
  dynamo.on(PutCommand).resolves({});
});
afterAll(() => { dynamo.restore(); });

describe('POST /v1/admin/keys', () => {
  it('shows the raw key once and stores only its hash, with the real key id in the scope', async () => {
    // Act
    const result = await post({ role: 'clinic', clinicId: 'northside', label: 'reception' });

    // Assess
    expect(result.statusCode).toBe(201);
    const body = bodyOf(result) as { key: string; keyId: string; scope: Record<string, unknown> };
    const item = dynamo.commandCalls(PutCommand)[0]?.args[0].input.Item ?? {};
    expect(item['hash']).toBe(hashApiKey(body.key));
    expect(JSON.stringify(item)).not.toContain(body.key);
    expect(body.scope).toEqual({ role: 'clinic', keyId: body.keyId, clinicId: 'northside' });
  });

  it('names a clinic that is not registered', async () => {
    // Act
    const result = await post({ role: 'clinic', clinicId: 'southside' });

    // Assess
    expect(result.statusCode).toBe(400);
    expect(bodyOf(result)['problems']).toEqual([{ index: null, path: 'clinicId', message: 'clinicId: Clinic "southside" is not registered.' }]);
  });

  it('refuses scope fields that belong to another role, naming each, and stores nothing', async () => {
    // Act
    const result = await post({ role: 'clinic', clinicId: 'northside', funderId: 'wellbeing-trust', programmeIds: ['carers'] });

    // Assess
    expect(result.statusCode).toBe(400);
    expect((bodyOf(result)['problems'] as { path: string }[]).map((p) => p.path)).toEqual(['programmeIds', 'funderId']);
    expect(dynamo.commandCalls(PutCommand)).toHaveLength(0);
  });

  it('is refused to a clinic key', async () => {
    expect((await post({ role: 'admin' }, NORTHSIDE)).statusCode).toBe(403);
  });
});

describe('DELETE /v1/admin/keys/{keyId}', () => {
  it('revokes a key by id', async () => {
    // Act
    const result = await revoke('0123456789abcdef0123');

    // Assess
    expect(result.statusCode).toBe(200);
    expect(dynamo.commandCalls(UpdateCommand)[0]?.args[0].input.Key).toEqual({ pk: 'KEY#0123456789abcdef0123', sk: 'META' });
  });

  it.each([
    ['longer than any key id', 'a'.repeat(3000)],
    ['in upper case', '0123456789ABCDEF0123'],
    ['with an encoded separator decoded into it', '0123456789/../abcdef'],
    ['empty', ''],
  ])('answers 400 naming keyId to an id %s without asking DynamoDB', async (_what, keyId) => {
    // Act
    const result = await revoke(keyId);

    // Assess
    expect(result.statusCode).toBe(400);
    expect(bodyOf(result)).toEqual({ error: 'invalid_request', problems: [{ index: null, path: 'keyId', message: expect.stringMatching(/^keyId: the path parameter keyId must be at most 20 characters/) }] });
    expect(result.body.length).toBeLessThan(300);
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  it('answers 404 to a well-formed id of no key', async () => {
    // Prepare
    dynamo.on(UpdateCommand).rejects(Object.assign(new Error('The conditional request failed'), { name: 'ConditionalCheckFailedException', $metadata: {} }));

    // Act
    const result = await revoke('ffffffffffffffffffff');

    // Assess
    expect(result.statusCode).toBe(404);
    expect(bodyOf(result)).toEqual({ error: 'not_found', message: 'No key with id "ffffffffffffffffffff".' });
  });
});
