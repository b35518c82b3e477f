import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../infra/local/api-client';
import { listChangedGroups } from '../../functions/store/group-store';
import { groupPayload, startTestStack, type TestStack } from './support/test-stack';

let t: TestStack;
let keys: TestStack['stack']['info']['keys'];
const startedAt = new Date().toISOString();
/** Every participant reference this file sends: none may be found anywhere after. */
const REFS = ['NS-ALPHA-0001', 'NS-BRAVO-0002', 'NS-CHARLIE-03', 'NS-DELTA-00004', 'HB-ECHO-000005'];

const sessionDate = (session: number) => new Date(Date.UTC(2025, 0, 6 + 7 * (session - 1))).toISOString().slice(0, 10);
const marks = (groupId: string, ref: string, sessions: number[], status = 'present') =>
  sessions.map((session) => ({ groupId, participantRef: ref, session, date: sessionDate(session), status }));
const brs = (groupId: string, ref: string, session: number, items = [4, 2, 4, 2, 4, 2]) =>
  ({ groupId, participantRef: ref, instrument: 'brs', administeredOn: sessionDate(session), session, items });
const count = async () => (await t.scanAll()).length;
const refused = async (call: Promise<unknown>): Promise<ApiError> => {
  try {
    await call;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the API to refuse the request');
};

beforeAll(async () => {
  t = await startTestStack();
  keys = t.stack.info.keys;
  await t.stack.api.post('/v1/groups', keys.clinic, groupPayload('ns-support-1'));
  await t.stack.api.post('/v1/groups', keys.clinic, groupPayload('ns-support-2'));
  await t.stack.api.post('/v1/groups', keys.clinic2, groupPayload('hb-support-1'));
});
afterAll(async () => { await t?.stop(); });

describe('ingestion against dynalite', () => {
  it('writes a batch once: the same batch again is unchanged and adds no item', async () => {
    // Prepare
    const batch = { records: [...marks('ns-support-1', REFS[0]!, [1, 2, 3]), ...marks('ns-support-1', REFS[1]!, [1, 2])] };

    // Act
    const first = await t.stack.api.post('/v1/attendance', keys.clinic, batch);
    const before = await count();
    const second = await t.stack.api.post('/v1/attendance', keys.clinic, batch);

    // Assess
    expect(first).toEqual({ accepted: 5, unchanged: 0 });
    expect(second).toEqual({ accepted: 0, unchanged: 5 });
    expect(await count()).toBe(before);
  });

  it('updates a corrected record in place', async () => {
    // Prepare
    await t.stack.api.post('/v1/responses', keys.clinic, { responses: [brs('ns-support-1', REFS[0]!, 1)] });
    const before = await t.scanAll();

    // Act
    const result = await t.stack.api.post('/v1/responses', keys.clinic, { responses: [brs('ns-support-1', REFS[0]!, 1, [5, 1, 5, 1, 5, 1])] });

    // Assess
    const after = await t.scanAll();
    expect(result).toEqual({ accepted: 1, unchanged: 0, riskFlags: [] });
    expect(after).toHaveLength(before.length);
    const scores = (items: Record<string, unknown>[]) => items.filter((i) => i['type'] === 'response').map((i) => i['score']);
    expect(scores(before)).toEqual([4]);
    expect(scores(after)).toEqual([5]);
  });

  it('writes nothing from a batch with one invalid record', async () => {
    // Prepare
    const before = await count();
    const batch = { records: [...marks('ns-support-2', REFS[2]!, [1, 2, 3]), ...marks('ns-support-2', REFS[2]!, [13])] };

    // Act
    const error = await refused(t.stack.api.post('/v1/attendance', keys.clinic, batch));

    // Assess
    expect(error.status).toBe(400);
    expect(error.body).toEqual({ error: 'invalid_request', problems: [expect.objectContaining({ index: 3, path: 'records/3/session' })] });
    expect(await count()).toBe(before);
  });

  it("refuses the second clinic's writes to the first clinic's group and writes nothing", async () => {
    // Prepare
    const before = await t.scanAll();

    // Act
    const attendance = await refused(t.stack.api.post('/v1/attendance', keys.clinic2, { records: [...marks('hb-support-1', REFS[4]!, [1]), ...marks('ns-support-1', REFS[4]!, [4])] }));
    const group = await refused(t.stack.api.post('/v1/groups', keys.clinic2, { ...groupPayload('ns-support-1'), plannedSessions: 3 }));

    // Assess
    // Another clinic's group reads as unregistered to ingest; its id is merely "in use" to registration.
    expect([attendance.status, group.status]).toEqual([400, 409]);
    expect(JSON.stringify(attendance.body)).not.toContain('another clinic');
    expect(await t.scanAll()).toEqual(before);
  });

  it('keeps raw participant references and API keys out of every item, every object and every log line', async () => {
    // Prepare
    await t.stack.api.post('/v1/attendance', keys.clinic2, { records: marks('hb-support-1', REFS[4]!, [1, 2]) });
    await t.stack.api.post('/v1/responses', keys.clinic, { responses: [brs('ns-support-2', REFS[3]!, 1)] });
    await t.stack.api.post('/v1/admin/erasures', keys.admin, { clinicId: 'northside', participantRef: REFS[3] });
    await refused(t.stack.api.post('/v1/attendance', keys.clinic, { records: marks('hb-support-1', REFS[2]!, [1]) }));

    // Act
    const stored = JSON.stringify(await t.scanAll());
    const objects = JSON.stringify(await t.s3Objects());
    const logs = t.stdout();

    // Assess
    expect(logs).toContain('"level":"INFO"');
    for (const ref of REFS) {
      expect(stored).not.toContain(ref);
      expect(objects).not.toContain(ref);
      expect(logs).not.toContain(ref);
    }
    for (const key of Object.values(keys)) {
      expect(stored).not.toContain(key);
      expect(logs).not.toContain(key);
    }
  });

  it('erases every record of one participant and marks their groups changed', async () => {
    // Prepare
    await t.stack.api.post('/v1/attendance', keys.clinic, { records: [...marks('ns-support-1', REFS[2]!, [1, 2]), ...marks('ns-support-2', REFS[2]!, [1])] });
    await t.stack.api.post('/v1/responses', keys.clinic, { responses: [brs('ns-support-2', REFS[2]!, 1)] });
    const before = (await t.scanAll()).filter((i) => i['type'] !== 'audit');
    const erasureTime = new Date().toISOString();

    // Act
    const result = await t.stack.api.post('/v1/admin/erasures', keys.admin, { clinicId: 'northside', participantRef: REFS[2] });
    const again = await t.stack.api.post('/v1/admin/erasures', keys.admin, { clinicId: 'northside', participantRef: REFS[2] });

    // Assess
    const everything = await t.scanAll();
    // Each erasure adds one audit entry (ids and counts only; test/integration/audit-trail.test.ts).
    const after = everything.filter((i) => i['type'] !== 'audit');
    expect(everything.filter((i) => i['type'] === 'audit' && i['action'] === 'erasure' && String(i['at']) >= erasureTime)).toHaveLength(2);
    expect(result).toEqual({ erased: 4, groupsToRecompute: 2 });
    expect(again).toEqual({ erased: 0, groupsToRecompute: 0 });
    expect(after).toHaveLength(before.length - 4);
    const marked = after.filter((i) => i['type'] === 'group' && String(i['changedAt']) >= erasureTime).map((i) => i['groupId']);
    expect(marked.sort()).toEqual(['ns-support-1', 'ns-support-2']);
    expect(after.filter((i) => i['type'] === 'attendance' && i['groupId'] === 'ns-support-1')).toHaveLength(5);
  });

  it('refuses to erase for a clinic that is not registered, so a typo never looks like a done erasure', async () => {
    // Act
    const refusal = await refused(t.stack.api.post('/v1/admin/erasures', keys.admin, { clinicId: 'northsid', participantRef: REFS[1] }));

    // Assess
    expect(refusal.status).toBe(404);
    expect(JSON.stringify(refusal.body)).toContain('Clinic \\"northsid\\" is not registered');
  });

  it('lists the groups changed in a window through the changed-groups index', async () => {
    // Prepare
    const from = new Date().toISOString();
    await t.stack.api.post('/v1/attendance', keys.clinic2, { records: marks('hb-support-1', REFS[4]!, [3]) });
    const to = new Date(Date.now() + 1000).toISOString();

    // Act
    const recent = await listChangedGroups(t.db, from, to);
    const all = await listChangedGroups(t.db, startedAt, to);
    const none = await listChangedGroups(t.db, '2020-01-01T00:00:00.000Z', '2020-01-03T00:00:00.000Z');

    // Assess
    expect(recent).toEqual(['hb-support-1']);
    expect(all).toEqual(['hb-support-1', 'ns-support-1', 'ns-support-2']);
    expect(none).toEqual([]);
  });

  it('reports each record accepted once across 10 concurrent copies of a 200-record batch', async () => {
    // Prepare
    await t.stack.api.post('/v1/groups', keys.clinic, groupPayload('ns-concurrent-1'));
    const refs = Array.from({ length: 20 }, (_, i) => `NS-CONC-${String(i).padStart(4, '0')}`);
    const batch = { records: refs.flatMap((ref) => marks('ns-concurrent-1', ref, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10])) };

    // Act
    const answers = await Promise.all(Array.from({ length: 10 }, () => t.stack.api.post<{ accepted: number; unchanged: number }>('/v1/attendance', keys.clinic, batch)));

    // Assess
    const stored = (await t.scanAll()).filter((item) => item['groupId'] === 'ns-concurrent-1' && item['type'] === 'attendance');
    expect(stored).toHaveLength(200);
    expect(answers.reduce((sum, answer) => sum + answer.accepted, 0)).toBe(200);
    expect(answers.every((answer) => answer.accepted + answer.unchanged === 200)).toBe(true);
  });
});
