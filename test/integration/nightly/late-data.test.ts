import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNightly } from '../../../functions/nightly/run-nightly';
import { getRun } from '../../../functions/store/run-store';
import { startTestStack, type TestStack } from '../support/test-stack';
import { endedGroup, stackClients, testContext, type StackClients } from './support/nightly-harness';

let t: TestStack;
let clients: StackClients;

beforeAll(async () => {
  t = await startTestStack();
  clients = stackClients(t);
});
afterAll(async () => { await t?.stop(); });

describe('data that arrives for a period already published to funders', () => {
  it('leaves the frozen publication alone and is reported in the run record', async () => {
    // Prepare
    const { api, info } = t.stack;
    const where = { table: info.tableName, bucket: info.reportsBucket };
    await api.post('/v1/groups', info.keys.clinic, endedGroup('late-g1', 'carers'));
    await api.post('/v1/attendance', info.keys.clinic, { records: [{ groupId: 'late-g1', participantRef: 'L-1', session: 1, date: '2025-05-05', status: 'present' }] });
    const first = await runNightly(testContext(clients, where, () => new Date(), { k: 1 }), { trigger: 'test' });
    await new Promise((resolve) => setTimeout(resolve, 50));

    // Act
    await api.post('/v1/attendance', info.keys.clinic, { records: [{ groupId: 'late-g1', participantRef: 'L-2', session: 1, date: '2025-05-05', status: 'present' }] });
    const second = await runNightly(testContext(clients, where, () => new Date(Date.now() + 1000), { k: 1 }), { trigger: 'test' });

    // Assess
    expect(first.rollUp.periods).toEqual(['2025-Q2']);
    expect(second.rollUp.periods).toEqual([]);
    expect(second.rollUp.lateData).toEqual([{ period: '2025-Q2', groups: 1 }]);
    expect((await getRun(t.db, second.runId))?.lateData).toEqual([{ period: '2025-Q2', groups: 1 }]);
  });
});
