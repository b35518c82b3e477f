import type { ClusterTotal } from '../stats/cluster-totals';
import { latestPerSession } from './latest-per-session';
import type { ScorePoint } from './participant-outcome';

/**
 * The NHS Talking Therapies outcome set (NHS England, *NHS Talking Therapies for anxiety and depression manual*, v7
 * 2024, "Measuring outcomes" and appendix on outcome measurement; NHS England Digital, *NHS Talking Therapies annual
 * report*, glossary), computed jointly on PHQ-9 and GAD-7 (the anxiety measure where no anxiety-disorder-specific
 * measure applies):
 * - caseness: PHQ-9 ≥ 10 and/or GAD-7 ≥ 8;
 * - a finished course: at least two attended sessions, in a group that has ended;
 * - reliable improvement: PHQ-9 down by ≥ 6 or GAD-7 down by ≥ 4, with no reliable deterioration on the other;
 * - reliable deterioration: PHQ-9 up by ≥ 6 or GAD-7 up by ≥ 4, with no reliable improvement on the other;
 * - recovery: a case at the first scores and not a case at the last (PHQ-9 < 10 and GAD-7 < 8);
 * - reliable recovery: recovered and reliably improved.
 * Rates: recovery and reliable recovery of the finished courses that were cases at start; reliable improvement and
 * deterioration of all finished courses. The manual's standards are 50 % recovery and 67 % reliable improvement.
 * A finished course needs paired scores (two sessions) on both measures to be assessed; one without is missing data.
 * The values are the manual's, fixed here, not the instrument files' (which a deployment may override).
 * Source status: **secondary** (as the instrument files use the word) — the definitions follow NHS England's published
 * summaries and third-party accounts of the manual; the manual itself was not read for this code. Check against v7
 * before quoting these figures as NHS-comparable.
 */
export const NHS_TT = {
  /** The `instrument` field of the set's figures: they sit beside the per-instrument outcomes of PHQ-9 and GAD-7. */
  set: 'nhs_tt',
  phq9: { instrument: 'phq9', caseness: 10, reliableChange: 6 },
  gad7: { instrument: 'gad7', caseness: 8, reliableChange: 4 },
  finishedSessions: 2,
  standards: { recoveryRate: 0.5, reliableImprovementRate: 0.67 },
} as const;

/** First and last score of one measure, from two different sessions. */
export interface PairedScores {
  first: number;
  last: number;
}

/** What the set needs to know of one participant in one group. */
export interface NhsTtInput {
  sessionsAttended: number;
  ended: boolean;
  phq9: PairedScores | null;
  gad7: PairedScores | null;
}

/** One participant's place in the set. Nullable fields are null when the person is not in that figure's base. */
export interface NhsTtOutcome {
  /** At least two attended sessions, and the group has ended. */
  finished: boolean;
  /** Finished, with paired scores on both measures: in the base of the rates. */
  assessed: boolean;
  /** Case at the first scores; null when not assessed. */
  caseAtStart: boolean | null;
  /** Null when not assessed. */
  reliablyImproved: boolean | null;
  reliablyDeteriorated: boolean | null;
  /** Null when not assessed or not a case at start (not in the recovery base). */
  recovered: boolean | null;
  reliablyRecovered: boolean | null;
}

/** Caseness on the two measures jointly: PHQ-9 ≥ 10 and/or GAD-7 ≥ 8. */
export const isNhsTtCase = (phq9: number, gad7: number): boolean => phq9 >= NHS_TT.phq9.caseness || gad7 >= NHS_TT.gad7.caseness;

/** The reliable direction of one lower-is-better measure's change (last − first): −1 improved, 1 deteriorated, 0 neither. */
export const reliableDirection = (scores: PairedScores, threshold: number): -1 | 0 | 1 => {
  const change = scores.last - scores.first;
  if (change <= -threshold) return -1;
  if (change >= threshold) return 1;
  return 0;
};

/** The NHS Talking Therapies outcome of one participant (see `NHS_TT`). */
export const nhsTtOutcome = (input: NhsTtInput): NhsTtOutcome => {
  const finished = input.ended && input.sessionsAttended >= NHS_TT.finishedSessions;
  const { phq9, gad7 } = input;
  if (!finished || phq9 === null || gad7 === null) {
    return { finished, assessed: false, caseAtStart: null, reliablyImproved: null, reliablyDeteriorated: null, recovered: null, reliablyRecovered: null };
  }
  const directions = [reliableDirection(phq9, NHS_TT.phq9.reliableChange), reliableDirection(gad7, NHS_TT.gad7.reliableChange)];
  const anyImproved = directions.includes(-1);
  const anyDeteriorated = directions.includes(1);
  const reliablyImproved = anyImproved && !anyDeteriorated;
  const reliablyDeteriorated = anyDeteriorated && !anyImproved;
  const caseAtStart = isNhsTtCase(phq9.first, gad7.first);
  const recovered = caseAtStart ? !isNhsTtCase(phq9.last, gad7.last) : null;
  return {
    finished, assessed: true, caseAtStart, reliablyImproved, reliablyDeteriorated, recovered,
    reliablyRecovered: recovered === null ? null : recovered && reliablyImproved,
  };
};

/** First and last session's score of one measure (a repeat in a session replaces the earlier form), or null when unpaired. */
export const pairedScores = (scores: readonly ScorePoint[] | undefined): PairedScores | null => {
  if (scores === undefined) return null;
  const sessions = [...latestPerSession(scores).values()].sort((a, b) => a.session - b.session);
  const first = sessions[0];
  const last = sessions[sessions.length - 1];
  return sessions.length >= 2 && first !== undefined && last !== undefined ? { first: first.score, last: last.score } : null;
};

/** One group's counts of the set (no participant-level data), for the cluster-robust intervals of its rates. */
export interface NhsTtCluster {
  assessed: number;
  casesAtStart: number;
  recovered: number;
  reliablyRecovered: number;
  reliablyImproved: number;
  reliablyDeteriorated: number;
}

/** Mergeable statistics of the set over any set of groups. */
export interface NhsTtStats extends NhsTtCluster {
  /** Groups the set was computed for (programmes with the set switched on). */
  groups: number;
  finished: number;
  /** Per group, canonical order. */
  clusters: NhsTtCluster[];
}

/** The set's statistics of nobody: the identity of `mergeNhsTtStats`. */
export const emptyNhsTtStats = (): NhsTtStats => ({
  groups: 0, finished: 0, assessed: 0, casesAtStart: 0, recovered: 0, reliablyRecovered: 0, reliablyImproved: 0, reliablyDeteriorated: 0, clusters: [],
});

/** Adds one participant's outcome to a group's statistics (in place). */
export const addNhsTtOutcome = (stats: NhsTtStats, outcome: NhsTtOutcome): void => {
  if (outcome.finished) stats.finished += 1;
  if (!outcome.assessed) return;
  stats.assessed += 1;
  if (outcome.caseAtStart === true) stats.casesAtStart += 1;
  if (outcome.recovered === true) stats.recovered += 1;
  if (outcome.reliablyRecovered === true) stats.reliablyRecovered += 1;
  if (outcome.reliablyImproved === true) stats.reliablyImproved += 1;
  if (outcome.reliablyDeteriorated === true) stats.reliablyDeteriorated += 1;
};

/** A group's own counts, the one entry of its `clusters`. */
export const nhsTtCluster = (s: NhsTtCluster): NhsTtCluster => ({
  assessed: s.assessed, casesAtStart: s.casesAtStart, recovered: s.recovered, reliablyRecovered: s.reliablyRecovered,
  reliablyImproved: s.reliablyImproved, reliablyDeteriorated: s.reliablyDeteriorated,
});

/** Sort key of a per-group entry: equal keys mean equal entries, so merged lists are order-free. */
export const nhsTtClusterKey = (c: NhsTtCluster): number[] =>
  [c.assessed, c.casesAtStart, c.recovered, c.reliablyRecovered, c.reliablyImproved, c.reliablyDeteriorated];

/** The per-group totals behind one rate of the set: n and successes of each group. */
export const nhsTtRateClusters = (
  clusters: readonly NhsTtCluster[], base: 'assessed' | 'casesAtStart', count: keyof NhsTtCluster,
): ClusterTotal[] => clusters.map((c) => ({ n: c[base], sum: c[count] }));
