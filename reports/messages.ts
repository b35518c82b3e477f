import { isApproximate, type FigureRow } from '../functions/core/figures/figure-row';
import { cellRoundingFor } from '../functions/core/disclosure/disclosure-policy';
/**
 * Every user-facing sentence of the charts, dashboards and funder reports, in one place so the wording stays
 * consistent and tests can assert on it.
 */
export const Messages = {
  suppressedMark: 'suppressed',
  /** Prefix of a perturbed value, and what the mark means. */
  perturbedMark: '≈',
  perturbedNote: 'perturbed: a small count (1 to 12 people) published with noise so that nobody can be counted; not the exact figure',
  roundedNote: 'rounded more coarsely than the other figures (to 5 where counts are exact, to 10 where they are rounded to 5; rates from the rounded counts) so that a small group elsewhere in the table cannot be worked out',
  noFigures: 'No published figures for this selection.',
  allGroupTypes: 'All group types',
  allProgrammes: 'All programmes',
  suppressedFootnoteLead: 'Suppressed figures (shown as “suppressed”, never as zero)',
  primaryReason: (k: string): string => `fewer than ${k} participants`,
  smallCountReason: (k: string): string => `a count of fewer than ${k} people`,
  missingNReason: 'the number of participants behind it is not known',
  upstreamReason: 'suppressed at source',
  secondaryReason: (detail: string): string =>
    `hidden so that another suppressed figure cannot be worked out from ${detail}`,
  secondaryDetail: {
    margin: 'the totals',
    complement: 'the neighbouring figures',
    history: 'an earlier release',
    group_type: 'the total across group types',
    programme: 'the total across programmes',
    quarter: 'the months of its quarter',
    outcomes: 'the other outcome classes',
    rate: 'the matching rate',
    n_participants: 'the number of participants',
    bound: 'the range the other figures allow',
    finished: 'the completion and drop-out figures, which add up to everyone who finished a group',
  } as Readonly<Record<string, string>>,
  secondaryDetailDefault: 'other published figures',
  ci95: '95% confidence interval',
  intervalNotAvailable: 'interval not available',
  lowerIsBetter: 'lower scores are better: a negative change is an improvement',
  higherIsBetter: 'higher scores are better: a positive change is an improvement',
  effectSignNote: 'Signs of lower-is-better instruments are reversed, so positive always means improvement.',
  lastUpdated: 'Last updated',
  periodNotEnded: 'not ended yet',
  periodOpenNote: (period: string, asOf: string): string =>
    `${period} has not ended yet: only groups that ended by ${asOf} are counted, so these figures will change.`,
  downloadCsv: 'Download these figures (CSV)',
  termsTitle: 'What the terms mean',
  glanceTitle: 'At a glance',
  trendsTitle: 'Trends by quarter',
  trendsNote: 'Every published quarter of this programme, for the chosen group type and all types. Rolling 12-month figures are not published yet.',
  noGroupsThisPeriod: 'No groups this period: none of this programme’s groups ended in it.',
  suppressionStatement: (o: { k: number; rounding: number; suppressed: number; total: number; perturbed: number; rounded?: number }): string =>
    `Disclosure control: ${o.suppressed} of the ${o.total} figures in this report are suppressed (shown as * or “suppressed”, never as zero, and empty in figures.csv): ` +
    `figures based on fewer than ${o.k} people, and further figures that would let a hidden one be worked out` +
    (o.rounding > 1 ? `; counts are rounded to the nearest ${o.rounding}` : '') + '.' +
    (o.perturbed > 0 ? ` ${o.perturbed} small counts in larger groups are published perturbed, marked ≈ (deliberately not exact; see the method).` : '') +
    ((o.rounded ?? 0) > 0 ? ` ${o.rounded} figures of larger groups are rounded to the nearest ${cellRoundingFor(o.rounding)} instead of hidden, also marked ≈.` : ''),
  suppressionSeeSummary: 'How many figures are suppressed is stated once, on the first page; the rules are in the method below.',
  boardSummaryTitle: 'Summary for the board',
  appendixTitle: 'Appendix: detail by programme',
  fullTableNote: 'The full table of published figures, session by session included, is in figures.csv beside this report.',
  headlineHidden: 'hidden by disclosure control',
  headlineMissing: 'no figures published',
  headlinePerturbed: '≈ not the exact figure (perturbed or rounded; see the method)',
  noFiguresFor: (selection: string): string => `No published figures for ${selection} in this period.`,
  chartActions: 'Save this chart as an image',
  methodTitle: 'Method',
  disclosure: (k: number, rounding: number): string =>
    `Disclosure control: figures are published per quarter, on a fixed set of rows. Any figure backed by fewer than ${k} ` +
    `participants, or counting 1 to ${k - 1} people, is hidden, and so are the further figures needed so that no hidden ` +
    'count can be worked out, or narrowed to fewer than 5 possible values, from everything this reader can see (checked by ' +
    'an interval audit before every release). A hidden figure is shown as “suppressed”, never as zero, and never says why; ' +
    'a group type with no groups in the period shows 0' +
    (rounding > 1 ? `; counts are rounded to the nearest ${rounding} and rates are computed from rounded counts.` : '.') +
    ` In groups of 20 or more people, a count of 1 to ${k + 4} people (reliable improvement or deterioration, recovery, ` +
    'drop-out) is published perturbed instead, marked “≈”: the value is deliberately not exact (it is the true count for ' +
    'about half of such figures and a random count in that range for the others), and the same figure always gets the same value.' +
    ` Where a small group elsewhere could otherwise be worked out, a group of 20 or more people is shown with its counts ` +
    `rounded to the nearest ${cellRoundingFor(rounding)} (rates computed from the rounded counts), also marked “≈”, rather than hidden.`,
  clustering: 'Participants are clustered in groups: the number of groups is given beside every figure.',
  pairedDefinition:
    'Outcomes use paired participants (a first and a last score); data completeness is the share of participants with a score who are paired.',
  reliableChangeDefinition:
    'Reliable change follows Jacobson & Truax (1991): a change of at least the instrument’s reliable-change threshold, at the confidence level named beside each instrument.',
  recoveryDefinition:
    'Recovery: a paired participant in the clinical range at the first score and out of it at the last; the recovery rate ' +
    'and the recovery bar share one base, the paired participants in the clinical range at start. Someone in the clinical ' +
    'range at start without a last score is missing data: left out of the base, never counted as still in the clinical range.',
  recoveryMissingStatus: (missing: number): string => `${missing} without a last score (missing data, not in the base)`,
  recoveryMissingData: (range: string, byGroup: readonly string[]): string =>
    `Missing data, left out of the recovery base: participants ${range} at start without a last score — ${byGroup.join('; ')}.`,
  allianceOutcome:
    'Alliance and outcome: where at least 10 groups have alliance ratings (GSRS) and at least two paired participants, the ' +
    'correlation over groups (Pearson r, each group one point) of the group’s mean alliance per rated session with its mean ' +
    'improvement on each outcome instrument (mean change signed so that positive is better), with its 95% Fisher interval; with ' +
    'fewer groups it is not published. It describes groups, not people, and an association, not an effect of alliance.',
  nhsTtSet: 'NHS Talking Therapies set (PHQ-9 and GAD-7 jointly)',
  nhsTtHeadline: (improvement: string, assessed: string): string =>
    `NHS standard 50%; reliable improvement ${improvement} (standard 67%); ${assessed} finished courses assessed`,
  nhsTtDefinition:
    'NHS Talking Therapies set (programmes that switch it on; NHS Talking Therapies manual definitions), shown beside the ' +
    'per-instrument PHQ-9 and GAD-7 outcomes: a case is PHQ-9 ≥ 10 and/or GAD-7 ≥ 8; a finished course is at least two attended ' +
    'sessions in a group that has ended, assessed when it has a first and a last score on both measures (otherwise missing data, ' +
    'left out of every base); reliable improvement is PHQ-9 down by at least 6 or GAD-7 down by at least 4 points with no reliable ' +
    'deterioration on the other (95% confidence), reliable deterioration the same upwards; recovery is a case at start that is not a ' +
    'case on the last scores, reliable recovery recovery with reliable improvement. Recovery and reliable recovery are shares of the ' +
    'assessed cases at start, reliable improvement and deterioration shares of all assessed courses. The NHS standards are 50% ' +
    'recovery and 67% reliable improvement; group programmes are not NHS Talking Therapies services, so compare with care.',
  nhsTtMetricLabels: {
    paired: 'Assessed: finished, first and last score on PHQ-9 and GAD-7',
    cases_at_start: 'Case at start (PHQ-9 ≥ 10 and/or GAD-7 ≥ 8)',
    reliably_improved: 'Reliably improved (PHQ-9 ↓ 6 or GAD-7 ↓ 4, no reliable deterioration on the other)',
    reliably_deteriorated: 'Reliably deteriorated (PHQ-9 ↑ 6 or GAD-7 ↑ 4, no reliable improvement on the other)',
    recovered: 'Recovered (case at start, PHQ-9 < 10 and GAD-7 < 8 at the end)',
  } as Readonly<Record<string, string>>,
  effectDefinition:
    'Effect sizes: pre–post Hedges’ g = J × mean change ÷ SD of the first scores of the paired participants (SD with n − 1), ' +
    'where J is Hedges’ exact small-sample correction with n − 1 degrees of freedom (n = paired participants); 95% intervals as below.',
  intervalMethod:
    'Intervals account for grouping: every 95% interval (means, mean change, effect sizes, rates, mean score by session) uses a ' +
    'cluster-robust standard error with the small-sample CR2 correction and Satterthwaite degrees of freedom (Bell & McCaffrey 2002; ' +
    'Pustejovsky & Tipton 2018); rates use a Wilson interval with the matching effective number of people, so bounds stay within 0–100%. ' +
    'With one group, or too few groups for an honest interval (fewer than 1.5 degrees of freedom, e.g. two groups), the figure is ' +
    'shown with “interval not available” (empty interval columns in CSV files). Medians are shown without an interval.',
  periodRule: 'A group belongs to the reporting period that contains its end date.',
  processMeasure:
    'a process measure of the group alliance, reported session by session (mean per session, share of rated sessions past the cut-off) and never as change, recovery or reliable change',
} as const;

/** Human-readable text of a machine-readable suppression reason such as `primary:n<8` or `secondary:margin`. */
export const suppressionReasonText = (reason: string | null | undefined): string => {
  // Published rows carry no reason (one marker only); a chart datum without one reads the general text.
  if (reason === null || reason === undefined || reason === '') return 'suppressed by disclosure control';
  const primary = /^primary:n<(\d+)$/.exec(reason);
  if (primary !== null) return Messages.primaryReason(primary[1] ?? '');
  const count = /^primary:count<(\d+)$/.exec(reason);
  if (count !== null) return Messages.smallCountReason(count[1] ?? '');
  if (reason === 'primary:n-missing') return Messages.missingNReason;
  if (reason === 'primary:upstream') return Messages.upstreamReason;
  if (reason.startsWith('secondary')) {
    const detail = reason.slice('secondary:'.length);
    return Messages.secondaryReason(Messages.secondaryDetail[detail] ?? Messages.secondaryDetailDefault);
  }
  return `suppressed (${reason})`;
};

/** The mark before a value that is deliberately not exact (perturbed or rounded), or ''. */
export const approximateMark = (row: Pick<FigureRow, 'perturbed' | 'rounded' | 'metric'>): string =>
  (isApproximate(row) ? Messages.perturbedMark : '');

/** What the mark means for this row: perturbed noise, or a rounded cell; undefined when the value is exact. */
export const approximateNote = (row: { perturbed?: boolean; rounded?: boolean }): string | undefined =>
  (row.perturbed === true ? Messages.perturbedNote : row.rounded === true ? Messages.roundedNote : undefined);
