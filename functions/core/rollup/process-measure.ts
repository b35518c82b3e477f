import { Metric, SessionMetric, parseSessionMetric } from '../figures/metric';
import type { InstrumentDefinition } from '../instruments/instrument-definition';
import type { MetricValue, OutcomeStats } from '../outcomes';

/**
 * The figures of a process measure (GSRS group alliance): the mean score at each session and the share of rated
 * sessions in the clinical range of the cut-off (below the alliance cut-off). Recovery, reliable change, mean change
 * and effect sizes are left out: alliance is not an outcome. The share has no interval: its sessions are nested in
 * participants and groups, and an interval that ignored that would be falsely narrow.
 */
export const processMeasureValues = (def: InstrumentDefinition, stats: OutcomeStats, values: readonly MetricValue[]): MetricValue[] => {
  const sessionMeans = values.filter((v) => parseSessionMetric(v.metric)?.family === SessionMetric.meanScore);
  const rated = stats.ratedSessions ?? 0;
  const share: MetricValue[] = def.cutOff && rated > 0
    ? [{
      metric: Metric.sessionsInRangeRate, value: (stats.ratedSessionsInRange ?? 0) / rated,
      ci_low: null, ci_high: null, n_participants: stats.enrolled, n_groups: stats.groups,
    }]
    : [];
  return [...share, ...sessionMeans];
};
