import type { ProgrammeSummary } from './report-content';
import { headlineValueText, targetText } from '../headline/headline-text';

/** The board summary's table of one programme: a row per group type (all types first), "value (previous)" cells. */
export interface SummaryTable {
  headers: string[];
  rows: string[][];
  /** Targets and benchmarks of the programme, one line each (`Completion: Target: at least 70% (met)`). */
  targets: string[];
}

/** Lays out one programme's headline figures for the summary page (HTML and PDF print the same cells). */
export const summaryTable = (summary: ProgrammeSummary): SummaryTable => {
  const first = summary.headlines.rows[0];
  const figures = (first?.figures ?? []).filter((f) => f.id !== 'mean-final' || f.benchmark !== undefined);
  const headers = ['Group type', ...figures.map((f) => `${f.label}${f.instrument === undefined ? '' : ` (${f.instrument.name})`}`)];
  const rows = summary.headlines.rows.map((row) => [row.label, ...figures.map((f) => {
    const figure = row.figures.find((g) => g.id === f.id);
    if (figure === undefined) return '–';
    return `${headlineValueText(figure.kind, figure.current)} (${headlineValueText(figure.kind, figure.previous)})`;
  })]);
  const targets = figures.flatMap((f) => [
    ...(targetText(f) === '' ? [] : [`${f.label}: ${targetText(f)}`]),
    ...(f.benchmark === undefined ? [] : [`${f.label}: benchmark ${f.benchmark.label} (${f.benchmark.source})`]),
  ]);
  return { headers, rows, targets };
};
