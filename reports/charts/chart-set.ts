import type { TopLevelSpec } from 'vega-lite';
import type { FigureRow } from '../../functions/core/figures/figure-row';
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

/**
 * The standard set of charts of one scope: per instrument (that has figures) mean change, outcome classes and
 * score by session; then effect sizes, attendance, retention and (optionally) volume over time.
 */
export const buildChartSet = (rows: readonly FigureRow[], options: ChartSetOptions): NamedChart[] => {
  const present = instrumentIdsWithRows(rows, options);
  const instruments = options.instruments.filter((i) => present.has(i.id));
  const named = (name: string, spec: TopLevelSpec): NamedChart => ({ name, title: titleOf(spec), spec });
  return [
    ...instruments.flatMap((instrument) => [
      named(`mean-change-${instrument.id}`, meanChangeChart(rows, { ...options, instrument })),
      named(`outcome-classes-${instrument.id}`, outcomeClassesChart(rows, { ...options, instrument })),
      named(`session-trajectory-${instrument.id}`, sessionTrajectoryChart(rows, { ...options, instrument })),
    ]),
    named('effect-sizes', effectSizesChart(rows, { ...options, instruments })),
    named('attendance', attendanceChart(rows, options)),
    named('retention', retentionChart(rows, options)),
    ...(options.volume === false ? [] : [named('volume', volumeChart(rows, options))]),
  ];
};
