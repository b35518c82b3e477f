import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNightly } from '../../../functions/nightly/run-nightly';
import { listChangedGroups } from '../../../functions/store/group-store';
import { startTestStack, type TestStack } from '../support/test-stack';
import { endedGroup, stackClients, testContext, type StackClients } from './support/nightly-harness';

let t: TestStack;
let clients: StackClients;

beforeAll(async () => {
  t = await startTestStack();
  clients = stackClients(t);
});
afterAll(async () => { await t?.stop(); });

describe('a programme whose completion rule changes', () => {
  it('marks its groups changed so the next run recomputes their completion figures', async () => {
    // Prepare
    const { api, info } = t.stack;
    const where = { table: info.tableName, bucket: info.reportsBucket };
    await api.post('/v1/groups', info.keys.clinic, endedGroup('rule-g1', 'carers'));
    await api.post('/v1/attendance', info.keys.clinic, { records: [{ groupId: 'rule-g1', participantRef: 'R-1', session: 1, date: '2025-05-05', status: 'present' }] });
    await runNightly(testContext(clients, where, () => new Date(), { k: 1 }), { trigger: 'test' });
    // The group's one change marker is re-stamped by the rule change: from here on it is newer than the ingest's.
    const after = new Date().toISOString();

    // Act
    const unchanged = await api.post<{ groupsToRecompute: number }>('/v1/admin/programmes', info.keys.admin, {
      programmeId: 'carers', name: 'Carers Together', funders: [{ funderId: 'community-fund', name: 'Community Fund' }], completion: { minSessions: 4 },
    });
    const changed = await api.post<{ groupsToRecompute: number }>('/v1/admin/programmes', info.keys.admin, {
      programmeId: 'carers', name: 'Carers Together', funders: [{ funderId: 'community-fund', name: 'Community Fund' }], completion: { minSessions: 1 },
    });

    // Assess
    expect(unchanged.groupsToRecompute).toBe(0);
    expect(changed.groupsToRecompute).toBe(1);
    expect(await listChangedGroups(t.db, after, new Date(Date.now() + 60_000).toISOString())).toEqual(['rule-g1']);
  });
});
