import { FIGURE_COLUMNS, figureField, type FigureRow } from './figure-row';

const BLANK_WHEN_SUPPRESSED = new Set<string>(['value', 'ci_low', 'ci_high', 'n_participants']);

const field = (value: string | number | boolean | null): string => {
  if (value === null) return '';
  // 12 significant digits: no float noise such as 0.30000000000000004 in published files.
  const text = typeof value === 'number' ? String(Number(value.toPrecision(12))) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/**
 * `figures.csv` (RFC 4180: CRLF line ends, fields with comma, quote or line break quoted, quotes doubled),
 * columns `FIGURE_COLUMNS`; a suppressed row's value, interval and n are empty, never zero; `perturbed` is true for
 * a perturbed figure (its value is not the true count), false otherwise.
 */
export const figuresCsv = (rows: readonly FigureRow[]): string =>
  [FIGURE_COLUMNS.join(','), ...rows.map((row) => FIGURE_COLUMNS.map((column) =>
    field(row.suppressed && BLANK_WHEN_SUPPRESSED.has(column) ? null : figureField(row, column))).join(','))]
    .map((line) => `${line}\r\n`)
    .join('');
