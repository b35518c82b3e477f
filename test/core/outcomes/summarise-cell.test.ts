import { describe, expect, it } from 'vitest';
import { Metric } from '../../../functions/core/figures/metric';
import {
  emptyGroupStatistics, groupStatistics, mergeGroupStatistics, summariseCell,
} from '../../../functions/core/outcomes';
import type { GroupStatistics, GroupStatisticsInput, MetricValue } from '../../../functions/core/outcomes';

// A group of four people on CORE-10 whose changes all shift by the group's own offset: strongly clustered.
const clusteredGroup = (i: number): GroupStatistics => {
  const offset = (i % 5) * 3;
  const input: GroupStatisticsInput = {
    group: { groupId: `g${i}`, plannedSessions: 4, ended: true },
    participants: Object.fromEntries([0, 1, 2, 3].map((j) => [`g${i}p${j}`, {
      attendance: [1, 2, 3, 4].map((session) => ({ session, date: '2026-01-01', status: session <= 2 + (j % 3) ? 'present' as const : 'absent' as const })),
      responses: {
        core10: [
          { session: 1, administeredOn: '2026-01-01', score: 20 + j, rawScore: 20 + j, flags: [] },
          { session: 4, administeredOn: '2026-01-22', score: 12 + j + offset - (j % 2), rawScore: 0, flags: [] },
        ],
      },
    }])),
  };
  return groupStatistics(input);
};

const metricOf = (rows: readonly MetricValue[], metric: string): MetricValue | undefined => rows.find((r) => r.metric === metric);

describe('summariseCell', () => {
  const twelve = Array.from({ length: 12 }, (_, i) => clusteredGroup(i)).reduce(mergeGroupStatistics, emptyGroupStatistics());

  it('produces every metric of the catalogue', () => {
    // Act
    const summary = summariseCell(twelve);

    // Assess
    const produced = new Set([...summary.participation, ...(summary.instruments.core10 ?? [])].map((r) => r.metric));
    // the share of sessions in the clinical range belongs to process measures and is added by the roll-up
    for (const metric of Object.values(Metric).filter((m) => m !== Metric.sessionsInRangeRate)) expect(produced, metric).toContain(metric);
    expect(produced).toContain('retention_s4');
    expect(produced).toContain('mean_score_s4');
    expect(metricOf(summary.participation, 'groups')).toMatchObject({ value: 12, n_groups: 12 });
  });

  it('widens the mean-change interval by the design effect from 10 groups on', () => {
    // Act
    const adjusted = metricOf(summariseCell(twelve).instruments.core10 ?? [], 'mean_change');
    const plain = metricOf(summariseCell(twelve, { minGroupsForDesignEffect: 13 }).instruments.core10 ?? [], 'mean_change');

    // Assess
    expect(adjusted?.ci_method).toBe('t-design-effect');
    expect(plain?.ci_method).toBe('t');
    expect(adjusted?.value).toBe(plain?.value);
    expect((adjusted?.ci_high ?? 0) - (adjusted?.ci_low ?? 0)).toBeGreaterThan((plain?.ci_high ?? 0) - (plain?.ci_low ?? 0));
    expect(adjusted).toMatchObject({ n_participants: 48, n_groups: 12 });
  });

  it('gives nothing but empty values for empty statistics', () => {
    const summary = summariseCell(emptyGroupStatistics());
    expect(summary.instruments).toEqual({});
    expect(metricOf(summary.participation, 'attendance_rate')).toMatchObject({ value: null, n_participants: 0 });
    expect(metricOf(summary.participation, 'completion_rate')).toMatchObject({ value: null, ci_low: null });
  });
});
