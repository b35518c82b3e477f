import type { TopLevelSpec } from 'vega-lite';
import type { FigureRow } from '../../functions/core/figures/figure-row';
import { Metric, SessionMetric, parseSessionMetric } from '../../functions/core/figures/metric';
import type { InstrumentInfo } from '../report-context';
import { attendanceChart } from './attendance';
import type { ChartScope } from './chart-options';
import { effectSizesChart } from './effect-sizes';
import { meanChangeChart } from './mean-change';
import { outcomeClassesChart } from './outcome-classes';
import { retentionChart } from './retention';
import { sessionTrajectoryChart } from './session-trajectory';
import { volumeChart } from './volume';

/** A built chart with the file-safe name it is published under (`mean-change-swemwbs`, `attendance`, …). */
export interface NamedChart {
  name: string;
  title: string;
  spec: TopLevelSpec;
}

/** Which charts to build: the scope, the instruments (in order) and whether to include the monthly volume chart. */
export interface ChartSetOptions extends ChartScope {
  instruments: readonly InstrumentInfo[];
  volume?: boolean;
}

const titleOf = (spec: TopLevelSpec): string => {
  const title = (spec as { title?: { text?: unknown } }).title;
  return typeof title?.text === 'string' ? title.text : '';
};

const instrumentIdsWithRows = (rows: readonly FigureRow[], scope: ChartScope): Set<string> =>
  new Set(rows.filter((r) => r.period === scope.period && r.programme_id === scope.programmeId).map((r) => r.instrument));

// `instrument|metric` of every row in scope (session metrics by family), so a chart is built only when it has data:
// an empty panel (GSRS reliable change, which it has no threshold for) must never be drawn.
const metricsInScope = (rows: readonly FigureRow[], scope: ChartScope): Set<string> =>
  new Set(rows.filter((r) => r.period === scope.period && r.programme_id === scope.programmeId)
    .map((r) => `${r.instrument}|${parseSessionMetric(r.metric)?.family ?? r.metric}`));

// The metrics each per-instrument chart draws.
const CHART_METRICS = {
  meanChange: [Metric.meanChange],
  outcomeClasses: [Metric.reliablyImproved, Metric.noReliableChange, Metric.reliablyDeteriorated, Metric.casesAtStart],
  sessionTrajectory: [SessionMetric.meanScore],
} as const;

/**
 * The standard set of charts of one scope: per instrument (that has figures) mean change, outcome classes and
 * score by session, each only where it has figures to draw, and for a process measure (GSRS) the score by session
 * only; then effect sizes of the outcome measures, attendance, retention and (optionally) volume over time.
 */
export const buildChartSet = (rows: readonly FigureRow[], options: ChartSetOptions): NamedChart[] => {
  const present = instrumentIdsWithRows(rows, options);
  const metrics = metricsInScope(rows, options);
  const instruments = options.instruments.filter((i) => present.has(i.id));
  const outcomes = instruments.filter((i) => i.measureType !== 'process');
  const draws = (instrument: InstrumentInfo, chart: keyof typeof CHART_METRICS): boolean =>
    (chart === 'sessionTrajectory' || instrument.measureType !== 'process')
    && CHART_METRICS[chart].some((metric) => metrics.has(`${instrument.id}|${metric}`));
  const named = (name: string, spec: TopLevelSpec): NamedChart => ({ name, title: titleOf(spec), spec });
  return [
    ...instruments.flatMap((instrument) => [
      ...(draws(instrument, 'meanChange') ? [named(`mean-change-${instrument.id}`, meanChangeChart(rows, { ...options, instrument }))] : []),
      ...(draws(instrument, 'outcomeClasses') ? [named(`outcome-classes-${instrument.id}`, outcomeClassesChart(rows, { ...options, instrument }))] : []),
      ...(draws(instrument, 'sessionTrajectory') ? [named(`session-trajectory-${instrument.id}`, sessionTrajectoryChart(rows, { ...options, instrument }))] : []),
    ]),
    named('effect-sizes', effectSizesChart(rows, { ...options, instruments: outcomes })),
    named('attendance', attendanceChart(rows, options)),
    named('retention', retentionChart(rows, options)),
    ...(options.volume === false ? [] : [named('volume', volumeChart(rows, options))]),
  ];
};
