import type { FigureRow } from '../figures/figure-row';
import { figureKey } from './figure-key';
import type { FigureTable } from './figure-table';

/** Rounds to the nearest multiple of `base` (halves away from zero); `base` 1 leaves the value unchanged. */
export const roundTo = (value: number, base: number): number =>
  base <= 1 ? value : Math.sign(value) * Math.round(Math.abs(value) / base) * base;

/**
 * Funder rounding, applied after suppression: counts of people and every n_participants are rounded to the
 * nearest multiple of `base`; a rate whose numerator and denominator are visible counts of the same cell is
 * recomputed from the rounded counts (NHS England's method; its interval is kept); means and group or session
 * counts are unchanged. Returns new rows; hidden rows are returned as given.
 */
export const roundFigures = (table: FigureTable, rows: readonly FigureRow[], base: number): FigureRow[] => {
  if (base <= 1) return [...rows];
  const byKey = new Map(table.entries.map((entry, i) => [entry.key, i]));
  const rounded = rows.map((row, i): FigureRow => {
    const entry = table.entries[i];
    if (row.suppressed || entry === undefined) return row;
    const n = row.n_participants === null ? null : roundTo(row.n_participants, base);
    const value = entry.role.peopleCount && row.value !== null ? roundTo(row.value, base) : row.value;
    return { ...row, value, n_participants: n };
  });
  return rounded.map((row, i) => {
    const entry = table.entries[i];
    if (row.suppressed || entry === undefined || entry.role.kind !== 'rate') return row;
    const { numerator, denominator } = entry.role;
    if (numerator === null || denominator === null) return row;
    const sibling = (metric: string): FigureRow | undefined => {
      const index = byKey.get(figureKey({ ...row, metric }));
      return index === undefined ? undefined : rounded[index];
    };
    const [num, den] = [sibling(numerator), sibling(denominator)];
    if (num === undefined || den === undefined || num.suppressed || den.suppressed) return row;
    if (num.value === null || den.value === null || den.value === 0) return row;
    return { ...row, value: num.value / den.value };
  });
};
