import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FigureRow } from '../../../functions/core/figures/figure-row';
import { runNightly } from '../../../functions/nightly/run-nightly';
import { DASHBOARD_FIGURES, publicationKeys } from '../../../functions/nightly/steps/roll-up';
import { getObjectBody } from '../../../functions/store/object-store';
import { readDashboardFigures } from '../../../functions/store/figure-store';
import { GOLDEN_FIGURES } from '../../functions/core/rollup/support/golden-figures';
import { mismatches } from '../../functions/core/rollup/support/match-figures';
import { startTestStack, type TestStack } from '../support/test-stack';
import { ingestGolden } from './support/golden-ingest';
import { stackClients, testContext, type StackClients } from './support/nightly-harness';

let t: TestStack;
let clients: StackClients;

beforeAll(async () => {
  t = await startTestStack();
  clients = stackClients(t);
  await ingestGolden(t.stack.api, t.stack.info.keys.clinic);
});
afterAll(async () => { await t?.stop(); });

describe('the golden dataset through the local stack', () => {
  it('publishes the hand-computed figures to 1e-9 when k = 1 lets everything through', async () => {
    // Prepare
    const where = { table: t.stack.info.tableName, bucket: t.stack.info.reportsBucket };
    const ctx = testContext(clients, where, () => new Date(), { k: 1, funderRounding: 1 });

    // Act
    const result = await runNightly(ctx, { trigger: 'test' });

    // Assess
    const read = async (key: string) => JSON.parse((await getObjectBody(clients.s3, where.bucket, key))?.toString('utf8') ?? '[]') as FigureRow[];
    const dashboard = await read(DASHBOARD_FIGURES.json);
    expect(dashboard.filter((r) => r.suppressed)).toEqual([]);
    expect(mismatches(dashboard, GOLDEN_FIGURES)).toEqual([]);
    expect(mismatches(await readDashboardFigures(ctx.db, '*'), GOLDEN_FIGURES.filter((f) => f.programme_id === '*'))).toEqual([]);
    expect(result.rollUp.periods).toEqual(['2025-01', '2025-02', '2025-03', '2025-Q1']);
    for (const period of result.rollUp.periods) {
      const published = await read(publicationKeys(period).json);
      expect(mismatches(published, GOLDEN_FIGURES.filter((f) => f.period === period))).toEqual([]);
    }
  });
});
