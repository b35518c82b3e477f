import type { ClusterTotal, StandardisedClusterTotals } from '../../../../functions/core/stats';

/** A seeded uniform generator on [0, 1) (mulberry32): the same seed gives the same stream on every machine. */
export const uniformStream = (seed: number): (() => number) => {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

/** Standard normal draws from a uniform stream (Box–Muller). */
export const normalStream = (uniform: () => number): (() => number) => () =>
  Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());

/** A data-generating design: groups and their sizes, ICC, the final/baseline SD ratio and the true mean change. */
export interface Design {
  sizes: readonly number[];
  icc: number;
  sdRatio: number;
  meanChange: number;
  /** Correlation of baseline and final, within and between groups. */
  rho: number;
  /** A person is a "success" when their change exceeds meanChange + 0.5·SD(change): P = 1 − Φ(0.5). */
}

/** The per-group totals of one simulated cell, in the shapes the production interval functions take. */
export interface SimulatedCell {
  change: ClusterTotal[];
  hedges: StandardisedClusterTotals[];
  dz: StandardisedClusterTotals[];
  success: ClusterTotal[];
}

/**
 * One cell: baseline b = u + e (SD 1), final f = μ + v + w (SD `sdRatio`), (u, v) and (e, w) each correlated `rho`,
 * with a share `icc` of each variance between groups. Truths: mean change μ, g = μ/1, d_z = μ/SD(f − b).
 */
export const simulateCell = (design: Design, normal: () => number): SimulatedCell => {
  const { icc, rho, sdRatio: sf, meanChange } = design;
  const sdChange = Math.sqrt(1 + sf * sf - 2 * rho * sf);
  const threshold = meanChange + 0.5 * sdChange;
  const cell: SimulatedCell = { change: [], hedges: [], dz: [], success: [] };
  const within = Math.sqrt(1 - icc);
  const tilt = Math.sqrt(1 - rho * rho);
  for (const n of design.sizes) {
    const z1 = normal();
    const z2 = normal();
    const u = Math.sqrt(icc) * z1;
    const v = Math.sqrt(icc) * sf * (rho * z1 + tilt * z2);
    let c = 0, c2 = 0, b = 0, b2 = 0, s = 0;
    for (let i = 0; i < n; i += 1) {
      const e1 = normal();
      const e2 = normal();
      const baseline = u + within * e1;
      const change = meanChange + v + within * sf * (rho * e1 + tilt * e2) - baseline;
      c += change;
      c2 += change * change;
      b += baseline;
      b2 += baseline * baseline;
      if (change > threshold) s += 1;
    }
    cell.change.push({ n, sum: c });
    cell.hedges.push({ n, xSum: c, ySum: b, ySumSq: b2 });
    cell.dz.push({ n, xSum: c, ySum: c, ySumSq: c2 });
    cell.success.push({ n, sum: s });
  }
  return cell;
};

/** The true values the intervals should cover under a design. P(success) = 1 − Φ(0.5), R: pnorm(0.5, lower.tail = FALSE). */
export const truthOf = (design: Design): { meanChange: number; g: number; dz: number; rate: number } => ({
  meanChange: design.meanChange,
  g: design.meanChange,
  dz: design.meanChange / Math.sqrt(1 + design.sdRatio ** 2 - 2 * design.rho * design.sdRatio),
  rate: 0.3085375387259869,
});
