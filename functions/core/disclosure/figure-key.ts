import type { FigureRow } from '../figures/figure-row';

type Keyed = Pick<FigureRow, 'period' | 'programme_id' | 'group_type' | 'instrument' | 'metric'>;

// A separator that cannot occur in ids, periods or metric names.
const SEP = '\u001f';

/** Stable identity of a cell: period × programme × group type × instrument. */
export const cellKey = (row: Omit<Keyed, 'metric'>): string =>
  [row.period, row.programme_id, row.group_type, row.instrument].join(SEP);

/** Stable identity of a figure: its cell and metric. */
export const figureKey = (row: Keyed): string => `${cellKey(row)}${SEP}${row.metric}`;

/** Human-readable form of a figure key, for error messages and notes. */
export const describeFigure = (row: Keyed): string =>
  `${row.period} / ${row.programme_id} / ${row.group_type} / ${row.instrument === '' ? '-' : row.instrument} / ${row.metric}`;

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Orders figures by period, programme, group type, instrument and metric (code-point order, locale-free). */
export const compareFigures = (a: Keyed, b: Keyed): number =>
  compareText(a.period, b.period) ||
  compareText(a.programme_id, b.programme_id) ||
  compareText(a.group_type, b.group_type) ||
  compareText(a.instrument, b.instrument) ||
  compareText(a.metric, b.metric);
