import { FIGURE_COLUMNS, type FigureRow } from './figure-row';

const cell = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? String(Number(value.toPrecision(12))) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** `figures.csv`: RFC 4180, header row, suppressed values empty, CRLF line ends. */
export const figuresCsv = (rows: readonly FigureRow[]): string =>
  [FIGURE_COLUMNS.join(','), ...rows.map((row) => FIGURE_COLUMNS.map((column) => cell(row[column])).join(','))].join('\r\n') + '\r\n';
