import { describe, expect, it } from 'vitest';
import { applyDisclosureControl, defaultDisclosurePolicy } from '../../../functions/core/disclosure';
import type { FigureRow } from '../../../functions/core/figures/figure-row';
import { figure } from './support/figure-fixtures';

const manager = defaultDisclosurePolicy('manager');
const find = (rows: readonly FigureRow[], metric: string): FigureRow | undefined => rows.find((r) => r.metric === metric);

describe('primary suppression', () => {
  it('suppresses every figure of a cell backed by fewer than k people', () => {
    // Prepare
    const rows = [
      figure({ metric: 'participants', value: 7, n_participants: 7 }),
      figure({ metric: 'completed', value: 0, n_participants: 7 }),
      figure({ metric: 'attendance_rate', value: 0.8, n_participants: 7, ci_low: 0.6, ci_high: 0.9 }),
    ];

    // Act
    const result = applyDisclosureControl(rows, manager);

    // Assess
    expect(result.rows.map((r) => [r.metric, r.suppressed, r.suppression_reason])).toEqual([
      ['attendance_rate', true, 'primary:n<8'], ['completed', true, 'primary:n<8'], ['participants', true, 'primary:n<8'],
    ]);
    expect(result.rows.every((r) => r.value === null && r.ci_low === null && r.ci_high === null && r.n_participants === null)).toBe(true);
    expect(result.rows.every((r) => r.n_groups === 1)).toBe(true);
  });

  it('suppresses a count of 1..k-1 people but shows zero and counts of k or more', () => {
    // Prepare
    const rows = [
      figure({ metric: 'participants', value: 20, n_participants: 20 }),
      figure({ metric: 'completed', value: 20, n_participants: 20 }),
      figure({ metric: 'dropped_out', value: 0, n_participants: 20 }),
      figure({ instrument: 'phq9', metric: 'enrolled', value: 20, n_participants: 20 }),
      figure({ instrument: 'phq9', metric: 'risk_flagged', value: 7, n_participants: 20 }),
    ];

    // Act
    const { rows: out } = applyDisclosureControl(rows, manager);

    // Assess
    expect(find(out, 'risk_flagged')?.suppression_reason).toBe('primary:count<8');
    expect(find(out, 'dropped_out')).toMatchObject({ value: 0, suppressed: false });
    expect(find(out, 'completed')).toMatchObject({ value: 20, suppressed: false });
  });

  it('suppresses a mean backed by fewer than k people in an otherwise large cell', () => {
    // Prepare
    const rows = [
      figure({ instrument: 'swemwbs', metric: 'enrolled', value: 20, n_participants: 20 }),
      figure({ instrument: 'swemwbs', metric: 'mean_score_s3', value: 21.5, n_participants: 5, ci_low: 19, ci_high: 24 }),
      figure({ instrument: 'swemwbs', metric: 'median_baseline', value: 20, n_participants: 20 }),
    ];

    // Act
    const { rows: out } = applyDisclosureControl(rows, manager);

    // Assess
    expect(find(out, 'mean_score_s3')).toMatchObject({ suppressed: true, suppression_reason: 'primary:n<8', value: null });
    expect(find(out, 'median_baseline')?.suppressed).toBe(false);
  });

  it('suppresses a rate whose implied count of people is 1..k-1', () => {
    // Prepare: 3 of 20 still attend at session 3.
    const rows = [
      figure({ metric: 'participants', value: 20, n_participants: 20 }),
      figure({ metric: 'retention_s3', value: 0.15, n_participants: 20 }),
      figure({ metric: 'retention_s2', value: 0.9, n_participants: 20 }),
    ];

    // Act
    const { rows: out } = applyDisclosureControl(rows, manager);

    // Assess
    expect(find(out, 'retention_s3')?.suppression_reason).toBe('primary:count<8');
    expect(find(out, 'retention_s2')?.suppressed).toBe(false);
  });

  it('uses the configured threshold in the reason', () => {
    // Prepare
    const rows = [figure({ metric: 'participants', value: 9, n_participants: 9 })];

    // Act
    const { rows: out } = applyDisclosureControl(rows, { ...manager, k: 10 });

    // Assess
    expect(out[0]?.suppression_reason).toBe('primary:n<10');
  });

  it('fails closed on a visible figure without n and keeps an upstream suppression', () => {
    // Prepare
    const rows = [
      figure({ metric: 'participants', value: 30, n_participants: 30 }),
      figure({ metric: 'attendance_rate', value: 0.7, n_participants: null }),
      figure({ metric: 'sessions_delivered', value: null, n_participants: null, suppressed: true, suppression_reason: 'primary:erased' }),
    ];

    // Act
    const { rows: out } = applyDisclosureControl(rows, manager);

    // Assess
    expect(find(out, 'attendance_rate')?.suppression_reason).toBe('primary:n-missing');
    expect(find(out, 'sessions_delivered')?.suppression_reason).toBe('primary:erased');
  });
});
