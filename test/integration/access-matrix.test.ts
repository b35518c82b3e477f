import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES, type Route } from '../../infra/api-routes';
import { groupPayload, send, startTestStack, type TestStack } from './support/test-stack';

/**
 * The access policy, stated here apart from the handlers: which roles a route admits. Every other caller — another
 * role, a revoked, unknown or malformed key, no key — is refused (401 or 403) and changes nothing. A clinic reading
 * another clinic's group gets the same 404 as for a group that does not exist.
 */
const ADMITS: Record<Route['handler'], readonly string[]> = {
  authorizer: [], health: ['*'],
  groups: ['clinic'], attendance: ['clinic'], responses: ['clinic'], groupRiskFlags: ['clinic', 'manager', 'funder', 'admin'],
  adminClinics: ['admin'], adminProgrammes: ['admin'], adminKeys: ['admin'], adminErasures: ['admin'], adminRuns: ['admin'], adminReports: ['admin'], adminAudit: ['admin'],
  reports: ['admin', 'manager', 'funder'], figures: ['admin', 'manager', 'funder'],
};
const CALLERS = ['clinic', 'clinic2', 'manager', 'funder', 'admin', 'revoked', 'unknown', 'malformed', 'none'] as const;
type Caller = (typeof CALLERS)[number];
const roleOf = (caller: Caller): string | null =>
  caller === 'clinic2' ? 'clinic' : ['revoked', 'unknown', 'malformed', 'none'].includes(caller) ? null : caller;

let t: TestStack;
let keyOf: Record<Caller, string | undefined>;
beforeAll(async () => {
  t = await startTestStack();
  const { keys } = t.stack.info;
  await t.stack.api.post('/v1/groups', keys.clinic, groupPayload('ns-matrix-1'));
  await t.stack.api.post('/v1/attendance', keys.clinic, { records: [{ groupId: 'ns-matrix-1', participantRef: 'MX-1', session: 1, date: '2025-01-06', status: 'present' }] });
  const revoked = await t.stack.api.post<{ key: string; keyId: string }>('/v1/admin/keys', keys.admin, { role: 'clinic', clinicId: 'northside' });
  await t.stack.api.delete(`/v1/admin/keys/${revoked.keyId}`, keys.admin);
  keyOf = {
    clinic: keys.clinic, clinic2: keys.clinic2, manager: keys.manager, funder: keys.funder, admin: keys.admin,
    revoked: revoked.key, unknown: `ro_${'Z'.repeat(43)}`, malformed: 'not a key', none: undefined,
  };
});
afterAll(async () => { await t?.stop(); });

// A request per route: the path with parameters filled in (the clinic's group, a key id, ids that exist nowhere)
// and a body shaped like a valid one, aimed at the first clinic's data.
const requestOf = (route: Route): { path: string; body?: string } => {
  const path = route.path
    .replace('{groupId}', 'ns-matrix-1').replace('{keyId}', '0000000000aaaaaaaaaa')
    .replace('{runId}', 'r-00000000-0000-0000-0000-000000000000').replace('{jobId}', '00000000-0000-0000-0000-000000000000');
  const bodies: Record<string, unknown> = {
    '/v1/groups': groupPayload('ns-matrix-1'),
    '/v1/attendance': { records: [{ groupId: 'ns-matrix-1', participantRef: 'MX-2', session: 2, date: '2025-01-13', status: 'present' }] },
    '/v1/responses': { responses: [{ groupId: 'ns-matrix-1', participantRef: 'MX-2', instrument: 'swemwbs', administeredOn: '2025-01-13', session: 2, items: [3, 3, 3, 3, 3, 3, 3] }] },
    '/v1/admin/clinics': { clinicId: 'matrix-clinic', name: 'Matrix clinic' },
    '/v1/admin/keys': { role: 'clinic', clinicId: 'northside' },
    '/v1/admin/erasures': { clinicId: 'northside', participantRef: 'MX-1' },
    '/v1/admin/reports': { funderId: 'city-council', period: '2999-Q1' },
  };
  return { path, ...(route.method === 'POST' && { body: JSON.stringify(bodies[route.path] ?? {}) }) };
};

const snapshot = async (): Promise<string> => {
  const items = await t.scanAll();
  // Key records carry a last-used stamp the authorizer may touch: compare everything else.
  const stable = items.map((i): Record<string, unknown> => ({ ...i, lastUsedAt: undefined }));
  return JSON.stringify(stable.sort((a, b) => `${String(a['pk'])}${String(a['sk'])}`.localeCompare(`${String(b['pk'])}${String(b['sk'])}`)));
};

describe('every route × every caller', () => {
  it('refuses every caller the route does not admit with 401 or 403, and such a request changes nothing', { timeout: 600_000 }, async () => {
    const refused = ROUTES.filter((route) => route.authorized).flatMap((route) => CALLERS.filter((caller) => {
      const role = roleOf(caller);
      return role === null || !ADMITS[route.handler].includes(role);
    }).map((caller) => ({ route, caller })));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...refused), async ({ route, caller }) => {
        // Prepare
        const before = await snapshot();
        const { path, body } = requestOf(route);

        // Act
        const response = await send(t.stack.info.apiUrl, route.method, path, { key: keyOf[caller], body, contentType: body === undefined ? undefined : 'application/json' });

        // Assess
        expect([`${route.method} ${route.path} as ${caller}`, response.status]).toEqual([`${route.method} ${route.path} as ${caller}`, roleOf(caller) === null ? 401 : 403]);
        expect(await snapshot()).toBe(before);
      }),
      { seed: 20261208, numRuns: 120 },
    );
  });

  it('lets another clinic neither read nor write the first clinic\u2019s group, and changes nothing', async () => {
    // Prepare
    const before = await snapshot();

    // Act
    const read = await send(t.stack.info.apiUrl, 'GET', '/v1/groups/ns-matrix-1/risk-flags', { key: keyOf.clinic2 });
    const write = await send(t.stack.info.apiUrl, 'POST', '/v1/attendance', { key: keyOf.clinic2, contentType: 'application/json', body: requestOf(ROUTES.find((r) => r.path === '/v1/attendance')!).body });
    const takeOver = await send(t.stack.info.apiUrl, 'POST', '/v1/groups', { key: keyOf.clinic2, contentType: 'application/json', body: JSON.stringify({ ...groupPayload('ns-matrix-1'), programmeId: 'carers' }) });

    // Assess
    expect([read.status, write.status, takeOver.status]).toEqual([404, 400, 409]);
    // The write is refused record by record, naming the group as not the clinic's (the same for one that does not exist)
    expect(JSON.stringify(write.json)).toContain('groupId');
    expect(await snapshot()).toBe(before);
  });
});
