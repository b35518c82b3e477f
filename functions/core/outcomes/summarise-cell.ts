import { Metric, SessionMetric, sessionMetric } from '../figures/metric';
import { clusterAdjustedMeanInterval } from '../stats/cluster-moments';
import type { Interval } from '../stats/confidence-interval';
import { meanInterval, wilsonInterval } from '../stats/confidence-interval';
import { cohensDz, hedgesG } from '../stats/effect-size';
import type { Histogram } from '../stats/histogram';
import { histogramCount, histogramMedian, histogramMedianInterval } from '../stats/histogram';
import type { Moments } from '../stats/moments';
import { momentsMean, momentsSd } from '../stats/moments';
import type { GroupStatistics, OutcomeStats, ParticipationStats } from './group-statistics-types';

/** How an interval was computed, for the method notes of a report. */
export const CiMethod = {
  t: 't',
  tDesignEffect: 't-design-effect',
  wilson: 'wilson',
  orderStatistic: 'order-statistic',
  normal: 'normal',
} as const;
export type CiMethod = (typeof CiMethod)[keyof typeof CiMethod];

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
}

/** Every metric of a cell: participation metrics, and per instrument the outcome metrics. */
export interface CellSummary {
  participation: MetricValue[];
  instruments: Record<string, MetricValue[]>;
}

/** Choices for summarising a cell. */
export interface SummariseOptions {
  /**
   * The mean-change interval is widened by the design effect (ICC from the between-group variance, t with groups − 1 df)
   * when at least this many groups have paired data; below it, the plain t interval is given. Default 10.
   */
  minGroupsForDesignEffect?: number;
}

export const DEFAULT_MIN_GROUPS_FOR_DESIGN_EFFECT = 10;

const metric = (
  name: string, value: number | null, nParticipants: number, nGroups: number, interval: Interval | null = null, method?: CiMethod,
): MetricValue => {
  const row: MetricValue = {
    metric: name, value, ci_low: interval?.low ?? null, ci_high: interval?.high ?? null, n_participants: nParticipants, n_groups: nGroups,
  };
  if (interval !== null && method !== undefined) row.ci_method = method;
  return row;
};

const rate = (name: string, successes: number, n: number, nGroups: number): MetricValue =>
  metric(name, n > 0 ? successes / n : null, n, nGroups, wilsonInterval(successes, n), CiMethod.wilson);

const count = (name: string, value: number | null, nGroups: number): MetricValue => metric(name, value, value ?? 0, nGroups);

const mean = (name: string, m: Moments, nGroups: number): MetricValue =>
  metric(name, momentsMean(m), m.n, nGroups, meanInterval(m), CiMethod.t);

const median = (name: string, h: Histogram, nGroups: number): MetricValue =>
  metric(name, histogramMedian(h), histogramCount(h), nGroups, histogramMedianInterval(h), CiMethod.orderStatistic);

const participationMetrics = (p: ParticipationStats, groups: number): MetricValue[] => {
  const rows = [
    count(Metric.participants, p.participants, groups),
    metric(Metric.groups, groups, p.participants, groups),
    metric(Metric.sessionsDelivered, p.sessionsDelivered, p.participants, groups),
    count(Metric.completed, p.completed, groups),
    count(Metric.droppedOut, p.droppedOut, groups),
    // Sessions are clustered within people, so a binomial interval over sessions would be too narrow: no interval.
    metric(Metric.attendanceRate, p.sessionsOffered > 0 ? p.sessionsAttended / p.sessionsOffered : null, p.offeredParticipants, groups),
    rate(Metric.completionRate, p.completedFinished, p.finishedStarters, groups),
    rate(Metric.dropoutRate, p.droppedOut, p.finishedStarters, groups),
  ];
  for (let k = 1; k <= p.retentionAtRisk.length; k += 1) {
    rows.push(rate(sessionMetric(SessionMetric.retention, k), p.retentionRetained[k - 1] ?? 0, p.retentionAtRisk[k - 1] ?? 0,
      p.retentionGroups[k - 1] ?? 0));
  }
  return rows;
};

// Pearson correlation of baseline and final scores of the paired, from the sums.
const correlation = (o: OutcomeStats): number => {
  const n = o.paired;
  const sxy = o.sumCross - (o.baseline.sum * o.final.sum) / n;
  const sxx = o.baseline.sumSq - (o.baseline.sum * o.baseline.sum) / n;
  const syy = o.final.sumSq - (o.final.sum * o.final.sum) / n;
  return sxx > 0 && syy > 0 ? Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy))) : Number.NaN;
};

const meanChange = (o: OutcomeStats, minGroups: number): MetricValue => {
  if (o.changeClusters.groups >= minGroups) {
    const adjusted = clusterAdjustedMeanInterval(o.change, o.changeClusters);
    if (adjusted !== null) {
      return metric(Metric.meanChange, momentsMean(o.change), o.paired, o.pairedGroups, adjusted.interval, CiMethod.tDesignEffect);
    }
  }
  return mean(Metric.meanChange, o.change, o.pairedGroups);
};

const outcomeMetrics = (o: OutcomeStats, minGroups: number): MetricValue[] => {
  const hasThreshold = o.classified > 0 || o.paired === 0;
  const hasCutOff = o.caseAssessed > 0;
  const classifiedCount = (name: string, value: number): MetricValue => count(name, hasThreshold ? value : null, o.pairedGroups);
  const meanChangeValue = momentsMean(o.change);
  const sdBaseline = momentsSd(o.baseline);
  const sdChange = momentsSd(o.change);
  const g = meanChangeValue !== null && sdBaseline !== null ? hedgesG(meanChangeValue, sdBaseline, correlation(o), o.paired) : null;
  const dz = meanChangeValue !== null && sdChange !== null ? cohensDz(meanChangeValue, sdChange, o.paired) : null;
  const rows = [
    count(Metric.enrolled, o.enrolled, o.groups),
    count(Metric.paired, o.paired, o.pairedGroups),
    rate(Metric.pairedRate, o.paired, o.enrolled, o.groups),
    classifiedCount(Metric.reliablyImproved, o.improved),
    classifiedCount(Metric.noReliableChange, o.unchanged),
    classifiedCount(Metric.reliablyDeteriorated, o.deteriorated),
    count(Metric.casesAtStart, hasCutOff ? o.casesAtStart : null, o.groups),
    count(Metric.recovered, hasCutOff ? o.recovered : null, o.pairedGroups),
    count(Metric.reliablyRecovered, hasCutOff && hasThreshold ? o.reliablyRecovered : null, o.pairedGroups),
    hasCutOff
      ? rate(Metric.recoveryRate, o.recovered, o.pairedCasesAtStart, o.pairedGroups)
      : metric(Metric.recoveryRate, null, 0, o.pairedGroups),
    mean(Metric.meanBaseline, o.baseline, o.pairedGroups),
    mean(Metric.meanFinal, o.final, o.pairedGroups),
    median(Metric.medianBaseline, o.baselineHistogram, o.pairedGroups),
    median(Metric.medianFinal, o.finalHistogram, o.pairedGroups),
    meanChange(o, minGroups),
    metric(Metric.hedgesG, g?.value ?? null, o.paired, o.pairedGroups, g?.interval ?? null, CiMethod.normal),
    metric(Metric.dZ, dz?.value ?? null, o.paired, o.pairedGroups, dz?.interval ?? null, CiMethod.normal),
    count(Metric.riskFlagged, o.riskFlagged, o.groups),
  ];
  const sessions = Object.keys(o.bySession).map(Number).sort((a, b) => a - b);
  for (const k of sessions) {
    const m = o.bySession[String(k)];
    if (m !== undefined) rows.push(mean(sessionMetric(SessionMetric.meanScore, k), m, m.groups));
  }
  return rows;
};

/**
 * Every published metric of a cell from its merged statistics: counts, rates with Wilson intervals, means with t
 * intervals, exact medians with order-statistic intervals, Hedges' g and d_z, retention and mean score by session.
 * Counts that need a threshold or cut-off the instrument lacks have value null.
 */
export const summariseCell = (stats: GroupStatistics, options: SummariseOptions = {}): CellSummary => {
  const minGroups = options.minGroupsForDesignEffect ?? DEFAULT_MIN_GROUPS_FOR_DESIGN_EFFECT;
  const instruments: Record<string, MetricValue[]> = {};
  for (const id of Object.keys(stats.instruments).sort()) {
    const o = stats.instruments[id];
    if (o !== undefined) instruments[id] = outcomeMetrics(o, minGroups);
  }
  return { participation: participationMetrics(stats.participation, stats.groups), instruments };
};
