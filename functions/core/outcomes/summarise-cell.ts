import { Metric, SessionMetric, sessionMetric } from '../figures/metric';
import { clusterProportionInterval } from '../stats/cluster-proportion';
import type { ClusterInterval } from '../stats/cluster-robust';
import { clusterMeanInterval, IntervalUnavailable } from '../stats/cluster-robust';
import type { ClusterTotal } from '../stats/cluster-totals';
import { standardisedMean } from '../stats/effect-size';
import { groupCorrelation, MIN_CORRELATION_GROUPS } from '../stats/group-correlation';
import type { Histogram } from '../stats/histogram';
import { histogramCount, histogramMedian } from '../stats/histogram';
import { momentsMean } from '../stats/moments';
import type { GroupStatistics, OutcomeCluster, OutcomeStats, ParticipationStats, SessionMoments } from './group-statistics-types';
import type { Direction } from '../instruments/instrument-definition';
import { listInstruments } from '../instruments/registry';
import { NHS_TT, nhsTtRateClusters } from './nhs-talking-therapies';
import type { NhsTtStats } from './nhs-talking-therapies';

/** How an interval was computed, for the method notes of a report. */
export const CiMethod = {
  /** Mean ± t(df)·SE, CR2 cluster-robust SE with Bell–McCaffrey df. */
  clusterT: 'cluster-robust-t',
  /** Wilson interval with the cluster-robust effective n and t(df) quantile. */
  clusterWilson: 'cluster-robust-wilson',
  /** Effect size ± t(df)·SE, CR2 SE of the delta-method linearisation. */
  clusterDelta: 'cluster-robust-delta',
  /** A correlation over groups (one point per group): Fisher z interval, as R's `cor.test`. */
  fisherZ: 'fisher-z',
} as const;
export type CiMethod = (typeof CiMethod)[keyof typeof CiMethod];

/** Why a metric that normally has an interval has none (see `IntervalUnavailable`), or medians: none accounts for grouping. */
export const NoInterval = { ...IntervalUnavailable, notClusterRobust: 'not-cluster-robust' } as const;
export type NoInterval = (typeof NoInterval)[keyof typeof NoInterval];

/** One metric of a cell, before disclosure control; `n_participants` is the number of people the value rests on. */
export interface MetricValue {
  metric: string;
  value: number | null;
  ci_low: number | null;
  ci_high: number | null;
  n_participants: number;
  n_groups: number;
  /** Present when the metric has an interval. */
  ci_method?: CiMethod;
  /** Present when the metric has a value and would have an interval, but none is honest: the reason. */
  ci_unavailable?: NoInterval;
}

/** Every metric of a cell: participation metrics, and per instrument the outcome metrics. */
export interface CellSummary {
  participation: MetricValue[];
  instruments: Record<string, MetricValue[]>;
}

const metric = (name: string, value: number | null, nParticipants: number, nGroups: number): MetricValue => ({
  metric: name, value, ci_low: null, ci_high: null, n_participants: nParticipants, n_groups: nGroups,
});

// A metric whose interval accounts for grouping; where none is available, the estimate stands with the reason.
const withInterval = (row: MetricValue, ci: ClusterInterval | null, method: CiMethod): MetricValue => {
  if (row.value === null) return row;
  if (ci?.interval != null) return { ...row, ci_low: ci.interval.low, ci_high: ci.interval.high, ci_method: method };
  return { ...row, ci_unavailable: ci?.unavailable ?? NoInterval.oneGroup };
};

const rate = (name: string, clusters: readonly ClusterTotal[], successes: number, n: number, nGroups: number): MetricValue =>
  withInterval(metric(name, n > 0 ? successes / n : null, n, nGroups), clusterProportionInterval(clusters), CiMethod.clusterWilson);

const count = (name: string, value: number | null, nGroups: number): MetricValue => metric(name, value, value ?? 0, nGroups);

const mean = (name: string, value: number | null, n: number, clusters: readonly ClusterTotal[], nGroups: number): MetricValue =>
  withInterval(metric(name, value, n, nGroups), clusterMeanInterval(clusters), CiMethod.clusterT);

// The order-statistic interval of a median assumes independent people, and a cluster-robust one would need every
// group's histogram: the median is published without an interval.
const median = (name: string, h: Histogram, nGroups: number): MetricValue => {
  const row = metric(name, histogramMedian(h), histogramCount(h), nGroups);
  return row.value === null ? row : { ...row, ci_unavailable: NoInterval.notClusterRobust };
};

const totals = <T>(list: readonly T[], n: (c: T) => number, sum: (c: T) => number): ClusterTotal[] =>
  list.map((c) => ({ n: n(c), sum: sum(c) }));

const participationMetrics = (p: ParticipationStats, groups: number): MetricValue[] => {
  const finished = totals(p.clusters, (c) => c.finishedStarters, (c) => c.completedFinished);
  const dropped = totals(p.clusters, (c) => c.finishedStarters, (c) => c.droppedOut);
  const rows = [
    count(Metric.participants, p.participants, groups),
    metric(Metric.groups, groups, p.participants, groups),
    metric(Metric.sessionsDelivered, p.sessionsDelivered, p.participants, groups),
    count(Metric.completed, p.completed, groups),
    count(Metric.droppedOut, p.droppedOut, groups),
    // Sessions are clustered within people, so a binomial interval over sessions would be too narrow: no interval.
    metric(Metric.attendanceRate, p.sessionsOffered > 0 ? p.sessionsAttended / p.sessionsOffered : null, p.offeredParticipants, groups),
    rate(Metric.completionRate, finished, p.completedFinished, p.finishedStarters, groups),
    rate(Metric.dropoutRate, dropped, p.droppedOut, p.finishedStarters, groups),
  ];
  for (let k = 1; k <= p.retentionAtRisk.length; k += 1) {
    const retained = totals(p.clusters, (c) => c.retentionAtRisk[k - 1] ?? 0, (c) => c.retentionRetained[k - 1] ?? 0);
    rows.push(rate(sessionMetric(SessionMetric.retention, k), retained, p.retentionRetained[k - 1] ?? 0, p.retentionAtRisk[k - 1] ?? 0,
      p.retentionGroups[k - 1] ?? 0));
  }
  return rows;
};

// Per group, a pre–post g standardises the change by the baseline SD, d_z by the SD of the change.
const hedgesG = (clusters: readonly OutcomeCluster[]) =>
  standardisedMean(clusters.map((c) => ({ n: c.paired, xSum: c.changeSum, ySum: c.baselineSum, ySumSq: c.baselineSumSq })));
const cohensDz = (clusters: readonly OutcomeCluster[]) =>
  standardisedMean(clusters.map((c) => ({ n: c.paired, xSum: c.changeSum, ySum: c.changeSum, ySumSq: c.changeSumSq })));

const effect = (name: string, o: OutcomeStats, effectSize: ReturnType<typeof standardisedMean>): MetricValue =>
  withInterval(metric(name, effectSize?.value ?? null, o.paired, o.pairedGroups), effectSize?.interval ?? null, CiMethod.clusterDelta);

const sessionMean = (k: number, m: SessionMoments): MetricValue =>
  mean(sessionMetric(SessionMetric.meanScore, k), momentsMean(m), m.n, m.clusters, m.groups);

const DIRECTIONS: ReadonlyMap<string, Direction> = new Map(listInstruments({ includeDisabled: true }).map((d) => [d.id, d.direction]));
const shippedDirection = (instrument: string): Direction | undefined => DIRECTIONS.get(instrument);

/** The fewest paired people a group needs for its mean change to be a point of the alliance–outcome relation. */
export const MIN_ALLIANCE_PAIRED = 2;

/**
 * The group-level relation of alliance with outcome: Pearson's r, over the groups with alliance ratings and at least
 * `MIN_ALLIANCE_PAIRED` paired people, between each group's mean alliance per rated session (GSRS) and its mean
 * improvement on this instrument (mean change, signed so that positive is better), with the Fisher interval of
 * `groupCorrelation`. Groups are the units, so no clustering is left inside the estimate; an individual-level
 * correlation would mix within- and between-group relations. Null value (so not published) with fewer than
 * `MIN_CORRELATION_GROUPS` such groups or without variation between them. It is an association between groups,
 * not an effect of alliance on outcome.
 */
export const allianceOutcomeRelation = (o: OutcomeStats, lowerIsBetter: boolean): MetricValue => {
  const groups = o.clusters.filter((c) => (c.allianceRated ?? 0) > 0 && c.paired >= MIN_ALLIANCE_PAIRED);
  const points = groups.map((c) => ({ x: (c.allianceSum ?? 0) / (c.allianceRated ?? 1), y: ((lowerIsBetter ? -1 : 1) * c.changeSum) / c.paired }));
  const r = groupCorrelation(points, MIN_CORRELATION_GROUPS);
  const row = metric(Metric.allianceOutcomeR, r?.r ?? null, groups.reduce((s, c) => s + c.paired, 0), groups.length);
  return r === null ? row : { ...row, ci_low: r.interval.low, ci_high: r.interval.high, ci_method: CiMethod.fisherZ };
};

const outcomeMetrics = (o: OutcomeStats, lowerIsBetter: boolean): MetricValue[] => {
  const hasThreshold = o.classified > 0 || o.paired === 0;
  const hasCutOff = o.caseAssessed > 0;
  const classifiedCount = (name: string, value: number): MetricValue => count(name, hasThreshold ? value : null, o.pairedGroups);
  const paired = (sum: (c: OutcomeCluster) => number): ClusterTotal[] => totals(o.clusters, (c) => c.paired, sum);
  const rows = [
    count(Metric.enrolled, o.enrolled, o.groups),
    count(Metric.paired, o.paired, o.pairedGroups),
    rate(Metric.pairedRate, totals(o.clusters, (c) => c.enrolled, (c) => c.paired), o.paired, o.enrolled, o.groups),
    classifiedCount(Metric.reliablyImproved, o.improved),
    classifiedCount(Metric.noReliableChange, o.unchanged),
    classifiedCount(Metric.reliablyDeteriorated, o.deteriorated),
    count(Metric.casesAtStart, hasCutOff ? o.casesAtStart : null, o.groups),
    count(Metric.recovered, hasCutOff ? o.recovered : null, o.pairedGroups),
    count(Metric.reliablyRecovered, hasCutOff && hasThreshold ? o.reliablyRecovered : null, o.pairedGroups),
    hasCutOff
      ? rate(Metric.recoveryRate, totals(o.clusters, (c) => c.pairedCasesAtStart, (c) => c.recovered), o.recovered, o.pairedCasesAtStart, o.pairedGroups)
      : metric(Metric.recoveryRate, null, 0, o.pairedGroups),
    mean(Metric.meanBaseline, momentsMean(o.baseline), o.paired, paired((c) => c.baselineSum), o.pairedGroups),
    mean(Metric.meanFinal, momentsMean(o.final), o.paired, paired((c) => c.finalSum), o.pairedGroups),
    median(Metric.medianBaseline, o.baselineHistogram, o.pairedGroups),
    median(Metric.medianFinal, o.finalHistogram, o.pairedGroups),
    mean(Metric.meanChange, momentsMean(o.change), o.paired, paired((c) => c.changeSum), o.pairedGroups),
    effect(Metric.hedgesG, o, hedgesG(o.clusters)),
    effect(Metric.dZ, o, cohensDz(o.clusters)),
    count(Metric.riskFlagged, o.riskFlagged, o.groups),
    allianceOutcomeRelation(o, lowerIsBetter),
  ];
  const sessions = Object.keys(o.bySession).map(Number).sort((a, b) => a - b);
  for (const k of sessions) {
    const m = o.bySession[String(k)];
    if (m !== undefined) rows.push(sessionMean(k, m));
  }
  return rows;
};

/**
 * The share of an instrument's rated sessions in the clinical range of its cut-off (for a process measure such as GSRS:
 * sessions below the alliance cut-off), based on its enrolled people, with a cluster-robust Wilson interval from each
 * group's rated and in-range sessions. The group is the cluster, so the interval holds whatever the correlation within
 * a group, a person's repeated sessions included. Value null without rated sessions.
 */
export const sessionsInRangeRate = (o: OutcomeStats): MetricValue => {
  const rated = o.ratedSessions ?? 0;
  const clusters = totals(o.clusters, (c) => c.ratedSessions ?? 0, (c) => c.ratedSessionsInRange ?? 0);
  const row = metric(Metric.sessionsInRangeRate, rated > 0 ? (o.ratedSessionsInRange ?? 0) / rated : null, o.enrolled, o.groups);
  return withInterval(row, clusterProportionInterval(clusters), CiMethod.clusterWilson);
};

/**
 * The NHS Talking Therapies set of a cell (see `NHS_TT`): finished courses, those assessed (paired on PHQ-9 and
 * GAD-7: `paired`), cases at start, the outcome counts and the four rates with cluster-robust Wilson intervals:
 * reliable improvement and deterioration of the assessed courses, recovery and reliable recovery of the cases at start.
 */
export const nhsTtMetrics = (s: NhsTtStats): MetricValue[] => {
  const ofAssessed = (name: string, key: 'reliablyImproved' | 'reliablyDeteriorated'): MetricValue =>
    rate(name, nhsTtRateClusters(s.clusters, 'assessed', key), s[key], s.assessed, s.groups);
  const ofCases = (name: string, key: 'recovered' | 'reliablyRecovered'): MetricValue =>
    rate(name, nhsTtRateClusters(s.clusters, 'casesAtStart', key), s[key], s.casesAtStart, s.groups);
  return [
    count(Metric.finishedCourse, s.finished, s.groups),
    count(Metric.paired, s.assessed, s.groups),
    count(Metric.casesAtStart, s.casesAtStart, s.groups),
    count(Metric.reliablyImproved, s.reliablyImproved, s.groups),
    count(Metric.noReliableChange, s.assessed - s.reliablyImproved - s.reliablyDeteriorated, s.groups),
    count(Metric.reliablyDeteriorated, s.reliablyDeteriorated, s.groups),
    count(Metric.recovered, s.recovered, s.groups),
    count(Metric.reliablyRecovered, s.reliablyRecovered, s.groups),
    ofAssessed(Metric.reliableImprovementRate, 'reliablyImproved'),
    ofAssessed(Metric.reliableDeteriorationRate, 'reliablyDeteriorated'),
    ofCases(Metric.recoveryRate, 'recovered'),
    ofCases(Metric.reliableRecoveryRate, 'reliablyRecovered'),
  ];
};

/**
 * Every published metric of a cell from its merged statistics: counts; rates, means, mean change, effect sizes
 * (Hedges' g and d_z, both with the exact Hedges correction) and mean score by session with intervals that account
 * for grouping (CR2 cluster-robust variance, Bell–McCaffrey df; see functions/core/stats/README.md), or, where
 * too few groups allow an honest interval, null bounds with `ci_unavailable`; exact medians without an interval.
 * Counts that need a threshold or cut-off the instrument lacks have value null. Where the cell's groups compute the
 * NHS Talking Therapies set, its figures come under the instrument id `nhs_tt`, beside the per-instrument outcomes.
 */
export const summariseCell = (stats: GroupStatistics, directionOf: (instrument: string) => Direction | undefined = shippedDirection): CellSummary => {
  const instruments: Record<string, MetricValue[]> = {};
  for (const id of Object.keys(stats.instruments).sort()) {
    const o = stats.instruments[id];
    if (o !== undefined) instruments[id] = outcomeMetrics(o, directionOf(id) === 'lower-is-better');
  }
  const nhs = stats.nhsTalkingTherapies;
  if (nhs !== undefined && nhs.groups > 0) instruments[NHS_TT.set] = nhsTtMetrics(nhs);
  return { participation: participationMetrics(stats.participation, stats.groups), instruments };
};
