import { describe, expect, it } from 'vitest';
import { findInstrument } from '../../../../functions/core/instruments';
import { groupStatistics } from '../../../../functions/core/outcomes';
import type { ScorePoint } from '../../../../functions/core/outcomes';
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
const summary: GroupSummary = {
  groupId: 'g1', programmeId: 'carers', groupType: 'support', endDate: '2025-01-31', changedAt: '2025-02-01T00:00:00.000Z', stats,
};

describe('process measures in the roll-up', () => {
  const rows = figureRows(rollUp([summary])).filter((r) => r.period === '2025-01' && r.programme_id === 'carers' && r.group_type === 'support');
  const gsrs = rows.filter((r) => r.instrument === 'gsrs');

  it('publishes only the mean alliance per session and the share of sessions below the cut-off for GSRS', () => {
    expect(gsrs.map((r) => r.metric).sort()).toEqual(['mean_score_s1', 'mean_score_s2', 'sessions_in_range_rate']);
  });

  it('counts the share of rated sessions below the alliance cut-off, with no falsely narrow interval', () => {
    // 30, 35.9 and 20 of six ratings are below 36 (36 itself is not)
    expect(gsrs.find((r) => r.metric === 'sessions_in_range_rate')).toMatchObject({ value: 3 / 6, ci_low: null, ci_high: null, n_participants: 3, n_groups: 1 });
    expect(gsrs.find((r) => r.metric === 'mean_score_s1')?.value).toBeCloseTo((30 + 35.9 + 40) / 3, 12);
  });

  it('keeps the outcome figures of an outcome measure beside it', () => {
    const phq9 = new Set(rows.filter((r) => r.instrument === 'phq9').map((r) => r.metric));
    expect([...phq9]).toEqual(expect.arrayContaining(['mean_change', 'reliably_improved', 'recovery_rate']));
    expect(phq9.has('sessions_in_range_rate')).toBe(false);
  });
});
