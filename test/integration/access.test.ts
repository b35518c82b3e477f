import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020';
import { ROUTES } from '../../infra/api-routes';
import { attendanceBatchSchema } from '../../schemas/api/attendance';
import { responsesBatchSchema } from '../../schemas/api/responses';
import { groupSchema } from '../../schemas/api/group';
import { clinicSchema, erasureSchema, keyRequestSchema, programmeSchema } from '../../schemas/api/admin';
import { groupRiskFlagsSchema, responsesReceiptSchema } from '../../schemas/api/risk-flags';
import { groupPayload, send, startTestStack, type TestStack } from './support/test-stack';

let t: TestStack;
let url: string;
beforeAll(async () => {
  t = await startTestStack();
  url = t.stack.info.apiUrl;
  await t.stack.api.post('/v1/groups', t.stack.info.keys.clinic, groupPayload('ns-keys-1'));
});
afterAll(async () => { await t?.stop(); });

const ATTENDANCE = JSON.stringify({ records: [{ groupId: 'ns-keys-1', participantRef: 'K-1', session: 1, date: '2025-01-06', status: 'present' }] });

describe('keys', () => {
  it.each([
    ['no key', undefined],
    ['a malformed key', 'not-a-key'],
    ['an unknown key', `ro_${'A'.repeat(43)}`],
  ])('answers 401 with a JSON body to %s', async (_, key) => {
    // Act
    const response = await send(url, 'POST', '/v1/attendance', { key, body: ATTENDANCE, contentType: 'application/json' });

    // Assess
    expect(response.status).toBe(401);
    expect(response.json).toMatchObject({ error: 'unauthorized', message: expect.stringContaining('Authorization: Bearer') });
  });

  it('answers 401 to a key once it is revoked, and 404 to revoking an unknown id', async () => {
    // Prepare
    const { key, keyId } = await t.stack.api.post<{ key: string; keyId: string }>('/v1/admin/keys', t.stack.info.keys.admin, { role: 'clinic', clinicId: 'northside' });
    const before = await send(url, 'POST', '/v1/attendance', { key, body: ATTENDANCE, contentType: 'application/json' });

    // Act
    const revoked = await send(url, 'DELETE', `/v1/admin/keys/${keyId}`, { key: t.stack.info.keys.admin });
    const after = await send(url, 'POST', '/v1/attendance', { key, body: ATTENDANCE, contentType: 'application/json' });
    const unknown = await send(url, 'DELETE', '/v1/admin/keys/0000000000aaaaaaaaaa', { key: t.stack.info.keys.admin });

    // Assess
    expect(before.status).toBe(200);
    expect(revoked.json).toEqual({ keyId, revoked: true });
    expect(after.status).toBe(401);
    expect(unknown.status).toBe(404);
  });

  it('answers 403 to a manager or funder key on a clinic route', async () => {
    // Act
    const statuses = await Promise.all([t.stack.info.keys.manager, t.stack.info.keys.funder].map(async (key) =>
      (await send(url, 'POST', '/v1/attendance', { key, body: ATTENDANCE, contentType: 'application/json' })).status));

    // Assess
    expect(statuses).toEqual([403, 403]);
  });
});

describe('bodies', () => {
  it('answers 413 to a body over 1 MB and 415 to an XML body, both as JSON', async () => {
    // Prepare
    const key = t.stack.info.keys.clinic;

    // Act
    const large = await send(url, 'POST', '/v1/attendance', { key, body: `{"records":[],"pad":"${'x'.repeat(2_000_000)}"}`, contentType: 'application/json' });
    const xml = await send(url, 'POST', '/v1/attendance', { key, body: '<records/>', contentType: 'application/xml' });

    // Assess
    expect(large.status).toBe(413);
    expect(large.json).toMatchObject({ error: 'payload_too_large' });
    expect(xml.status).toBe(415);
    expect(xml.json).toMatchObject({ error: 'unsupported_media_type' });
  });
});

describe('public routes', () => {
  it('answers GET /health without a key', async () => {
    // Act
    const response = await send(url, 'GET', '/health');

    // Assess
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ status: 'ok', service: 'resilience-outcomes', version: '1.0.0' });
  });

  it('answers an unknown route with 404 JSON and a wrong method with 405 JSON', async () => {
    // Act
    const missing = await send(url, 'GET', '/v1/nothing-here');
    const method = await send(url, 'PUT', '/v1/attendance', { key: t.stack.info.keys.clinic });

    // Assess
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({ error: 'not_found', message: 'No route GET /v1/nothing-here; see GET /openapi.json.' });
    expect(method.status).toBe(405);
    expect(method.json).toMatchObject({ error: 'method_not_allowed' });
  });

  it('serves an OpenAPI 3.1 document whose schemas are exactly the payload schemas', async () => {
    // Act
    const response = await send(url, 'GET', '/openapi.json');

    // Assess
    const doc = response.json as { openapi: string; paths: Record<string, Record<string, { security?: unknown[]; parameters?: { name: string; in: string }[] }>>; components: { schemas: Record<string, object> } };
    expect(response.status).toBe(200);
    expect(doc.openapi).toBe('3.1.0');
    const drop$id = ({ $id: _id, ...rest }: { $id: string }) => rest;
    expect(doc.components.schemas).toMatchObject({
      Group: drop$id(groupSchema), AttendanceBatch: drop$id(attendanceBatchSchema), ResponsesBatch: drop$id(responsesBatchSchema),
      Clinic: drop$id(clinicSchema), Programme: drop$id(programmeSchema), KeyRequest: drop$id(keyRequestSchema), Erasure: drop$id(erasureSchema),
      ResponsesReceipt: drop$id(responsesReceiptSchema), GroupRiskFlags: drop$id(groupRiskFlagsSchema),
    });
    const answer = (method: string, path: string) => JSON.stringify((doc.paths[path]?.[method] as { responses?: Record<string, unknown> } | undefined)?.responses?.['200']);
    expect(answer('post', '/v1/responses')).toContain('#/components/schemas/ResponsesReceipt');
    expect(answer('get', '/v1/groups/{groupId}/risk-flags')).toContain('#/components/schemas/GroupRiskFlags');
    for (const route of ROUTES) {
      const operation = doc.paths[route.path]?.[route.method.toLowerCase()];
      expect(operation, `${route.method} ${route.path}`).toBeDefined();
      expect(operation?.security === undefined, `${route.method} ${route.path} needs a key`).toBe(route.authorized);
      const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      expect((operation?.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name)).toEqual(names);
    }
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)].map((m) => m[1] ?? '');
    expect(refs.filter((name) => !(name in doc.components.schemas))).toEqual([]);
    const ajv = new Ajv2020({ strict: false });
    for (const [name, schema] of Object.entries(doc.components.schemas)) {
      expect(ajv.validateSchema(schema), `${name}: ${ajv.errorsText()}`).toBe(true);
    }
  });
});
