import type { TopLevelSpec } from 'vega-lite';
import { ALL } from '../../functions/core/figures/figure-row';
import type { FigureRow, Period } from '../../functions/core/figures/figure-row';
import { periodKind } from '../../functions/core/periods/reporting-period';
import type { GroupType } from '../../functions/core/group-type';
import { GROUP_TYPE_COLOUR } from '../charts/theme';
import { composeChart, emptyChart } from '../charts/compose-chart';
import { groupLabel } from '../charts/chart-data';
import type { GroupKey } from '../charts/chart-data';
import { headlineFigures, mainInstruments } from '../headline/headline-figures';
import { headlineValueText } from '../headline/headline-text';
import { comparePeriods, periodLabel } from '../period-label';
import type { InstrumentInfo, ProgrammeTargets } from '../report-context';

/** What the trend chart shows: one programme's quarters, the group types (and all types) to draw. */
export interface TrendOptions {
  programmeId: string;
  scopeLabel: string;
  periods: readonly Period[];
  instruments: readonly InstrumentInfo[];
  groupTypes: readonly GroupType[];
  targets?: ProgrammeTargets;
}

const TRENDED = ['attendance', 'completion', 'dropout', 'reliable-improvement', 'recovery'] as const;

/**
 * Participation and outcomes quarter by quarter, per group type and all types: the headline shares of every
 * published quarter (so every point went through disclosure control). A hidden figure is left out (the line breaks
 * there), a perturbed one is drawn hollow and reads ≈ in its tooltip.
 */
export const trendChart = (rows: readonly FigureRow[], options: TrendOptions): TopLevelSpec => {
  const quarters = options.periods.filter((p) => periodKind(p) === 'quarter').sort(comparePeriods);
  const keys: GroupKey[] = [...options.groupTypes, ALL];
  const base = { programmeId: options.programmeId, instruments: options.instruments, ...(options.targets !== undefined && { targets: options.targets }) };
  // one pair of instruments for every quarter (those of the latest), so each line stays on one questionnaire
  const chosen = mainInstruments(rows, { ...base, period: quarters.at(-1) ?? '' });
  const values = quarters.flatMap((period) => {
    const headlines = headlineFigures(rows, { ...base, period, chosen });
    return headlines.rows.filter((r) => keys.includes(r.group)).flatMap((row) => row.figures
      // a hidden figure stays in as a null value, so the line breaks there instead of joining its neighbours
      .filter((f) => (TRENDED as readonly string[]).includes(f.id) && f.current.state !== 'missing')
      .map((f) => ({
        quarter: periodLabel(period).replace(/^.*\(Q(\d)\)$/, `${period.slice(0, 4)} Q$1`), order: period, group: groupLabel(row.group),
        measure: `${f.label}${f.instrument === undefined ? '' : ` (${f.instrument.name})`}`, value: f.current.value,
        approx: f.current.state === 'perturbed', valueText: headlineValueText(f.kind, f.current),
      })));
  });
  const title = 'Trends by quarter';
  const subtitle = [`${options.scopeLabel} · ${quarters.length === 0 ? '' : `${periodLabel(quarters[0] ?? '')} to ${periodLabel(quarters.at(-1) ?? '')}`}`,
    'Share of participants (attendance: of sessions offered) per published quarter; a gap is a suppressed figure, a hollow point a perturbed (≈) one.'];
  const description = `${title}, ${options.scopeLabel}. ` + [...new Set(values.map((v) => v.measure))].map((m) =>
    `${m}: ${values.filter((v) => v.measure === m && v.group === groupLabel(ALL)).map((v) => `${v.quarter} ${v.valueText}`).join(', ')}`).join('; ') + '.';
  if (quarters.length < 2 || values.every((v) => v.value === null)) return emptyChart({ title, subtitle, description });
  const groups = keys.map(groupLabel).filter((g) => values.some((v) => v.group === g));
  const order = [...new Set(values.sort((a, b) => comparePeriods(a.order, b.order)).map((v) => v.quarter))];
  const colour = { field: 'group', type: 'nominal', title: null, sort: groups, legend: { orient: 'bottom', direction: 'horizontal', columns: 3 }, scale: { domain: groups, range: keys.filter((k) => groups.includes(groupLabel(k))).map((k) => GROUP_TYPE_COLOUR[k]) } };
  const tooltip = [{ field: 'group', title: 'Group type' }, { field: 'quarter', title: 'Quarter' }, { field: 'measure', title: 'Measure' }, { field: 'valueText', title: 'Value' }];
  return composeChart({ title, subtitle, description, footnotes: [] }, {
    data: { values },
    facet: { field: 'measure', type: 'nominal', title: null, sort: [...new Set(values.map((v) => v.measure))] },
    columns: 2,
    spec: {
      width: 240,
      height: 140,
      encoding: {
        x: { field: 'quarter', type: 'ordinal', sort: order, title: null, axis: { labelAngle: 0 } },
        y: { field: 'value', type: 'quantitative', title: null, scale: { domain: [0, 1] }, axis: { format: '.0%', tickCount: 5 } },
        color: colour,
      },
      layer: [
        { mark: { type: 'line', strokeWidth: 2, invalid: 'break-paths-filter-domains' } },
        { transform: [{ filter: 'isValid(datum.value) && !datum.approx' }], mark: { type: 'point', size: 50, filled: true, opacity: 1 }, encoding: { tooltip } },
        { transform: [{ filter: 'isValid(datum.value) && datum.approx' }], mark: { type: 'point', size: 50, filled: false, fill: 'white', strokeWidth: 2, opacity: 1 }, encoding: { tooltip } },
      ],
    },
    resolve: { scale: { y: 'shared' } },
  });
};
