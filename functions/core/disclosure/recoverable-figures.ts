import type { FigureTable } from './figure-table';
import { determinedUnknowns } from './linear-span';
import type { LinearEquation } from './linear-span';

/**
 * The hidden figures an attacker can still compute exactly from what is visible.
 *
 * Every figure i carries two quantities: its additive amount A_i (a count's value, a rate's numerator
 * rate × n, a mean's sum mean × n) and its n_participants N_i. A visible figure reveals both; a hidden one
 * neither. The attacker knows every margin and quarter relation (for A when the metric is additive, always for
 * N), the outcome identity, rate × n = numerator, and — conservatively — that the n values and base counts
 * (participants, enrolled, paired, cases at start) of one cell that are equal are the same quantity (a mean's n
 * is the `paired` count, a rate's n its denominator...). A hidden figure is
 * recovered when its value is determined (A for a count, A and N for a rate or mean), or when it is backed by
 * fewer than k people and its N is determined.
 */
export const recoverableFigures = (table: FigureTable, hidden: ReadonlySet<number>, k: number): number[] => {
  const { entries } = table;
  const parent: number[] = [];
  const find = (x: number): number => {
    let root = x;
    while (parent[root] !== undefined && parent[root] !== root) root = parent[root] ?? root;
    let walk = x;
    while (walk !== root) { const next = parent[walk] ?? root; parent[walk] = root; walk = next; }
    return root;
  };
  const union = (a: number, b: number): void => {
    const [ra, rb] = [find(a), find(b)];
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  const amount = (i: number): number => 2 * i;
  const size = (i: number): number => 2 * i + 1;
  const tokens = new Map<string, number>();
  const token = (cell: string, value: number): number => {
    const id = `${cell}|${value}`;
    let t = tokens.get(id);
    if (t === undefined) { t = 2 * entries.length + tokens.size; tokens.set(id, t); }
    return t;
  };
  entries.forEach((entry, i) => {
    const { value, n_participants: n } = entry.row;
    if (n !== null) union(size(i), token(entry.cell, n));
    if (entry.role.base && value !== null) union(amount(i), token(entry.cell, value));
  });
  const known = new Set<number>();
  entries.forEach((entry, i) => {
    if (hidden.has(i)) return;
    known.add(find(size(i)));
    if (entry.role.additive) known.add(find(amount(i)));
  });
  const equations: LinearEquation[] = [];
  const push = (terms: readonly (readonly [number, number])[]): void => {
    const equation = new Map<number, number>();
    for (const [variable, coefficient] of terms) {
      const root = find(variable);
      if (!known.has(root)) equation.set(root, (equation.get(root) ?? 0) + coefficient);
    }
    if ([...equation.values()].some((c) => c !== 0)) equations.push(equation);
  };
  for (const relation of table.relations) {
    const total = entries[relation.total];
    if (total === undefined) continue;
    const sum = (pick: (i: number) => number): [number, number][] =>
      [[pick(relation.total), 1], ...relation.parts.map((p): [number, number] => [pick(p), -1])];
    if (relation.kind === 'rate' || relation.kind === 'outcomes' || total.role.additive) push(sum(amount));
    if (relation.kind !== 'rate' && relation.kind !== 'outcomes') push(sum(size));
  }
  const determined = determinedUnknowns(equations);
  const pinned = (variable: number): boolean => {
    const root = find(variable);
    return known.has(root) || determined.has(root);
  };
  const recovered: number[] = [];
  for (const i of [...hidden].sort((a, b) => a - b)) {
    const entry = entries[i];
    if (entry === undefined) continue;
    const n = entry.row.n_participants;
    const smallN = n === null ? entry.row.suppression_reason?.startsWith('primary:n') === true : n < k;
    const valueKnown = entry.role.kind === 'count'
      ? pinned(amount(i))
      : entry.role.additive && pinned(amount(i)) && pinned(size(i));
    if (valueKnown || (smallN && pinned(size(i)))) recovered.push(i);
  }
  return recovered;
};
