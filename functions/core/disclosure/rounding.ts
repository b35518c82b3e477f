import type { FigureRow } from '../figures/figure-row';
import { figureKey } from './figure-key';
import type { FigureTable } from './figure-table';
import { Metric } from '../figures/metric';
import { wilsonInterval } from '../stats/confidence-interval';

/** Rounds to the nearest multiple of `base` (halves away from zero); `base` 1 leaves the value unchanged. */
export const roundTo = (value: number, base: number): number =>
  base <= 1 ? value : Math.sign(value) * Math.round(Math.abs(value) / base) * base;

const SESSION_SHARES = new Set<string>([Metric.attendanceRate, Metric.sessionsInRangeRate]);

/**
 * Funder rounding, applied after suppression: counts of people and every n_participants are rounded to the
 * nearest multiple of `base`; means, medians, effect sizes and group or session counts are unchanged.
 * Every rate is recomputed from rounded numbers (NHS England's method) so it cannot give back the exact
 * counts: from its numerator and denominator where both are visible counts of the cell, otherwise from its
 * implied numerator (rate × n) rounded the same way; its Wilson interval is recomputed from those rounded
 * numbers (an interval of the exact counts would give them back), and a rate without an interval (too few groups)
 * stays without one. The attendance rate and the share of rated
 * sessions in the clinical range (process measures), shares of sessions rather than of people, are given to two
 * decimals without an interval. Returns new rows; hidden rows as given.
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
    const exact = rows[i];
    if (row.suppressed || entry === undefined || exact === undefined || entry.role.kind !== 'rate' || row.value === null) return row;
    // Shares of sessions: recomputing them from rounded people (their n) would change what they measure.
    if (SESSION_SHARES.has(row.metric)) return { ...row, value: Math.round(row.value * 100) / 100, ci_low: null, ci_high: null };
    const { numerator, denominator } = entry.role;
    const sibling = (metric: string | null): FigureRow | undefined => {
      if (metric === null) return undefined;
      const index = byKey.get(figureKey({ ...row, metric }));
      return index === undefined ? undefined : rounded[index];
    };
    const [num, den] = [sibling(numerator), sibling(denominator)];
    // The counts are this rate's own only where they equal its exact numerator and n (completion and
    // drop-out rates rest on finished starters, which differ from participants while groups still run).
    const exactOf = (metric: string | null): number | null | undefined => {
      const index = metric === null ? undefined : byKey.get(figureKey({ ...row, metric }));
      return index === undefined ? undefined : rows[index]?.value;
    };
    const exactN = exact.n_participants ?? 0;
    const own = exactOf(denominator) === exactN && Math.abs((exactOf(numerator) ?? Number.NaN) - (exact.value ?? 0) * exactN) < 1e-6;
    const fromCounts = own && num !== undefined && den !== undefined && !num.suppressed && !den.suppressed && num.value !== null && den.value !== null;
    const successes = fromCounts ? num.value! : roundTo(row.value * (exact.n_participants ?? 0), base);
    const trials = fromCounts ? den.value! : row.n_participants ?? 0;
    if (trials <= 0) return { ...row, value: null, ci_low: null, ci_high: null, suppressed: true, suppression_reason: 'primary:n<k' };
    const share = Math.min(1, Math.max(0, successes / trials));
    // Too few groups for an honest interval of the exact counts: none of the rounded ones either (a plain Wilson
    // interval would ignore the grouping and read as falsely precise).
    if (exact.ci_low === null || exact.ci_high === null) return { ...row, value: share, ci_low: null, ci_high: null };
    const interval = wilsonInterval(Math.min(successes, trials), trials);
    return { ...row, value: share, ci_low: interval?.low ?? null, ci_high: interval?.high ?? null };
  });
};
