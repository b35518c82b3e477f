import type { ClusterTotal } from '../stats/cluster-totals';
import type { Histogram } from '../stats/histogram';
import type { Moments } from '../stats/moments';
import type { NhsTtStats } from './nhs-talking-therapies';

/** Mergeable participation statistics (plain JSON data). Arrays are indexed by session number − 1. */
export interface ParticipationStats {
  /** People with any record in the group(s). */
  participants: number;
  /** Attended at least one session. */
  starters: number;
  /** Σ over groups of the distinct sessions with any attendance mark. */
  sessionsDelivered: number;
  sessionsOffered: number;
  sessionsAttended: number;
  /** People with at least one session offered (the attendance-rate denominator in people). */
  offeredParticipants: number;
  /** Completed, in any group (a running group's participant can already have completed). */
  completed: number;
  /** Starters in ended groups: the denominator of the completion and drop-out rates. */
  finishedStarters: number;
  completedFinished: number;
  droppedOut: number;
  /** Starters of groups that have delivered session k. */
  retentionAtRisk: number[];
  /** Of those, the ones who attended session k or later. */
  retentionRetained: number[];
  /** Groups that have delivered session k. */
  retentionGroups: number[];
  /** Per group (canonical order): the counts behind the rates, for their cluster-robust intervals. */
  clusters: ParticipationCluster[];
}

/** One group's counts behind the participation rates: no participant-level data. */
export interface ParticipationCluster {
  finishedStarters: number;
  completedFinished: number;
  droppedOut: number;
  retentionAtRisk: number[];
  retentionRetained: number[];
}

/** Moments of the scores at one session number, with the number of groups they come from. */
export interface SessionMoments extends Moments {
  groups: number;
  /** Per group: n and Σ score at this session, for the cluster-robust interval. */
  clusters: ClusterTotal[];
}

/** One group's totals of one instrument behind the outcome intervals (paired people unless named): no participant-level data. */
export interface OutcomeCluster {
  enrolled: number;
  paired: number;
  pairedCasesAtStart: number;
  recovered: number;
  baselineSum: number;
  baselineSumSq: number;
  finalSum: number;
  changeSum: number;
  changeSumSq: number;
  /** Rated sessions and those in the clinical range (see `OutcomeStats.ratedSessions`); absent in totals stored before, read as 0. */
  ratedSessions: number;
  ratedSessionsInRange: number;
  /**
   * The group's alliance (its process measure, GSRS): rated sessions and the sum of their scores, carried on each
   * outcome instrument's entry so the group-level alliance–outcome relation can pair them; absent when the group has
   * no process measure ratings (and in totals stored before).
   */
  allianceRated?: number;
  allianceSum?: number;
}

/** Mergeable outcome statistics of one instrument (plain JSON data). Score moments are over paired participants. */
export interface OutcomeStats {
  /** Groups with at least one score / at least one paired participant. */
  groups: number;
  pairedGroups: number;
  /** People with at least one score. */
  enrolled: number;
  paired: number;
  /** Paired people classified by reliable change (0 when the instrument has no threshold). */
  classified: number;
  improved: number;
  unchanged: number;
  deteriorated: number;
  /** Case at the first score, among the enrolled / among the paired; and whether a cut-off applied at all. */
  casesAtStart: number;
  pairedCasesAtStart: number;
  caseAssessed: number;
  recovered: number;
  reliablyRecovered: number;
  riskFlagged: number;
  baseline: Moments;
  final: Moments;
  change: Moments;
  /** Σ baseline · final over the paired, for the baseline–final correlation. */
  sumCross: number;
  baselineHistogram: Histogram;
  finalHistogram: Histogram;
  /** Per group (canonical order): the totals behind the cluster-robust intervals. */
  clusters: OutcomeCluster[];
  /**
   * Rated sessions (one per person and session: the latest form) and, of those, the ones in the clinical range of the
   * cut-off: the share of sessions below the alliance cut-off of a process measure (GSRS). Absent in statistics
   * stored before they were counted, which merge as 0.
   */
  ratedSessions: number;
  ratedSessionsInRange: number;
  /** Scores of all administrations by session number (one per person and session: the latest). */
  bySession: Record<string, SessionMoments>;
}

/** The mergeable sufficient statistics of one group or of any set of groups; stored as-is. */
export interface GroupStatistics {
  groups: number;
  participation: ParticipationStats;
  instruments: Record<string, OutcomeStats>;
  /** The NHS Talking Therapies set, for groups of programmes that switch it on; absent otherwise. */
  nhsTalkingTherapies?: NhsTtStats;
}
