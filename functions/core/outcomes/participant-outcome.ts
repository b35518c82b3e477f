import type { CutOff, InstrumentDefinition } from '../instruments/instrument-definition';
import { isCase } from '../scoring/classify-score';
import { ScoreFlag } from '../scoring/score-flag';
import { latestPerSession } from './latest-per-session';
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
  /** Forms received, a repeat in the same session included. */
  administrations: number;
  /** Sessions with a score (a repeat in the same session replaces the earlier form). */
  sessionsScored: number;
  first: ScorePoint | null;
  last: ScorePoint | null;
  /** Scores in at least two different sessions: the first and the last session's score are compared. */
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

/**
 * First and last score, change, reliable change (Jacobson & Truax), caseness, recovery and risk of one participant.
 * @example participantOutcome(getInstrument('phq9'), [{ session: 1, score: 15, … }, { session: 8, score: 7, … }]).recovered === true
 */
export const participantOutcome = (
  def: InstrumentDefinition,
  scores: readonly ScorePoint[],
  options: OutcomeOptions = {},
): ParticipantOutcome => {
  // A replaced form still raised its risk flag: risk is about what was answered, not about pairing.
  const riskFlagged = scores.some((point) => point.flags.includes(ScoreFlag.risk));
  const sessions = [...latestPerSession(scores).values()].sort((a, b) => a.session - b.session);
  const first = sessions[0] ?? null;
  const last = sessions[sessions.length - 1] ?? null;
  const threshold = options.reliableChangeThreshold === undefined ? reliableChangeThreshold(def) : options.reliableChangeThreshold;
  const cutOff = options.cutOff === undefined ? (def.cutOff ?? null) : options.cutOff;
  const paired = sessions.length >= 2 && first !== null && last !== null;
  const change = paired && first !== null && last !== null ? last.score - first.score : null;
  const reliableChange = change !== null && threshold !== null ? classifyChange(change, threshold, def.direction) : null;
  const caseAtStart = cutOff !== null && first !== null ? isCase(cutOff, first.score) : null;
  const caseAtEnd = cutOff !== null && paired && last !== null ? isCase(cutOff, last.score) : null;
  const recovered = caseAtStart !== null && caseAtEnd !== null ? caseAtStart && !caseAtEnd : null;
  const reliablyRecovered = recovered !== null && reliableChange !== null ? recovered && reliableChange === 'improved' : null;
  return {
    instrument: def.id, administrations: scores.length, sessionsScored: sessions.length, first, last, paired, change, threshold, reliableChange,
    caseAtStart, caseAtEnd, recovered, reliablyRecovered, riskFlagged,
  };
};
