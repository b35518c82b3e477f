import { mergeClusterLists, mergeClusterTotals } from '../stats/cluster-totals';
import { mergeHistograms } from '../stats/histogram';
import { mergeMoments } from '../stats/moments';
import { emptyOutcomeStats } from './empty-group-statistics';
import { emptyNhsTtStats, nhsTtClusterKey } from './nhs-talking-therapies';
import type { NhsTtStats } from './nhs-talking-therapies';
import type {
  GroupStatistics, OutcomeCluster, OutcomeStats, ParticipationCluster, ParticipationStats, SessionMoments,
} from './group-statistics-types';

// Keys in a canonical order, so merge(a, b) and merge(b, a) serialise to the same JSON.
const sortKeys = <T>(record: Record<string, T>): Record<string, T> => {
  const sorted: Record<string, T> = {};
  for (const key of Object.keys(record).sort((x, y) => Number(x) - Number(y) || (x < y ? -1 : x > y ? 1 : 0))) {
    sorted[key] = record[key] as T;
  }
  return sorted;
};

const addArrays = (a: readonly number[], b: readonly number[]): number[] =>
  Array.from({ length: Math.max(a.length, b.length) }, (_, i) => (a[i] ?? 0) + (b[i] ?? 0));

// Canonical orders of the per-group lists: equal keys mean equal entries, so the merged JSON is order-free.
const participationClusterKey = (c: ParticipationCluster): number[] =>
  [c.finishedStarters, c.completedFinished, c.droppedOut, c.retentionAtRisk.length, ...c.retentionAtRisk, ...c.retentionRetained];
const outcomeClusterKey = (c: OutcomeCluster): number[] => [
  c.enrolled, c.paired, c.pairedCasesAtStart, c.recovered, c.baselineSum, c.baselineSumSq, c.finalSum, c.changeSum, c.changeSumSq,
  c.ratedSessions ?? 0, c.ratedSessionsInRange ?? 0, c.allianceRated ?? 0, c.allianceSum ?? 0,
];

/** Participation statistics of two disjoint sets of groups. */
export const mergeParticipationStats = (a: ParticipationStats, b: ParticipationStats): ParticipationStats => ({
  participants: a.participants + b.participants,
  starters: a.starters + b.starters,
  sessionsDelivered: a.sessionsDelivered + b.sessionsDelivered,
  sessionsOffered: a.sessionsOffered + b.sessionsOffered,
  sessionsAttended: a.sessionsAttended + b.sessionsAttended,
  offeredParticipants: a.offeredParticipants + b.offeredParticipants,
  completed: a.completed + b.completed,
  finishedStarters: a.finishedStarters + b.finishedStarters,
  completedFinished: a.completedFinished + b.completedFinished,
  droppedOut: a.droppedOut + b.droppedOut,
  retentionAtRisk: addArrays(a.retentionAtRisk, b.retentionAtRisk),
  retentionRetained: addArrays(a.retentionRetained, b.retentionRetained),
  retentionGroups: addArrays(a.retentionGroups, b.retentionGroups),
  clusters: mergeClusterLists(a.clusters, b.clusters, participationClusterKey),
});

const mergeBySession = (a: Record<string, SessionMoments>, b: Record<string, SessionMoments>): Record<string, SessionMoments> => {
  const merged: Record<string, SessionMoments> = { ...a };
  for (const [session, m] of Object.entries(b)) {
    const other = merged[session];
    merged[session] = other === undefined
      ? m
      : { ...mergeMoments(other, m), groups: other.groups + m.groups, clusters: mergeClusterTotals(other.clusters, m.clusters) };
  }
  return sortKeys(merged);
};

/** Outcome statistics of two disjoint sets of groups. */
export const mergeOutcomeStats = (a: OutcomeStats, b: OutcomeStats): OutcomeStats => ({
  groups: a.groups + b.groups,
  pairedGroups: a.pairedGroups + b.pairedGroups,
  enrolled: a.enrolled + b.enrolled,
  paired: a.paired + b.paired,
  classified: a.classified + b.classified,
  improved: a.improved + b.improved,
  unchanged: a.unchanged + b.unchanged,
  deteriorated: a.deteriorated + b.deteriorated,
  casesAtStart: a.casesAtStart + b.casesAtStart,
  pairedCasesAtStart: a.pairedCasesAtStart + b.pairedCasesAtStart,
  caseAssessed: a.caseAssessed + b.caseAssessed,
  recovered: a.recovered + b.recovered,
  reliablyRecovered: a.reliablyRecovered + b.reliablyRecovered,
  riskFlagged: a.riskFlagged + b.riskFlagged,
  baseline: mergeMoments(a.baseline, b.baseline),
  final: mergeMoments(a.final, b.final),
  change: mergeMoments(a.change, b.change),
  sumCross: a.sumCross + b.sumCross,
  baselineHistogram: sortKeys(mergeHistograms(a.baselineHistogram, b.baselineHistogram)),
  finalHistogram: sortKeys(mergeHistograms(a.finalHistogram, b.finalHistogram)),
  clusters: mergeClusterLists(a.clusters, b.clusters, outcomeClusterKey),
  // `?? 0`: statistics stored before sessions were counted lack the fields
  ratedSessions: (a.ratedSessions ?? 0) + (b.ratedSessions ?? 0),
  ratedSessionsInRange: (a.ratedSessionsInRange ?? 0) + (b.ratedSessionsInRange ?? 0),
  bySession: mergeBySession(a.bySession, b.bySession),
});

/** NHS Talking Therapies statistics of two disjoint sets of groups. */
export const mergeNhsTtStats = (a: NhsTtStats, b: NhsTtStats): NhsTtStats => ({
  groups: a.groups + b.groups,
  finished: a.finished + b.finished,
  assessed: a.assessed + b.assessed,
  casesAtStart: a.casesAtStart + b.casesAtStart,
  recovered: a.recovered + b.recovered,
  reliablyRecovered: a.reliablyRecovered + b.reliablyRecovered,
  reliablyImproved: a.reliablyImproved + b.reliablyImproved,
  reliablyDeteriorated: a.reliablyDeteriorated + b.reliablyDeteriorated,
  clusters: mergeClusterLists(a.clusters, b.clusters, nhsTtClusterKey),
});

/**
 * The statistics of the union of two disjoint sets of groups: associative and commutative, with
 * `emptyGroupStatistics()` as identity. Integer-valued sums merge exactly; decimal scores up to float rounding.
 */
export const mergeGroupStatistics = (a: GroupStatistics, b: GroupStatistics): GroupStatistics => {
  const instruments: Record<string, OutcomeStats> = { ...a.instruments };
  for (const [id, stats] of Object.entries(b.instruments)) {
    instruments[id] = mergeOutcomeStats(instruments[id] ?? emptyOutcomeStats(), stats);
  }
  // The set is present where any group has it: groups of programmes without it add nothing to it.
  const nhs = a.nhsTalkingTherapies === undefined && b.nhsTalkingTherapies === undefined ? {}
    : { nhsTalkingTherapies: mergeNhsTtStats(a.nhsTalkingTherapies ?? emptyNhsTtStats(), b.nhsTalkingTherapies ?? emptyNhsTtStats()) };
  return {
    groups: a.groups + b.groups,
    participation: mergeParticipationStats(a.participation, b.participation),
    instruments: sortKeys(instruments),
    ...nhs,
  };
};
