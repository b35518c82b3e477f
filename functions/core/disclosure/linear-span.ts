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

/** The unknowns whose value is uniquely determined by the equations (e_x lies in their row space). */
export const determinedUnknowns = (equations: Iterable<LinearEquation>): Set<number> => {
  // Reduced basis: pivot unknown → row with coefficient 1 at the pivot and no other pivot unknown.
  const basis = new Map<number, Map<number, number>>();
  // Unknown → pivots of the basis rows it occurs in (so a new pivot can be cleared from them quickly).
  const occurs = new Map<number, Set<number>>();
  const note = (unknown: number, pivot: number): void => {
    const set = occurs.get(unknown) ?? new Set<number>();
    set.add(pivot);
    occurs.set(unknown, set);
  };
  const subtract = (target: Map<number, number>, factor: number, source: ReadonlyMap<number, number>): void => {
    for (const [unknown, coefficient] of source) {
      const next = mod((target.get(unknown) ?? 0) - mulmod(factor, coefficient));
      if (next === 0) target.delete(unknown);
      else target.set(unknown, next);
    }
  };
  for (const equation of equations) {
    const row = new Map<number, number>();
    for (const [unknown, coefficient] of equation) {
      const value = mod(coefficient);
      if (value !== 0) row.set(unknown, value);
    }
    for (const unknown of [...row.keys()]) {
      const pivotRow = basis.get(unknown);
      const factor = row.get(unknown);
      if (pivotRow !== undefined && factor !== undefined) subtract(row, factor, pivotRow);
    }
    if (row.size === 0) continue;
    const pivot = Math.min(...row.keys());
    const scale = inverse(row.get(pivot) ?? 1);
    for (const [unknown, coefficient] of row) row.set(unknown, mulmod(coefficient, scale));
    for (const other of [...(occurs.get(pivot) ?? [])]) {
      const otherRow = basis.get(other);
      const factor = otherRow?.get(pivot);
      if (otherRow === undefined || factor === undefined) continue;
      const before = [...otherRow.keys()];
      subtract(otherRow, factor, row);
      for (const unknown of before) if (!otherRow.has(unknown)) occurs.get(unknown)?.delete(other);
      for (const unknown of otherRow.keys()) note(unknown, other);
    }
    basis.set(pivot, row);
    for (const unknown of row.keys()) note(unknown, pivot);
  }
  const determined = new Set<number>();
  for (const [pivot, row] of basis) if (row.size === 1) determined.add(pivot);
  return determined;
};
