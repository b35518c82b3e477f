import { describe, expect, it } from 'vitest';
import { Metric } from '../../../functions/core/figures/metric';
import {
  emptyGroupStatistics, groupStatistics, mergeGroupStatistics, summariseCell,
} from '../../../functions/core/outcomes';
import type { GroupStatistics, GroupStatisticsInput, MetricValue } from '../../../functions/core/outcomes';
import { standardisedMean } from '../../../functions/core/stats';

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
    // and the NHS Talking Therapies set's own metrics to cells whose programmes switch it on (nhs-talking-therapies.test.ts)
    const elsewhere = new Set<string>([
      Metric.sessionsInRangeRate, Metric.finishedCourse, Metric.reliableImprovementRate, Metric.reliableDeteriorationRate, Metric.reliableRecoveryRate,
    ]);
    for (const metric of Object.values(Metric).filter((m) => !elsewhere.has(m))) expect(produced, metric).toContain(metric);
    expect(produced).toContain('retention_s4');
    expect(produced).toContain('mean_score_s4');
    expect(metricOf(summary.participation, 'groups')).toMatchObject({ value: 12, n_groups: 12 });
  });

  it('gives every interval of a 12-group cell from the groups (CR2, Bell–McCaffrey df)', () => {
    // Act
    const rows = summariseCell(twelve).instruments.core10 ?? [];

    // Assess: the groups' changes differ by offsets 0, 3, 6, 9, 12: a between-group spread the interval must carry.
    // Equal groups of 4: the CR2 interval of the mean is the t interval of the 12 group means with 11 df.
    const groupMeans = Array.from({ length: 12 }, (_, i) => {
      const changes = [0, 1, 2, 3].map((j) => 12 + j + (i % 5) * 3 - (j % 2) - (20 + j));
      return changes.reduce((s, c) => s + c, 0) / 4;
    });
    const grand = groupMeans.reduce((s, m) => s + m, 0) / 12;
    const se = Math.sqrt(groupMeans.reduce((s, m) => s + (m - grand) ** 2, 0) / 11 / 12);
    const change = metricOf(rows, 'mean_change');
    expect(change?.ci_method).toBe('cluster-robust-t');
    expect(change?.value).toBeCloseTo(grand, 12);
    expect(change?.ci_high).toBeCloseTo(grand + 2.200985160091639 * se, 9); // t(0.975, 11), R: qt(0.975, 11)
    expect(change).toMatchObject({ n_participants: 48, n_groups: 12 });
    for (const name of ['hedges_g', 'd_z']) expect(metricOf(rows, name)?.ci_method).toBe('cluster-robust-delta');
    expect(metricOf(rows, 'paired_rate')?.ci_method).toBe('cluster-robust-wilson');
    expect(metricOf(rows, 'mean_score_s4')?.ci_method).toBe('cluster-robust-t');
    expect(metricOf(rows, 'median_baseline')).toMatchObject({ ci_low: null, ci_unavailable: 'not-cluster-robust' });
    expect(metricOf(summariseCell(twelve).participation, 'completion_rate')?.ci_method).toBe('cluster-robust-wilson');
  });

  it('passes each group\'s own totals to the production interval functions', () => {
    // Prepare: the per-group totals, read off the literal data of clusteredGroup (changes 12 + j + offset − j%2 − (20 + j))
    const people = (i: number) => [0, 1, 2, 3].map((j) => ({ baseline: 20 + j, change: 12 + j + (i % 5) * 3 - (j % 2) - (20 + j) }));
    const groups = Array.from({ length: 12 }, (_, i) => people(i));
    const hedges = standardisedMean(groups.map((g) => ({
      n: 4, xSum: g.reduce((s, p) => s + p.change, 0), ySum: g.reduce((s, p) => s + p.baseline, 0),
      ySumSq: g.reduce((s, p) => s + p.baseline ** 2, 0),
    })));

    // Act
    const row = metricOf(summariseCell(twelve).instruments.core10 ?? [], 'hedges_g');

    // Assess
    expect(row?.value).toBeCloseTo(hedges?.value ?? Number.NaN, 12);
    expect(row?.ci_low).toBeCloseTo(hedges?.interval.interval?.low ?? Number.NaN, 12);
    expect(row?.ci_high).toBeCloseTo(hedges?.interval.interval?.high ?? Number.NaN, 12);
  });

  it('publishes the estimates of one group with "interval not available" and the reason', () => {
    // Act
    const one = summariseCell(clusteredGroup(0));
    const two = summariseCell(mergeGroupStatistics(clusteredGroup(0), clusteredGroup(1)));

    // Assess
    for (const name of ['mean_change', 'hedges_g', 'd_z', 'mean_baseline', 'paired_rate', 'mean_score_s1']) {
      const row = metricOf(one.instruments.core10 ?? [], name);
      expect(row?.value, name).not.toBeNull();
      expect(row, name).toMatchObject({ ci_low: null, ci_high: null, ci_unavailable: 'one-group' });
      expect(metricOf(two.instruments.core10 ?? [], name), name).toMatchObject({ ci_low: null, ci_unavailable: 'too-few-groups' });
    }
    expect(metricOf(one.participation, 'retention_s1')).toMatchObject({ value: 1, ci_low: null, ci_unavailable: 'one-group' });
  });

  it('gives nothing but empty values for empty statistics', () => {
    const summary = summariseCell(emptyGroupStatistics());
    expect(summary.instruments).toEqual({});
    expect(metricOf(summary.participation, 'attendance_rate')).toMatchObject({ value: null, n_participants: 0 });
    expect(metricOf(summary.participation, 'completion_rate')).toMatchObject({ value: null, ci_low: null });
  });
});
