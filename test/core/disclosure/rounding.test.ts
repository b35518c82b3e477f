import { describe, expect, it } from 'vitest';
import { wilsonInterval } from '../../../functions/core/stats/confidence-interval';
import { applyDisclosureControl, defaultDisclosurePolicy, roundTo } from '../../../functions/core/disclosure';
import type { FigureRow } from '../../../functions/core/figures/figure-row';
import { figure } from './support/figure-fixtures';

const cell: FigureRow[] = [
  figure({ metric: 'participants', value: 23, n_participants: 23, n_groups: 3 }),
  figure({ metric: 'groups', value: 3, n_participants: 23, n_groups: 3 }),
  figure({ metric: 'completed', value: 12, n_participants: 23, n_groups: 3 }),
  figure({ metric: 'dropped_out', value: 3, n_participants: 23, n_groups: 3 }),
  figure({ metric: 'completion_rate', value: 12 / 23, ci_low: 0.33, ci_high: 0.7, n_participants: 23, n_groups: 3 }),
  figure({ metric: 'attendance_rate', value: 0.71, n_participants: 23, n_groups: 3 }),
  figure({ instrument: 'swemwbs', metric: 'enrolled', value: 22, n_participants: 22, n_groups: 3 }),
  figure({ instrument: 'swemwbs', metric: 'mean_change', value: 2.37, ci_low: 1.1, ci_high: 3.6, n_participants: 22, n_groups: 3 }),
];
const byMetric = (rows: readonly FigureRow[]): Record<string, FigureRow> => Object.fromEntries(rows.map((r) => [r.metric, r]));

describe('rounding', () => {
  it('rounds counts of people and n to 5 for funders and recomputes rates from the rounded counts', () => {
    // Act
    const out = byMetric(applyDisclosureControl(cell, defaultDisclosurePolicy('funder')).rows);

    // Assess
    expect(out.participants).toMatchObject({ value: 25, n_participants: 25, n_groups: 3 });
    expect(out.completed).toMatchObject({ value: 10, n_participants: 25 });
    // The interval is Wilson's for the rounded 10 of 25 (an interval of the exact 12 of 23 would give them back).
    const wilson = wilsonInterval(10, 25);
    expect(out.completion_rate).toMatchObject({ value: 10 / 25, ci_low: wilson?.low, ci_high: wilson?.high, n_participants: 25 });
    expect(out.dropped_out).toMatchObject({ suppressed: true, value: null, suppression_reason: 'primary:count<8' });
    expect(out.mean_change).toMatchObject({ value: 2.37, ci_low: 1.1, n_participants: 20 });
    expect(out.attendance_rate?.value).toBe(0.71);
    expect(out.groups?.value).toBe(3);
  });

  it('recomputes the completion rate on its own base (finished starters), not on all participants', () => {
    // Prepare: 23 participants, 20 of them in groups that have ended, 11 of those completed; 12 completed in all
    const rows = [
      figure({ metric: 'participants', value: 23, n_participants: 23, n_groups: 3 }),
      figure({ metric: 'completed', value: 12, n_participants: 23, n_groups: 3 }),
      figure({ metric: 'completion_rate', value: 11 / 20, n_participants: 20, n_groups: 3 }),
    ];

    // Act
    const out = byMetric(applyDisclosureControl(rows, defaultDisclosurePolicy('funder')).rows);

    // Assess: 11 → 10 of 20 → 20, not 10 of 25
    expect(out.completion_rate).toMatchObject({ value: 10 / 20, n_participants: 20 });
  });

  it('recomputes a rate without visible counts from its rounded implied numerator, interval included', () => {
    // Prepare: retention at session 2 is 56 of 57 starters; no count of the 56 is published
    const retention = { ...cell[0]!, metric: 'retention_s2', value: 56 / 57, ci_low: 0.9, ci_high: 0.99, n_participants: 57 };
    const starters = { ...cell[0]!, metric: 'participants', value: 57, n_participants: 57, ci_low: null, ci_high: null };

    // Act
    const out = byMetric(applyDisclosureControl([starters, retention], defaultDisclosurePolicy('funder')).rows);

    // Assess: 56 → 55 and 57 → 55: 100%, with the interval of 55 of 55, so neither 56 nor 57 can be read back
    const wilson = wilsonInterval(55, 55);
    expect(out.retention_s2).toMatchObject({ value: 1, n_participants: 55, ci_low: wilson?.low, ci_high: wilson?.high });
  });

  it('gives the share of rated sessions in the clinical range to two decimals, never recomputed from rounded people', () => {
    // Prepare: GSRS, 9 of 31 rated sessions below the alliance cut-off, from 12 people in 3 groups
    const share = figure({ instrument: 'gsrs', metric: 'sessions_in_range_rate', value: 9 / 31, ci_low: 0.12, ci_high: 0.52, n_participants: 12, n_groups: 3 });

    // Act
    const out = byMetric(applyDisclosureControl([share], defaultDisclosurePolicy('funder')).rows);

    // Assess: 0.29 (not 5 of 10 people = 0.5), without an interval, as the attendance rate
    expect(out.sessions_in_range_rate).toMatchObject({ value: 0.29, ci_low: null, ci_high: null, n_participants: 10 });
  });

  it('gives no interval to a rounded rate whose exact figure has none (too few groups)', () => {
    // Prepare: a completion rate of one group, published with "interval not available"
    const rows = [
      figure({ metric: 'participants', value: 23, n_participants: 23, n_groups: 1 }),
      figure({ metric: 'completed', value: 12, n_participants: 23, n_groups: 1 }),
      figure({ metric: 'completion_rate', value: 12 / 23, n_participants: 23, n_groups: 1 }),
    ];

    // Act
    const out = byMetric(applyDisclosureControl(rows, defaultDisclosurePolicy('funder')).rows);

    // Assess: recomputed from the rounded 10 of 25, and still without an interval
    expect(out.completion_rate).toMatchObject({ value: 10 / 25, ci_low: null, ci_high: null, n_participants: 25 });
  });

  it('leaves counts exact for managers', () => {
    // Act
    const out = byMetric(applyDisclosureControl(cell, defaultDisclosurePolicy('manager')).rows);

    // Assess
    expect(out.participants?.value).toBe(23);
    expect(out.completion_rate?.value).toBe(12 / 23);
  });

  it('rounds halves away from zero to the nearest multiple of the base', () => {
    // Assess
    expect([roundTo(12, 5), roundTo(13, 5), roundTo(15, 10), roundTo(0, 5), roundTo(7, 1)]).toEqual([10, 15, 20, 0, 7]);
  });
});
