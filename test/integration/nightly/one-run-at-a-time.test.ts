import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNightly } from '../../../functions/nightly/run-nightly';
import { getRun } from '../../../functions/store/run-store';
import { acquireRunLease, currentRunLease, releaseRunLease } from '../../../functions/store/run-lease';
import { ApiError } from '../../../infra/local/api-client';
import { startTestStack, type TestStack } from '../support/test-stack';
import { stackClients, testContext, type StackClients } from './support/nightly-harness';

let t: TestStack;
let clients: StackClients;

beforeAll(async () => {
  t = await startTestStack();
  clients = stackClients(t);
});
afterAll(async () => { await t?.stop(); });

describe('one nightly run at a time', () => {
  it('fails a second run while another holds the lease, and refuses an API start with 409', async () => {
    // Prepare
    const { api, info } = t.stack;
    const where = { table: info.tableName, bucket: info.reportsBucket };
    await acquireRunLease(t.db, 'run-holding', new Date());

    // Act
    const second = runNightly(testContext(clients, where, () => new Date(), { k: 1 }), { runId: 'run-second', trigger: 'test' });
    const viaApi = api.post('/v1/admin/runs', info.keys.admin, {}).then(() => null, (error: unknown) => error);

    // Assess
    await expect(second).rejects.toThrow(/run-holding is in progress/);
    expect((await getRun(t.db, 'run-second'))?.status).toBe('failed');
    const refused = await viaApi;
    expect(refused instanceof ApiError && refused.status).toBe(409);
    expect(await currentRunLease(t.db, new Date())).toBe('run-holding');
  });

  it('lets the next run go once the holder finishes, and releases the lease when it ends', async () => {
    // Prepare
    const { info } = t.stack;
    const where = { table: info.tableName, bucket: info.reportsBucket };
    await releaseRunLease(t.db, 'run-holding');

    // Act
    const result = await runNightly(testContext(clients, where, () => new Date(), { k: 1 }), { runId: 'run-third', trigger: 'test' });

    // Assess
    expect((await getRun(t.db, result.runId))?.status).toBe('succeeded');
    expect(await currentRunLease(t.db, new Date())).toBeUndefined();
  });
});
