import { describe, expect, it } from 'vitest';
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
    expect(out.completion_rate).toMatchObject({ value: 10 / 25, ci_low: 0.33, ci_high: 0.7, n_participants: 25 });
    expect(out.dropped_out).toMatchObject({ suppressed: true, value: null, suppression_reason: 'primary:count<8' });
    expect(out.mean_change).toMatchObject({ value: 2.37, ci_low: 1.1, n_participants: 20 });
    expect(out.attendance_rate?.value).toBe(0.71);
    expect(out.groups?.value).toBe(3);
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
