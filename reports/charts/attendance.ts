import type { TopLevelSpec } from 'vega-lite';
import type { FigureRow } from '../../functions/core/figures/figure-row';
import { NO_INSTRUMENT } from '../../functions/core/figures/figure-row';
import { Metric } from '../../functions/core/figures/metric';
import { Messages } from '../messages';
import type { ChartScope } from './chart-options';
import { findRow, formatPercent, groupKeysInScope, groupLabel, rowsInScope, scopeLine, sizeText, suppressionFootnotes } from './chart-data';
import { composeChart, emptyChart } from './compose-chart';
import { CHART_WIDTH, OKABE_ITO, SUPPRESSED_STYLE } from './theme';

const MEASURES = [
  { metric: Metric.attendanceRate, label: 'Attendance (of sessions offered)', colour: OKABE_ITO.blue },
  { metric: Metric.completionRate, label: 'Completed the programme', colour: OKABE_ITO.bluishGreen },
  { metric: Metric.dropoutRate, label: 'Dropped out', colour: OKABE_ITO.vermillion },
] as const;

/** Attendance rate, completion rate and drop-out rate per group type as grouped horizontal bars. */
export const attendanceChart = (rows: readonly FigureRow[], options: ChartScope): TopLevelSpec => {
  const scoped = rowsInScope(rows, options, (m) => MEASURES.some((x) => x.metric === m), NO_INSTRUMENT);
  const title = 'Attendance, completion and drop-out by group type';
  const subtitle = [scopeLine(options), 'Attendance: sessions attended ÷ sessions offered; completion and drop-out: share of participants.'];
  const values = groupKeysInScope(options).flatMap((key) => MEASURES.flatMap((measure) => {
    const row = findRow(scoped, key, measure.metric);
    if (row === undefined) return [];
    return [{
      group: groupLabel(key), measure: measure.label, value: row.value, suppressed: row.suppressed,
      valueText: row.suppressed ? Messages.suppressedMark : formatPercent(row.value), status: sizeText(row), reason: row.suppression_reason,
    }];
  }));
  const description = `${title}, ${scopeLine(options)}. ` + [...new Set(values.map((v) => v.group))].map((g) =>
    `${g}: ${values.filter((v) => v.group === g).map((v) => `${v.measure} ${v.valueText}`).join(', ')}`).join('; ') + '.';
  if (values.length === 0) return emptyChart({ title, subtitle, description });
  const groups = [...new Set(values.map((v) => v.group))];
  const y = { field: 'group', type: 'nominal', title: null, sort: groups, scale: { domain: groups, paddingInner: 0.25 }, axis: { labelLimit: 200 } };
  const yOffset = { field: 'measure', type: 'nominal', sort: MEASURES.map((m) => m.label), scale: { domain: MEASURES.map((m) => m.label) } };
  const tooltip = [{ field: 'group', title: 'Group type' }, { field: 'measure', title: 'Measure' }, { field: 'valueText', title: 'Rate' }, { field: 'status', title: 'Based on' }];
  const body = {
    width: CHART_WIDTH,
    height: { step: 16 },
    data: { values },
    encoding: { y, yOffset },
    layer: [
      {
        transform: [{ filter: '!datum.suppressed' }],
        mark: { type: 'bar' },
        encoding: {
          x: { field: 'value', type: 'quantitative', title: 'Rate (%)', scale: { domain: [0, 1] }, axis: { format: '.0%' } },
          color: { field: 'measure', type: 'nominal', title: null, scale: { domain: MEASURES.map((m) => m.label), range: MEASURES.map((m) => m.colour) }, legend: { orient: 'top', columns: 3 } },
          tooltip,
        },
      },
      { transform: [{ filter: '!datum.suppressed' }], mark: { type: 'text', align: 'left', dx: 4, fontSize: 10, color: '#222222' }, encoding: { x: { field: 'value', type: 'quantitative' }, text: { field: 'valueText' } } },
      {
        transform: [{ filter: 'datum.suppressed' }],
        mark: { type: 'bar', fill: SUPPRESSED_STYLE.fill, stroke: SUPPRESSED_STYLE.stroke, strokeDash: [...SUPPRESSED_STYLE.strokeDash], strokeWidth: 1 },
        encoding: { x: { datum: 0 }, x2: { datum: 1 }, tooltip },
      },
      { transform: [{ filter: 'datum.suppressed' }], mark: { type: 'text', fontSize: 10, fontStyle: 'italic', color: SUPPRESSED_STYLE.text }, encoding: { x: { datum: 0.5 }, text: { field: 'valueText' }, tooltip } },
    ],
  };
  const footnotes = suppressionFootnotes(values.filter((v) => v.suppressed).map((v) => ({ label: `${v.measure} — ${v.group}`, reason: v.reason })));
  return composeChart({ title, subtitle, description, footnotes }, body);
};
