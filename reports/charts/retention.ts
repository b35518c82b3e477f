import type { TopLevelSpec } from 'vega-lite';
import type { FigureRow } from '../../functions/core/figures/figure-row';
import { NO_INSTRUMENT } from '../../functions/core/figures/figure-row';
import { parseSessionMetric } from '../../functions/core/figures/metric';
import type { ChartScope } from './chart-options';
import { formatPercent, rowsInScope, scopeLine, suppressionFootnotes } from './chart-data';
import { composeChart, emptyChart } from './compose-chart';
import { lineByGroup } from './line-by-group';
import { CROSS_NOTE, sessionAxis, sessionPoints } from './session-trajectory';

/** Retention curve: the share of starters still attending at each session number, per group type. */
export const retentionChart = (rows: readonly FigureRow[], options: ChartScope): TopLevelSpec => {
  const scoped = rowsInScope(rows, options, (m) => parseSessionMetric(m)?.family === 'retention', NO_INSTRUMENT);
  const title = 'Retention by session';
  const subtitle = [scopeLine(options), 'Share of participants who started and were still attending at each session.'];
  const points = sessionPoints(scoped, 'retention', options, formatPercent);
  const description = `${title}, ${scopeLine(options)}. ` + [...new Set(points.map((p) => p.group))].map((group) =>
    `${group}: ${points.filter((p) => p.group === group).map((p) => `session ${p.x} ${p.valueText}`).join(', ')}`).join('; ') + '.';
  if (points.length === 0) return emptyChart({ title, subtitle, description });
  const body = lineByGroup(points, {
    x: sessionAxis(points), yTitle: 'Still attending (% of starters)', yFormat: '.0%', yDomain: [0, 1],
    xTooltipTitle: 'Session', valueTitle: 'Still attending', band: false,
  });
  const hidden = points.filter((p) => p.suppressed);
  const footnotes = hidden.length === 0 ? [] : [...suppressionFootnotes(hidden.map((p) => ({ label: `${p.group} s${p.x}`, reason: p.reason }))), CROSS_NOTE];
  return composeChart({ title, subtitle, description, footnotes }, body);
};
