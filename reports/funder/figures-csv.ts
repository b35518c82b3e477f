import { FIGURE_COLUMNS } from '../../functions/core/figures/figure-row';
import type { FigureRow } from '../../functions/core/figures/figure-row';

const field = (value: string | number | boolean | null): string => {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/**
 * `figures.csv` (RFC 4180: CRLF line ends, fields with comma, quote or line break quoted, quotes doubled),
 * columns `FIGURE_COLUMNS`; a suppressed row's value, interval and n are empty, never zero.
 */
export const figuresCsv = (rows: readonly FigureRow[]): string =>
  [FIGURE_COLUMNS.join(','), ...rows.map((row) => FIGURE_COLUMNS.map((column) => field(row.suppressed && ['value', 'ci_low', 'ci_high', 'n_participants'].includes(column) ? null : row[column])).join(','))]
    .map((line) => `${line}\r\n`)
    .join('');
