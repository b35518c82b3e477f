import { candidatesOf, chooseComplement, sameSize } from './complement-choice';
import type { PatternView } from './complement-choice';
import { UnprotectableDisclosureError } from './disclosure-errors';
import { figureBlocks } from './figure-blocks';
import type { FigureBlock } from './figure-blocks';
import { describeFigure } from './figure-key';
import type { FigureTable } from './figure-table';
import { tableMessage } from './messages';
import { COUNT_BOUNDS } from './metric-role';
import { BlockAttacker } from './recoverable-figures';
import { revealFigures } from './reveal-figures';
import { SuppressionReason } from './suppression-reason';

/**
 * Secondary (complementary) suppression: hides further figures of this release until no hidden figure — of
 * this release or fixed by an earlier one — can be recovered exactly from the visible ones (see
 * `BlockAttacker`): every open figure starts hidden and `revealFigures` shows all it safely can.
 * The table is split into independent blocks (one instrument × one quarter and its months) and each block is
 * checked on its own. Throws `UnprotectableDisclosureError` when only fixed figures could protect a recovered one.
 */
export const secondarySuppression = (
  table: FigureTable,
  hidden: Map<number, string>,
  known: ReadonlySet<number>,
  k: number,
  insensitive: ReadonlySet<number> = new Set(),
  neverHidden: ReadonlySet<number> = new Set(),
): Map<number, string> => {
  const result = new Map(hidden);
  const cells = new Map<string, number[]>();
  table.entries.forEach((entry, i) => {
    const members = cells.get(entry.cell);
    if (members === undefined) cells.set(entry.cell, [i]);
    else members.push(i);
  });
  for (const block of figureBlocks(table)) controlBlock(table, block, cells, result, known, k, insensitive, neverHidden);
  return result;
};

const controlBlock = (
  table: FigureTable, block: FigureBlock, cells: ReadonlyMap<string, number[]>, result: Map<number, string>,
  known: ReadonlySet<number>, k: number, insensitive: ReadonlySet<number>, neverHidden: ReadonlySet<number>,
): void => {
  const attacker = new BlockAttacker(table, block, k);
  // Complements published because nothing could protect them (they were computable anyway): never hidden again.
  const settled = new Set<number>();
  const candidate = (i: number): boolean => !result.has(i) && table.entries[i]?.fixed === false && !settled.has(i);
  // Figures of empty cells are never chosen as complements; they are shown first (zeros), unless showing one would
  // itself give a hidden figure away.
  const open = (i: number): boolean => candidate(i) && !neverHidden.has(i);
  const view: PatternView = { table, cells, hidden: result, open, k, insensitive };
  const blockCells = [...new Set(block.entries.map((i) => table.entries[i]?.cell ?? ''))].map((cell) => cells.get(cell) ?? []);
  const modelHidden = (): Set<number> => new Set(block.entries.filter((i) => result.has(i) && !known.has(i)));
  // Start from the safest pattern — every figure of this release hidden — then show what can be shown.
  const candidates = block.entries.filter(candidate);
  for (const i of candidates) result.set(i, SuppressionReason.secondary('pending'));
  const pending = new Set(candidates);
  const exposed = attacker.recovered(modelHidden()).find((i) => !pending.has(i) && !insensitive.has(i));
  if (exposed !== undefined) {
    const entry = table.entries[exposed];
    throw new UnprotectableDisclosureError(tableMessage.unprotectable(entry === undefined ? '?' : describeFigure(entry.row)));
  }
  revealFigures(view, attacker, candidates, modelHidden(), { strict: false });
  // Each figure shown was checked incrementally; one full check confirms the pattern. It repairs it where a
  // complement stayed computable; the complements are then tried again, now protecting every hidden figure.
  if (!protect(view, blockCells, attacker, modelHidden, settled)) return;
  // Complements the interval audit asked for stay hidden: showing them again would undo its last pass.
  const complements = block.entries.filter((i) => table.entries[i]?.fixed === false &&
    (result.get(i) ?? '').startsWith(SuppressionReason.secondary('')) && result.get(i) !== SuppressionReason.secondary('interval') &&
    !insensitive.has(i));
  revealFigures(view, attacker, complements, modelHidden(), { strict: true });
  protect(view, blockCells, attacker, modelHidden, settled);
};

// Hides complements until the attacker recovers nothing: each round one complement per recovered figure.
// Returns true when it had to change the pattern.
const protect = (
  view: PatternView, blockCells: readonly number[][], attacker: BlockAttacker, modelHidden: () => Set<number>,
  settled: Set<number>,
): boolean => {
  const { table, hidden: result } = view;
  const { entries } = table;
  const hide = (i: number, relation: string): void => { (result as Map<number, string>).set(i, SuppressionReason.secondary(relation)); };
  const isComplement = (i: number): boolean =>
    entries[i]?.fixed === false && (result.get(i) ?? '').startsWith(SuppressionReason.secondary(''));
  let changedPattern = false;
  for (;;) {
    const bounded = applyBounds(view, blockCells, hide);
    // Figures of rounded cells need no protection: the attacker knowing one exactly discloses nobody.
    const recovered = attacker.recovered(modelHidden()).filter((i) => view.insensitive?.has(i) !== true);
    if (recovered.length === 0) return changedPattern || bounded;
    changedPattern = true;
    // A figure whose relations changed in this round waits for the next round's check, so several figures do
    // not each hide a different complement for one leak.
    const changed = new Set<number>();
    const unprotected: number[] = [];
    let stuck: number | undefined;
    for (const x of recovered) {
      if (candidatesOf(view, x).some((option) => option.members.some((m) => changed.has(m)))) continue;
      // A figure backed by fewer than k people also reveals its n, which every figure of its cell shares:
      // protect it with whole complement cells (all figures of the chosen cell with the same n).
      const n = entries[x]?.row.n_participants;
      const bySize = n !== null && n !== undefined && n < view.k;
      const chosen = chooseComplement(view, x, bySize);
      if (chosen === undefined) {
        if (isComplement(x)) unprotected.push(x);
        else stuck ??= x;
        continue;
      }
      const complements = bySize ? [chosen.figure, ...sameSize(view, chosen.figure).filter(view.open)] : [chosen.figure];
      for (const h of complements) {
        hide(h, chosen.relation);
        changed.add(h);
      }
    }
    if (changed.size > 0) continue;
    if (stuck !== undefined) {
      const entry = entries[stuck];
      throw new UnprotectableDisclosureError(tableMessage.unprotectable(entry === undefined ? '?' : describeFigure(entry.row)));
    }
    // Only computable complements remain that nothing can protect: they are not sensitive themselves, and
    // their values follow from the visible figures, so they are published rather than kept blank.
    for (const x of unprotected) {
      (result as Map<number, string>).delete(x);
      settled.add(x);
    }
  }
};

// A visible non-zero count below a hidden count (recovered ≤ cases at start) would bound it from below.
const applyBounds = (view: PatternView, blockCells: readonly number[][], hide: (i: number, relation: string) => void): boolean => {
  const { table, hidden, open } = view;
  let any = false;
  let changed = true;
  while (changed) {
    changed = false;
    for (const members of blockCells) {
      const byMetric = new Map(members.map((i) => [table.entries[i]?.row.metric, i]));
      for (const [smaller, larger] of COUNT_BOUNDS) {
        const [s, l] = [byMetric.get(smaller), byMetric.get(larger)];
        if (s === undefined || l === undefined || !hidden.has(l) || !open(s) || view.insensitive?.has(l) === true) continue;
        if ((table.entries[s]?.row.value ?? 0) === 0) continue;
        hide(s, 'bound');
        changed = true;
        any = true;
      }
    }
  }
  return any;
};
