import type { FigureTable, TableEntry } from './figure-table';
import { monthsOfQuarter } from './period-relation';

/** What complement selection needs to know about the current pattern. */
export interface PatternView {
  table: FigureTable;
  /** Entry indices of each cell. */
  cells: ReadonlyMap<string, number[]>;
  hidden: ReadonlyMap<number, string>;
  /** True when the figure may still be hidden as a complement. */
  open: (i: number) => boolean;
  k: number;
  /**
   * Figures hidden from the attacker that need no protection of their own: those of cells published rounded
   * (`DisclosureContext.roundedCells`). They protect the others (the attacker does not know them exactly).
   */
  insensitive?: ReadonlySet<number>;
}

/** The figures one relation ties a recovered figure to, and how many of them are hidden already. */
export interface Candidates { relation: string; hiddenCount: number; members: number[] }

/**
 * How aggregated a figure is: 0 for a month × programme × group type leaf, one more for each of the
 * all-programmes margin, the all-types margin and the quarter. Complements are taken as low as possible, so
 * margins and totals — what users look at first — are the last resort.
 */
export const figureLevel = (entry: TableEntry): number =>
  (entry.row.programme_id === '*' ? 1 : 0) + (entry.row.group_type === '*' ? 1 : 0) + (monthsOfQuarter(entry.row.period) === null ? 0 : 1);

/** The size a complement costs: a count's value, otherwise its n (always the n when a cell's size is protected). */
export const figureWeight = (entry: TableEntry, bySize: boolean): number => {
  const { value, n_participants: n } = entry.row;
  return Math.abs(entry.role.kind === 'count' && !bySize ? (value ?? Infinity) : (n ?? Infinity));
};

const compareTuples = (a: readonly number[], b: readonly number[]): number => {
  for (let i = 0; i < a.length; i += 1) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
};

// Preference among open figures of the tightest relations: the lowest level, then the cell with the largest
// hidden share (hide whole cells rather than scatter holes), derived figures (rates, means) before counts within
// a cell, non-zero before zero (a zero is often known to be structural), the smallest weight, stable order.
const preference = (view: PatternView, i: number, bySize: boolean): number[] => {
  const entry = view.table.entries[i];
  if (entry === undefined) return [Infinity];
  const mates = view.cells.get(entry.cell) ?? [];
  const share = mates.filter((m) => view.hidden.has(m)).length / Math.max(1, mates.length);
  const weight = figureWeight(entry, bySize);
  return [figureLevel(entry), -share, entry.role.kind === 'count' ? 1 : 0, weight === 0 ? 1 : 0, weight, i];
};

// A figure backed by nobody (n = 0) protects little and, once hidden, needs protecting itself (its n is below k).
const isEmpty = (view: PatternView, i: number): boolean => view.table.entries[i]?.row.n_participants === 0;

/**
 * The complement for a recovered figure: among the relations nearest to it that still have open figures (first
 * its own relations, figures backed by somebody first, then the tightest relation; then, breadth-first, the relations of the figures they involve, as a leak
 * can run through a chain), the preferred open figure. Undefined when nothing open is related.
 */
export const chooseComplement = (
  view: PatternView, x: number, bySize: boolean,
): { figure: number; relation: string } | undefined => {
  const seen = new Set([x]);
  let frontier = [x];
  while (frontier.length > 0) {
    const options = frontier.flatMap((f) => candidatesOf(view, f));
    const usable = options
      .map((option) => ({ option, members: option.members.filter(view.open) }))
      .filter(({ members }) => members.length > 0);
    let best: { figure: number; relation: string; rank: number[] } | undefined;
    for (const { option, members } of usable) {
      for (const m of members) {
        const rank = [isEmpty(view, m) ? 1 : 0, option.hiddenCount, ...preference(view, m, bySize)];
        if (best === undefined || compareTuples(rank, best.rank) < 0) best = { figure: m, relation: option.relation, rank };
      }
    }
    if (best !== undefined) return { figure: best.figure, relation: best.relation };
    frontier = [...new Set(options.flatMap((option) => option.members))].filter((m) => !seen.has(m));
    for (const m of frontier) seen.add(m);
  }
  return undefined;
};

/** The figures of a figure's cell that share its n (the cell's participation or outcome base). */
export const sameSize = (view: Pick<PatternView, 'table' | 'cells'>, i: number): number[] => {
  const entry = view.table.entries[i];
  if (entry === undefined || entry.row.n_participants === null) return [];
  return (view.cells.get(entry.cell) ?? []).filter((j) => view.table.entries[j]?.row.n_participants === entry.row.n_participants);
};

/** The relations a recovered figure takes part in, plus the cell-mates whose n could equal its n or value. */
export const candidatesOf = (view: PatternView, x: number): Candidates[] => {
  const { table, cells, hidden, k } = view;
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
    // Its value leaks through the n of figures based on it (a count of people), and a small n through figures
    // sharing it.
    const own = new Set<number>();
    if (entry.role.peopleCount && entry.row.value !== null) own.add(entry.row.value);
    if (entry.row.n_participants !== null && entry.row.n_participants < k) own.add(entry.row.n_participants);
    const linked = (cells.get(entry.cell) ?? []).filter((j) => {
      const other = table.entries[j];
      if (other === undefined || j === x) return false;
      return (other.row.n_participants !== null && own.has(other.row.n_participants)) ||
        (other.role.peopleCount && other.row.value !== null && own.has(other.row.value));
    });
    if (linked.length > 0) options.push({ relation: 'n_participants', hiddenCount: count([x, ...linked]), members: linked });
  }
  // Last resort: figures that share the n of a figure related to this one (its n can leak through theirs).
  const related = [...new Set(options.flatMap((option) => option.members))];
  const mates = [...new Set(related.flatMap((m) => sameSize(view, m)))].filter((m) => m !== x);
  if (mates.length > 0) options.push({ relation: 'n_participants', hiddenCount: Number.MAX_SAFE_INTEGER, members: mates });
  return options;
};
