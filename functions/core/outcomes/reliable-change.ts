import type { Direction, InstrumentDefinition } from '../instruments/instrument-definition';
import { Z95 } from '../stats/confidence-interval';

/** The reliable-change class of a paired participant. */
export const ReliableChange = { improved: 'improved', unchanged: 'unchanged', deteriorated: 'deteriorated' } as const;
export type ReliableChange = (typeof ReliableChange)[keyof typeof ReliableChange];

/** Jacobson & Truax (1991) threshold in points: RC = 1.96 · SD₁ · √2 · √(1 − r). */
export const jacobsonTruaxThreshold = (sdBaseline: number, reliability: number): number =>
  Z95 * sdBaseline * Math.SQRT2 * Math.sqrt(1 - reliability);

/** The instrument's reliable-change threshold: the published one, else derived from its SD and reliability, else null. */
export const reliableChangeThreshold = (def: InstrumentDefinition): number | null => {
  const { threshold, sd, reliability } = def.reliableChange;
  if (threshold !== null && threshold !== undefined) return threshold;
  if (sd !== null && sd !== undefined && reliability !== null && reliability !== undefined) {
    return jacobsonTruaxThreshold(sd, reliability);
  }
  return null;
};

// Changes are differences of scores with at most a few decimals; the tolerance keeps 30.3 − 25.3 = 4.999… at 5.
const TOLERANCE = 1e-9;

/**
 * How a reliable-change threshold reads in every output, worded to match `classifyChange` (at least, not more than)
 * and naming its confidence level; thresholds are shown to 3 decimals so the text never rounds past the rule.
 * @example reliableChangeWording(6, 0.9) === 'a change of at least 6 points (90% confidence)'
 */
export const reliableChangeWording = (points: number, confidence: number): string =>
  `a change of at least ${Number(points.toFixed(3))} points (${Math.round(confidence * 100)}% confidence)`;

/**
 * Classifies a change (last − first): a change of at least the threshold in the better direction is a reliable
 * improvement, in the worse direction a reliable deterioration, anything smaller no reliable change.
 */
export const classifyChange = (change: number, threshold: number, direction: Direction): ReliableChange => {
  const better = direction === 'higher-is-better' ? change : -change;
  if (better >= threshold - TOLERANCE) return ReliableChange.improved;
  if (-better >= threshold - TOLERANCE) return ReliableChange.deteriorated;
  return ReliableChange.unchanged;
};
