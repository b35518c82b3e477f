import { describe, expect, it } from 'vitest';
import type { FigureRow } from '../../../functions/core/figures/figure-row';
import { figureTableRows } from '../../../reports/dashboard/figure-table-rows';

const row = (metric: string, value: number | null, ci: [number, number] | null, suppressed = false): FigureRow => ({
  period: '2026-Q2', programme_id: 'south', group_type: 'support', instrument: metric === 'completion_rate' || metric === 'attendance_rate' ? '' : 'phq9',
  metric, value, ci_low: ci?.[0] ?? null, ci_high: ci?.[1] ?? null, n_participants: suppressed ? null : 12, n_groups: 2, suppressed,
  suppression_reason: suppressed ? 'primary:n<8' : null,
});

describe('figureTableRows', () => {
  it('says "interval not available" where an estimate has no interval, and nothing where none is defined', () => {
    // Act
    const [change, rate, g, median, count, attendance, hidden, shown] = figureTableRows([
      row('mean_change', -2.5, null), row('completion_rate', 0.75, null), row('hedges_g', -0.4, null), row('median_baseline', 14, null),
      row('paired', 12, null), row('attendance_rate', 0.8, null), row('mean_change', null, null, true), row('mean_change', -2.5, [-4, -1]),
    ], []);

    // Assess
    for (const r of [change, rate, g, median]) expect(r?.ci).toBe('interval not available');
    for (const r of [count, attendance, hidden]) expect(r?.ci).toBe('');
    expect(shown?.ci).toBe('−4.00 to −1.00');
  });
});

describe('figureTableRows of a perturbed figure', () => {
  it('marks the value with ≈ and says why, with no interval', () => {
    // Act
    const [rate] = figureTableRows([{ ...row('completion_rate', 0.9, null), perturbed: true }], []);

    // Assess
    expect(rate).toMatchObject({ value: '≈90.0%', ci: '', reason: expect.stringContaining('perturbed') });
  });
});

describe('figureTableRows of a rounded cell', () => {
  it('marks its counts and rates with ≈ but not its means (only their n is rounded), and says why on each', () => {
    // Act
    const [count, rate, mean] = figureTableRows([
      { ...row('paired', 40, null), n_participants: 40, rounded: true },
      { ...row('completion_rate', 0.75, [0.6, 0.85]), n_participants: 40, rounded: true },
      { ...row('mean_change', -2.5, [-4, -1]), n_participants: 40, rounded: true },
    ], []);

    // Assess
    expect(count).toMatchObject({ value: '≈40', reason: expect.stringContaining('rounded') });
    expect(rate?.value.startsWith('≈')).toBe(true);
    expect(rate?.ci).toBe('60.0% to 85.0%');
    expect(mean).toMatchObject({ value: '−2.50', reason: expect.stringContaining('rounded') });
  });
});
