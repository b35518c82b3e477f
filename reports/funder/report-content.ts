import { Messages, approximateMark } from '../messages';
import { cellRoundingFor } from '../../functions/core/disclosure/disclosure-policy';
import type { FigureRow, Period } from '../../functions/core/figures/figure-row';
import { ALL } from '../../functions/core/figures/figure-row';
import { Metric, parseSessionMetric } from '../../functions/core/figures/metric';
import { buildChartSet } from '../charts/chart-set';
import type { NamedChart } from '../charts/chart-set';
import { groupLabel } from '../charts/chart-data';
import type { GroupKey } from '../charts/chart-data';
import { methodNotes } from '../dashboard/method-notes';
import { figureTableRows, groupOrder } from '../dashboard/figure-table-rows';
import { NHS_TT } from '../../functions/core/outcomes/nhs-talking-therapies';
import type { FigureTableRow } from '../dashboard/figure-table-rows';
import { suppressionReasonText } from '../messages';
import { isMonthPeriod, periodLabel } from '../period-label';
import type { FunderInfo, ReportContext } from '../report-context';
import { headlineFigures } from '../headline/headline-figures';
import type { Headlines } from '../headline/headline-figures';
import { headlineNarrative } from '../headline/narrative';

/** What to build a funder report from: the funder, a closed period and the published rows. */
export interface FunderReportInput {
  context: ReportContext;
  funder: FunderInfo;
  period: Period;
  rows: readonly FigureRow[];
}

/** A headline figure: label, formatted value and what it is based on. */
export interface Headline {
  label: string;
  value: string;
  note: string;
}

/** One programme on the board summary: its headline figures against the previous period, targets and benchmarks. */
export interface ProgrammeSummary {
  programmeId: string;
  name: string;
  /** True when the programme had no group ending in the period: it reads "no groups this period", never `*`. */
  noGroups: boolean;
  headlines: Headlines;
  narrative: string[];
  /** The one chart of the summary: outcome classes on the main instrument. */
  chart: NamedChart | undefined;
}

/** One programme's part of the report (the appendix). */
export interface ProgrammeSection {
  programmeId: string;
  name: string;
  noGroups: boolean;
  headlines: Headline[];
  /** Rows: group type; columns: participants, completion, paired rate per instrument. */
  participation: { group: string; participants: string; groups: string; attendance: string; completion: string; dropout: string }[];
  completeness: { instrument: string; group: string; enrolled: string; paired: string; rate: string }[];
  charts: NamedChart[];
  table: FigureTableRow[];
}

/** The report as data, shared by the HTML and PDF renderers so both say the same thing. */
export interface FunderReportContent {
  title: string;
  funderName: string;
  period: Period;
  periodLabel: string;
  generatedAt: string;
  watermark: string;
  /** The board summary, one entry per programme, printed first. */
  summary: ProgrammeSummary[];
  sections: ProgrammeSection[];
  method: string[];
  /** The general notes on disclosure control (rounding, revisions): no counts, which the statement gives once. */
  suppression: string[];
  /** The one statement of what disclosure control hid in this report, with its counts, on the first page. */
  disclosure: string;
  rows: FigureRow[];
}

const pct = (v: number | null | undefined): string => (v === null || v === undefined ? '*' : `${Math.round(v * 100)}%`);
const num = (v: number | null | undefined): string => (v === null || v === undefined ? '*' : String(v));

const find = (rows: readonly FigureRow[], group: string, instrument: string, metric: string): FigureRow | undefined =>
  rows.find((r) => r.group_type === group && r.instrument === instrument && r.metric === metric);

// A rate as printed, marked when it is perturbed.
const approx = (row: FigureRow | undefined): string => `${row === undefined ? '' : approximateMark(row)}${pct(row?.value)}`;

// A true zero only: the programme's count of groups is published as 0, or the grid has no figure of it at all
// (nobody to base one on). A suppressed count is not a zero.
const hadNoGroups = (own: readonly FigureRow[]): boolean =>
  !own.some((r) => r.group_type === ALL && r.instrument === '' && r.metric === Metric.groups && (r.suppressed || (r.value ?? 0) > 0));

// The appendix draws, per programme, the main instrument's mean change and outcome classes (and the clinical
// instrument's outcome classes, for recovery), then effect sizes, attendance, retention and volume: the detail a
// board's appendix needs, not every instrument's every chart (those are on the dashboard and in figures.csv).
const appendixCharts = (charts: readonly NamedChart[], headlines: Headlines | undefined): NamedChart[] => {
  const wanted = new Set(['effect-sizes', 'attendance', 'retention', 'volume']);
  if (headlines?.main !== undefined) for (const chart of ['mean-change', 'outcome-classes']) wanted.add(`${chart}-${headlines.main.id}`);
  if (headlines?.clinical !== undefined) wanted.add(`outcome-classes-${headlines.clinical.id}`);
  return charts.filter((c) => wanted.has(c.name));
};

/** Builds the content of a funder report for one closed period from the funder's programmes' rows. */
export const funderReportContent = (input: FunderReportInput): FunderReportContent => {
  const { context, funder, period } = input;
  const rows = input.rows.filter((r) => r.period === period && funder.programmeIds.includes(r.programme_id));
  const summaries = funder.programmeIds.map((programmeId): ProgrammeSummary => {
    const programme = context.programmes.find((p) => p.id === programmeId);
    const own = rows.filter((r) => r.programme_id === programmeId);
    const noGroups = hadNoGroups(own);
    const headlines = headlineFigures(input.rows, { programmeId, period, instruments: context.instruments, ...(programme?.targets !== undefined && { targets: programme.targets }) });
    const main = headlines.main;
    const chart = noGroups || main === undefined ? undefined
      : buildChartSet(input.rows, { period, programmeId, scopeLabel: programme?.name ?? programmeId, instruments: [main], volume: false }).find((c) => c.name === `outcome-classes-${main.id}`);
    return { programmeId, name: programme?.name ?? programmeId, noGroups, headlines, narrative: noGroups ? [Messages.noGroupsThisPeriod] : headlineNarrative(headlines), chart };
  });
  const sections = funder.programmeIds.map((programmeId): ProgrammeSection => {
    const name = context.programmes.find((p) => p.id === programmeId)?.name ?? programmeId;
    const own = rows.filter((r) => r.programme_id === programmeId);
    const value = (instrument: string, metric: string, group: string = ALL): FigureRow | undefined => find(own, group, instrument, metric);
    const headlines: Headline[] = [
      { label: 'Participants', value: num(value('', Metric.participants)?.value), note: `in ${num(value('', Metric.groups)?.value)} groups` },
      { label: 'Sessions delivered', value: num(value('', Metric.sessionsDelivered)?.value), note: 'across all group types' },
      { label: 'Completion rate', value: approx(value('', Metric.completionRate)), note: `drop-out ${approx(value('', Metric.dropoutRate))}` },
      ...context.instruments.flatMap((instrument) => {
        const change = value(instrument.id, Metric.meanChange);
        if (change === undefined) return [];
        const improved = value(instrument.id, Metric.reliablyImproved);
        const paired = value(instrument.id, Metric.paired);
        const share = typeof improved?.value === 'number' && typeof paired?.value === 'number' && paired.value > 0
          ? `${approximateMark(improved) || approximateMark(paired)}${pct(improved.value / paired.value)}` : '*';
        const signed = change.value === null ? '*' : `${change.value > 0 ? '+' : ''}${change.value.toFixed(1)}`;
        // the confidence of the threshold travels with the share (CORE-10's is 90 %, the others' 95 %)
        const confidence = instrument.reliableChange ? ` (${Math.round(instrument.reliableChange.confidence * 100)}% confidence)` : '';
        return [{ label: `${instrument.name}: mean change`, value: signed, note: `${share} reliably improved${confidence}; ${num(paired?.value)} paired` }];
      }),
      // The NHS Talking Therapies set, where the programme computes it, beside the per-instrument headlines.
      ...(value(NHS_TT.set, Metric.recoveryRate) === undefined && value(NHS_TT.set, Metric.reliableImprovementRate) === undefined ? [] : [{
        label: `${Messages.nhsTtSet}: recovery`,
        value: approx(value(NHS_TT.set, Metric.recoveryRate)),
        note: Messages.nhsTtHeadline(approx(value(NHS_TT.set, Metric.reliableImprovementRate)), num(value(NHS_TT.set, Metric.paired)?.value)),
      }]),
    ];
    const groups = [...new Set(own.map((r) => r.group_type))].sort((a, b) => groupOrder(a) - groupOrder(b));
    const participation = groups.map((g) => ({
      group: groupLabel(g as GroupKey), participants: num(value('', Metric.participants, g)?.value), groups: num(value('', Metric.groups, g)?.value),
      attendance: pct(value('', Metric.attendanceRate, g)?.value), completion: approx(value('', Metric.completionRate, g)), dropout: approx(value('', Metric.dropoutRate, g)),
    }));
    const completeness = context.instruments.flatMap((instrument) => groups.flatMap((g) => {
      const rate = value(instrument.id, Metric.pairedRate, g);
      if (rate === undefined) return [];
      return [{ instrument: instrument.name, group: groupLabel(g as GroupKey), enrolled: num(value(instrument.id, Metric.enrolled, g)?.value), paired: num(value(instrument.id, Metric.paired, g)?.value), rate: pct(rate.value) }];
    }));
    const noGroups = hadNoGroups(own);
    const charts = noGroups ? [] : appendixCharts(buildChartSet(input.rows, { period, programmeId, scopeLabel: name, instruments: context.instruments, volume: !isMonthPeriod(period) }), summaries.find((x) => x.programmeId === programmeId)?.headlines);
    // Session-by-session figures are charted and in figures.csv; the table (kept for the HTML report's readers and
    // callers) keeps to the period's figures.
    const printed = own.filter((row) => parseSessionMetric(row.metric) === null);
    const table = figureTableRows([...printed].sort((a, b) => groupOrder(a.group_type) - groupOrder(b.group_type) || a.instrument.localeCompare(b.instrument)), context.instruments);
    return { programmeId, name, noGroups, headlines, participation, completeness, charts, table };
  });
  const suppressed = rows.filter((r) => r.suppressed).length;
  const perturbedCount = rows.filter((r) => r.perturbed === true).length;
  const roundedCount = rows.filter((r) => r.rounded === true && r.perturbed !== true).length;
  const suppression = [...context.suppressionNotes];
  return {
    title: `Outcomes report for ${funder.name}`, funderName: funder.name, period, periodLabel: periodLabel(period),
    generatedAt: context.generatedAt, watermark: context.watermark, summary: summaries, sections, method: methodNotes({ ...context, suppressionNotes: [] }), suppression, rows,
    disclosure: Messages.suppressionStatement({ k: context.policy.k, rounding: context.policy.rounding, suppressed, total: rows.length, perturbed: perturbedCount, rounded: roundedCount }),
  };
};
