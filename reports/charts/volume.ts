import type { TopLevelSpec } from 'vega-lite';
import type { FigureRow, Period } from '../../functions/core/figures/figure-row';
import { NO_INSTRUMENT } from '../../functions/core/figures/figure-row';
import { Metric } from '../../functions/core/figures/metric';
import { Messages } from '../messages';
import { comparePeriods, isMonthPeriod, periodLabel } from '../period-label';
import type { ChartScope } from './chart-options';
import { findRow, groupKeysInScope, groupLabel, sizeText, suppressionFootnotes } from './chart-data';
import { composeChart, emptyChart } from './compose-chart';
import type { LinePoint } from './line-by-group';
import { lineByGroup } from './line-by-group';
import { CROSS_NOTE } from './session-trajectory';

/** Options of the volume chart: the months shown (default: every month in the rows up to `period`). */
export interface VolumeOptions extends Omit<ChartScope, 'period'> {
  /** Last month shown; months after it are left out (they may still be open). */
  period: Period;
  months?: readonly Period[];
}

const PANELS = [
  { metric: Metric.participants, title: 'Participants', unit: 'people' },
  { metric: Metric.sessionsDelivered, title: 'Sessions delivered', unit: 'sessions' },
] as const;

/** Participants and sessions delivered per month, one line per group type, as two stacked panels. */
export const volumeChart = (rows: readonly FigureRow[], options: VolumeOptions): TopLevelSpec => {
  const last = isMonthPeriod(options.period) ? options.period : rows.filter((r) => isMonthPeriod(r.period) && comparePeriods(r.period, options.period) < 0).map((r) => r.period).sort(comparePeriods).at(-1) ?? options.period;
  const months = options.months ?? [...new Set(rows.filter((r) => isMonthPeriod(r.period) && comparePeriods(r.period, last) <= 0).map((r) => r.period))].sort(comparePeriods);
  const scoped = rows.filter((r) => r.programme_id === options.programmeId && r.instrument === NO_INSTRUMENT && months.includes(r.period));
  const title = 'Participants and sessions per month';
  const first = months[0];
  const span = first === undefined ? '' : `${periodLabel(first)} – ${periodLabel(months.at(-1) ?? first)}`;
  const scope = options.scopeLabel ?? (options.programmeId === '*' ? Messages.allProgrammes : options.programmeId);
  const subtitle = [`${scope} · ${span}`, 'Counts by month of the group’s end date; counts may be rounded for disclosure control.'];
  const hidden: { label: string; reason: string | null }[] = [];
  const panels = PANELS.map((panel) => {
    const points: LinePoint[] = groupKeysInScope({ ...options }).flatMap((key) => months.flatMap((month) => {
      const row = findRow(scoped.filter((r) => r.period === month), key, panel.metric);
      if (row === undefined) return [];
      if (row.suppressed) hidden.push({ label: `${panel.title} — ${groupLabel(key)} ${periodLabel(month)}`, reason: row.suppression_reason });
      return [{ x: periodLabel(month), xLabel: periodLabel(month), group: groupLabel(key), key, value: row.value, lo: null, hi: null, suppressed: row.suppressed, valueText: row.suppressed ? Messages.suppressedMark : String(row.value), status: sizeText(row), reason: row.suppression_reason }];
    }));
    return { panel, points };
  });
  const description = `${title}, ${subtitle[0]}. ` + panels.map(({ panel, points }) => `${panel.title}: ` +
    [...new Set(points.map((p) => p.group))].map((g) => `${g} ${points.filter((p) => p.group === g).map((p) => `${p.xLabel} ${p.valueText}`).join(', ')}`).join('; ')).join('. ') + '.';
  if (panels.every((p) => p.points.length === 0)) return emptyChart({ title, subtitle, description });
  const body = {
    spacing: 20,
    resolve: { scale: { color: 'shared' } },
    vconcat: panels.map(({ panel, points }) => ({
      ...lineByGroup(points, {
        x: { field: 'x', type: 'ordinal', title: 'Month', sort: months.map(periodLabel), axis: { labelAngle: 0 } },
        yTitle: `${panel.title} (${panel.unit})`, xTooltipTitle: 'Month', valueTitle: panel.title, band: false, yZero: true, emptyDomain: [0, 10],
      }),
      height: 170,
      title: { text: panel.title, fontSize: 12, anchor: 'start', offset: 4 },
    })),
  };
  const footnotes = hidden.length === 0 ? [] : [...suppressionFootnotes(hidden), CROSS_NOTE];
  return composeChart({ title, subtitle, description, footnotes }, body);
};
