import { describe, expect, it } from 'vitest';
import { findInstrument } from '../../../../functions/core/instruments';
import { groupStatistics } from '../../../../functions/core/outcomes';
import type { GroupStatistics, ScorePoint } from '../../../../functions/core/outcomes';
import { figureRows, rollUp } from '../../../../functions/core/rollup/roll-up';
import type { GroupSummary } from '../../../../functions/core/rollup/group-summary';

const point = (session: number, score: number): ScorePoint => ({ session, administeredOn: `2025-01-${String(session + 5).padStart(2, '0')}`, score, rawScore: score, flags: [] });

// One group, three people rating alliance (GSRS, cut-off: below 36) at sessions 1 and 2, and PHQ-9 at both ends.
const stats = groupStatistics({
  group: { groupId: 'g1', plannedSessions: 2, ended: true },
  participants: {
    p1: { attendance: [], responses: { gsrs: [point(1, 30), point(2, 38)], phq9: [point(1, 15), point(2, 8)] } },
    p2: { attendance: [], responses: { gsrs: [point(1, 35.9), point(2, 36)], phq9: [point(1, 12), point(2, 11)] } },
    p3: { attendance: [], responses: { gsrs: [point(1, 40), point(2, 20)], phq9: [point(1, 9), point(2, 14)] } },
  },
}, { definitionOf: findInstrument });
const groupSummary = (groupId: string, s: GroupStatistics): GroupSummary => ({
  groupId, programmeId: 'carers', groupType: 'support', endDate: '2025-01-31', changedAt: '2025-02-01T00:00:00.000Z', stats: s,
});
const summary = groupSummary('g1', stats);

// Two people per group rating sessions 1 and 2: 4 rated sessions per group, of them `low` below 36.
const alliance = (groupId: string, scores: readonly [number, number, number, number]): GroupSummary => groupSummary(groupId, groupStatistics({
  group: { groupId, plannedSessions: 2, ended: true },
  participants: {
    [`${groupId}-a`]: { attendance: [], responses: { gsrs: [point(1, scores[0]), point(2, scores[1])] } },
    [`${groupId}-b`]: { attendance: [], responses: { gsrs: [point(1, scores[2]), point(2, scores[3])] } },
  },
}, { definitionOf: findInstrument }));

describe('process measures in the roll-up', () => {
  const rows = figureRows(rollUp([summary])).filter((r) => r.period === '2025-01' && r.programme_id === 'carers' && r.group_type === 'support');
  const gsrs = rows.filter((r) => r.instrument === 'gsrs');

  it('publishes only the mean alliance per session and the share of sessions below the cut-off for GSRS', () => {
    expect(gsrs.map((r) => r.metric).sort()).toEqual(['mean_score_s1', 'mean_score_s2', 'sessions_in_range_rate']);
  });

  it('counts the share of rated sessions below the alliance cut-off, with no interval from one group', () => {
    // 30, 35.9 and 20 of six ratings are below 36 (36 itself is not); one group: "interval not available", never a narrow one
    expect(gsrs.find((r) => r.metric === 'sessions_in_range_rate')).toMatchObject({ value: 3 / 6, ci_low: null, ci_high: null, n_participants: 3, n_groups: 1 });
    expect(gsrs.find((r) => r.metric === 'mean_score_s1')?.value).toBeCloseTo((30 + 35.9 + 40) / 3, 12);
  });

  it('gives the share a cluster-robust interval from each group\'s rated sessions once the groups allow one', () => {
    // Prepare: three groups of 4 rated sessions, 1, 2 and 4 of them below 36 (7 of 12); equal groups give df = 2
    const groups = [alliance('g1', [30, 40, 40, 40]), alliance('g2', [30, 20, 40, 40]), alliance('g3', [30, 20, 10, 35])];

    // Act
    const share = figureRows(rollUp(groups))
      .find((r) => r.period === '2025-01' && r.programme_id === 'carers' && r.group_type === 'support' && r.instrument === 'gsrs' && r.metric === 'sessions_in_range_rate');

    // Assess, by hand: p = 7/12; E_g = s_g − 4p = −4/3, −1/3, 5/3; V = Σ E_g² / (1 − 1/3) / 12² = (42/9) · 1.5 / 144 = 7/144;
    // n_eff = p(1 − p) / V = (35/144) / (7/144) = 5; Wilson at n = 5 with z = t(0.975, 2) = 4.302652729749462 (R: qt(0.975, 2)).
    const p = 7 / 12;
    const z = 4.302652729749462;
    const n = 5;
    const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
    const half = (z / (1 + (z * z) / n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
    expect(share).toMatchObject({ n_participants: 6, n_groups: 3 });
    expect(share?.value).toBeCloseTo(p, 12);
    expect(share?.ci_low).toBeCloseTo(Math.max(0, centre - half), 12);
    expect(share?.ci_high).toBeCloseTo(Math.min(1, centre + half), 12);
  });

  it('keeps the outcome figures of an outcome measure beside it', () => {
    const phq9 = new Set(rows.filter((r) => r.instrument === 'phq9').map((r) => r.metric));
    expect([...phq9]).toEqual(expect.arrayContaining(['mean_change', 'reliably_improved', 'recovery_rate']));
    expect(phq9.has('sessions_in_range_rate')).toBe(false);
  });
});
