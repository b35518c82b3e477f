import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNightly } from '../../../functions/nightly/run-nightly';
import { readDashboardFigures } from '../../../functions/store/figure-store';
import { listGroupStats } from '../../../functions/store/stats-store';
import { startTestStack, type TestStack } from '../support/test-stack';
import { endedGroup, stackClients, testContext, type StackClients } from './support/nightly-harness';

let t: TestStack;
let clients: StackClients;

const group = (programmeId: string) => endedGroup('slice-g1', programmeId);

beforeAll(async () => {
  t = await startTestStack();
  clients = stackClients(t);
});
afterAll(async () => { await t?.stop(); });

describe('dashboard figures of a programme left without groups', () => {
  it('are removed when its only group moves to another programme', async () => {
    // Prepare
    const { api, info } = t.stack;
    const where = { table: info.tableName, bucket: info.reportsBucket };
    const db = { client: clients.doc, table: where.table };
    await api.post('/v1/groups', info.keys.clinic, group('carers'));
    await api.post('/v1/attendance', info.keys.clinic, { records: [1, 2].map((p) => ({ groupId: 'slice-g1', participantRef: `S-${p}`, session: 1, date: '2025-05-05', status: 'present' })) });
    await runNightly(testContext(clients, where, () => new Date(), { k: 1 }), { trigger: 'test' });
    const before = await readDashboardFigures(db, 'carers');

    // Act
    await api.post('/v1/groups', info.keys.clinic, group('young-people'));
    await runNightly(testContext(clients, where, () => new Date(Date.now() + 1000), { k: 1 }), { trigger: 'test' });

    // Assess
    expect(before.length).toBeGreaterThan(0);
    expect(await readDashboardFigures(db, 'carers')).toEqual([]);
    expect(await listGroupStats(db, 'carers')).toEqual([]);
    // The quarter's grid: the group's type and the all-types margin hold the two people; the other types are true zeros.
    const participants = (await readDashboardFigures(db, 'young-people')).filter((r) => r.metric === 'participants');
    expect(participants.filter((r) => r.value !== 0).map((r) => [r.group_type === '*' ? '*' : 'type', r.value])).toEqual([['*', 2], ['type', 2]]);
    expect(participants.filter((r) => r.value === 0).every((r) => !r.suppressed && r.group_type !== '*')).toBe(true);
  });
});
