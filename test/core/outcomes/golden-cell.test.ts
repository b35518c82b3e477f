import { describe, expect, it } from 'vitest';
import { groupStatistics, summariseCell } from '../../../functions/core/outcomes';
import type { AttendanceMark, AttendanceStatus, GroupStatisticsInput, MetricValue, ScorePoint } from '../../../functions/core/outcomes';

// One ended PHQ-9 group, 8 planned sessions, five participants. Everything below is computed by hand.
//
//   person  attendance (sessions 1..8)   PHQ-9 (session: score)   change  class          case start/end  recovered
//   p1      P P P P P P P P   (8)        1: 15, 8: 7              −8      improved       yes / no        yes, reliably
//   p2      P P L P A A A A   (4)        1: 12, 4: 9              −3      unchanged      yes / no        yes
//   p3      P P P A A A A A   (3)        1: 8,  3: 16             +8      deteriorated   no  / yes       –
//   p4      P E P P P P P P   (7)        1: 20, 8: 11             −9      improved       yes / yes       no
//   p5      P A A A A A A A   (1)        1: 10 (unpaired)         –       –              yes / –         –
const A = 'absent', E = 'excused', L = 'late', P = 'present';
const week = (statuses: readonly AttendanceStatus[]): AttendanceMark[] =>
  statuses.map((status, i) => ({ session: i + 1, date: `2026-03-${String(i + 1).padStart(2, '0')}`, status }));
const phq9 = (...points: [number, number][]): ScorePoint[] =>
  points.map(([session, score]) => ({ session, administeredOn: `2026-03-${String(session).padStart(2, '0')}`, score, rawScore: score, flags: [] }));

const input: GroupStatisticsInput = {
  group: { groupId: 'g1', plannedSessions: 8, ended: true },
  participants: {
    p1: { attendance: week([P, P, P, P, P, P, P, P]), responses: { phq9: phq9([1, 15], [8, 7]) } },
    p2: { attendance: week([P, P, L, P, A, A, A, A]), responses: { phq9: phq9([1, 12], [4, 9]) } },
    p3: { attendance: week([P, P, P, A, A, A, A, A]), responses: { phq9: phq9([1, 8], [3, 16]) } },
    p4: { attendance: week([P, E, P, P, P, P, P, P]), responses: { phq9: phq9([1, 20], [8, 11]) } },
    p5: { attendance: week([P, A, A, A, A, A, A, A]), responses: { phq9: [{ session: 1, administeredOn: '2026-03-01', score: 10, rawScore: 10, flags: ['risk'] }] } },
  },
};

const find = (rows: readonly MetricValue[], metric: string): MetricValue => {
  const row = rows.find((r) => r.metric === metric);
  if (row === undefined) throw new Error(`no ${metric}`);
  return row;
};

describe('golden cell: one PHQ-9 group computed by hand', () => {
  const summary = summariseCell(groupStatistics(input));
  const outcomes = summary.instruments.phq9 ?? [];

  it('counts the outcome classes and recovery', () => {
    // paired 4 = improved 2 + unchanged 1 + deteriorated 1; cases at start 4 of 5 (p1, p2, p4, p5);
    // recovery rate = recovered 2 ÷ (paired 4 − not a case at first 1) = 2/3
    const counts = Object.fromEntries(outcomes.filter((r) => r.ci_low === null).map((r) => [r.metric, r.value]));
    expect(counts).toMatchObject({
      enrolled: 5, paired: 4, reliably_improved: 2, no_reliable_change: 1, reliably_deteriorated: 1, cases_at_start: 4,
      recovered: 2, reliably_recovered: 1, risk_flagged: 1,
    });
    expect(find(outcomes, 'recovery_rate')).toMatchObject({ value: 2 / 3, n_participants: 3, n_groups: 1 });
    expect(find(outcomes, 'paired_rate').value).toBeCloseTo(4 / 5, 12);
  });

  it('gives the mean change of one group without an interval (one group: interval not available)', () => {
    // changes −8, −3, +8, −9: mean −12/4 = −3. One group: no between-group variation to estimate, so no interval.
    const row = find(outcomes, 'mean_change');
    expect(row.value).toBeCloseTo(-3, 9);
    expect(row).toMatchObject({ ci_low: null, ci_high: null, ci_unavailable: 'one-group', n_participants: 4, n_groups: 1 });
  });

  it("gives Hedges' g and d_z with the exact Hedges correction, without intervals", () => {
    // baseline 15, 12, 8, 20: mean 13.75, SS 1.5625 + 3.0625 + 33.0625 + 39.0625 = 76.75, SD √(76.75/3)
    // J(3) = Γ(3/2) / (√(3/2) · Γ(1)) = (√π/2)/√1.5 = 0.7236012546; g = J · (−3) / √(76.75/3)
    const j3 = Math.sqrt(Math.PI) / 2 / Math.sqrt(1.5);
    const hedges = find(outcomes, 'hedges_g');
    expect(hedges.value).toBeCloseTo(j3 * (-3 / Math.sqrt(76.75 / 3)), 9); // −0.42918…
    expect(hedges).toMatchObject({ ci_low: null, ci_unavailable: 'one-group' });
    // d_z = J(3) · (−3) / √(182/3)
    expect(find(outcomes, 'd_z').value).toBeCloseTo(j3 * (-3 / Math.sqrt(182 / 3)), 9);
  });

  it('gives means and exact medians of the first and last scores', () => {
    // medians: (12 + 15)/2 = 13.5 and (9 + 11)/2 = 10; n = 4 is too few for an order-statistic interval
    expect(find(outcomes, 'mean_baseline').value).toBeCloseTo(13.75, 9);
    expect(find(outcomes, 'mean_final').value).toBeCloseTo(10.75, 9);
    expect(find(outcomes, 'median_baseline')).toMatchObject({ value: 13.5, ci_low: null });
    expect(find(outcomes, 'median_final').value).toBe(10);
  });

  it('gives the mean score by session', () => {
    // session 1: 15, 12, 8, 20, 10 → 13; session 8: 7, 11 → 9; session 4: 9 (p2 only)
    expect(find(outcomes, 'mean_score_s1')).toMatchObject({ n_participants: 5, ci_low: null, ci_unavailable: 'one-group' });
    expect(find(outcomes, 'mean_score_s1').value).toBeCloseTo(13, 9);
    expect(find(outcomes, 'mean_score_s8').value).toBeCloseTo(9, 9);
    expect(find(outcomes, 'mean_score_s4')).toMatchObject({ value: 9, n_participants: 1, ci_low: null });
  });

  it('gives attendance, completion, drop-out and retention', () => {
    // offered 5 × 8 = 40, attended 8 + 4 + 3 + 7 + 1 = 23; completed p1, p2, p4; dropped out p3, p5
    const rows = summary.participation;
    expect(find(rows, 'attendance_rate').value).toBeCloseTo(23 / 40, 12);
    expect(find(rows, 'completed').value).toBe(3);
    expect(find(rows, 'dropped_out').value).toBe(2);
    expect(find(rows, 'completion_rate').value).toBeCloseTo(3 / 5, 12);
    expect(find(rows, 'dropout_rate').value).toBeCloseTo(2 / 5, 12);
    expect(find(rows, 'sessions_delivered').value).toBe(8);
    // still attending at session k (last attended ≥ k): s1 5/5, s2 4/5, s4 3/5, s5 2/5, s8 2/5
    expect([1, 2, 4, 5, 8].map((k) => find(rows, `retention_s${k}`).value)).toEqual([1, 4 / 5, 3 / 5, 2 / 5, 2 / 5]);
  });
});
