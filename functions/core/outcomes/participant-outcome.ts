import type { CutOff, InstrumentDefinition } from '../instruments/instrument-definition';
import { isCase } from '../scoring/classify-score';
import { ScoreFlag } from '../scoring/score-flag';
import type { ReliableChange } from './reliable-change';
import { classifyChange, reliableChangeThreshold } from './reliable-change';

/** One scored administration of one participant, as stored. */
export interface ScorePoint {
  session: number;
  /** ISO date `YYYY-MM-DD`. */
  administeredOn: string;
  score: number;
  rawScore: number;
  flags: readonly string[];
}

/** Overrides of the instrument's defaults, for deployments that configure their own. */
export interface OutcomeOptions {
  reliableChangeThreshold?: number | null;
  cutOff?: CutOff | null;
}

/** The outcome of one participant on one instrument within one group. */
export interface ParticipantOutcome {
  instrument: string;
  administrations: number;
  first: ScorePoint | null;
  last: ScorePoint | null;
  /** At least two administrations: first and last are compared. */
  paired: boolean;
  /** last − first (reported score), or null when not paired. GBO: the progress in mean goal rating. */
  change: number | null;
  /** The threshold used, or null when the instrument has none (then `reliableChange` is null). */
  threshold: number | null;
  reliableChange: ReliableChange | null;
  /** Case at the first score; null when the instrument has no cut-off or no score. */
  caseAtStart: boolean | null;
  /** Case at the last score; null when not paired or no cut-off. */
  caseAtEnd: boolean | null;
  /** Case at first and not at last; null when not paired or no cut-off. */
  recovered: boolean | null;
  /** Recovered and reliably improved; null when not paired, no cut-off or no threshold. */
  reliablyRecovered: boolean | null;
  /** Any administration raised the risk flag. */
  riskFlagged: boolean;
}

// Chronological order: session number, then date (a repeated administration in one session counts by date).
const chronological = (a: ScorePoint, b: ScorePoint): number =>
  a.session - b.session || (a.administeredOn < b.administeredOn ? -1 : a.administeredOn > b.administeredOn ? 1 : 0);

/**
 * First and last score, change, reliable change (Jacobson & Truax), caseness, recovery and risk of one participant.
 * @example participantOutcome(getInstrument('phq9'), [{ session: 1, score: 15, … }, { session: 8, score: 7, … }]).recovered === true
 */
export const participantOutcome = (
  def: InstrumentDefinition,
  scores: readonly ScorePoint[],
  options: OutcomeOptions = {},
): ParticipantOutcome => {
  let first: ScorePoint | null = null;
  let last: ScorePoint | null = null;
  let riskFlagged = false;
  for (const point of scores) {
    if (first === null || chronological(point, first) < 0) first = point;
    if (last === null || chronological(point, last) >= 0) last = point;
    if (point.flags.includes(ScoreFlag.risk)) riskFlagged = true;
  }
  const threshold = options.reliableChangeThreshold === undefined ? reliableChangeThreshold(def) : options.reliableChangeThreshold;
  const cutOff = options.cutOff === undefined ? (def.cutOff ?? null) : options.cutOff;
  const paired = scores.length >= 2 && first !== null && last !== null;
  const change = paired && first !== null && last !== null ? last.score - first.score : null;
  const reliableChange = change !== null && threshold !== null ? classifyChange(change, threshold, def.direction) : null;
  const caseAtStart = cutOff !== null && first !== null ? isCase(cutOff, first.score) : null;
  const caseAtEnd = cutOff !== null && paired && last !== null ? isCase(cutOff, last.score) : null;
  const recovered = caseAtStart !== null && caseAtEnd !== null ? caseAtStart && !caseAtEnd : null;
  const reliablyRecovered = recovered !== null && reliableChange !== null ? recovered && reliableChange === 'improved' : null;
  return {
    instrument: def.id, administrations: scores.length, first, last, paired, change, threshold, reliableChange,
    caseAtStart, caseAtEnd, recovered, reliablyRecovered, riskFlagged,
  };
};
