/**
 * Which unknowns a system of linear equations pins down, by sparse Gauss–Jordan elimination modulo the prime
 * 2^31 − 1. Only the pattern of unknowns matters (known values are constants), and the relations of a figure
 * table have small integer coefficients, so a rank computed modulo a large prime equals the rank over the
 * rationals except with negligible probability; exact rationals would grow without bound on large tables.
 */
const P = 2_147_483_647;

const mod = (value: number): number => ((value % P) + P) % P;

// a·b mod P without leaving the exact range of doubles: split b into 16-bit halves.
const mulmod = (a: number, b: number): number => (((a * Math.floor(b / 65_536)) % P) * 65_536 + a * (b % 65_536)) % P;

const inverse = (value: number): number => {
  let [r0, r1, t0, t1] = [P, value, 0, 1];
  while (r1 !== 0) {
    const q = Math.floor(r0 / r1);
    [r0, r1] = [r1, r0 - q * r1];
    [t0, t1] = [t1, t0 - q * t1];
  }
  return mod(t0);
};

/** One equation Σ coefficient · unknown = constant; only the coefficients of unknowns are needed. */
export type LinearEquation = ReadonlyMap<number, number>;

type Row = Map<number, number>;

/**
 * A reduced row-echelon basis of equations that grows one equation at a time and reports the unknowns each new
 * equation pins down. A trial (`begin`) can be undone (`rollback`) or kept (`commit`), so a caller can ask
 * "what would become known if this were published?" without rebuilding the system.
 */
export class LinearSpan {
  // Pivot unknown → row with coefficient 1 at the pivot and no other pivot unknown.
  private readonly basis = new Map<number, Row>();
  // Unknown → pivots of the rows it may occur in (a superset after a rollback; every use checks the row).
  private readonly occurs = new Map<number, Set<number>>();
  // Rows as they were before the current trial changed them (undefined: the row did not exist).
  private journal: Map<number, Row | undefined> | null = null;

  /** True when the equations so far determine the unknown's value. */
  isDetermined(unknown: number): boolean {
    return this.basis.get(unknown)?.size === 1;
  }

  /** Adds an equation; returns the unknowns it newly determines. */
  add(equation: LinearEquation): number[] {
    const row: Row = new Map();
    for (const [unknown, coefficient] of equation) {
      const value = mod(coefficient);
      if (value !== 0) row.set(unknown, mod((row.get(unknown) ?? 0) + value));
    }
    for (const unknown of [...row.keys()]) {
      const pivotRow = this.basis.get(unknown);
      const factor = row.get(unknown);
      if (pivotRow !== undefined && factor !== undefined) subtract(row, factor, pivotRow);
    }
    if (row.size === 0) return [];
    let pivot = Infinity;
    for (const unknown of row.keys()) if (unknown < pivot) pivot = unknown;
    const scale = inverse(row.get(pivot) ?? 1);
    for (const [unknown, coefficient] of row) row.set(unknown, mulmod(coefficient, scale));
    const determined: number[] = [];
    for (const other of [...(this.occurs.get(pivot) ?? [])]) {
      const otherRow = this.basis.get(other);
      const factor = otherRow?.get(pivot);
      if (otherRow === undefined || factor === undefined) continue;
      this.remember(other, otherRow);
      const before = [...otherRow.keys()];
      subtract(otherRow, factor, row);
      for (const unknown of before) if (!otherRow.has(unknown)) this.occurs.get(unknown)?.delete(other);
      for (const unknown of otherRow.keys()) this.note(unknown, other);
      if (otherRow.size === 1) determined.push(other);
    }
    if (this.journal !== null && !this.journal.has(pivot)) this.journal.set(pivot, undefined);
    this.basis.set(pivot, row);
    for (const unknown of row.keys()) this.note(unknown, pivot);
    if (row.size === 1) determined.push(pivot);
    return determined;
  }

  /** Starts a trial: later additions can be undone with `rollback`. */
  begin(): void {
    this.journal = new Map();
  }

  /** Keeps the additions of the current trial. */
  commit(): void {
    this.journal = null;
  }

  /** Undoes the additions of the current trial. */
  rollback(): void {
    const journal = this.journal ?? new Map<number, Row | undefined>();
    this.journal = null;
    for (const [pivot, row] of journal) {
      if (row === undefined) this.basis.delete(pivot);
      else {
        this.basis.set(pivot, row);
        for (const unknown of row.keys()) this.note(unknown, pivot);
      }
    }
  }

  private remember(pivot: number, row: Row): void {
    if (this.journal !== null && !this.journal.has(pivot)) this.journal.set(pivot, new Map(row));
  }

  private note(unknown: number, pivot: number): void {
    let set = this.occurs.get(unknown);
    if (set === undefined) { set = new Set(); this.occurs.set(unknown, set); }
    set.add(pivot);
  }
}

const subtract = (target: Row, factor: number, source: ReadonlyMap<number, number>): void => {
  for (const [unknown, coefficient] of source) {
    const next = mod((target.get(unknown) ?? 0) - mulmod(factor, coefficient));
    if (next === 0) target.delete(unknown);
    else target.set(unknown, next);
  }
};

/** The unknowns whose value is uniquely determined by the equations (e_x lies in their row space). */
export const determinedUnknowns = (equations: Iterable<LinearEquation>): Set<number> => {
  const span = new LinearSpan();
  const determined = new Set<number>();
  for (const equation of equations) for (const unknown of span.add(equation)) determined.add(unknown);
  return new Set([...determined].filter((unknown) => span.isDetermined(unknown)));
};
