import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupPayload, send, startTestStack, type TestStack } from './support/test-stack';
import { AUDIT_ACTIONS } from '../../schemas/api/audit';
import { keyIdOf, hashApiKey } from '../../functions/core/access/api-key';
import { vi } from 'vitest';
import { main } from '../../functions/cli/main';

interface Entry { at: string; action: string; actor: { keyId?: string; role: string }; target: Record<string, unknown>; counts?: Record<string, number> }
interface Trail { from: string; to: string; items: Entry[]; truncated: boolean }

let t: TestStack;
let started: string;
const REF = 'AUDIT-REF-7731';
beforeAll(async () => {
  t = await startTestStack();
  started = new Date().toISOString();
  const { api, info: { keys } } = t.stack;
  await api.post('/v1/groups', keys.clinic, groupPayload('ns-audit-1'));
  await api.post('/v1/attendance', keys.clinic, { records: [{ groupId: 'ns-audit-1', participantRef: REF, session: 1, date: '2025-01-06', status: 'present' }] });
  const issued = await api.post<{ keyId: string }>('/v1/admin/keys', keys.admin, { role: 'funder', funderId: 'city-council' });
  await api.delete(`/v1/admin/keys/${issued.keyId}`, keys.admin);
  await api.post('/v1/admin/erasures', keys.admin, { clinicId: 'northside', participantRef: REF });
  const run = await api.post<{ runId: string }>('/v1/admin/runs', keys.admin, {});
  for (;;) {
    const record = await api.get<{ status: string }>(`/v1/admin/runs/${run.runId}`, keys.admin);
    if (record.status !== 'running') break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  // Refused actions leave no entry.
  await send(t.stack.info.apiUrl, 'POST', '/v1/admin/keys', { key: keys.admin, body: '{"role":"funder","funderId":"nobody"}', contentType: 'application/json' });
  await send(t.stack.info.apiUrl, 'DELETE', '/v1/admin/keys/0000000000aaaaaaaaaa', { key: keys.admin });
}, 600_000);
afterAll(async () => { await t?.stop(); });

const trail = async (query = '', key = t.stack.info.keys.admin) => send(t.stack.info.apiUrl, 'GET', `/v1/admin/audit${query}`, { key });

describe('the audit trail', () => {
  it('records who issued and revoked keys, erased, and started runs, newest first, with the acting key id', async () => {
    // Act
    const answer = await trail(`?from=${started}`);

    // Assess
    expect(answer.status).toBe(200);
    const { items, truncated } = answer.json as Trail;
    expect(truncated).toBe(false);
    expect(items.map((e) => e.action)).toEqual(['run.started', 'erasure', 'key.revoked', 'key.issued']);
    const admin = keyIdOf(hashApiKey(t.stack.info.keys.admin));
    expect(items.every((e) => e.actor.keyId === admin && e.actor.role === 'admin')).toBe(true);
    expect(items.map((e) => e.at)).toEqual([...items.map((e) => e.at)].sort().reverse());
    const [run, erasure, revoked, issued] = items;
    expect(issued?.target).toMatchObject({ role: 'funder', funderId: 'city-council' });
    expect(revoked?.target.keyId).toBe(issued?.target.keyId);
    expect(erasure).toMatchObject({ target: { clinicId: 'northside' }, counts: { records: 1, groups: 1 } });
    expect(run?.target.runId).toMatch(/^run-/);
  });

  it('never holds a participant reference, its pseudonym, an answer or a key', async () => {
    // Act
    const stored = (await t.scanAll()).filter((i) => i['type'] === 'audit');
    const text = JSON.stringify(stored);

    // Assess
    expect(stored.length).toBeGreaterThanOrEqual(4);
    expect(text).not.toContain(REF);
    expect(text).not.toMatch(/"pid"|gsi2|participant/i);
    for (const key of Object.values(t.stack.info.keys)) expect(text).not.toContain(key);
    expect(new Set(stored.map((i) => i['action'])).size).toBeGreaterThan(1);
    expect(stored.every((i) => (AUDIT_ACTIONS as readonly unknown[]).includes(i['action']))).toBe(true);
  });

  it('filters by action and limit, and says when more entries lie in the window', async () => {
    // Act
    const one = (await trail(`?from=${started}&limit=1`)).json as Trail;
    const revocations = (await trail(`?from=${started}&action=key.revoked`)).json as Trail;

    // Assess
    expect(one.items).toHaveLength(1);
    expect(one.truncated).toBe(true);
    expect(revocations.items.map((e) => e.action)).toEqual(['key.revoked']);
  });

  it('refuses an impossible date and a reversed window naming the field, and every role but admin', async () => {
    // Act
    const impossible = await trail('?from=2026-02-30');
    const reversed = await trail('?from=2026-05-01&to=2026-04-01');
    const unknown = await trail('?since=2026-01-01');
    const manager = await trail('', t.stack.info.keys.manager);
    const clinic = await trail('', t.stack.info.keys.clinic);

    // Assess
    expect([impossible.status, reversed.status, unknown.status, manager.status, clinic.status]).toEqual([400, 400, 400, 403, 403]);
    const problem = (answer: { json: unknown }) => (answer.json as { problems: { path: string; message: string }[] }).problems[0];
    expect(problem(impossible)).toMatchObject({ path: 'from', message: expect.stringContaining('from: "2026-02-30" is not a date or time that exists') });
    expect(problem(reversed)).toMatchObject({ path: 'from', message: expect.stringContaining('is after to') });
    expect(unknown.text).toContain('since');
  });
});

describe('outcomes audit', () => {
  it('prints the trail of the local stack one line per entry, and a refused query exits 2', async () => {
    // Prepare
    let out = '';
    let err = '';
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));

    // Act
    let code: number;
    let refused: number;
    try {
      code = await main(['node', 'outcomes', 'audit', '--data-dir', t.dataDir, '--from', started, '--action', 'erasure']);
      refused = await main(['node', 'outcomes', 'audit', '--data-dir', t.dataDir, '--from', '2026-13-01']);
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
    }

    // Assess
    expect(code).toBe(0);
    expect(out.trim().split('\n')).toEqual([expect.stringMatching(/^\S+Z {2}erasure {13} {2}admin [0-9a-f]{20} {2}clinicId=northside {2}records=1 {2}groups=1$/)]);
    expect(err).toContain('1 entries from');
    expect(refused).toBe(2);
  });
});
