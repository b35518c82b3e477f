import type { TopLevelSpec } from 'vega-lite';
import type { FigureRow } from '../../functions/core/figures/figure-row';
import { parseSessionMetric } from '../../functions/core/figures/metric';
import { intervalNotAvailable } from '../../functions/core/figures/metric-interval';
import { Messages } from '../messages';
import type { InstrumentInfo } from '../report-context';
import type { ChartScope } from './chart-options';
import { formatNumber, groupKeysInScope, groupLabel, rowsInScope, scopeLine, sizeText, suppressionFootnotes } from './chart-data';
import { composeChart, emptyChart } from './compose-chart';
import type { LinePoint } from './line-by-group';
import { lineByGroup } from './line-by-group';

/** Options of the score-by-session chart; `score` reference lines (e.g. a population norm) are drawn. */
export interface SessionTrajectoryOptions extends ChartScope {
  instrument: InstrumentInfo;
}

/** Marker explanation shared by the line charts' footnotes. */
export const CROSS_NOTE = 'A cross in the group’s colour (below the plot, or in a pale dashed column) marks a suppressed value; the line breaks there.';

/** Converts session-indexed rows of one family into line points, one per group type and session. */
export const sessionPoints = (scoped: readonly FigureRow[], family: 'mean_score' | 'retention', scope: ChartScope, format: (v: number | null) => string): LinePoint[] =>
  groupKeysInScope(scope).flatMap((key) =>
    scoped
      .filter((row) => row.group_type === key && parseSessionMetric(row.metric)?.family === family)
      .map((row) => ({ row, session: parseSessionMetric(row.metric)?.session ?? 0 }))
      .sort((a, b) => a.session - b.session)
      .map(({ row, session }) => ({
        x: session, xLabel: `Session ${session}`, group: groupLabel(key), key, value: row.value, lo: row.ci_low, hi: row.ci_high,
        suppressed: row.suppressed, status: sizeText(row),
        valueText: row.suppressed ? Messages.suppressedMark
          : family === 'mean_score' && intervalNotAvailable(row) ? `${format(row.value)} (${Messages.intervalNotAvailable})` : format(row.value),
        reason: row.suppression_reason,
      })),
  );

/** The session-number x channel: whole numbers, with half a session of room either side. */
export const sessionAxis = (points: readonly LinePoint[]): Record<string, unknown> => {
  const last = Math.max(1, ...points.map((p) => (typeof p.x === 'number' ? p.x : 1)));
  return { field: 'x', type: 'quantitative', title: 'Session number', axis: { tickMinStep: 1, format: 'd', values: Array.from({ length: last }, (_, i) => i + 1) }, scale: { domain: [0.5, last + 0.5], nice: false } };
};

/** Mean score at each session number per group type, with its 95% CI band and `score` reference lines. */
export const sessionTrajectoryChart = (rows: readonly FigureRow[], options: SessionTrajectoryOptions): TopLevelSpec => {
  const { instrument } = options;
  const scoped = rowsInScope(rows, options, (m) => parseSessionMetric(m)?.family === 'mean_score', instrument.id);
  const title = `Mean ${instrument.name} score by session`;
  const direction = instrument.direction === 'lower-is-better' ? 'lower scores are better' : 'higher scores are better';
  const subtitle = [scopeLine(options), `Mean score of everyone who completed the questionnaire at that session, with its ${Messages.ci95}; ${direction}.`];
  const points = sessionPoints(scoped, 'mean_score', options, (v) => formatNumber(v, 1));
  const description = `${title}, ${scopeLine(options)}. ` + [...new Set(points.map((p) => p.group))].map((group) =>
    `${group}: ${points.filter((p) => p.group === group).map((p) => `session ${p.x} ${p.valueText}`).join(', ')}`).join('; ') + '.';
  if (points.length === 0) return emptyChart({ title, subtitle, description });
  const body = lineByGroup(points, {
    x: sessionAxis(points),
    // The title names the instrument; a long name on the axis of a 150 px panel would run far past it.
    yTitle: 'Mean score (points)',
    xTooltipTitle: 'Session', valueTitle: 'Mean score', band: true, smallMultiples: true,
    referenceLines: (instrument.referenceLines ?? []).filter((line) => line.scale === 'score'),
    ...(instrument.scoreRange === undefined ? {} : { emptyDomain: [instrument.scoreRange.min, instrument.scoreRange.max] as const }),
  });
  const hidden = points.filter((p) => p.suppressed);
  const footnotes = hidden.length === 0 ? [] : [...suppressionFootnotes(hidden.map((p) => ({ label: `${p.group} s${p.x}`, reason: p.reason }))), CROSS_NOTE];
  return composeChart({ title, subtitle, description, footnotes }, body);
};
