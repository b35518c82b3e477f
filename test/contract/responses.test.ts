import { Ajv2020 } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../infra/api-routes';
import { buildOpenApi } from '../../schemas/openapi';
import { groupPayload, send, startTestStack, type TestStack } from '../integration/support/test-stack';

type Json = Record<string, unknown>;
interface Operation { responses: Record<string, { content?: Record<string, { schema?: Json }> }> }

const doc = buildOpenApi() as unknown as { paths: Record<string, Record<string, Operation>>; components: Json };
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema({ $id: 'openapi', components: doc.components });
// Component schemas refer to each other as '#/components/…': resolve them inside the document.
const rebase = (schema: unknown): unknown => JSON.parse(JSON.stringify(schema).replace(/"#\/components\//g, '"openapi#/components/'));

/** What one real answer was checked against, and what did not match. */
interface Answer { operation: string; status: number; contentType: string; problems: string[] }
const answers: Answer[] = [];

const templateOf = (path: string): { template: string; method: string } | undefined => ROUTES
  .map((route) => ({ route, pattern: new RegExp(`^${route.path.replace(/\{\w+\}/g, '[^/]+').replace(/\./g, '\\.')}$`) }))
  .filter(({ pattern }) => pattern.test(path.split('?')[0] ?? ''))
  .map(({ route }) => ({ template: route.path, method: route.method }))[0];

let t: TestStack;
let url: string;
let keys: TestStack['stack']['info']['keys'];

/** Sends a request and checks the answer against the document: status declared, content type declared, body valid. */
const call = async (method: string, path: string, options: { key?: string; body?: unknown; contentType?: string } = {}) => {
  const body = options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  const response = await send(url, method, path, { key: options.key, body, contentType: options.contentType ?? (body === undefined ? undefined : 'application/json') });
  const match = templateOf(path);
  const operation = match === undefined ? undefined : doc.paths[match.template]?.[method.toLowerCase()];
  const contentType = (response.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
  const problems: string[] = [];
  const declared = operation?.responses[String(response.status)];
  if (operation === undefined) problems.push('no such operation in the document');
  else if (declared === undefined) problems.push(`status ${response.status} not declared (declared: ${Object.keys(operation.responses).join(', ')})`);
  else if (response.text.length > 0) {
    const media = declared.content?.[contentType];
    if (media === undefined) problems.push(`content type ${contentType || '(none)'} not declared for ${response.status} (declared: ${Object.keys(declared.content ?? {}).join(', ') || 'no body'})`);
    else if (media.schema !== undefined && contentType === 'application/json') {
      const validate = ajv.compile(rebase(media.schema) as Json);
      if (!validate(response.json)) problems.push(...(validate.errors ?? []).map((e) => `body ${e.instancePath || '/'} ${e.message ?? ''}`));
    }
  }
  answers.push({ operation: `${method} ${match?.template ?? path}`, status: response.status, contentType, problems });
  return response;
};

beforeAll(async () => {
  t = await startTestStack();
  url = t.stack.info.apiUrl;
  keys = t.stack.info.keys;
});
afterAll(async () => { await t?.stop(); });

describe('real answers against the OpenAPI document', () => {
  it('declares every status, content type and body the API answers, route by route', async () => {
    // Act: every route, with good and bad requests, from the right and the wrong roles
    await call('GET', '/health');
    await call('GET', '/openapi.json');
    await call('POST', '/v1/groups', { key: keys.clinic, body: groupPayload('ct-group-1') });
    await call('POST', '/v1/groups', { key: keys.clinic, body: groupPayload('ct-group-1') });
    await call('POST', '/v1/groups', { key: keys.clinic2, body: groupPayload('ct-group-1') });
    await call('POST', '/v1/groups', { key: keys.clinic, body: { groupId: 'x' } });
    await call('POST', '/v1/groups', { key: keys.manager, body: groupPayload('ct-group-2') });
    await call('POST', '/v1/groups', { body: groupPayload('ct-group-2') });
    await call('POST', '/v1/groups', { key: keys.clinic, body: '<group/>', contentType: 'application/xml' });
    await call('POST', '/v1/groups', { key: keys.clinic, body: `{"pad":"${'x'.repeat(1_100_000)}"}` });
    const attendance = { records: [{ groupId: 'ct-group-1', participantRef: 'CT-1', session: 1, date: '2025-01-06', status: 'present' }] };
    await call('POST', '/v1/attendance', { key: keys.clinic, body: attendance });
    await call('POST', '/v1/attendance', { key: keys.clinic, body: 'groupId,participantRef,session,date,status\nct-group-1,CT-2,1,2025-01-06,present\n', contentType: 'text/csv' });
    await call('POST', '/v1/attendance', { key: keys.clinic, body: { records: [{ ...attendance.records[0], session: 0 }] } });
    const answer = { groupId: 'ct-group-1', participantRef: 'CT-1', instrument: 'swemwbs', administeredOn: '2025-01-06', session: 1, items: [3, 3, 3, 3, 3, 3, 3] };
    await call('POST', '/v1/responses', { key: keys.clinic, body: { responses: [answer] } });
    await call('POST', '/v1/responses', { key: keys.clinic, body: { responses: [{ ...answer, items: [9, 3, 3, 3, 3, 3, 3] }] } });
    await call('GET', '/v1/groups/ct-group-1/risk-flags', { key: keys.clinic });
    await call('GET', '/v1/groups/ct-group-1/risk-flags', { key: keys.clinic2 });
    await call('POST', '/v1/admin/clinics', { key: keys.admin, body: { clinicId: 'ct-clinic', name: 'Contract clinic' } });
    await call('POST', '/v1/admin/clinics', { key: keys.admin, body: { clinicId: 'ct-clinic', name: 'Contract clinic' } });
    await call('POST', '/v1/admin/clinics', { key: keys.clinic, body: { clinicId: 'ct-clinic', name: 'Contract clinic' } });
    await call('POST', '/v1/admin/programmes', { key: keys.admin, body: { programmeId: 'ct-programme', name: 'Contract programme', instruments: ['swemwbs'], funders: [] } });
    await call('POST', '/v1/admin/programmes', { key: keys.admin, body: { programmeId: 'ct-programme' } });
    const issued = await call('POST', '/v1/admin/keys', { key: keys.admin, body: { role: 'clinic', clinicId: 'northside', label: 'contract' } });
    await call('POST', '/v1/admin/keys', { key: keys.admin, body: { role: 'manager' } });
    await call('DELETE', `/v1/admin/keys/${(issued.json as { keyId: string }).keyId}`, { key: keys.admin });
    await call('DELETE', '/v1/admin/keys/0000000000aaaaaaaaaa', { key: keys.admin });
    await call('POST', '/v1/admin/erasures', { key: keys.admin, body: { clinicId: 'northside', participantRef: 'CT-2' } });
    await call('POST', '/v1/admin/erasures', { key: keys.admin, body: { clinicId: 'northside' } });
    const run = await call('POST', '/v1/admin/runs', { key: keys.admin, body: {} });
    const runId = (run.json as { runId: string }).runId;
    await call('GET', `/v1/admin/runs/${runId}`, { key: keys.admin });
    await call('GET', '/v1/admin/runs/r-00000000-0000-0000-0000-000000000000', { key: keys.admin });
    await call('POST', `/v1/admin/runs/${runId}/abandon`, { key: keys.admin });
    await call('POST', `/v1/admin/runs/${runId}/resume`, { key: keys.admin });
    await call('POST', '/v1/admin/runs/r-00000000-0000-0000-0000-000000000000/resume', { key: keys.admin });
    await call('POST', '/v1/admin/reports', { key: keys.admin, body: { funderId: 'no-such-funder', period: '2025-Q1' } });
    await call('POST', '/v1/admin/reports', { key: keys.admin, body: { funderId: 'city-council', period: '2999-Q1' } });
    await call('POST', '/v1/admin/reports', { key: keys.admin, body: { period: 'soon' } });
    await call('GET', '/v1/admin/reports/00000000-0000-0000-0000-000000000000', { key: keys.admin });
    await call('GET', '/v1/reports', { key: keys.manager });
    await call('GET', '/v1/reports', { key: keys.funder });
    await call('GET', '/v1/figures', { key: keys.manager });
    await call('GET', '/v1/figures?format=csv', { key: keys.manager });
    await call('GET', '/v1/figures?format=xml', { key: keys.manager });
    await call('GET', '/v1/figures', { key: keys.clinic });
    await call('GET', '/v1/admin/audit', { key: keys.admin });
    await call('GET', '/v1/admin/audit?action=key.issued&limit=1', { key: keys.admin });
    await call('GET', '/v1/admin/audit?from=2026-02-30', { key: keys.admin });
    await call('GET', '/v1/admin/audit', { key: keys.manager });

    // The resumed run goes on in this process: let it end before the stack stops.
    for (;;) {
      const record = await send(url, 'GET', `/v1/admin/runs/${runId}`, { key: keys.admin });
      if (!['running', 'queued', 'started'].includes(String((record.json as { status?: string }).status))) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }

    // Assess: every answer is one the document declares, and every route was answered
    expect(answers.filter((a) => a.problems.length > 0).map((a) => `${a.operation} → ${a.status} ${a.contentType}: ${a.problems.join('; ')}`)).toEqual([]);
    expect(ROUTES.map((r) => `${r.method} ${r.path}`).filter((op) => !answers.some((a) => a.operation === op))).toEqual([]);
    expect(new Set(answers.map((a) => a.status))).toEqual(new Set([200, 201, 202, 400, 401, 403, 404, 409, 413, 415]));
  });
});
