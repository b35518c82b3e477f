import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { FigureRow } from '../../../../functions/core/figures/figure-row';
import { quarterOfMonth } from '../../../../functions/core/disclosure';

const FIXTURE = new URL('../fixtures/demo-rows.json.gz', import.meta.url);

/** The unsuppressed figure rows the nightly roll-up produced from the demo dataset (16,643 rows, 17 periods). */
export const demoRows = (): FigureRow[] => JSON.parse(gunzipSync(readFileSync(FIXTURE)).toString('utf8')) as FigureRow[];

/** The rows of a quarter's months (present in the data), in the roll-up's order. */
export const monthRowsOf = (rows: readonly FigureRow[], quarter: string): FigureRow[] =>
  rows.filter((r) => quarterOfMonth(r.period) === quarter);

/** Where a figure sits in the table: a leaf cell, a group-type margin, a programme margin or the grand total. */
export const figureLevel = (row: Pick<FigureRow, 'programme_id' | 'group_type'>): 'leaf' | 'type margin' | 'programme margin' | 'grand total' => {
  if (row.programme_id === '*' && row.group_type === '*') return 'grand total';
  if (row.programme_id === '*') return 'programme margin';
  if (row.group_type === '*') return 'type margin';
  return 'leaf';
};
