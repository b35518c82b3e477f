import { Metric, SessionMetric, metricInfo, parseSessionMetric, sessionMetric } from '../figures/metric';
import type { MetricKind } from '../figures/metric';

/**
 * How disclosure control treats one metric.
 * - `peopleCount`: a count of people, so values 1..k-1 are suppressed and funder outputs round it.
 * - `additive`: the figure carries an additive amount (count, rate numerator = rate × n, mean sum = mean × n),
 *   so a suppressed amount could be recovered from its margin minus its visible siblings.
 * - `numerator` / `denominator`: the counts a rate is computed from (`numerator` null when not published).
 * - `size`: the quantity the figure's n counts when it is shared by construction with other figures of the cell
 *   (a count of people counts itself, a mean's n is `paired`, a paired rate's n is `enrolled`...), or null when the
 *   n is the figure's own (a session's mean score, retention at a session, a recovery rate's paired cases).
 * - `numeratorExact`: false when the numerator count also counts people the rate leaves out (`completed` counts
 *   completers of groups still running, the completion rate only those of ended groups): rate × n = numerator then
 *   holds when every group of the cell has ended, and is applied only in cells where the values agree.
 * - `endedSize`: the quantity the n equals when every group of the cell has ended (retention at session 1 rests on
 *   all starters, who are then the finished starters of the completion and drop-out rates), linked where the
 *   values agree; null when none.
 * - `amountIsSize`: rate × n = n by construction (every starter attended session 1, so retention there is 1).
 */
export interface MetricRole {
  kind: MetricKind;
  peopleCount: boolean;
  additive: boolean;
  numerator: string | null;
  denominator: string | null;
  size: string | null;
  numeratorExact: boolean;
  endedSize: string | null;
  amountIsSize: boolean;
}

interface RateParts { numerator: string | null; denominator: string }

// Rates whose numerator counts people: rate × denominator reveals a count of people.
const PEOPLE_RATES: Readonly<Record<string, RateParts>> = {
  [Metric.completionRate]: { numerator: Metric.completed, denominator: Metric.participants },
  [Metric.dropoutRate]: { numerator: Metric.droppedOut, denominator: Metric.participants },
  [Metric.pairedRate]: { numerator: Metric.paired, denominator: Metric.enrolled },
  [Metric.recoveryRate]: { numerator: Metric.recovered, denominator: Metric.casesAtStart },
  // the NHS Talking Therapies set (instrument nhs_tt)
  [Metric.reliableImprovementRate]: { numerator: Metric.reliablyImproved, denominator: Metric.paired },
  [Metric.reliableDeteriorationRate]: { numerator: Metric.reliablyDeteriorated, denominator: Metric.paired },
  [Metric.reliableRecoveryRate]: { numerator: Metric.reliablyRecovered, denominator: Metric.casesAtStart },
  [SessionMetric.retention]: { numerator: null, denominator: Metric.participants },
};

// Statistics that are sums divided by n (additive through n × value); medians and effect sizes are not.
const ADDITIVE_MEANS: ReadonlySet<string> = new Set([
  Metric.meanBaseline, Metric.meanFinal, Metric.meanChange, SessionMetric.meanScore,
]);

// Figures whose n is, by construction of the roll-up (`summariseCell`), a quantity another figure of the cell
// publishes or shares; a count of people is its own n. Checked against the demo roll-up by a test.
const FINISHED_STARTERS = 'finished_starters';
const SHARED_SIZE: Readonly<Record<string, string>> = {
  [Metric.groups]: Metric.participants,
  [Metric.sessionsDelivered]: Metric.participants,
  [Metric.attendanceRate]: Metric.participants,
  [Metric.completionRate]: FINISHED_STARTERS,
  [Metric.dropoutRate]: FINISHED_STARTERS,
  [Metric.pairedRate]: Metric.enrolled,
  [Metric.meanBaseline]: Metric.paired,
  [Metric.meanFinal]: Metric.paired,
  [Metric.medianBaseline]: Metric.paired,
  [Metric.medianFinal]: Metric.paired,
  [Metric.meanChange]: Metric.paired,
  [Metric.hedgesG]: Metric.paired,
  [Metric.dZ]: Metric.paired,
  [Metric.reliableImprovementRate]: Metric.paired,
  [Metric.reliableDeteriorationRate]: Metric.paired,
};

/**
 * The completion rate and the drop-out rate: every finished starter either completed or dropped out, so their
 * amounts (completers and drop-outs among the finished starters) add up to their shared n.
 */
export const FINISHED_PARTS: readonly [string, string] = [Metric.completionRate, Metric.dropoutRate];

// Rates whose numerator count also counts running groups' people (see `MetricRole.numeratorExact`).
const INEXACT_NUMERATOR: ReadonlySet<string> = new Set([Metric.completionRate]);
const RETENTION_AT_FIRST_SESSION = sessionMetric(SessionMetric.retention, 1);

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
  const firstRetention = metric === RETENTION_AT_FIRST_SESSION;
  const links = {
    numeratorExact: !INEXACT_NUMERATOR.has(metric), endedSize: firstRetention ? FINISHED_STARTERS : null, amountIsSize: firstRetention,
  };
  if (info.kind === 'count') {
    const peopleCount = info.unit === 'people';
    return {
      kind: info.kind, peopleCount, additive: true, numerator: null, denominator: null,
      size: peopleCount ? metric : SHARED_SIZE[metric] ?? null, ...links,
    };
  }
  if (info.kind === 'rate') {
    const parts = PEOPLE_RATES[family];
    return {
      kind: info.kind, peopleCount: false, additive: parts !== undefined,
      numerator: parts?.numerator ?? null, denominator: parts?.denominator ?? null, size: SHARED_SIZE[metric] ?? null, ...links,
    };
  }
  return { kind: info.kind, peopleCount: false, additive: ADDITIVE_MEANS.has(family), numerator: null, denominator: null,
    size: SHARED_SIZE[metric] ?? null, ...links };
};
