import { Metric, SessionMetric, metricInfo, parseSessionMetric } from '../figures/metric';
import type { MetricKind } from '../figures/metric';

/**
 * How disclosure control treats one metric.
 * - `peopleCount`: a count of people, so values 1..k-1 are suppressed and funder outputs round it.
 * - `additive`: the figure carries an additive amount (count, rate numerator = rate × n, mean sum = mean × n),
 *   so a suppressed amount could be recovered from its margin minus its visible siblings.
 * - `numerator` / `denominator`: the counts a rate is computed from (`numerator` null when not published).
 * - `base`: a count other figures of the cell use as their n (participants, enrolled, paired, cases at start),
 *   so a visible n_participants equal to it would reveal it.
 */
export interface MetricRole {
  kind: MetricKind;
  peopleCount: boolean;
  additive: boolean;
  numerator: string | null;
  denominator: string | null;
  base: boolean;
}

interface RateParts { numerator: string | null; denominator: string }

// Rates whose numerator counts people: rate × denominator reveals a count of people.
const PEOPLE_RATES: Readonly<Record<string, RateParts>> = {
  [Metric.completionRate]: { numerator: Metric.completed, denominator: Metric.participants },
  [Metric.dropoutRate]: { numerator: Metric.droppedOut, denominator: Metric.participants },
  [Metric.pairedRate]: { numerator: Metric.paired, denominator: Metric.enrolled },
  [Metric.recoveryRate]: { numerator: Metric.recovered, denominator: Metric.casesAtStart },
  [SessionMetric.retention]: { numerator: null, denominator: Metric.participants },
};

// Statistics that are sums divided by n (additive through n × value); medians and effect sizes are not.
const ADDITIVE_MEANS: ReadonlySet<string> = new Set([
  Metric.meanBaseline, Metric.meanFinal, Metric.meanChange, SessionMetric.meanScore,
]);

// Counts that serve as the n of other figures of their cell.
const BASE_COUNTS: ReadonlySet<string> = new Set([
  Metric.participants, Metric.enrolled, Metric.paired, Metric.casesAtStart,
]);

/** The three outcome categories of a paired participant, which add up to `paired` within a cell. */
export const OUTCOME_PARTS: readonly string[] = [
  Metric.reliablyImproved, Metric.noReliableChange, Metric.reliablyDeteriorated,
];

/** The total the outcome categories add up to. */
export const OUTCOME_TOTAL: string = Metric.paired;

/**
 * Bounds within a cell: `[smaller, larger]` means smaller ≤ larger, so a visible non-zero smaller count
 * would give a lower bound for a suppressed larger one.
 */
export const COUNT_BOUNDS: readonly (readonly [string, string])[] = [
  [Metric.recovered, Metric.casesAtStart],
  [Metric.reliablyRecovered, Metric.casesAtStart],
  [Metric.reliablyRecovered, Metric.recovered],
];

/** The disclosure role of a metric string, or undefined for a metric outside the catalogue. */
export const metricRole = (metric: string): MetricRole | undefined => {
  const info = metricInfo(metric);
  if (info === undefined) return undefined;
  const family = parseSessionMetric(metric)?.family ?? metric;
  if (info.kind === 'count') {
    const peopleCount = info.unit === 'people';
    return { kind: info.kind, peopleCount, additive: true, numerator: null, denominator: null, base: BASE_COUNTS.has(metric) };
  }
  if (info.kind === 'rate') {
    const parts = PEOPLE_RATES[family];
    return {
      kind: info.kind, peopleCount: false, additive: parts !== undefined,
      numerator: parts?.numerator ?? null, denominator: parts?.denominator ?? null, base: false,
    };
  }
  return { kind: info.kind, peopleCount: false, additive: ADDITIVE_MEANS.has(family), numerator: null, denominator: null,
    base: false };
};
