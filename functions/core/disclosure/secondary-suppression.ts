import { UnprotectableDisclosureError } from './disclosure-errors';
import { describeFigure } from './figure-key';
import type { FigureTable, TableEntry } from './figure-table';
import { tableMessage } from './messages';
import { COUNT_BOUNDS } from './metric-role';
import { recoverableFigures } from './recoverable-figures';
import { SuppressionReason } from './suppression-reason';

interface Candidates { relation: string; hiddenCount: number; members: number[] }

// Complements are chosen first among the figures of the tightest relation, preferring derived figures (rates,
// means) within a cell, then non-zero figures (a zero is often known to be structural), then the smallest
// amount (a count's value, otherwise its n; the n whenever a cell's size must be protected), then the stable
// figure order.
const preference = (entry: TableEntry, index: number, bySize: boolean): [number, number, number, number] => {
  const { value, n_participants: n } = entry.row;
  const weight = entry.role.kind === 'count' && !bySize ? (value ?? Infinity) : (n ?? Infinity);
  return [entry.role.kind === 'count' ? 1 : 0, weight === 0 ? 1 : 0, Math.abs(weight), index];
};

const compareTuples = (a: readonly number[], b: readonly number[]): number => {
  for (let i = 0; i < a.length; i += 1) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
};

/**
 * Secondary (complementary) suppression: hides further figures of this release until no hidden figure — of
 * this release or fixed by an earlier one — can be recovered exactly from the visible ones (see
 * `recoverableFigures`). Each round hides one complement per recovered figure, chosen deterministically from the
 * relations it takes part in; it ends because every round hides at least one more figure.
 * Throws `UnprotectableDisclosureError` when only fixed figures could protect a recovered one.
 */
export const secondarySuppression = (
  table: FigureTable,
  hidden: Map<number, string>,
  known: ReadonlySet<number>,
  k: number,
): Map<number, string> => {
  const result = new Map(hidden);
  const { entries } = table;
  const cells = new Map<string, number[]>();
  entries.forEach((entry, i) => cells.set(entry.cell, [...(cells.get(entry.cell) ?? []), i]));
  const open = (i: number): boolean => !result.has(i) && entries[i]?.fixed === false;
  const isComplement = (i: number): boolean =>
    entries[i]?.fixed === false && (result.get(i) ?? '').startsWith(SuppressionReason.secondary(''));
  const hide = (i: number, relation: string): void => { result.set(i, SuppressionReason.secondary(relation)); };

  for (;;) {
    applyBounds(table, cells, result, open, hide);
    const modelHidden = new Set([...result.keys()].filter((i) => !known.has(i)));
    const recovered = recoverableFigures(table, modelHidden, k);
    if (recovered.length === 0) return result;
    // Complements of this release that nothing left can protect are not sensitive themselves: settle them.
    let settled = 0;
    // One complement per recovered figure and round; a figure whose relations changed in this round waits
    // for the next round's check, so several figures do not each hide a different complement for one leak.
    const changed = new Set<number>();
    let stuck: number | undefined;
    for (const x of recovered) {
      const options = candidatesOf(table, cells, x, result, k);
      if (options.some((option) => option.members.some((m) => changed.has(m)))) continue;
      const chosen = nearestOpen(table, cells, x, result, open, k);
      if (chosen === undefined) {
        if (isComplement(x)) settled += 1;
        else stuck ??= x;
        continue;
      }
      // A figure backed by fewer than k people also reveals its n, which every figure of its cell shares:
      // protect it with whole complement cells (all figures of the chosen cell with the same n).
      const n = entries[x]?.row.n_participants;
      const bySize = n !== null && n !== undefined && n < k;
      const pick = [...chosen.members].sort((a, b) => {
        const [ea, eb] = [entries[a], entries[b]];
        return ea === undefined || eb === undefined ? a - b : compareTuples(preference(ea, a, bySize), preference(eb, b, bySize));
      })[0];
      if (pick === undefined) continue;
      const hidden = bySize ? [pick, ...sameSize(table, cells, pick).filter(open)] : [pick];
      for (const h of hidden) {
        hide(h, chosen.option.relation);
        changed.add(h);
      }
    }
    if (changed.size > 0) continue;
    if (stuck !== undefined) {
      const entry = entries[stuck];
      throw new UnprotectableDisclosureError(tableMessage.unprotectable(entry === undefined ? '?' : describeFigure(entry.row)));
    }
    if (settled > 0) {
      // Only computable complements remain. Showing them adds nothing to what an attacker knows (each one's
      // equation is already implied by the visible figures), so they are published rather than kept blank.
      for (const x of recovered) if (isComplement(x)) result.delete(x);
      return result;
    }
  }
};

// The relation nearest to a recovered figure that still has figures which may be hidden: first its own
// relations (tightest first), then, breadth-first, the relations of the figures they involve (a leak can run
// through a chain, e.g. a single-programme margin equal to its only programme's figure).
const nearestOpen = (
  table: FigureTable, cells: ReadonlyMap<string, number[]>, x: number, hidden: ReadonlyMap<number, string>,
  open: (i: number) => boolean, k: number,
): { option: Candidates; members: number[] } | undefined => {
  const seen = new Set([x]);
  let frontier = [x];
  while (frontier.length > 0) {
    const options = frontier.flatMap((f) => candidatesOf(table, cells, f, hidden, k));
    const chosen = options
      .map((option) => ({ option, members: option.members.filter(open) }))
      .filter(({ members }) => members.length > 0)
      .sort((a, b) => a.option.hiddenCount - b.option.hiddenCount)[0];
    if (chosen !== undefined) return chosen;
    frontier = [...new Set(options.flatMap((option) => option.members))].filter((m) => !seen.has(m));
    for (const m of frontier) seen.add(m);
  }
  return undefined;
};

// The figures of a figure's cell that share its n (the cell's participation or outcome base).
const sameSize = (table: FigureTable, cells: ReadonlyMap<string, number[]>, i: number): number[] => {
  const entry = table.entries[i];
  if (entry === undefined || entry.row.n_participants === null) return [];
  return (cells.get(entry.cell) ?? []).filter((j) => table.entries[j]?.row.n_participants === entry.row.n_participants);
};

// The relations a recovered figure takes part in, plus the cell-mates whose n could equal its n or value.
const candidatesOf = (
  table: FigureTable, cells: ReadonlyMap<string, number[]>, x: number, hidden: ReadonlyMap<number, string>, k: number,
): Candidates[] => {
  const options: Candidates[] = [];
  const count = (members: readonly number[]): number => members.filter((m) => hidden.has(m)).length;
  for (const r of table.relationsOf[x] ?? []) {
    const relation = table.relations[r];
    if (relation === undefined) continue;
    const members = [relation.total, ...relation.parts];
    options.push({ relation: relation.kind, hiddenCount: count(members), members });
  }
  const entry = table.entries[x];
  if (entry !== undefined) {
    // Its value leaks through the n of figures based on it (a base count), and a small n through figures
    // sharing it; a count's n is its cell's base, already visible when the base is, so it needs no link.
    const own = new Set<number>();
    if (entry.role.base && entry.row.value !== null) own.add(entry.row.value);
    if (entry.row.n_participants !== null && entry.row.n_participants < k) own.add(entry.row.n_participants);
    const linked = (cells.get(entry.cell) ?? []).filter((j) => {
      const other = table.entries[j];
      if (other === undefined || j === x) return false;
      return (other.row.n_participants !== null && own.has(other.row.n_participants)) ||
        (other.role.base && other.row.value !== null && own.has(other.row.value));
    });
    if (linked.length > 0) options.push({ relation: 'n_participants', hiddenCount: count([x, ...linked]), members: linked });
  }
  // Last resort: figures that share the n of a figure related to this one (its n can leak through theirs).
  const related = [...new Set(options.flatMap((option) => option.members))];
  const mates = [...new Set(related.flatMap((m) => sameSize(table, cells, m)))].filter((m) => m !== x);
  if (mates.length > 0) options.push({ relation: 'n_participants', hiddenCount: Number.MAX_SAFE_INTEGER, members: mates });
  // Stable order of relations with equal tightness: the order they were listed in.
  return options;
};

// A visible non-zero count below a hidden count (recovered ≤ cases at start) would bound it from below.
const applyBounds = (
  table: FigureTable, cells: ReadonlyMap<string, number[]>, hidden: ReadonlyMap<number, string>,
  open: (i: number) => boolean, hide: (i: number, relation: string) => void,
): void => {
  let changed = true;
  while (changed) {
    changed = false;
    for (const [, members] of cells) {
      const byMetric = new Map(members.map((i) => [table.entries[i]?.row.metric, i]));
      for (const [smaller, larger] of COUNT_BOUNDS) {
        const [s, l] = [byMetric.get(smaller), byMetric.get(larger)];
        if (s === undefined || l === undefined || !hidden.has(l) || !open(s)) continue;
        if ((table.entries[s]?.row.value ?? 0) === 0) continue;
        hide(s, 'bound');
        changed = true;
      }
    }
  }
};
