import { Messages } from '../messages';
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

/** One programme's part of the report. */
export interface ProgrammeSection {
  programmeId: string;
  name: string;
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
  sections: ProgrammeSection[];
  method: string[];
  suppression: string[];
  /** One sentence on the disclosure control applied, for the first page. */
  disclosure: string;
  rows: FigureRow[];
}

const pct = (v: number | null | undefined): string => (v === null || v === undefined ? '*' : `${Math.round(v * 100)}%`);
const num = (v: number | null | undefined): string => (v === null || v === undefined ? '*' : String(v));

const find = (rows: readonly FigureRow[], group: string, instrument: string, metric: string): FigureRow | undefined =>
  rows.find((r) => r.group_type === group && r.instrument === instrument && r.metric === metric);

// A rate as printed, marked when it is perturbed.
const approx = (row: FigureRow | undefined): string => `${row?.perturbed === true ? Messages.perturbedMark : ''}${pct(row?.value)}`;

/** Builds the content of a funder report for one closed period from the funder's programmes' rows. */
export const funderReportContent = (input: FunderReportInput): FunderReportContent => {
  const { context, funder, period } = input;
  const rows = input.rows.filter((r) => r.period === period && funder.programmeIds.includes(r.programme_id));
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
          ? `${improved.perturbed === true ? Messages.perturbedMark : ''}${pct(improved.value / paired.value)}` : '*';
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
    const charts = buildChartSet(input.rows, { period, programmeId, scopeLabel: name, instruments: context.instruments, volume: !isMonthPeriod(period) });
    // Session-by-session figures are charted and in figures.csv; the printed table keeps to the period's figures.
    const printed = own.filter((row) => parseSessionMetric(row.metric) === null);
    const table = figureTableRows([...printed].sort((a, b) => groupOrder(a.group_type) - groupOrder(b.group_type) || a.instrument.localeCompare(b.instrument)), context.instruments);
    return { programmeId, name, headlines, participation, completeness, charts, table };
  });
  const suppressed = rows.filter((r) => r.suppressed);
  const perturbedCount = rows.filter((r) => r.perturbed === true).length;
  const byReason = new Map<string, number>();
  for (const row of suppressed) byReason.set(suppressionReasonText(row.suppression_reason), (byReason.get(suppressionReasonText(row.suppression_reason)) ?? 0) + 1);
  const sessionCount = suppressed.filter((r) => parseSessionMetric(r.metric) !== null).length;
  const suppression = [
    ...context.suppressionNotes,
    `${suppressed.length} of ${rows.length} published figures for this period are suppressed${sessionCount > 0 ? ` (${sessionCount} of them session-by-session figures)` : ''}; they are shown as * or “suppressed”, never as zero, and are empty in figures.csv.`,
    ...[...byReason.entries()].sort((a, b) => b[1] - a[1]).map(([reason, count]) => `${count} suppressed: ${reason}.`),
  ];
  return {
    title: `Outcomes report for ${funder.name}`, funderName: funder.name, period, periodLabel: periodLabel(period),
    generatedAt: context.generatedAt, watermark: context.watermark, sections, method: methodNotes(context), suppression, rows,
    disclosure: `Figures based on fewer than ${context.policy.k} people are not shown (*)${context.policy.rounding > 1 ? `, counts are rounded to the nearest ${context.policy.rounding}` : ''}, and further figures are hidden where they would let a hidden one be worked out: ${suppressed.length} of ${rows.length} figures for this period.${perturbedCount > 0 ? ` ${perturbedCount} small counts in larger groups are published perturbed, marked ≈ (the value is deliberately not exact; see the method).` : ''}`,
  };
};
