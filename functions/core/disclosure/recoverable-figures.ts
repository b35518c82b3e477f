import { unionFind } from './union-find';
import type { FigureBlock } from './figure-blocks';
import type { FigureTable } from './figure-table';
import { LinearSpan, determinedUnknowns } from './linear-span';

type Terms = readonly (readonly [number, number])[];

/**
 * The attacker's view of one block of a figure table: which hidden figures it can compute exactly from the
 * visible ones.
 *
 * Every figure i carries two quantities: its additive amount A_i (a count's value, a rate's numerator
 * rate × n, a mean's sum mean × n) and its n_participants N_i. A visible figure reveals both; a hidden one
 * neither. The attacker knows every margin and quarter relation (for A when the metric is additive, always for
 * N), the outcome identity, rate × n = numerator, completers + drop-outs among the finished starters = the n of
 * the completion and drop-out rates, and the identities the roll-up builds into every cell (`MetricRole.size`: a
 * count of people is its own n, a mean's n is `paired`, a paired rate's n is `enrolled`...; applied where the
 * values agree) or into every cell whose groups have all ended (`endedSize`, `numeratorExact`: the starters are
 * the finished starters, the completers are those among the finished starters; applied where the values agree). Quantities that merely happen to be equal are not linked: nobody outside can
 * see that two figures they do not know are equal, and a link that holds in some cells of a relation and not in
 * others would let the attacker "solve" for figures nothing published determines.
 *
 * Disclosure: a hidden figure is recovered when its value (A for a count, A and N for a rate or mean) is
 * determined, or when it is backed by fewer than k people and its N is determined — unless the structure alone
 * already determines it (with nothing published, e.g. a zero forced by missing rows): a value everyone knows
 * whatever is published is not disclosed by a release, and nothing can protect it.
 */
export class BlockAttacker {
  private readonly entries: readonly number[];
  // Class (smallest variable of its union) of each figure's amount (2l) and size (2l + 1), by local index l.
  private readonly roots: number[];
  private readonly equations: Terms[] = [];
  private readonly local = new Map<number, number>();
  // Roots the relations force (to zero) whatever is published.
  private readonly structural: ReadonlySet<number>;
  // State of the incremental trials (see `prepare`).
  private span = new LinearSpan();
  private known = new Set<number>();
  private hidden = new Set<number>();
  private figuresOf = new Map<number, number[]>();
  private sensitive: (i: number) => boolean = () => true;

  constructor(private readonly table: FigureTable, block: FigureBlock, private readonly k: number) {
    this.entries = block.entries;
    this.entries.forEach((i, l) => this.local.set(i, l));
    const { find, union } = unionFind();
    const tokens = new Map<string, number>();
    const token = (id: string): number => {
      let t = tokens.get(id);
      if (t === undefined) { t = 2 * this.entries.length + tokens.size; tokens.set(id, t); }
      return t;
    };
    // Structural identities: quantities named alike in one cell are one unknown where their values agree.
    this.entries.forEach((i, l) => {
      const entry = table.entries[i];
      if (entry === undefined) return;
      const { value, n_participants: n } = entry.row;
      if (n !== null && entry.role.size !== null) union(2 * l + 1, token(`${entry.cell}|${entry.role.size}|${n}`));
      if (n !== null && entry.role.endedSize !== null) union(2 * l + 1, token(`${entry.cell}|${entry.role.endedSize}|${n}`));
      if (entry.role.amountIsSize) union(2 * l, 2 * l + 1);
      if (entry.role.peopleCount && value !== null) union(2 * l, token(`${entry.cell}|${entry.row.metric}|${value}`));
    });
    this.roots = this.entries.flatMap((_, l) => [find(2 * l), find(2 * l + 1)]);
    for (const r of block.relations) {
      const relation = table.relations[r];
      const total = relation === undefined ? undefined : table.entries[relation.total];
      if (relation === undefined || total === undefined) continue;
      const sum = (offset: number): Terms => [relation.total, ...relation.parts].map((i, position) =>
        [this.roots[2 * (this.local.get(i) ?? 0) + offset] ?? 0, position === 0 ? 1 : -1]);
      if (relation.kind === 'finished') {
        // n of the completion rate = its amount + the drop-out rate's amount.
        const size = this.roots[2 * (this.local.get(relation.total) ?? 0) + 1] ?? 0;
        this.equations.push([[size, 1], ...sum(0).map(([variable]): [number, number] => [variable, -1])]);
        continue;
      }
      if (relation.kind === 'rate' || relation.kind === 'outcomes' || total.role.additive) this.equations.push(sum(0));
      if (relation.kind !== 'rate' && relation.kind !== 'outcomes') this.equations.push(sum(1));
    }
    // What the structure alone pins (homogeneous equations: structural zeros), with nothing published.
    this.structural = determinedUnknowns(this.equations.map((terms) => {
      const equation = new Map<number, number>();
      for (const [variable, coefficient] of terms) equation.set(variable, (equation.get(variable) ?? 0) + coefficient);
      return equation;
    }));
  }

  /** The hidden figures (entry indices, ascending) of the block the attacker can compute. */
  recovered(hidden: ReadonlySet<number>): number[] {
    this.prepare(hidden);
    return [...this.hidden].sort((a, b) => a - b).filter((i) => this.isRecovered(i));
  }

  /**
   * Sets up the system for the given hidden figures, for `recovered` or a series of `tryReveal` trials, which
   * refuse to expose a hidden figure that is `sensitive` (by default every hidden figure).
   */
  prepare(hidden: ReadonlySet<number>, sensitive: (i: number) => boolean = () => true): void {
    this.sensitive = sensitive;
    this.hidden = new Set(this.entries.filter((i) => hidden.has(i)));
    this.known = new Set();
    this.figuresOf = new Map();
    this.entries.forEach((i, l) => {
      if (this.hidden.has(i)) return;
      for (const variable of this.published(i, l)) this.known.add(variable);
    });
    for (const i of this.hidden) {
      const l = this.local.get(i) ?? 0;
      for (const root of new Set([this.root(l, 0), this.root(l, 1)])) this.figuresOf.set(root, [...(this.figuresOf.get(root) ?? []), i]);
    }
    this.span = new LinearSpan();
    for (const terms of this.equations) {
      const equation = new Map<number, number>();
      for (const [variable, coefficient] of terms) {
        if (!this.known.has(variable)) equation.set(variable, (equation.get(variable) ?? 0) + coefficient);
      }
      if ([...equation.values()].some((c) => c !== 0)) this.span.add(equation);
    }
  }

  /**
   * Shows hidden figure i unless that lets the attacker recover another sensitive hidden figure. Returns undefined when i
   * is shown, otherwise a figure it would expose (i stays hidden). Only the unknowns the new figure pins down
   * are re-examined, so a trial costs far less than `recovered`. Call `prepare` first.
   */
  tryReveal(i: number): number | undefined {
    const l = this.local.get(i);
    if (l === undefined || !this.hidden.has(i)) return undefined;
    this.span.begin();
    const pinned = new Set<number>();
    for (const variable of this.published(i, l)) {
      if (this.known.has(variable)) continue;
      for (const unknown of this.span.add(new Map([[variable, 1]]))) pinned.add(unknown);
    }
    this.hidden.delete(i);
    for (const root of pinned) {
      for (const f of this.figuresOf.get(root) ?? []) {
        if (!this.hidden.has(f) || !this.sensitive(f) || !this.isRecovered(f)) continue;
        this.span.rollback();
        this.hidden.add(i);
        return f;
      }
    }
    this.span.commit();
    return undefined;
  }

  // The unknowns figure i (local index l) makes known when shown: its n and, when additive, its amount.
  private published(i: number, l: number): number[] {
    return this.table.entries[i]?.role.additive === true ? [this.root(l, 1), this.root(l, 0)] : [this.root(l, 1)];
  }

  private root(l: number, offset: 0 | 1): number {
    return this.roots[2 * l + offset] ?? 2 * l + offset;
  }

  private isRecovered(i: number): boolean {
    const entry = this.table.entries[i];
    const l = this.local.get(i);
    if (entry === undefined || l === undefined) return false;
    const pinned = (offset: 0 | 1): boolean => {
      const root = this.root(l, offset);
      return this.known.has(root) || this.span.isDetermined(root);
    };
    const structural = (offset: 0 | 1): boolean => this.structural.has(this.root(l, offset));
    const n = entry.row.n_participants;
    const smallN = n === null ? entry.row.suppression_reason?.startsWith('primary:n') === true : n > 0 && n < this.k;
    const { kind, additive } = entry.role;
    const valueKnown = kind === 'count' ? pinned(0) : additive && pinned(0) && pinned(1);
    const valueStructural = kind === 'count' ? structural(0) : additive && structural(0) && structural(1);
    return (valueKnown && !valueStructural) || (smallN && pinned(1) && !structural(1));
  }
}
