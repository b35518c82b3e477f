import type { FigureRow } from '../../functions/core/figures/figure-row';
import { ALL } from '../../functions/core/figures/figure-row';
import { Metric, metricInfo, parseSessionMetric } from '../../functions/core/figures/metric';
import { intervalNotAvailable } from '../../functions/core/figures/metric-interval';
import { clinicalRangeWording } from '../../functions/core/instruments/clinical-range';
import { NHS_TT } from '../../functions/core/outcomes/nhs-talking-therapies';
import { reliableChangeWording } from '../../functions/core/outcomes/reliable-change';
import { groupLabel } from '../charts/chart-data';
import type { GroupKey } from '../charts/chart-data';
import { Messages, approximateMark, approximateNote, suppressionReasonText } from '../messages';
import type { InstrumentInfo } from '../report-context';
import { metricTerm } from './terms';

/** One displayed row of a figures table: every cell already formatted as text. */
export interface FigureTableRow {
  group: string;
  instrument: string;
  metric: string;
  value: string;
  ci: string;
  n: string;
  groups: string;
  suppressed: boolean;
  reason: string;
  /** The glossary entry (`#term-<id>`) that defines the measure, where there is one. */
  term?: string;
}

const format = (row: FigureRow, value: number | null): string => {
  if (value === null) return '';
  const kind = metricInfo(row.metric)?.kind;
  if (kind === 'rate') return `${(value * 100).toFixed(1)}%`;
  if (kind === 'count') return String(value);
  return value.toFixed(2).replace(/^-/, '−');
};

const NHS_TT_SET: string = NHS_TT.set;

const RELIABLE_CHANGE_METRICS = new Set<string>([
  Metric.reliablyImproved, Metric.noReliableChange, Metric.reliablyDeteriorated, Metric.reliablyRecovered,
]);

// A reliable-change figure names its threshold and confidence (CORE-10 is at 90 %, the rest at 95 %); the cases at
// start name the side of the cut-off that is clinical for this instrument.
const metricLabel = (metric: string, instrument: InstrumentInfo | undefined, set: boolean): string => {
  if (set) return Messages.nhsTtMetricLabels[metric] ?? metricInfo(metric)?.label ?? metric;
  const session = parseSessionMetric(metric);
  const label = metricInfo(metric)?.label ?? metric;
  if (session !== null) return `${label} ${session.session}`;
  if (metric === Metric.casesAtStart) return clinicalRangeWording(instrument?.cutOff?.caseWhen).atStart;
  if (metric === Metric.sessionsInRangeRate) return `Share of rated sessions ${clinicalRangeWording(instrument?.cutOff?.caseWhen).range}`;
  const rc = instrument?.reliableChange;
  return RELIABLE_CHANGE_METRICS.has(metric) && rc !== undefined && rc !== null
    ? `${label} — ${reliableChangeWording(rc.points, rc.confidence)}`
    : label;
};

/** Formats figure rows for a table (dashboard and funder report), session-indexed metrics left out unless asked. */
export const figureTableRows = (rows: readonly FigureRow[], instruments: readonly InstrumentInfo[], withSessions = false): FigureTableRow[] =>
  rows
    .filter((row) => withSessions || parseSessionMetric(row.metric) === null)
    .map((row) => ({ row, info: instruments.find((i) => i.id === row.instrument) }))
    .map(({ row, info }) => ({
      group: groupLabel(row.group_type as GroupKey),
      instrument: row.instrument === '' ? 'Participation' : row.instrument === NHS_TT_SET ? Messages.nhsTtSet : (info?.name ?? row.instrument),
      metric: metricLabel(row.metric, info, row.instrument === NHS_TT_SET),
      // a published figure without a value (e.g. a recovery rate with nobody in the clinical range) reads as a dash, not a blank
      value: row.suppressed ? '*' : row.value === null ? '–' : `${approximateMark(row)}${format(row, row.value)}`,
      ci: row.perturbed === true ? '' : intervalNotAvailable(row) ? Messages.intervalNotAvailable
        : row.suppressed || row.ci_low === null || row.ci_high === null ? '' : `${format(row, row.ci_low)} to ${format(row, row.ci_high)}`,
      n: row.n_participants === null ? '' : String(row.n_participants),
      groups: String(row.n_groups),
      suppressed: row.suppressed,
      reason: row.suppressed ? suppressionReasonText(row.suppression_reason) : approximateNote(row) ?? '',
      ...(metricTerm(row.metric) !== undefined && { term: metricTerm(row.metric) }),
    }));

/** Sort key for table rows: group types in display order, the margin last. */
export const groupOrder = (key: string): number => (key === ALL ? 99 : ['psychoeducational', 'support', 'skill_development', 'psychotherapy'].indexOf(key));
