import { describe, expect, it } from 'vitest';
import { applyDisclosureControl, defaultDisclosurePolicy } from '../../../functions/core/disclosure';
import type { FigureRow } from '../../../functions/core/figures/figure-row';
import { recoverableValues } from './support/differencing-attacker';
import { figure } from './support/figure-fixtures';

const manager = defaultDisclosurePolicy('manager');
type Type = FigureRow['group_type'];
const state = (rows: readonly FigureRow[]): Record<string, string> =>
  Object.fromEntries(rows.map((r) => [`${r.period} ${r.programme_id} ${r.group_type} ${r.instrument} ${r.metric}`, r.suppression_reason ?? String(r.value)]));

// A participants-only table of one month and programme: each group type and the all-types margin.
const byType = (sizes: Partial<Record<Type, number>>): FigureRow[] => {
  const total = Object.values(sizes).reduce((a, b) => a + (b ?? 0), 0);
  return [...Object.entries(sizes), ['*', total] as const].map(([type, n]) =>
    figure({ group_type: type as Type, metric: 'participants', value: n ?? 0, n_participants: n ?? 0 }));
};

describe('secondary suppression', () => {
  it('hides the smallest sibling so a small group type cannot be recovered from the all-types margin', () => {
    // Prepare
    const rows = byType({ support: 3, psychoeducational: 10, psychotherapy: 12 });

    // Act
    const { rows: out } = applyDisclosureControl(rows, manager);

    // Assess
    expect(state(out)).toEqual({
      '2026-09 p1 *  participants': '25',
      '2026-09 p1 psychoeducational  participants': 'secondary:group_type',
      '2026-09 p1 psychotherapy  participants': '12',
      '2026-09 p1 support  participants': 'primary:n<8',
    });
    expect(recoverableValues(out, rows)).toEqual([]);
  });

  it('breaks ties between equal siblings by the stable figure order', () => {
    // Prepare
    const rows = byType({ support: 3, psychotherapy: 10, psychoeducational: 10 });

    // Act
    const { rows: out } = applyDisclosureControl(rows, manager);

    // Assess
    expect(out.find((r) => r.group_type === 'psychoeducational')?.suppression_reason).toBe('secondary:group_type');
    expect(out.find((r) => r.group_type === 'psychotherapy')?.suppressed).toBe(false);
  });

  it('prefers a non-zero complement to a zero one, which is often known to be structural', () => {
    // Prepare
    const rows = byType({ support: 3, psychoeducational: 0, psychotherapy: 12 });

    // Act
    const { rows: out } = applyDisclosureControl(rows, manager);

    // Assess
    expect(state(out)['2026-09 p1 psychotherapy  participants']).toBe('secondary:group_type');
    expect(state(out)['2026-09 p1 psychoeducational  participants']).toBe('0');
    expect(recoverableValues(out, rows)).toEqual([]);
  });

  it('suppresses everything when every figure is small', () => {
    // Prepare
    const rows = byType({ support: 3, psychoeducational: 4 });

    // Act
    const { rows: out } = applyDisclosureControl(rows, manager);

    // Assess
    expect(out.every((r) => r.suppression_reason === 'primary:n<8')).toBe(true);
  });

  it('suppresses a margin equal to its only child when the child is suppressed', () => {
    // Prepare: one group type, a count of 3 in it.
    const rows = ['support', '*'].flatMap((type) => [
      figure({ group_type: type as Type, metric: 'participants', value: 12, n_participants: 12 }),
      figure({ group_type: type as Type, metric: 'completed', value: 3, n_participants: 12 }),
    ]);

    // Act
    const { rows: out } = applyDisclosureControl(rows, manager);

    // Assess
    expect(out.filter((r) => r.metric === 'completed').map((r) => r.suppression_reason)).toEqual(['primary:count<8', 'primary:count<8']);
    expect(out.filter((r) => r.metric === 'participants').every((r) => !r.suppressed)).toBe(true);
  });

  it('protects a small programme from the all-programmes margin', () => {
    // Prepare
    const rows = [['p1', 5], ['p2', 9], ['p3', 20], ['*', 34]].map(([programme, n]) =>
      figure({ programme_id: String(programme), group_type: '*', metric: 'participants', value: Number(n), n_participants: Number(n) }));

    // Act
    const { rows: out } = applyDisclosureControl(rows, manager);

    // Assess
    expect(out.map((r) => [r.programme_id, r.suppression_reason])).toEqual([
      ['*', null], ['p1', 'primary:n<8'], ['p2', 'secondary:programme'], ['p3', null],
    ]);
  });

  it('protects a small month from its quarter', () => {
    // Prepare
    const rows = [['2026-07', 4], ['2026-08', 10], ['2026-09', 12], ['2026-Q3', 26]].map(([period, n]) =>
      figure({ period: String(period), metric: 'participants', value: Number(n), n_participants: Number(n) }));

    // Act
    const { rows: out } = applyDisclosureControl(rows, manager);

    // Assess
    expect(out.map((r) => [r.period, r.suppression_reason])).toEqual([
      ['2026-07', 'primary:n<8'], ['2026-08', 'secondary:quarter'], ['2026-09', null], ['2026-Q3', null],
    ]);
  });

  it('hides a second outcome category so the categories and paired cannot reveal the first', () => {
    // Prepare
    const outcome = (metric: string, value: number): FigureRow =>
      figure({ instrument: 'phq9', metric, value, n_participants: 20 });
    const rows = [outcome('enrolled', 24), outcome('paired', 20), outcome('reliably_improved', 9),
      outcome('no_reliable_change', 8), outcome('reliably_deteriorated', 3)];

    // Act
    const { rows: out } = applyDisclosureControl(rows, manager);

    // Assess
    expect(state(out)).toMatchObject({
      '2026-09 p1 support phq9 reliably_deteriorated': 'primary:count<8',
      '2026-09 p1 support phq9 no_reliable_change': 'secondary:outcomes',
      '2026-09 p1 support phq9 reliably_improved': '9',
      '2026-09 p1 support phq9 paired': '20',
    });
    expect(recoverableValues(out, rows)).toEqual([]);
  });

  it('hides a rate that would reveal a complement through rate × n', () => {
    // Prepare
    const cell = (type: Type, participants: number, completed: number): FigureRow[] => [
      figure({ group_type: type, metric: 'participants', value: participants, n_participants: participants }),
      figure({ group_type: type, metric: 'completed', value: completed, n_participants: participants }),
      figure({ group_type: type, metric: 'completion_rate', value: completed / participants, n_participants: participants }),
    ];
    const rows = [...cell('support', 20, 3), ...cell('psychoeducational', 20, 12), ...cell('*', 40, 15)];

    // Act
    const { rows: out } = applyDisclosureControl(rows, manager);

    // Assess
    expect(state(out)).toMatchObject({
      '2026-09 p1 support  completed': 'primary:count<8',
      '2026-09 p1 support  completion_rate': 'primary:count<8',
      '2026-09 p1 psychoeducational  completed': 'secondary:group_type',
      // Shown, the rate would give completed (rate × n) and, through its margin, the support rate: either reason.
      '2026-09 p1 psychoeducational  completion_rate': expect.stringMatching(/^secondary:(rate|group_type)$/),
      '2026-09 p1 psychoeducational  participants': '20',
    });
    expect(recoverableValues(out, rows)).toEqual([]);
  });

  it('treats means like counts: hides a mean whose n would reveal a hidden count', () => {
    // Prepare
    const cell = (type: Type, paired: number, mean: number): FigureRow[] => [
      figure({ group_type: type, instrument: 'gad7', metric: 'enrolled', value: 20, n_participants: 20 }),
      figure({ group_type: type, instrument: 'gad7', metric: 'paired', value: paired, n_participants: 20 }),
      figure({ group_type: type, instrument: 'gad7', metric: 'mean_change', value: mean, n_participants: paired }),
    ];
    const rows = [...cell('support', 5, -3), ...cell('psychoeducational', 12, -4), ...cell('*', 17, -65 / 17)];

    // Act
    const { rows: out } = applyDisclosureControl(rows, manager);

    // Assess
    expect(state(out)).toMatchObject({
      '2026-09 p1 psychoeducational gad7 paired': 'secondary:group_type',
      '2026-09 p1 psychoeducational gad7 mean_change': expect.stringMatching(/^secondary:/),
      '2026-09 p1 * gad7 mean_change': String(-65 / 17),
    });
    expect(recoverableValues(out, rows)).toEqual([]);
  });

  it('hides a visible recovered count below a hidden cases-at-start count', () => {
    // Prepare: cases at start is hidden as a complement; recovered = 9 would bound it from below.
    const cell = (type: Type, cases: number, recovered: number): FigureRow[] => [
      figure({ group_type: type, instrument: 'phq9', metric: 'paired', value: 30, n_participants: 30 }),
      figure({ group_type: type, instrument: 'phq9', metric: 'cases_at_start', value: cases, n_participants: 30 }),
      figure({ group_type: type, instrument: 'phq9', metric: 'recovered', value: recovered, n_participants: cases }),
    ];
    const rows = [...cell('support', 4, 0), ...cell('psychoeducational', 12, 9), ...cell('*', 16, 9)];

    // Act
    const { rows: out } = applyDisclosureControl(rows, manager);

    // Assess
    expect(state(out)['2026-09 p1 psychoeducational phq9 cases_at_start']).toBe('secondary:group_type');
    expect(state(out)['2026-09 p1 psychoeducational phq9 recovered']).toMatch(/^secondary:/);
    expect(state(out)['2026-09 p1 support phq9 recovered']).toBe('primary:n<8');
  });
});
