import type { TopLevelSpec } from 'vega-lite';
import type { FigureRow } from '../../functions/core/figures/figure-row';
import { Metric } from '../../functions/core/figures/metric';
import { intervalNotAvailable } from '../../functions/core/figures/metric-interval';
import { Messages } from '../messages';
import type { InstrumentInfo } from '../report-context';
import type { ChartScope } from './chart-options';
import { findRow, formatNumber, groupKeysInScope, groupLabel, rowsInScope, scopeLine, sizeText, suppressionFootnotes } from './chart-data';
import { composeChart, emptyChart } from './compose-chart';
import { OKABE_ITO, SUPPRESSED_STYLE } from './theme';

/** Options of the forest plot: the instruments to show, in order. */
export interface EffectSizesOptions extends ChartScope {
  instruments: readonly InstrumentInfo[];
}

const MEASURES = [
  { metric: Metric.hedgesG, label: 'Hedges’ g (pre–post)', colour: OKABE_ITO.blue, shape: 'circle' },
] as const;

/**
 * Forest plot of effect sizes with 95% intervals: one row per instrument and group type, Hedges' g (d_z is not
 * published: its interval gives its n back). Signs of lower-is-better instruments are reversed so that positive always means improvement.
 */
export const effectSizesChart = (rows: readonly FigureRow[], options: EffectSizesOptions): TopLevelSpec => {
  const scoped = rowsInScope(rows, options, (m) => m === Metric.hedgesG);
  const title = 'Effect sizes by instrument and group type';
  const subtitle = [scopeLine(options), `Standardised pre–post change with ${Messages.ci95}; 0.2 small, 0.5 medium, 0.8 large.`, Messages.effectSignNote];
  const values = options.instruments.flatMap((instrument) => {
    const sign = instrument.direction === 'lower-is-better' ? -1 : 1;
    const flip = (v: number | null): number | null => (v === null ? null : sign * v);
    return groupKeysInScope(options).flatMap((key) => MEASURES.flatMap((measure) => {
      const row = findRow(scoped.filter((r) => r.instrument === instrument.id), key, measure.metric);
      if (row === undefined) return [];
      const [lo, hi] = sign === 1 ? [row.ci_low, row.ci_high] : [flip(row.ci_high), flip(row.ci_low)];
      return [{
        row: `${instrument.name} · ${groupLabel(key)}`, instrument: instrument.name, group: groupLabel(key), measure: measure.label,
        value: flip(row.value), lo, hi, suppressed: row.suppressed,
        valueText: row.suppressed ? Messages.suppressedMark
          : `${formatNumber(flip(row.value), 2)} (${intervalNotAvailable(row) ? Messages.intervalNotAvailable : `${formatNumber(lo, 2)} to ${formatNumber(hi, 2)}`})`,
        status: sizeText(row), reason: row.suppression_reason,
      }];
    }));
  });
  // when both measures of a row are hidden, one "suppressed" label is enough (two would overprint each other)
  const bothHidden = new Set(values.filter((v) => v.suppressed).map((v) => v.row).filter((row) => values.filter((v) => v.row === row).every((v) => v.suppressed)));
  const labelled = values.map((v) => ({ ...v, label: v.suppressed && !(bothHidden.has(v.row) && v.measure !== MEASURES[0].label) }));
  const description = `${title}, ${scopeLine(options)}. ` + values.map((v) => `${v.row}, ${v.measure}: ${v.valueText}`).join('; ') + '.';
  if (values.length === 0) return emptyChart({ title, subtitle, description });
  const order = [...new Set(values.map((v) => v.row))];
  // Instrument and group type on two lines: long instrument names would otherwise truncate away the group type.
  const y = { field: 'row', type: 'nominal', title: null, sort: order, scale: { domain: order, paddingInner: 0.2 }, axis: { labelLimit: 300, labelExpr: "split(datum.label, ' · ')", labelLineHeight: 12 } };
  const yOffset = { field: 'measure', type: 'nominal', sort: MEASURES.map((m) => m.label), scale: { domain: MEASURES.map((m) => m.label), paddingOuter: 0.5 } };
  const tooltip = [{ field: 'row', title: 'Instrument · group type' }, { field: 'measure', title: 'Effect size' }, { field: 'valueText', title: `Value (${Messages.ci95})` }, { field: 'status', title: 'Based on' }];
  const colour = { field: 'measure', type: 'nominal', title: null, scale: { domain: MEASURES.map((m) => m.label), range: MEASURES.map((m) => m.colour) }, legend: { orient: 'top' } };
  const shape = { field: 'measure', type: 'nominal', scale: { domain: MEASURES.map((m) => m.label), range: MEASURES.map((m) => m.shape) }, title: null, legend: { orient: 'top' } };
  const shown = { filter: '!datum.suppressed' };
  // Every effect hidden: a fixed domain around zero that still shows the 0.2 / 0.5 / 0.8 guides.
  const emptyDomain = values.every((v) => v.suppressed) ? { domain: [-1, 1] } : {};
  // A whisker layer with no interval at all (too few groups everywhere) would make Vega scale an empty field: leave it out.
  // A row without an interval draws a zero-length whisker at its point, so the dashboard's filter never leaves the
  // layer with no interval at all (Vega warns "Infinite extent").
  const bounds = [
    { calculate: 'isValid(datum.lo) ? datum.lo : datum.value', as: 'lo_drawn' },
    { calculate: 'isValid(datum.hi) ? datum.hi : datum.value', as: 'hi_drawn' },
  ];
  const whiskers = values.some((v) => !v.suppressed && v.lo !== null && v.hi !== null)
    ? [{ transform: [shown, ...bounds], mark: { type: 'rule', strokeWidth: 1.5 }, encoding: { y, yOffset, x: { field: 'lo_drawn', type: 'quantitative' }, x2: { field: 'hi_drawn' }, color: colour, tooltip } }]
    : [];
  const body = {
    width: 420,
    height: order.length * 30,
    data: { values: labelled },
    layer: [
      { data: { values: [{ v: 0 }] }, mark: { type: 'rule', color: '#555555' }, encoding: { x: { field: 'v', type: 'quantitative' } } },
      { data: { values: [{ v: 0.2 }, { v: 0.5 }, { v: 0.8 }] }, mark: { type: 'rule', color: '#AAAAAA', strokeDash: [2, 3] }, encoding: { x: { field: 'v', type: 'quantitative' } } },
      ...whiskers,
      {
        transform: [shown], mark: { type: 'point', filled: true, size: 60, opacity: 1 },
        encoding: { y, yOffset, x: { field: 'value', type: 'quantitative', title: 'Effect size (standard deviations; positive = improvement)', scale: { zero: true, nice: true, ...emptyDomain }, axis: { tickCount: 8, labelOverlap: true } }, color: colour, shape, tooltip },
      },
      {
        transform: [{ filter: 'datum.label' }],
        mark: { type: 'text', text: `${Messages.suppressedMark} ✕`, fontSize: 9, fontStyle: 'italic', color: SUPPRESSED_STYLE.text, align: 'left', dx: 4 },
        encoding: { y, yOffset, x: { datum: 0 }, tooltip },
      },
    ],
  };
  const footnotes = suppressionFootnotes(values.filter((v) => v.suppressed).map((v) => ({ label: `${v.row} (${v.measure.split(' ')[0]})`, reason: v.reason })));
  return composeChart({ title, subtitle, description, footnotes }, body);
};
