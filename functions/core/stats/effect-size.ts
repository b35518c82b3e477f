import type { ClusterInterval } from './cluster-robust';
import { bellMcCaffreyMeanDf, clusterTInterval, cr2MeanVariance, groupsWithData } from './cluster-robust';
import { logGamma } from './incomplete-beta';

/** An effect size with its 95% interval (null, with the reason, where none is honest). */
export interface EffectSize {
  value: number;
  interval: ClusterInterval;
}

/**
 * Hedges' exact small-sample correction J(df) = Γ(df/2) / (√(df/2) · Γ((df − 1)/2)) (Hedges 1981), through
 * log-gamma so large df do not overflow; ≈ 1 − 3/(4·df − 1). Defined for df > 1.
 * @example hedgesCorrection(4) // √(2/π) = 0.7978845608
 */
export const hedgesCorrection = (df: number): number => {
  if (!(df > 1)) throw new RangeError(`Hedges' correction needs df > 1, got ${df}`);
  return Math.exp(logGamma(df / 2) - logGamma((df - 1) / 2)) / Math.sqrt(df / 2);
};

/** One group's totals for a standardised mean: n, Σx (the numerator variable) and Σy, Σy² (the standardiser). */
export interface StandardisedClusterTotals {
  n: number;
  xSum: number;
  ySum: number;
  ySumSq: number;
}

/**
 * A standardised mean J(N − 1) · mean(x) / SD(y), SD with the N − 1 denominator, over clustered people, with a
 * cluster-robust interval: the CR2 variance and Bell–McCaffrey df of a mean applied to the per-group sums of the
 * estimate's linearisation ψ = (x − x̄)/s_y − d·((y − ȳ)² − v_y)/(2·s_y²) (delta method; v_y the ML variance, so
 * the sums add to 0), times J. It needs neither equal SDs nor a correlation. Null below 3 people or when SD(y) is 0.
 * Pre–post g: x = change, y = baseline (Becker 1988's d, standardised by the pre-test SD); d_z: x = y = change.
 */
export const standardisedMean = (clusters: readonly StandardisedClusterTotals[], level = 0.95): EffectSize | null => {
  const present = clusters.filter((c) => c.n > 0);
  const n = present.reduce((s, c) => s + c.n, 0);
  if (n < 3) return null;
  const xMean = present.reduce((s, c) => s + c.xSum, 0) / n;
  const yMean = present.reduce((s, c) => s + c.ySum, 0) / n;
  const ss = Math.max(0, present.reduce((s, c) => s + c.ySumSq, 0) - n * yMean * yMean);
  if (!(ss > 0)) return null;
  const sd = Math.sqrt(ss / (n - 1));
  const d = xMean / sd;
  const j = hedgesCorrection(n - 1);
  const vy = ss / n;
  const sizes = present.map((c) => c.n);
  const psi = present.map((c) => (c.xSum - c.n * xMean) / sd
    - (d / (2 * sd * sd)) * (c.ySumSq - 2 * yMean * c.ySum + c.n * yMean * yMean - c.n * vy));
  const variance = cr2MeanVariance(sizes, psi);
  const df = bellMcCaffreyMeanDf(sizes);
  const robust = variance === null || df === null ? null : { estimate: j * d, se: j * Math.sqrt(variance), df };
  return { value: j * d, interval: clusterTInterval(groupsWithData(present), robust, level) };
};
