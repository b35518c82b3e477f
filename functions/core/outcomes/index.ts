export { emptyGroupStatistics, emptyOutcomeStats, emptyParticipationStats } from './empty-group-statistics';
export { groupStatistics, withGroupTotals } from './group-statistics';
export type { GroupStatisticsConfig, GroupStatisticsInput, ParticipantRecords } from './group-statistics';
export type {
  GroupStatistics, OutcomeCluster, OutcomeStats, ParticipationCluster, ParticipationStats, SessionMoments,
} from './group-statistics-types';
export { mergeGroupStatistics, mergeNhsTtStats, mergeOutcomeStats, mergeParticipationStats } from './merge-group-statistics';
export {
  addNhsTtOutcome, emptyNhsTtStats, isNhsTtCase, NHS_TT, nhsTtCluster, nhsTtOutcome, pairedScores, reliableDirection,
} from './nhs-talking-therapies';
export type { NhsTtCluster, NhsTtInput, NhsTtOutcome, NhsTtStats, PairedScores } from './nhs-talking-therapies';
export { latestPerSession } from './latest-per-session';
export { participantOutcome } from './participant-outcome';
export type { OutcomeOptions, ParticipantOutcome, ScorePoint } from './participant-outcome';
export { AttendanceStatus, DEFAULT_COMPLETION_RULE, participation, sessionsRequired } from './participation';
export type { AttendanceMark, CompletionRule, GroupSessions, Participation } from './participation';
export {
  classifyChange, jacobsonTruaxThreshold, ReliableChange, reliableChangeThreshold, reliableChangeWording,
} from './reliable-change';
export {
  allianceOutcomeRelation, CiMethod, MIN_ALLIANCE_PAIRED, NoInterval, nhsTtMetrics, sessionsInRangeRate, summariseCell,
} from './summarise-cell';
export type { CellSummary, MetricValue } from './summarise-cell';
