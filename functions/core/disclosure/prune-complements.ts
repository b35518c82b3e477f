import { figureLevel, figureWeight } from './complement-choice';
import type { PatternView } from './complement-choice';
import type { FigureBlock } from './figure-blocks';
import { COUNT_BOUNDS } from './metric-role';
import type { BlockAttacker } from './recoverable-figures';
import { SuppressionReason } from './suppression-reason';

/**
 * Pruning: once a block is protected, tries to show each complement of this release back — margins first, then
 * larger values first — and keeps it shown when the attacker still recovers nothing (checked incrementally by
 * `BlockAttacker.tryReveal`). Greedy complement choice hides more than needed; this gives back what it can.
 * A count stays hidden while it would bound a hidden larger count of its cell (recovered ≤ cases at start).
 * Passes repeat while they show something, as showing one figure can free a bounded one.
 */
export const pruneComplements = (
  view: PatternView, block: FigureBlock, attacker: BlockAttacker, modelHidden: ReadonlySet<number>,
): void => {
  const { table } = view;
  const result = view.hidden as Map<number, string>;
  const secondary = SuppressionReason.secondary('');
  let candidates = block.entries
    .filter((i) => table.entries[i]?.fixed === false && (result.get(i) ?? '').startsWith(secondary) && modelHidden.has(i))
    .map((i) => {
      const entry = table.entries[i];
      return { i, level: entry === undefined ? 0 : figureLevel(entry), weight: entry === undefined ? 0 : figureWeight(entry, false) };
    })
    .sort((a, b) => b.level - a.level || b.weight - a.weight || a.i - b.i)
    .map(({ i }) => i);
  attacker.prepare(modelHidden);
  for (let shown = 1; shown > 0 && candidates.length > 0;) {
    shown = 0;
    const remaining: number[] = [];
    for (const i of candidates) {
      if (!boundsAHiddenCount(view, i) && attacker.tryReveal(i)) {
        result.delete(i);
        shown += 1;
      } else remaining.push(i);
    }
    candidates = remaining;
  }
};

// True when the figure is a non-zero count below a hidden larger count of its cell.
const boundsAHiddenCount = (view: PatternView, i: number): boolean => {
  const entry = view.table.entries[i];
  if (entry === undefined || (entry.row.value ?? 0) === 0) return false;
  const mates = view.cells.get(entry.cell) ?? [];
  return COUNT_BOUNDS.some(([smaller, larger]) => smaller === entry.row.metric &&
    mates.some((m) => view.table.entries[m]?.row.metric === larger && view.hidden.has(m)));
};
