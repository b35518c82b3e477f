import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultDisclosurePolicy, metricRole } from '../../../functions/core/disclosure';
import type { FigureRow } from '../../../functions/core/figures/figure-row';
import { recoverableValues } from './support/differencing-attacker';
import { demoRows } from './support/demo-fixture';
import { leavesArbitrary, truthTable } from './support/figure-fixtures';
import type { Leaf, LeafStats } from './support/figure-fixtures';
import { releaseSequentially } from './support/sequential-releases';

const label = (rows: readonly FigureRow[]): string[] =>
  rows.map((r) => `${r.period} ${r.programme_id} ${r.group_type} ${r.instrument} ${r.metric}=${String(r.value)}`);
const keyOf = (r: FigureRow): string => `${r.period} ${r.programme_id} ${r.group_type} ${r.instrument} ${r.metric}`;

const funder = defaultDisclosurePolicy('funder');
const stats = (fields: Partial<LeafStats>): LeafStats => ({
  participants: 8, completed: 0, droppedOut: 0, attendingS3: 0, enrolled: 1, paired: 0, improved: 0, unchanged: 0,
  deteriorated: 0, cases: 0, recovered: 0, changeSum: 0, scoredS1: 1, scoredS2: 0, scoreSumS1: 14, scoreSumS2: 0,
  riskFlagged: 0, ...fields,
});

describe('sequential releases of a quarter', () => {
  it('publishes the last month and the quarter when hidden figures of the last month merely happen to be equal', () => {
    // Prepare: in September one person is paired, deteriorated and scored at sessions 1 and 2 — equal counts that
    // nobody outside can see are equal (they were taken for one quantity and "exposed" July's hidden cells).
    const leaves: Leaf[] = [
      { month: '2026-07', programme: 'p1', type: 'support', stats: stats({}) },
      { month: '2026-09', programme: 'p1', type: 'support', stats: stats({
        paired: 1, deteriorated: 1, scoredS2: 1, scoreSumS2: 15 }) },
    ];
    const truth = truthTable(leaves);
    const policy = { ...funder, k: 3 };

    // Act
    const releases = releaseSequentially(truth, '2026-Q3', policy);

    // Assess
    expect(releases.map((rows) => [...new Set(rows.map((r) => r.period))])).toEqual([['2026-07'], [], ['2026-09', '2026-Q3']]);
    expect(label(recoverableValues(releases.flat(), truth, { k: 3 }))).toEqual([]);
  });

  it('publishes the months and the quarter of the demo roll-up in the steady state, nothing recoverable', () => {
    // Prepare: 2026-Q3 was withheld at 2026-09 + 2026-Q3 (funder policy, k = 8, rounding 5).
    const quarter = '2026-Q3';
    const truth = demoRows().filter((r) => [quarter, '2026-07', '2026-08', '2026-09'].includes(r.period));

    // Act
    const releases = releaseSequentially(truth, quarter, funder);

    // Assess
    const published = releases.flat();
    expect(published.length).toBe(truth.length);
    expect(label(recoverableValues(published, truth))).toEqual([]);
    const ofQuarter = published.filter((r) => r.period === quarter);
    expect(ofQuarter.filter((r) => r.suppressed).length / ofQuarter.length).toBeLessThan(0.4);
  });

  it('publishes month 1, month 2 and month 3 with the quarter without failing, exposing a figure or showing a small one', () => {
    fc.assert(fc.property(
      leavesArbitrary, fc.constantFrom('funder' as const, 'manager' as const), fc.integer({ min: 3, max: 12 }),
      (leaves, audience, k) => {
        // Prepare
        const truth = truthTable(leaves);
        const policy = { ...defaultDisclosurePolicy(audience), k };
        const truthOf = new Map(truth.map((r) => [keyOf(r), r]));

        // Act
        const releases = releaseSequentially(truth, '2026-Q3', policy);
        const published = releases.flat();

        // Assess: nothing recoverable across all releases, nothing visible below k (judged on the true values).
        expect(label(recoverableValues(published, truth, { k }))).toEqual([]);
        for (const row of published.filter((r) => !r.suppressed)) {
          const original = truthOf.get(keyOf(row));
          const n = original?.n_participants ?? 0;
          expect(n === 0 || n >= k, keyOf(row)).toBe(true);
          const value = original?.value ?? 0;
          if (metricRole(row.metric)?.peopleCount === true) expect(value === 0 || value >= k, keyOf(row)).toBe(true);
        }
        expect(published.length).toBe(truth.length);
      },
    ), { numRuns: 250 });
  });
});
