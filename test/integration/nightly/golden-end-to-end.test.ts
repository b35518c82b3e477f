import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FigureRow } from '../../../functions/core/figures/figure-row';
import { runNightly } from '../../../functions/nightly/run-nightly';
import { DASHBOARD_FIGURES, publicationKeys } from '../../../functions/nightly/steps/roll-up';
import { getObjectBody } from '../../../functions/store/object-store';
import { readDashboardFigures } from '../../../functions/store/figure-store';
import { inPublicationGrid } from '../../../functions/core/figures/publication-grid';
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
  it('publishes the hand-computed figures, at display precision, when k = 1 lets everything through', async () => {
    // Prepare
    const where = { table: t.stack.info.tableName, bucket: t.stack.info.reportsBucket };
    const ctx = testContext(clients, where, () => new Date(), { k: 1, funderRounding: 1 });

    // Act
    const result = await runNightly(ctx, { trigger: 'test' });

    // Assess
    const read = async (key: string) => JSON.parse((await getObjectBody(clients.s3, where.bucket, key))?.toString('utf8') ?? '[]') as FigureRow[];
    const dashboard = await read(DASHBOARD_FIGURES.json);
    expect(dashboard.filter((r) => r.suppressed)).toEqual([]);
    // What is published: quarters, the published metrics, at display precision.
    const golden = GOLDEN_FIGURES.filter((f) => inPublicationGrid(f.period, f.metric));
    expect(golden.length).toBeGreaterThan(10);
    expect(mismatches(dashboard, golden, { displayed: true })).toEqual([]);
    expect(mismatches(await readDashboardFigures(ctx.db, '*'), golden.filter((f) => f.programme_id === '*'), { displayed: true })).toEqual([]);
    expect(result.rollUp.periods).toEqual(['2025-Q1']);
    expect(dashboard.some((r) => /^\d{4}-\d{2}$/.test(r.period))).toBe(false);
    for (const period of result.rollUp.periods) {
      const published = await read(publicationKeys(period).json);
      // Funders get no interval of a score mean other than the mean change (its width would give n back).
      const funderGolden = golden.filter((f) => f.period === period)
        .map((f) => (/^(mean_baseline|mean_final|mean_score_s\d+)$/.test(f.metric) ? { ...f, ci_low: null, ci_high: null } : f));
      expect(mismatches(published, funderGolden, { displayed: true })).toEqual([]);
    }
  });
});
