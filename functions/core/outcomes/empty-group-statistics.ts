import { emptyMoments } from '../stats/moments';
import type { GroupStatistics, OutcomeStats, ParticipationStats } from './group-statistics-types';

/** Participation statistics of nobody. */
export const emptyParticipationStats = (): ParticipationStats => ({
  participants: 0, starters: 0, sessionsDelivered: 0, sessionsOffered: 0, sessionsAttended: 0, offeredParticipants: 0,
  completed: 0, finishedStarters: 0, completedFinished: 0, droppedOut: 0,
  retentionAtRisk: [], retentionRetained: [], retentionGroups: [], clusters: [],
});

/** Outcome statistics of nobody. */
export const emptyOutcomeStats = (): OutcomeStats => ({
  groups: 0, pairedGroups: 0, enrolled: 0, paired: 0, classified: 0, improved: 0, unchanged: 0, deteriorated: 0,
  casesAtStart: 0, pairedCasesAtStart: 0, caseAssessed: 0, recovered: 0, reliablyRecovered: 0, riskFlagged: 0,
  baseline: emptyMoments(), final: emptyMoments(), change: emptyMoments(), sumCross: 0,
  baselineHistogram: {}, finalHistogram: {}, clusters: [], ratedSessions: 0, ratedSessionsInRange: 0, bySession: {},
});

/** The statistics of no group: the identity of `mergeGroupStatistics`. */
export const emptyGroupStatistics = (): GroupStatistics => ({ groups: 0, participation: emptyParticipationStats(), instruments: {} });
