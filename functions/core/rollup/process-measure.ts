import { SessionMetric, parseSessionMetric } from '../figures/metric';
import type { InstrumentDefinition } from '../instruments/instrument-definition';
import { sessionsInRangeRate } from '../outcomes';
import type { MetricValue, OutcomeStats } from '../outcomes';

/**
 * The figures of a process measure (GSRS group alliance): the mean score at each session and the share of rated
 * sessions in the clinical range of the cut-off (below the alliance cut-off), both with cluster-robust intervals
 * (groups as clusters, so sessions nested in participants and groups are covered). Recovery, reliable change, mean
 * change and effect sizes are left out: alliance is not an outcome.
 */
export const processMeasureValues = (def: InstrumentDefinition, stats: OutcomeStats, values: readonly MetricValue[]): MetricValue[] => {
  const sessionMeans = values.filter((v) => parseSessionMetric(v.metric)?.family === SessionMetric.meanScore);
  const share: MetricValue[] = def.cutOff && (stats.ratedSessions ?? 0) > 0 ? [sessionsInRangeRate(stats)] : [];
  return [...share, ...sessionMeans];
};
