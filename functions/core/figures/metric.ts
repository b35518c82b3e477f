/**
 * The catalogue of published metrics. `kind` tells disclosure control and charts how to treat a value:
 * - `count`: a number of people (or groups/sessions); additive across group types, programmes and months;
 *   rounded for funders.
 * - `rate`: a proportion in 0..1 computed from counts of the same cell.
 * - `mean`: a mean or other statistic of scores; carries a 95% interval where one exists.
 */
export const MetricKind = { count: 'count', rate: 'rate', mean: 'mean' } as const;
export type MetricKind = (typeof MetricKind)[keyof typeof MetricKind];

interface MetricInfo {
  kind: MetricKind;
  /** True when the metric belongs to an instrument (the `instrument` field is set). */
  perInstrument: boolean;
  label: string;
  unit: string;
}

/** Metrics without a session index. */
export const Metric = {
  // participation (instrument = '')
  participants: 'participants',
  groups: 'groups',
  sessionsDelivered: 'sessions_delivered',
  completed: 'completed',
  droppedOut: 'dropped_out',
  attendanceRate: 'attendance_rate',
  completionRate: 'completion_rate',
  dropoutRate: 'dropout_rate',
  // outcomes (instrument set)
  enrolled: 'enrolled',
  paired: 'paired',
  pairedRate: 'paired_rate',
  reliablyImproved: 'reliably_improved',
  noReliableChange: 'no_reliable_change',
  reliablyDeteriorated: 'reliably_deteriorated',
  casesAtStart: 'cases_at_start',
  recovered: 'recovered',
  reliablyRecovered: 'reliably_recovered',
  recoveryRate: 'recovery_rate',
  meanBaseline: 'mean_baseline',
  meanFinal: 'mean_final',
  medianBaseline: 'median_baseline',
  medianFinal: 'median_final',
  meanChange: 'mean_change',
  hedgesG: 'hedges_g',
  dZ: 'd_z',
  riskFlagged: 'risk_flagged',
  // process measures (GSRS): read session by session, never as change
  sessionsInRangeRate: 'sessions_in_range_rate',
  // the NHS Talking Therapies set (instrument = 'nhs_tt'), beside the counts above that it shares
  finishedCourse: 'finished_course',
  reliableImprovementRate: 'reliable_improvement_rate',
  reliableDeteriorationRate: 'reliable_deterioration_rate',
  reliableRecoveryRate: 'reliable_recovery_rate',
  // process measures against outcomes: groups as the units
  allianceOutcomeR: 'alliance_outcome_r',
} as const;
export type Metric = (typeof Metric)[keyof typeof Metric];

/** Session-indexed metric families: the metric string is `<family>_s<k>`, e.g. `retention_s3`. */
export const SessionMetric = {
  /** Share of starters still attending at session k (participation, instrument = ''). */
  retention: 'retention',
  /** Mean reported score of administrations at session k (instrument set), with a 95% CI. */
  meanScore: 'mean_score',
} as const;
export type SessionMetric = (typeof SessionMetric)[keyof typeof SessionMetric];

/** The metric string of a session-indexed metric: `sessionMetric('retention', 3) === 'retention_s3'`. */
export const sessionMetric = (family: SessionMetric, session: number): string => `${family}_s${session}`;

/** Splits a session-indexed metric string, or returns null for an ordinary metric. */
export const parseSessionMetric = (metric: string): { family: SessionMetric; session: number } | null => {
  const match = /^(retention|mean_score)_s(\d+)$/.exec(metric);
  if (match === null) return null;
  return { family: match[1] as SessionMetric, session: Number(match[2]) };
};

export const METRIC_INFO: Readonly<Record<Metric | SessionMetric, MetricInfo>> = {
  participants: { kind: 'count', perInstrument: false, label: 'Participants', unit: 'people' },
  groups: { kind: 'count', perInstrument: false, label: 'Groups', unit: 'groups' },
  sessions_delivered: { kind: 'count', perInstrument: false, label: 'Sessions delivered', unit: 'sessions' },
  completed: { kind: 'count', perInstrument: false, label: 'Completed', unit: 'people' },
  dropped_out: { kind: 'count', perInstrument: false, label: 'Dropped out', unit: 'people' },
  attendance_rate: { kind: 'rate', perInstrument: false, label: 'Attendance rate', unit: 'share of sessions offered' },
  completion_rate: { kind: 'rate', perInstrument: false, label: 'Completion rate', unit: 'share of participants' },
  dropout_rate: { kind: 'rate', perInstrument: false, label: 'Drop-out rate', unit: 'share of participants' },
  enrolled: { kind: 'count', perInstrument: true, label: 'With a score', unit: 'people' },
  paired: { kind: 'count', perInstrument: true, label: 'Paired (first and last score)', unit: 'people' },
  paired_rate: { kind: 'rate', perInstrument: true, label: 'Data completeness (paired rate)', unit: 'share of people with a score' },
  reliably_improved: { kind: 'count', perInstrument: true, label: 'Reliably improved', unit: 'people' },
  no_reliable_change: { kind: 'count', perInstrument: true, label: 'No reliable change', unit: 'people' },
  reliably_deteriorated: { kind: 'count', perInstrument: true, label: 'Reliably deteriorated', unit: 'people' },
  cases_at_start: { kind: 'count', perInstrument: true, label: 'In the clinical range at start', unit: 'people' },
  recovered: { kind: 'count', perInstrument: true, label: 'Recovered', unit: 'people' },
  reliably_recovered: { kind: 'count', perInstrument: true, label: 'Reliably recovered', unit: 'people' },
  recovery_rate: { kind: 'rate', perInstrument: true, label: 'Recovery rate', unit: 'share of cases at start' },
  mean_baseline: { kind: 'mean', perInstrument: true, label: 'Mean first score', unit: 'score' },
  mean_final: { kind: 'mean', perInstrument: true, label: 'Mean last score', unit: 'score' },
  median_baseline: { kind: 'mean', perInstrument: true, label: 'Median first score', unit: 'score' },
  median_final: { kind: 'mean', perInstrument: true, label: 'Median last score', unit: 'score' },
  mean_change: { kind: 'mean', perInstrument: true, label: 'Mean change (last − first)', unit: 'score points' },
  hedges_g: { kind: 'mean', perInstrument: true, label: "Pre–post effect size (Hedges' g)", unit: 'standard deviations' },
  d_z: { kind: 'mean', perInstrument: true, label: 'Effect size d_z', unit: 'standard deviations' },
  risk_flagged: { kind: 'count', perInstrument: true, label: 'Risk item flagged', unit: 'people' },
  sessions_in_range_rate: { kind: 'rate', perInstrument: true, label: 'Share of rated sessions in the clinical range', unit: 'share of rated sessions' },
  finished_course: { kind: 'count', perInstrument: true, label: 'Finished a course (at least two sessions attended)', unit: 'people' },
  reliable_improvement_rate: { kind: 'rate', perInstrument: true, label: 'Reliable improvement rate', unit: 'share of finished courses' },
  reliable_deterioration_rate: { kind: 'rate', perInstrument: true, label: 'Reliable deterioration rate', unit: 'share of finished courses' },
  reliable_recovery_rate: { kind: 'rate', perInstrument: true, label: 'Reliable recovery rate', unit: 'share of cases at start' },
  alliance_outcome_r: { kind: 'mean', perInstrument: true, label: 'Correlation of group alliance (GSRS) with group improvement', unit: 'correlation over groups' },
  retention: { kind: 'rate', perInstrument: false, label: 'Still attending at session', unit: 'share of starters' },
  mean_score: { kind: 'mean', perInstrument: true, label: 'Mean score at session', unit: 'score' },
};

/** Catalogue entry of any metric string, session-indexed or not; undefined for an unknown metric. */
export const metricInfo = (metric: string): MetricInfo | undefined => {
  const session = parseSessionMetric(metric);
  const key = session === null ? metric : session.family;
  return (METRIC_INFO as Record<string, MetricInfo>)[key];
};
