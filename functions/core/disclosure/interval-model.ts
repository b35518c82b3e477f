import { ALL, type FigureRow } from '../figures/figure-row';
import { GROUP_TYPES } from '../group-type';
import { Metric, parseSessionMetric } from '../figures/metric';
import { cellKey } from './figure-key';
import { FINISHED_PARTS, metricRole } from './metric-role';
import { monthsOfQuarter } from './period-relation';
import { cellRoundingFor } from './disclosure-policy';

/** One release as a reader holds it: its rows and the rounding base its counts were published with (1: exact). */
export interface HeldRelease {
  rows: readonly FigureRow[];
  rounding: number;
  /** True for the release being decided now (its visible rows may still be hidden); false for fixed earlier ones. */
  current: boolean;
}

/** `lower ≤ Σ values·x[indices] ≤ upper`; `source` points at the published row that gave it (null: structure). */
export interface ModelRow {
  lower: number;
  upper: number;
  indices: number[];
  values: number[];
  source: RowRef | null;
}

/** A published row: release index and row index within it. */
export interface RowRef { release: number; row: number }

/** What the audit checks a count against: `hidden` (not published) or `rounded` (published rounded). */
export type TargetKind = 'hidden' | 'rounded';

/** A count of people the reader does not see exactly, with the rows that own it (its own figure). */
export interface Target { variable: number; kind: TargetKind; owners: RowRef[] }

/**
 * The interval attacker's knowledge of one reader: integer unknowns (counts of people, one per cell and
 * quantity), every linear relation the roll-up builds in, and every published value as a constraint.
 */
export interface IntervalModel {
  names: string[];
  lower: number[];
  upper: number[];
  rows: ModelRow[];
  targets: Target[];
}

/** Precision of published statistics: a rate value v stands for the true rate within ±`rateHalfStep`. */
export interface ModelOptions {
  k: number;
  /** Half of the last published decimal of a rate (rates at 0.1 %: 0.0005). */
  rateHalfStep: number;
  /** A perturbed figure's count lies in 1..band (`perturbationBand`); required when any row is perturbed. */
  perturbationBand?: number;
}

// The quantity of a perturbed figure that lies in 1..band: a count's value, a rate's numerator; a perturbed
// completion rate rests on its cell's perturbed drop-outs (completers + drop-outs = finished starters).
const perturbedQuantity = (row: FigureRow): string | null => (row.metric === Metric.completionRate ? null : amountQuantity(row));

const SEP = '\u001e';
const PEOPLE_QUANTITY_OF_ATTENDANCE = 'n:attendance_rate';

// The people count a row's n is: shared quantities by the roll-up's construction, else the row's own.
const sizeQuantity = (row: FigureRow): string => {
  if (row.metric === Metric.attendanceRate) return PEOPLE_QUANTITY_OF_ATTENDANCE; // people offered a session
  const role = metricRole(row.metric);
  return role?.size ?? `n:${row.metric}`;
};

// The people count a rate's value times its n is (its numerator), or null when the figure carries none.
const amountQuantity = (row: FigureRow): string | null => {
  const role = metricRole(row.metric);
  if (role === undefined) return null;
  if (role.kind === 'count') return role.peopleCount ? row.metric : null;
  if (role.kind !== 'rate' || !role.additive) return null;
  if (role.amountIsSize) return sizeQuantity(row);
  if (role.numerator !== null && role.numeratorExact) return role.numerator;
  return `x:${row.metric}`;
};

// Within a cell, `smaller ≤ larger` (a sum on the left where several quantities share one bound).
const CELL_BOUNDS: readonly (readonly [readonly string[], string])[] = [
  [[Metric.reliablyImproved, Metric.reliablyDeteriorated], Metric.paired],
  [[Metric.recovered], 'n:recovery_rate'],
  [['n:recovery_rate'], Metric.casesAtStart],
  [['n:recovery_rate'], Metric.paired],
  [[Metric.paired], Metric.enrolled],
  [['finished_starters'], Metric.participants],
  [[PEOPLE_QUANTITY_OF_ATTENDANCE], Metric.participants],
];

/** Rounding bucket of a published count: exact when unrounded or zero, else ±⌊base/2⌋ and never below k. */
export const bucketOf = (value: number, base: number, k: number): [number, number] => {
  if (base <= 1) return [value, value];
  const half = Math.floor(base / 2);
  // A published 0 is a true 0, or a count of k or more that rounds to 0 (only when k is at most half the base).
  if (value === 0) return [0, k <= half ? half : 0];
  return [Math.max(k, value - half), value + half];
};

/**
 * Builds the knowledge of a reader who holds `releases` (all formats reduce to the same rows). Relations: group
 * type and programme margins, quarter = Σ months, completers + drop-outs = finished starters, and the bounds
 * within a cell (`CELL_BOUNDS`); a published zero of participants empties its cell. Published values: n and counts
 * exactly or within their rounding bucket (visible non-zero counts are ≥ k, as smaller ones are hidden), rates as
 * numerator ∈ [(v − ½ step)·n, (v + ½ step)·n] (or in the bucket of the rounded numerator they were computed from).
 */
export const buildIntervalModel = (releases: readonly HeldRelease[], options: ModelOptions): IntervalModel => {
  const { k, rateHalfStep } = options;
  const index = new Map<string, number>();
  const names: string[] = [];
  const lower: number[] = [];
  const upper: number[] = [];
  const rows: ModelRow[] = [];
  const variable = (cell: string, quantity: string): number => {
    const name = `${cell}${SEP}${quantity}`;
    let i = index.get(name);
    if (i === undefined) {
      i = names.length;
      index.set(name, i);
      names.push(name);
      lower.push(0);
      upper.push(Number.POSITIVE_INFINITY);
    }
    return i;
  };
  const range = (i: number, lo: number, hi: number, source: RowRef | null): void => {
    rows.push({ lower: lo, upper: hi, indices: [i], values: [1], source });
  };
  const quantitiesOfCell = new Map<string, { row: FigureRow; quantities: Set<string> }>();
  const owners = new Map<number, { hidden: RowRef[]; rounded: RowRef[]; exact: boolean }>();
  const sizeOnly = new Map<number, { hidden: RowRef[]; rounded: RowRef[]; exact: boolean }>();
  const programmes = new Set<string>();
  const emptyCells: string[] = [];

  releases.forEach((release, r) => {
    release.rows.forEach((row, j) => {
      const ref = { release: r, row: j };
      // A row of a rounded cell has its counts in the buckets of the cell rounding of its release (`cellRoundingFor`).
      const rounding = row.rounded === true ? cellRoundingFor(release.rounding) : release.rounding;
      const cell = cellKey(row);
      if (row.programme_id !== ALL) programmes.add(row.programme_id);
      const size = sizeQuantity(row);
      const amount = amountQuantity(row);
      const entry = quantitiesOfCell.get(cell) ?? { row, quantities: new Set<string>() };
      entry.quantities.add(size);
      if (amount !== null) entry.quantities.add(amount);
      quantitiesOfCell.set(cell, entry);
      const sizeVar = variable(cell, size);
      const amountVar = amount === null ? null : variable(cell, amount);
      if (amountVar !== null) {
        const own = owners.get(amountVar) ?? { hidden: [], rounded: [], exact: false };
        if (row.suppressed || row.perturbed === true) own.hidden.push(ref);
        else if (rounding > 1 && row.value !== 0) own.rounded.push(ref);
        else own.exact = true;
        owners.set(amountVar, own);
      }
      if (row.perturbed === true) {
        // Known of it: its count lies in 1..band; a rate's n is published as usual (exact or rounded).
        if (options.perturbationBand === undefined) throw new Error('A perturbed figure needs the perturbation band in the model options');
        const small = perturbedQuantity(row);
        if (small !== null) range(variable(cell, small), 1, options.perturbationBand, ref);
        if (amountVar !== sizeVar && row.n_participants !== null) {
          const seen = sizeOnly.get(sizeVar) ?? { hidden: [], rounded: [], exact: false };
          if (rounding > 1) seen.rounded.push(ref); else seen.exact = true;
          sizeOnly.set(sizeVar, seen);
          const [lo, hi] = bucketOf(row.n_participants, rounding, k);
          range(sizeVar, lo, hi, ref);
        }
        return;
      }
      if (amountVar !== sizeVar) {
        // An n published rounded (a funder's n of a mean) is audited like a rounded count: it keeps its bucket.
        const seen = sizeOnly.get(sizeVar) ?? { hidden: [], rounded: [], exact: false };
        if (row.suppressed) seen.hidden.push(ref);
        else if (rounding > 1 && row.n_participants !== null && row.n_participants !== 0) seen.rounded.push(ref);
        else seen.exact = true;
        sizeOnly.set(sizeVar, seen);
      }
      if (row.suppressed) return;
      const n = row.n_participants;
      if (n !== null) {
        const [lo, hi] = bucketOf(n, rounding, k);
        range(sizeVar, lo, hi, ref);
      }
      if (row.metric === Metric.participants && row.value === 0 && bucketOf(0, rounding, k)[1] === 0) emptyCells.push(cellPrefix(row));
      if (amountVar === null || amountVar === sizeVar || row.value === null || n === null) return;
      if (row.value === 0 || n === 0) {
        range(amountVar, 0, rounding > 1 ? bucketOf(0, rounding, k)[1] : 0, ref);
      } else if (rounding > 1) {
        const [lo, hi] = bucketOf(Math.round(row.value * n), rounding, k);
        range(amountVar, lo, hi, ref);
      } else {
        const lo = Math.max(k, Math.ceil((row.value - rateHalfStep) * n - 1e-9));
        const hi = Math.floor((row.value + rateHalfStep) * n + 1e-9);
        range(amountVar, lo, hi, ref);
      }
    });
  });

  // Relations the roll-up builds in: they hold for the true counts whatever is published.
  const relate = (total: number, parts: number[]): void => {
    rows.push({ lower: 0, upper: 0, indices: [total, ...parts], values: [1, ...parts.map(() => -1)], source: null });
  };
  for (const { row, quantities } of [...quantitiesOfCell.values()]) {
    const cell = cellKey(row);
    for (const quantity of quantities) {
      const total = variable(cell, quantity);
      if (row.group_type === ALL) {
        relate(total, GROUP_TYPES.map((type) => variable(cellKey({ ...row, group_type: type }), quantity)));
      }
      if (row.programme_id === ALL) {
        relate(total, [...programmes].sort().map((id) => variable(cellKey({ ...row, programme_id: id }), quantity)));
      }
      const months = monthsOfQuarter(row.period);
      if (months !== null) relate(total, months.map((month) => variable(cellKey({ ...row, period: month }), quantity)));
    }
    const has = (q: string): boolean => quantities.has(q);
    const [completion, dropout] = FINISHED_PARTS;
    if (has(`x:${completion}`) && has(Metric.droppedOut) && has('finished_starters')) {
      relate(variable(cell, 'finished_starters'), [variable(cell, `x:${completion}`), variable(cell, Metric.droppedOut)]);
    }
    void dropout;
    for (const [smaller, larger] of CELL_BOUNDS) {
      if (!smaller.some(has)) continue;
      const parts = smaller.filter(has).map((q) => variable(cell, q));
      rows.push({ lower: Number.NEGATIVE_INFINITY, upper: 0, indices: [...parts, variable(cell, larger)], values: [...parts.map(() => 1), -1], source: null });
    }
    for (const quantity of quantities) {
      const session = parseSessionMetric(quantity.replace(/^[nx]:/, ''));
      if (session?.family !== 'retention') continue;
      if (quantity.startsWith('x:')) {
        rows.push({ lower: Number.NEGATIVE_INFINITY, upper: 0, indices: [variable(cell, quantity), variable(cell, `n:${quantity.slice(2)}`)], values: [1, -1], source: null });
      } else {
        rows.push({ lower: Number.NEGATIVE_INFINITY, upper: 0, indices: [variable(cell, quantity), variable(cell, Metric.participants)], values: [1, -1], source: null });
      }
    }
  }
  // A cell with no participants has nobody in any of its counts (participation and every instrument).
  const empty = new Set(emptyCells);
  names.forEach((name, i) => {
    if (empty.has(prefixOfName(name))) upper[i] = 0;
  });

  const targets: Target[] = [];
  for (const [i, own] of owners) {
    if (own.exact) continue;
    if (own.rounded.length > 0) targets.push({ variable: i, kind: 'rounded', owners: own.rounded });
    else if (own.hidden.length > 0) targets.push({ variable: i, kind: 'hidden', owners: own.hidden });
  }
  for (const [i, seen] of sizeOnly) {
    if (owners.has(i) || seen.exact) continue;
    if (seen.rounded.length > 0) targets.push({ variable: i, kind: 'rounded', owners: seen.rounded });
    else if (seen.hidden.length > 0) targets.push({ variable: i, kind: 'hidden', owners: seen.hidden });
  }
  targets.sort((a, b) => a.variable - b.variable);
  return { names, lower, upper, rows, targets };
};

/**
 * The true value of every count of people the model names, from the unpublished rows (full precision): a row's n
 * is its size quantity, a count's value or a rate's value × n its amount. The audit uses it to tell sensitive
 * counts (1..k−1 people) from complements (nobody, or k or more).
 */
export const trueCounts = (rows: readonly FigureRow[]): Map<string, number> => {
  const truth = new Map<string, number>();
  for (const row of rows) {
    const cell = cellKey(row);
    const n = row.n_participants;
    if (n !== null) truth.set(`${cell}${SEP}${sizeQuantity(row)}`, n);
    const amount = amountQuantity(row);
    if (amount === null || row.value === null || n === null) continue;
    const role = metricRole(row.metric);
    truth.set(`${cell}${SEP}${amount}`, role?.kind === 'count' ? row.value : Math.round(row.value * n));
  }
  return truth;
};

const cellPrefix = (row: Pick<FigureRow, 'period' | 'programme_id' | 'group_type'>): string =>
  [row.period, row.programme_id, row.group_type].join('\u001f');

const prefixOfName = (name: string): string => name.split('\u001f').slice(0, 3).join('\u001f');
