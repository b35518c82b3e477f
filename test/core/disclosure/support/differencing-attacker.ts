import type { FigureRow } from '../../../../functions/core/figures/figure-row';

/**
 * An automated differencing attacker, independent of the disclosure-control implementation, for tests.
 *
 * It sees every published row (all releases together) and reasons exactly, over the rationals, with every
 * additive relation it knows: all-types and all-programmes margins, quarter = Σ its months, reliably improved +
 * no reliable change + reliably deteriorated = paired, rate × n = numerator, and mean × n = sum. Each row
 * carries an amount A (count; rate numerator; mean sum) and an n N; a visible row reveals both. The attacker
 * also knows how the roll-up builds a cell: a count of people is its own n; groups, sessions and the attendance
 * rate rest on the participants; completion and drop-out rates on the same finished starters; the paired rate
 * on the enrolled; means, medians and effect sizes on the paired (in a cell where the values agree). Every
 * finished starter completed or dropped out: completion rate × n + drop-out rate × n = their n. Where every group
 * of a cell has ended (applied where the values agree), `completed` is the completion rate × n and the starters
 * (n of retention at session 1, where everyone is still attending) are the finished starters. Two figures that
 * merely happen to be equal are not linked.
 * A suppressed row is recovered when its value is uniquely determined, or when its true n is below k and that n
 * is uniquely determined: a suppressed unknown x is determined iff e_x lies in the row space of the equations
 * restricted to the unknowns (Gauss–Jordan elimination with exact integers) — unless the equations determine it
 * with nothing published at all (a zero forced by missing rows): what the structure alone tells is no disclosure.
 */
export const recoverableValues = (
  published: readonly FigureRow[], truth: readonly FigureRow[], options: { k?: number } = {},
): FigureRow[] => {
  const k = options.k ?? 8;
  const key = (r: Pick<FigureRow, 'period' | 'programme_id' | 'group_type' | 'instrument' | 'metric'>): string =>
    JSON.stringify([r.period, r.programme_id, r.group_type, r.instrument, r.metric]);
  const cellOf = (r: FigureRow): string => JSON.stringify([r.period, r.programme_id, r.group_type, r.instrument]);
  const visible = new Set(published.filter((r) => !r.suppressed).map(key));
  const rows = [...truth];
  const index = new Map(rows.map((r, i) => [key(r), i]));
  const kindOf = (metric: string): 'count' | 'rate' | 'mean' | 'other' => {
    if (COUNTS.has(metric)) return 'count';
    if (metric in RATES || metric.startsWith('retention_s')) return 'rate';
    if (MEANS.has(metric) || metric.startsWith('mean_score_s')) return 'mean';
    return 'other';
  };
  // Variables: 2i = amount A of row i (when additive), 2i+1 = its n; equal quantities share one class.
  const classes = new Map<number, number>();
  const tokens = new Map<string, number>();
  const merge = (variable: number, label: string): void => {
    const existing = tokens.get(label);
    if (existing === undefined) tokens.set(label, representative(variable));
    else unite(existing, variable);
  };
  const representative = (v: number): number => {
    let r = v;
    while ((classes.get(r) ?? r) !== r) r = classes.get(r) ?? r;
    return r;
  };
  const unite = (a: number, b: number): void => {
    const [ra, rb] = [representative(a), representative(b)];
    if (ra !== rb) classes.set(Math.max(ra, rb), Math.min(ra, rb));
  };
  rows.forEach((r, i) => {
    const size = PEOPLE.has(r.metric) ? r.metric : SIZE[r.metric];
    if (r.n_participants !== null && size !== undefined) merge(2 * i + 1, `${cellOf(r)}#${size}#${r.n_participants}`);
    if (r.metric === 'retention_s1') {
      if (r.n_participants !== null) merge(2 * i + 1, `${cellOf(r)}#finished starters#${r.n_participants}`);
      unite(2 * i, 2 * i + 1);
    }
    if (PEOPLE.has(r.metric) && r.value !== null) merge(2 * i, `${cellOf(r)}#${r.metric}#${r.value}`);
  });
  const knownClasses = new Set<number>();
  rows.forEach((r, i) => {
    if (!visible.has(key(r))) return;
    knownClasses.add(representative(2 * i + 1));
    if (kindOf(r.metric) !== 'other') knownClasses.add(representative(2 * i));
  });
  const relations: [number, number][][] = [];
  const equation = (terms: [number, number][]): void => { relations.push(terms); };
  const restricted = (known: ReadonlySet<number>): Map<number, bigint>[] => relations.flatMap((terms) => {
    const row = new Map<number, bigint>();
    for (const [variable, sign] of terms) {
      const c = representative(variable);
      if (known.has(c)) continue;
      row.set(c, (row.get(c) ?? 0n) + BigInt(sign));
    }
    for (const [c, v] of row) if (v === 0n) row.delete(c);
    return row.size > 0 ? [row] : [];
  });
  const relate = (total: number, parts: number[], additive: boolean): void => {
    if (parts.length === 0) return;
    if (additive) equation([[2 * total, 1], ...parts.map((p): [number, number] => [2 * p, -1])]);
    equation([[2 * total + 1, 1], ...parts.map((p): [number, number] => [2 * p + 1, -1])]);
  };
  const typeParts = new Map<string, number[]>();
  const programmeParts = new Map<string, number[]>();
  rows.forEach((r, i) => {
    const add = (parts: Map<string, number[]>, total: string): void => { parts.set(total, [...(parts.get(total) ?? []), i]); };
    if (r.group_type !== '*') add(typeParts, key({ ...r, group_type: '*' }));
    if (r.programme_id !== '*') add(programmeParts, key({ ...r, programme_id: '*' }));
  });
  rows.forEach((r, i) => {
    const additive = kindOf(r.metric) !== 'other';
    const find = (change: Partial<FigureRow>): number[] => {
      const j = index.get(key({ ...r, ...change }));
      return j === undefined ? [] : [j];
    };
    relate(i, typeParts.get(key(r)) ?? [], additive);
    relate(i, programmeParts.get(key(r)) ?? [], additive);
    const quarter = /^(\d{4})-Q([1-4])$/.exec(r.period);
    if (quarter !== null) {
      const first = (Number(quarter[2]) - 1) * 3;
      const months = [1, 2, 3].map((m) => `${quarter[1]}-${String(first + m).padStart(2, '0')}`);
      relate(i, months.flatMap((period) => find({ period })), additive);
    }
    if (r.metric === 'paired') {
      const parts = ['reliably_improved', 'no_reliable_change', 'reliably_deteriorated'].flatMap((metric) => find({ metric }));
      if (parts.length === 3) equation([[2 * i, 1], ...parts.map((p): [number, number] => [2 * p, -1])]);
    }
    const numerator = RATES[r.metric];
    for (const p of numerator === undefined ? [] : find({ metric: numerator })) {
      const completers = r.n_participants === 0 ? 0 : Math.round((r.value ?? Number.NaN) * (r.n_participants ?? Number.NaN));
      if (r.metric !== 'completion_rate' || rows[p]?.value === completers) equation([[2 * i, 1], [2 * p, -1]]);
    }
    if (r.metric === 'completion_rate') {
      for (const p of find({ metric: 'dropout_rate' })) equation([[2 * i + 1, 1], [2 * i, -1], [2 * p, -1]]);
    }
  });
  const determined = solve(restricted(knownClasses));
  // What the structure alone determines depends on the truth only: solved once per truth table.
  const structural = STRUCTURAL.get(truth) ?? solve(restricted(new Set()));
  STRUCTURAL.set(truth, structural);
  const pinned = (variable: number): boolean => {
    const c = representative(variable);
    return knownClasses.has(c) || determined.has(c);
  };
  const forced = (variable: number): boolean => structural.has(representative(variable));
  const valueOf = (kind: ReturnType<typeof kindOf>, i: number, test: (variable: number) => boolean): boolean =>
    kind === 'count' ? test(2 * i) : kind !== 'other' && test(2 * i) && test(2 * i + 1);
  return rows.filter((r, i) => {
    if (visible.has(key(r))) return false;
    const kind = kindOf(r.metric);
    const smallN = r.n_participants !== null && r.n_participants > 0 && r.n_participants < k;
    return (valueOf(kind, i, pinned) && !valueOf(kind, i, forced)) || (smallN && pinned(2 * i + 1) && !forced(2 * i + 1));
  });
};

const STRUCTURAL = new WeakMap<readonly FigureRow[], Set<number>>();

const COUNTS = new Set([
  'participants', 'groups', 'sessions_delivered', 'completed', 'dropped_out', 'enrolled', 'paired',
  'reliably_improved', 'no_reliable_change', 'reliably_deteriorated', 'cases_at_start', 'recovered',
  'reliably_recovered', 'risk_flagged',
]);
const RATES: Readonly<Record<string, string>> = {
  completion_rate: 'completed', dropout_rate: 'dropped_out', paired_rate: 'paired', recovery_rate: 'recovered',
};
const MEANS = new Set(['mean_baseline', 'mean_final', 'mean_change']);
const PEOPLE = new Set([...COUNTS].filter((metric) => metric !== 'groups' && metric !== 'sessions_delivered'));
const SIZE: Readonly<Record<string, string>> = {
  groups: 'participants', sessions_delivered: 'participants', attendance_rate: 'participants',
  completion_rate: 'finished starters', dropout_rate: 'finished starters', paired_rate: 'enrolled',
  mean_baseline: 'paired', mean_final: 'paired', median_baseline: 'paired', median_final: 'paired', mean_change: 'paired',
  hedges_g: 'paired', d_z: 'paired',
};

const gcd = (a: bigint, b: bigint): bigint => {
  let [x, y] = [a < 0n ? -a : a, b < 0n ? -b : b];
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
};

// Exact Gauss–Jordan elimination on integer rows (each row kept primitive by dividing by its gcd).
const solve = (equations: readonly Map<number, bigint>[]): Set<number> => {
  const basis = new Map<number, Map<number, bigint>>();
  const eliminate = (target: Map<number, bigint>, pivot: number, source: Map<number, bigint>): void => {
    const t = target.get(pivot);
    const s = source.get(pivot);
    if (t === undefined || s === undefined) return;
    const variables = new Set([...target.keys(), ...source.keys()]);
    let g = 0n;
    for (const v of variables) {
      const value = (target.get(v) ?? 0n) * s - (source.get(v) ?? 0n) * t;
      if (value === 0n) target.delete(v);
      else { target.set(v, value); g = gcd(g, value); }
    }
    if (g > 1n) for (const [v, value] of target) target.set(v, value / g);
  };
  for (const equation of equations) {
    const row = new Map(equation);
    for (const [pivot, pivotRow] of basis) eliminate(row, pivot, pivotRow);
    if (row.size === 0) continue;
    const pivot = Math.min(...row.keys());
    for (const [, other] of basis) eliminate(other, pivot, row);
    basis.set(pivot, row);
  }
  return new Set([...basis].filter(([, row]) => row.size === 1).map(([pivot]) => pivot));
};
