/**
 * A dense-matrix CR2 reference for tests: the textbook definitions (Bell & McCaffrey 2002; Pustejovsky & Tipton
 * 2018, eq. 11 with working model Φ = I) for an intercept-only regression y = μ + e, computed from the raw values
 * with explicit matrices and a numerical inverse square root (Denman–Beavers), so it shares no shortcut with
 * the closed forms in functions/core/stats.
 */
type Matrix = number[][];

const identity = (n: number): Matrix => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
const multiply = (a: Matrix, b: Matrix): Matrix =>
  a.map((row) => (b[0] ?? []).map((_, j) => row.reduce((s, v, k) => s + v * (b[k]?.[j] ?? 0), 0)));
const add = (a: Matrix, b: Matrix, scale = 1): Matrix => a.map((row, i) => row.map((v, j) => v + scale * (b[i]?.[j] ?? 0)));

const inverse = (m: Matrix): Matrix => {
  const n = m.length;
  const a = m.map((row, i) => [...row, ...(identity(n)[i] ?? [])]);
  for (let c = 0; c < n; c += 1) {
    let pivot = c;
    for (let r = c + 1; r < n; r += 1) if (Math.abs(a[r]?.[c] ?? 0) > Math.abs(a[pivot]?.[c] ?? 0)) pivot = r;
    [a[c], a[pivot]] = [a[pivot] ?? [], a[c] ?? []];
    const row = a[c] ?? [];
    const p = row[c] ?? 1;
    for (let j = 0; j < 2 * n; j += 1) row[j] = (row[j] ?? 0) / p;
    for (let r = 0; r < n; r += 1) {
      if (r === c) continue;
      const other = a[r] ?? [];
      const f = other[c] ?? 0;
      for (let j = 0; j < 2 * n; j += 1) other[j] = (other[j] ?? 0) - f * (row[j] ?? 0);
    }
  }
  return a.map((row) => row.slice(n));
};

// Denman–Beavers iteration: Y → A^(1/2), Z → A^(−1/2) for a symmetric positive definite A.
const inverseSqrt = (m: Matrix): Matrix => {
  let y = m;
  let z = identity(m.length);
  for (let i = 0; i < 60; i += 1) {
    const [yi, zi] = [inverse(y), inverse(z)];
    [y, z] = [add(y, zi).map((r) => r.map((v) => v / 2)), add(z, yi).map((r) => r.map((v) => v / 2))];
  }
  return z;
};

/** CR2 variance and Satterthwaite df of the mean of `groups` (raw values per group), by explicit matrices. */
export const denseCr2Mean = (groups: readonly (readonly number[])[]): { mean: number; variance: number; df: number } => {
  const y = groups.flat();
  const n = y.length;
  const mean = y.reduce((s, v) => s + v, 0) / n;
  const h = Array.from({ length: n }, () => Array.from({ length: n }, () => 1 / n));
  const residualMaker = add(identity(n), h, -1);
  let start = 0;
  let meat = 0;
  const p: number[][] = [];
  for (const g of groups) {
    const idx = g.map((_, i) => start + i);
    start += g.length;
    const hgg = idx.map((i) => idx.map((j) => h[i]?.[j] ?? 0));
    const a = inverseSqrt(add(identity(g.length), hgg, -1));
    const e = idx.map((i) => [(y[i] ?? 0) - mean]);
    const ae = multiply(a, e);
    const xae = ae.reduce((s, r) => s + (r[0] ?? 0), 0);
    meat += xae * xae;
    // p_g = (I − H)[:, g] · A_g · X_g · (X'X)^(−1), X = 1
    const aOnes = multiply(a, g.map(() => [1]));
    p.push(residualMaker.map((row) => idx.reduce((s, i, k) => s + (row[i] ?? 0) * (aOnes[k]?.[0] ?? 0), 0) / n));
  }
  const dot = (u: readonly number[], v: readonly number[]): number => u.reduce((s, x, i) => s + x * (v[i] ?? 0), 0);
  const trace = p.reduce((s, pg) => s + dot(pg, pg), 0);
  const squares = p.reduce((s, pg) => s + p.reduce((t, ph) => t + dot(pg, ph) ** 2, 0), 0);
  return { mean, variance: meat / (n * n), df: (trace * trace) / squares };
};
