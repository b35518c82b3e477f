import type { InstrumentDefinition } from '../instruments/instrument-definition';
import { findInstrument } from '../instruments/registry';
import { addToHistogram } from '../stats/histogram';
import { addToMoments } from '../stats/moments';
import { isCase } from '../scoring/classify-score';
import { emptyGroupStatistics, emptyOutcomeStats } from './empty-group-statistics';
import type {
  GroupStatistics, OutcomeCluster, OutcomeStats, ParticipationCluster, ParticipationStats, SessionMoments,
} from './group-statistics-types';
import { latestPerSession } from './latest-per-session';
import { addNhsTtOutcome, emptyNhsTtStats, NHS_TT, nhsTtCluster, nhsTtOutcome, pairedScores } from './nhs-talking-therapies';
import type { NhsTtStats } from './nhs-talking-therapies';
import type { ScorePoint } from './participant-outcome';
import { participantOutcome } from './participant-outcome';
import type { AttendanceMark, CompletionRule } from './participation';
import { DEFAULT_COMPLETION_RULE, participation } from './participation';

/** Everything recorded about one participant in one group: attendance, and scored administrations per instrument. */
export interface ParticipantRecords {
  attendance: readonly AttendanceMark[];
  responses: Readonly<Record<string, readonly ScorePoint[]>>;
}

/** The records of one group, per pseudonymous participant id. */
export interface GroupStatisticsInput {
  group: { groupId: string; plannedSessions: number; ended: boolean };
  participants: Readonly<Record<string, ParticipantRecords>>;
}

/** Deployment choices that change the statistics. */
export interface GroupStatisticsConfig {
  completionRule?: CompletionRule;
  /** Reliable-change thresholds overriding the instruments' defaults, by instrument id. */
  reliableChangeThresholds?: Readonly<Record<string, number>>;
  /** Where definitions come from; defaults to the shipped library, whatever the licence (data was accepted already). */
  definitionOf?: (instrument: string) => InstrumentDefinition;
  /** Compute the NHS Talking Therapies set (a programme setting, default off). */
  nhsTalkingTherapies?: boolean;
}

const distinctSessions = (participants: Readonly<Record<string, ParticipantRecords>>): number => {
  const sessions = new Set<number>();
  for (const records of Object.values(participants)) for (const mark of records.attendance) sessions.add(mark.session);
  return sessions.size;
};

const highestSession = (participants: Readonly<Record<string, ParticipantRecords>>): number => {
  let highest = 0;
  for (const records of Object.values(participants)) for (const mark of records.attendance) highest = Math.max(highest, mark.session);
  return highest;
};

const addParticipation = (
  stats: ParticipationStats,
  input: GroupStatisticsInput,
  rule: CompletionRule,
): void => {
  const { group, participants } = input;
  const sessionsDelivered = distinctSessions(participants);
  const lastSession = highestSession(participants);
  stats.sessionsDelivered = sessionsDelivered;
  stats.retentionAtRisk = new Array<number>(lastSession).fill(0);
  stats.retentionRetained = new Array<number>(lastSession).fill(0);
  stats.retentionGroups = new Array<number>(lastSession).fill(lastSession > 0 ? 1 : 0);
  for (const records of Object.values(participants)) {
    stats.participants += 1;
    const p = participation(records.attendance, { ...group, sessionsDelivered }, rule);
    stats.sessionsOffered += p.sessionsOffered;
    stats.sessionsAttended += p.sessionsAttended;
    if (p.sessionsOffered > 0) stats.offeredParticipants += 1;
    if (p.completed) stats.completed += 1;
    if (!p.started) continue;
    stats.starters += 1;
    if (group.ended) {
      stats.finishedStarters += 1;
      if (p.completed) stats.completedFinished += 1;
    }
    if (p.droppedOut) stats.droppedOut += 1;
    for (let k = 1; k <= lastSession; k += 1) {
      stats.retentionAtRisk[k - 1] = (stats.retentionAtRisk[k - 1] ?? 0) + 1;
      if ((p.lastSessionAttended ?? 0) >= k) stats.retentionRetained[k - 1] = (stats.retentionRetained[k - 1] ?? 0) + 1;
    }
  }
};

const addOutcome = (stats: OutcomeStats, def: InstrumentDefinition, scores: readonly ScorePoint[], threshold?: number): void => {
  const outcome = participantOutcome(def, scores, threshold === undefined ? {} : { reliableChangeThreshold: threshold });
  stats.enrolled += 1;
  if (outcome.riskFlagged) stats.riskFlagged += 1;
  if (outcome.caseAtStart !== null) {
    stats.caseAssessed += 1;
    if (outcome.caseAtStart) stats.casesAtStart += 1;
  }
  for (const [session, point] of latestPerSession(scores)) {
    const key = String(session);
    const m: SessionMoments = stats.bySession[key] ?? { n: 0, sum: 0, sumSq: 0, groups: 1, clusters: [] };
    addToMoments(m, point.score);
    stats.bySession[key] = m;
    stats.ratedSessions += 1;
    if (def.cutOff && isCase(def.cutOff, point.score)) stats.ratedSessionsInRange += 1;
  }
  const { first, last, change } = outcome;
  if (!outcome.paired || first === null || last === null || change === null) return;
  stats.paired += 1;
  addToMoments(stats.baseline, first.score);
  addToMoments(stats.final, last.score);
  addToMoments(stats.change, change);
  stats.sumCross += first.score * last.score;
  addToHistogram(stats.baselineHistogram, first.score);
  addToHistogram(stats.finalHistogram, last.score);
  if (outcome.reliableChange !== null) {
    stats.classified += 1;
    stats[outcome.reliableChange] += 1;
  }
  if (outcome.caseAtStart === true) stats.pairedCasesAtStart += 1;
  if (outcome.recovered === true) stats.recovered += 1;
  if (outcome.reliablyRecovered === true) stats.reliablyRecovered += 1;
};

// The group's own totals, kept per group through every merge for the cluster-robust intervals.
const outcomeCluster = (o: OutcomeStats): OutcomeCluster => ({
  enrolled: o.enrolled, paired: o.paired, pairedCasesAtStart: o.pairedCasesAtStart, recovered: o.recovered,
  baselineSum: o.baseline.sum, baselineSumSq: o.baseline.sumSq, finalSum: o.final.sum, changeSum: o.change.sum, changeSumSq: o.change.sumSq,
  // `?? 0`: statistics stored before sessions were counted lack the fields
  ratedSessions: o.ratedSessions ?? 0, ratedSessionsInRange: o.ratedSessionsInRange ?? 0,
});

const participationCluster = (p: ParticipationStats): ParticipationCluster => ({
  finishedStarters: p.finishedStarters, completedFinished: p.completedFinished, droppedOut: p.droppedOut,
  retentionAtRisk: [...p.retentionAtRisk], retentionRetained: [...p.retentionRetained],
});

// The NHS Talking Therapies set of one group: each participant's sessions attended and PHQ-9 / GAD-7 pairs.
const nhsTtStatsOf = (input: GroupStatisticsInput): NhsTtStats => {
  const stats = emptyNhsTtStats();
  stats.groups = 1;
  const sessionsDelivered = distinctSessions(input.participants);
  for (const pid of Object.keys(input.participants).sort()) {
    const records = input.participants[pid];
    if (records === undefined) continue;
    const { sessionsAttended } = participation(records.attendance, { ...input.group, sessionsDelivered });
    addNhsTtOutcome(stats, nhsTtOutcome({
      sessionsAttended, ended: input.group.ended,
      phq9: pairedScores(records.responses[NHS_TT.phq9.instrument]), gad7: pairedScores(records.responses[NHS_TT.gad7.instrument]),
    }));
  }
  stats.clusters = [nhsTtCluster(stats)];
  return stats;
};

// The group's alliance: the rated sessions of its process measure (the first by id, GSRS) and their score sum.
const allianceOf = (
  instruments: Readonly<Record<string, OutcomeStats>>, definitionOf: (instrument: string) => InstrumentDefinition,
): { rated: number; sum: number } | null => {
  const id = Object.keys(instruments).sort().find((i) => definitionOf(i).measureType === 'process');
  const o = id === undefined ? undefined : instruments[id];
  if (o === undefined || o.ratedSessions === 0) return null;
  return { rated: o.ratedSessions, sum: Object.values(o.bySession).reduce((s, m) => s + m.sum, 0) };
};

/**
 * The mergeable sufficient statistics of one group: participation of every participant, and per instrument the outcomes
 * of everyone with a score. Pure: the same records always give the same statistics.
 */
export const groupStatistics = (input: GroupStatisticsInput, config: GroupStatisticsConfig = {}): GroupStatistics => {
  const stats = emptyGroupStatistics();
  stats.groups = 1;
  addParticipation(stats.participation, input, config.completionRule ?? DEFAULT_COMPLETION_RULE);
  const definitionOf = config.definitionOf ?? findInstrument;
  const instruments: Record<string, OutcomeStats> = {};
  for (const pid of Object.keys(input.participants).sort()) {
    const responses = input.participants[pid]?.responses ?? {};
    for (const [id, scores] of Object.entries(responses)) {
      if (scores.length === 0) continue;
      const outcome = (instruments[id] ??= emptyOutcomeStats());
      addOutcome(outcome, definitionOf(id), scores, config.reliableChangeThresholds?.[id]);
    }
  }
  const alliance = allianceOf(instruments, definitionOf);
  for (const id of Object.keys(instruments).sort()) {
    const outcome = instruments[id];
    if (outcome === undefined) continue;
    outcome.groups = 1;
    outcome.pairedGroups = outcome.paired > 0 ? 1 : 0;
    const withAlliance = alliance !== null && definitionOf(id).measureType !== 'process';
    outcome.clusters = [{ ...outcomeCluster(outcome), ...(withAlliance && { allianceRated: alliance.rated, allianceSum: alliance.sum }) }];
    for (const m of Object.values(outcome.bySession)) m.clusters = [{ n: m.n, sum: m.sum }];
    stats.instruments[id] = outcome;
  }
  stats.participation.clusters = [participationCluster(stats.participation)];
  if (config.nhsTalkingTherapies === true) stats.nhsTalkingTherapies = nhsTtStatsOf(input);
  return stats;
};

/**
 * One group's statistics with its per-group totals: statistics stored before they were kept lack `clusters`,
 * and for a single group they follow exactly from its own sums, so an older stored item needs no recompute.
 * Statistics that already carry them are returned as they are.
 */
export const withGroupTotals = (stats: GroupStatistics): GroupStatistics => {
  const stale = (stats.participation as Partial<ParticipationStats>).clusters === undefined
    || Object.values(stats.instruments).some((o) => (o as Partial<OutcomeStats>).clusters === undefined
      || Object.values(o.bySession).some((m) => (m as Partial<SessionMoments>).clusters === undefined));
  if (!stale) return stats;
  const instruments: Record<string, OutcomeStats> = {};
  for (const [id, o] of Object.entries(stats.instruments)) {
    const bySession: Record<string, SessionMoments> = {};
    for (const [k, m] of Object.entries(o.bySession)) bySession[k] = { ...m, clusters: m.n > 0 ? [{ n: m.n, sum: m.sum }] : [] };
    instruments[id] = { ...o, bySession, clusters: o.groups > 0 ? [outcomeCluster(o)] : [] };
  }
  const participation = { ...stats.participation, clusters: stats.groups > 0 ? [participationCluster(stats.participation)] : [] };
  return { ...stats, participation, instruments };
};
