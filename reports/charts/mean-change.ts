import type { TopLevelSpec } from 'vega-lite';
import type { FigureRow } from '../../functions/core/figures/figure-row';
import { Metric } from '../../functions/core/figures/metric';
import { intervalNotAvailable } from '../../functions/core/figures/metric-interval';
import { Messages } from '../messages';
import type { InstrumentInfo } from '../report-context';
import type { ChartScope } from './chart-options';
import { findRow, formatNumber, groupKeysInScope, groupLabel, rowsInScope, scopeLine, sizeText, suppressionFootnotes } from './chart-data';
import { composeChart, emptyChart } from './compose-chart';
import { suppressedBandLayers, suppressedTooltip } from './suppressed-layers';
import { CHART_WIDTH, GROUP_TYPE_COLOUR } from './theme';

/** Options of the mean-change chart: the scope and the instrument (with its `change` reference lines). */
export interface MeanChangeOptions extends ChartScope {
  instrument: InstrumentInfo;
}

const signed = (value: number | null): string => (value !== null && value > 0 ? `+${formatNumber(value, 1)}` : formatNumber(value, 1));

/** Mean change (last − first score) with its 95% CI per group type, for one instrument; a dot-and-whisker chart. */
export const meanChangeChart = (rows: readonly FigureRow[], options: MeanChangeOptions): TopLevelSpec => {
  const { instrument } = options;
  const scoped = rowsInScope(rows, options, (m) => m === Metric.meanChange, instrument.id);
  const title = `Mean change in ${instrument.name} score by group type`;
  const directionNote = instrument.direction === 'lower-is-better' ? Messages.lowerIsBetter : Messages.higherIsBetter;
  const subtitle = [scopeLine(options), `Mean of (last − first) score with its ${Messages.ci95}; ${directionNote}.`];
  const values = groupKeysInScope(options).flatMap((key) => {
    const row = findRow(scoped, key, Metric.meanChange);
    if (row === undefined) return [];
    const label = row.suppressed ? groupLabel(key) : `${groupLabel(key)} (n = ${row.n_participants ?? '–'})`;
    const noInterval = intervalNotAvailable(row);
    const ciText = noInterval ? Messages.intervalNotAvailable : `${signed(row.ci_low)} to ${signed(row.ci_high)}`;
    return [{
      group: label, key, value: row.value, lo: row.ci_low, hi: row.ci_high, suppressed: row.suppressed,
      // the value label sits past the interval, or past the point where there is none
      labelAt: row.ci_high ?? row.value,
      valueText: signed(row.value), ciText, noInterval,
      label: row.suppressed ? '' : `${signed(row.value)} (${ciText})`,
      status: sizeText(row), reason: row.suppression_reason,
    }];
  });
  const description = `${title}, ${scopeLine(options)}. ` +
    values.map((v) => `${v.group}: ${v.suppressed ? v.status : `${v.valueText} points (${v.noInterval ? v.ciText : `95% CI ${v.ciText}`})`}`).join('; ') + '.';
  if (values.length === 0) return emptyChart({ title, subtitle, description });
  const groups = values.map((v) => v.group);
  const y = { field: 'group', type: 'nominal', title: null, sort: groups, scale: { type: 'band', domain: groups, paddingInner: 0.25 }, axis: { labelLimit: 260 } };
  const tooltip = [
    { field: 'group', title: 'Group type' }, { field: 'valueText', title: 'Mean change (points)' },
    { field: 'ciText', title: Messages.ci95 }, { field: 'status', title: 'Based on' },
  ];
  const lines = (instrument.referenceLines ?? []).filter((line) => line.scale === 'change');
  // Nothing visible to scale to: centre zero and show the reliable-change lines (else the axis is a single tick).
  const reach = Math.max(...lines.map((line) => Math.abs(line.value)), instrument.scoreRange === undefined ? 1 : (instrument.scoreRange.max - instrument.scoreRange.min) / 10);
  const emptyDomain = values.every((v) => v.suppressed || v.value === null) ? { domain: [-reach, reach] } : {};
  const shown = { filter: '!datum.suppressed' };
  // A whisker layer with no interval at all (too few groups everywhere) would make Vega scale an empty field: leave it out.
  // A row without an interval draws a zero-length whisker at its point, so the dashboard's filter never leaves the
  // layer with no interval at all (Vega warns "Infinite extent").
  const bounds = [
    { calculate: 'isValid(datum.lo) ? datum.lo : datum.value', as: 'lo_drawn' },
    { calculate: 'isValid(datum.hi) ? datum.hi : datum.value', as: 'hi_drawn' },
  ];
  const whiskers = values.some((v) => !v.suppressed && v.lo !== null && v.hi !== null)
    ? [{ transform: [shown, ...bounds], mark: { type: 'rule', strokeWidth: 2 }, encoding: { y, x: { field: 'lo_drawn', type: 'quantitative' }, x2: { field: 'hi_drawn' }, color: { field: 'key', type: 'nominal', scale: { domain: Object.keys(GROUP_TYPE_COLOUR), range: Object.values(GROUP_TYPE_COLOUR) }, legend: null }, tooltip } }]
    : [];
  const body = {
    width: CHART_WIDTH,
    height: { step: 36 },
    data: { values },
    layer: [
      { data: { values: [{ zero: 0 }] }, mark: { type: 'rule', color: '#555555', strokeWidth: 1 }, encoding: { x: { field: 'zero', type: 'quantitative' } } },
      ...lines.flatMap((line) => [
        { data: { values: [{ ref: line.value, label: line.label }] }, mark: { type: 'rule', color: '#777777', strokeDash: [6, 3] }, encoding: { x: { field: 'ref', type: 'quantitative' } } },
        // above the plot, so a suppressed band in the first row cannot cover it
        { data: { values: [{ ref: line.value, label: line.label }] }, mark: { type: 'text', align: 'left', dx: 3, dy: -3, baseline: 'bottom', fontSize: 10, color: '#555555' }, encoding: { x: { field: 'ref', type: 'quantitative' }, y: { value: 0 }, text: { field: 'label' } } },
      ]),
      ...whiskers,
      {
        transform: [shown],
        mark: { type: 'point', filled: true, size: 90, opacity: 1 },
        encoding: {
          y,
          x: { field: 'value', type: 'quantitative', title: `Mean change in ${instrument.name} (score points)`, scale: { zero: true, nice: true, ...emptyDomain } },
          color: { field: 'key', type: 'nominal', legend: null }, tooltip,
        },
      },
      { transform: [shown], mark: { type: 'text', align: 'left', dx: 8, baseline: 'middle', fontSize: 10, color: '#222222' }, encoding: { y, x: { field: 'labelAt', type: 'quantitative' }, text: { field: 'label' } } },
      ...suppressedBandLayers('group', { type: 'nominal', sort: groups }, suppressedTooltip('group', 'Group type')),
    ],
  };
  const footnotes = suppressionFootnotes(values.filter((v) => v.suppressed).map((v) => ({ label: v.group, reason: v.reason })));
  return composeChart({ title, subtitle, description, footnotes }, body);
};
