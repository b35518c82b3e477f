import { Metric, parseSessionMetric, SessionMetric } from './metric';

// Figures that are published with a 95% interval where an honest one exists. The attendance rate never has one
// (sessions are clustered within people); counts are not estimates.
const WITH_INTERVAL = new Set<string>([
  Metric.completionRate, Metric.dropoutRate, Metric.pairedRate, Metric.recoveryRate,
  Metric.meanBaseline, Metric.meanFinal, Metric.medianBaseline, Metric.medianFinal, Metric.meanChange, Metric.hedgesG, Metric.dZ,
  SessionMetric.retention, SessionMetric.meanScore, Metric.sessionsInRangeRate,
]);

/** True for a metric that normally carries an interval: a visible value without bounds then means "interval not available". */
export const hasInterval = (metric: string): boolean => WITH_INTERVAL.has(parseSessionMetric(metric)?.family ?? metric);

/**
 * True when a published figure has a value but no interval although its metric normally has one: too few groups for an
 * honest interval (see functions/core/stats/README.md), shown as "interval not available", never as a blank.
 */
export const intervalNotAvailable = (row: { metric: string; value: number | null; ci_low: number | null; ci_high: number | null; suppressed: boolean }): boolean =>
  !row.suppressed && row.value !== null && (row.ci_low === null || row.ci_high === null) && hasInterval(row.metric);
