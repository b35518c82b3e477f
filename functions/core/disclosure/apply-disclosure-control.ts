import { emptyCellKey, emptyCellsOf, type FigureRow } from '../figures/figure-row';
import { assertValidPolicy, cellRoundingFor } from './disclosure-policy';
import type { DisclosurePolicy } from './disclosure-policy';
import { buildFigureTable, type FigureTable } from './figure-table';
import { primarySuppression } from './primary-suppression';
import { roundFigures } from './rounding';
import { secondarySuppression } from './secondary-suppression';
import { suppressionNotes } from './suppression-notes';
import type { SuppressionNote } from './suppression-notes';
import { SuppressionReason, isPrimaryReason } from './suppression-reason';

/** Earlier releases the new one must stay consistent with. */
export interface DisclosureContext {
  /** Rows already released (as published, suppressed ones with null values): their pattern cannot change. */
  previouslyPublished?: readonly FigureRow[];
  /** Figure keys (`figureKey`) to hide whatever their value: complements the interval audit asked for. */
  forceHidden?: ReadonlySet<string>;
  /**
   * Figure keys to show although the exact-linear pass hid them: the interval audit found their value known
   * exactly from what is published, and not small (hiding a known figure protects nothing). `forceHidden` wins.
   */
  forceShown?: ReadonlySet<string>;
  /**
   * Cells (`cellKey`) published rounded in an exact-count release: every figure of the cell that is not hidden by the
   * primary rule or `forceHidden` is published with its counts and n rounded to `cellRoundingFor(policy.rounding)` and its rates
   * recomputed from the rounded counts, marked `rounded`. To the exact-linear attacker such figures are unknown
   * (they protect others) and need no protection themselves (a count known within its bucket is never small).
   */
  roundedCells?: ReadonlySet<string>;
}

/** The controlled release: every input row, in stable order, and the notes a report prints. */
export interface DisclosureResult {
  rows: FigureRow[];
  notes: SuppressionNote[];
}

/**
 * Applies disclosure control to one release of figures (pure and deterministic: the same rows in any order
 * give byte-identical output):
 *
 *   primary suppression (n or count in 1..k-1)
 *     → fix the pattern of previously published figures
 *     → secondary suppression until no hidden figure is recoverable by linear differencing
 *     → blank suppressed rows → round counts (policy.rounding) → sort → notes
 *
 * @example applyDisclosureControl(rows, defaultDisclosurePolicy('funder'), { previouslyPublished: months })
 */
export const applyDisclosureControl = (
  rows: readonly FigureRow[],
  policy: DisclosurePolicy,
  context: DisclosureContext = {},
): DisclosureResult => {
  assertValidPolicy(policy);
  const table = buildFigureTable(rows, context.previouslyPublished ?? []);
  const hidden = primarySuppression(table, policy.k);
  // Figures an earlier release showed stay known to everyone, even where this release must now hide them.
  const known = new Set<number>();
  let revised = 0;
  table.entries.forEach((entry, i) => {
    const { earlier } = entry;
    if (earlier === null) return;
    if (earlier.suppressed) {
      hidden.set(i, earlier.suppression_reason ?? hidden.get(i) ?? 'primary:upstream');
    } else if (hidden.has(i)) {
      known.add(i);
      if (isPrimaryReason(hidden.get(i) ?? '')) revised += 1;
    }
  });
  const forced = context.forceHidden ?? new Set<string>();
  table.entries.forEach((entry, i) => {
    if (entry.current && !entry.fixed && forced.has(entry.key) && !hidden.has(i)) hidden.set(i, SuppressionReason.secondary('interval'));
  });
  const roundedCells = context.roundedCells ?? new Set<string>();
  const insensitive = new Set<number>();
  const ROUNDED = SuppressionReason.secondary('rounded');
  table.entries.forEach((entry, i) => {
    if (!entry.current || entry.fixed || hidden.has(i) || !roundedCells.has(entry.cell)) return;
    hidden.set(i, ROUNDED);
    insensitive.add(i);
  });
  const empty = emptyCellsOf(rows);
  const neverHidden = new Set(table.entries.flatMap((entry, i) => (entry.current && empty.has(emptyCellKey(entry.row)) ? [i] : [])));
  const final = secondarySuppression(table, hidden, known, policy.k, insensitive, neverHidden);
  const shown = context.forceShown ?? new Set<string>();
  table.entries.forEach((entry, i) => {
    const reason = final.get(i);
    if (reason !== undefined && entry.current && !entry.fixed && shown.has(entry.key) && !forced.has(entry.key) && !isPrimaryReason(reason)) final.delete(i);
  });
  const blanked = table.entries.map((entry, i): FigureRow => {
    const reason = final.get(i);
    if (reason === undefined) return { ...entry.row, suppressed: false, suppression_reason: null };
    return { ...entry.row, value: null, ci_low: null, ci_high: null, n_participants: null, suppressed: true, suppression_reason: reason };
  });
  const cellRounded = insensitive.size === 0 ? blanked : roundCells(table, blanked, insensitive, cellRoundingFor(policy.rounding));
  const rounded = roundFigures(table, cellRounded, policy.rounding);
  const output = rounded.filter((_, i) => table.entries[i]?.current === true);
  return { rows: output, notes: suppressionNotes(output, { k: policy.k, rounding: policy.rounding, revised }) };
};

// The figures of rounded cells (`insensitive`, held as 'secondary:rounded' by the exact-linear pass) published with
// their counts and n rounded and their rates recomputed from rounded counts (`roundFigures`), marked `rounded`.
const roundCells = (table: FigureTable, blanked: readonly FigureRow[], insensitive: ReadonlySet<number>, base: number): FigureRow[] => {
  const ROUNDED = SuppressionReason.secondary('rounded');
  const open = blanked.map((row, i): FigureRow => {
    const entry = table.entries[i];
    if (!insensitive.has(i) || row.suppression_reason !== ROUNDED || entry === undefined) return row;
    return { ...entry.row, suppressed: false, suppression_reason: null };
  });
  const rounded = roundFigures(table, open, base);
  return blanked.map((row, i) => {
    const candidate = rounded[i];
    if (!insensitive.has(i) || row.suppression_reason !== ROUNDED || candidate === undefined) return row;
    return { ...candidate, rounded: true };
  });
};
