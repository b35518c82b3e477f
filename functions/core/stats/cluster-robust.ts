import type { ClusterTotal } from './cluster-totals';
import type { Interval } from './confidence-interval';
import { studentTQuantile } from './student-t';

/**
 * Why an interval is not published (the estimate still is): one group, or too little between-group information
 * for the Satterthwaite degrees of freedom to reach `MIN_CLUSTER_DF`, or no variation between the group sums.
 */
export const IntervalUnavailable = {
  oneGroup: 'one-group',
  tooFewGroups: 'too-few-groups',
  noVariation: 'no-variation',
} as const;
export type IntervalUnavailable = (typeof IntervalUnavailable)[keyof typeof IntervalUnavailable];

/**
 * The smallest Bell–McCaffrey degrees of freedom for which an interval is published. Two groups always give
 * df = 1: the variance rests on one between-group contrast, the 95% t quantile is 12.7 and coverage rests wholly
 * on the two group means being normal. Three groups give df between 1 and 2 (2 when equal in size); below 1.5
 * their information is nearer that of two groups than of three, and the one design whose coverage failed in
 * our simulations (a group of 100 with two groups of 2, df 1.04: 0.88 at ICC 0.2) lies there. Tipton (2015)
 * advises caution below df 4; the simulations hold the level down to 1.5 for normal scores and 0/1 outcomes.
 */
export const MIN_CLUSTER_DF = 1.5;

/** Rounding slack of the df formula (three equal groups give 2 ± 1e-15). */
export const DF_TOLERANCE = 1e-9;

/** A cluster-robust estimate: its value, CR2 standard error and Bell–McCaffrey degrees of freedom. */
export interface ClusterRobustEstimate {
  estimate: number;
  se: number;
  df: number;
}

/** An interval that may be unavailable, with the reason and the degrees of freedom it rests on. */
export interface ClusterInterval {
  interval: Interval | null;
  unavailable: IntervalUnavailable | null;
  df: number | null;
}

/**
 * The Bell–McCaffrey (2002) Satterthwaite degrees of freedom of the CR2 variance of a mean (intercept-only
 * model, working model independent and homoskedastic), from the group sizes: with f_g = n_g/N and
 * u_g = f_g²/(1 − f_g), df = 1 / (Σf_g² + (Σu_g)² − Σu_g²). Equal sizes give m − 1, two groups always 1.
 * Null with fewer than two groups.
 */
export const bellMcCaffreyMeanDf = (sizes: readonly number[]): number | null => {
  const present = sizes.filter((n) => n > 0);
  const total = present.reduce((s, n) => s + n, 0);
  if (present.length < 2) return null;
  let sumF2 = 0;
  let sumU = 0;
  let sumU2 = 0;
  for (const n of present) {
    const f = n / total;
    const u = (f * f) / (1 - f);
    sumF2 += f * f;
    sumU += u;
    sumU2 += u * u;
  }
  return 1 / (sumF2 + sumU * sumU - sumU2);
};

/**
 * The CR2 (Bell & McCaffrey 2002) variance of a mean of pseudo-values with per-group residual sums E_g
 * (Σ_g E_g = 0): for an intercept-only model the adjustment (I − H_gg)^(−1/2), H_gg = J_g/N, scales each
 * group's residual sum by 1/√(1 − n_g/N), so V = Σ_g E_g² / (1 − n_g/N) / N². Null with fewer than two groups.
 */
export const cr2MeanVariance = (sizes: readonly number[], residualSums: readonly number[]): number | null => {
  const total = sizes.reduce((s, n) => s + n, 0);
  if (sizes.filter((n) => n > 0).length < 2) return null;
  let v = 0;
  sizes.forEach((n, g) => {
    if (n > 0) v += (residualSums[g] ?? 0) ** 2 / (1 - n / total);
  });
  return v / (total * total);
};

/** The mean of the values behind per-group totals, with its CR2 standard error and Bell–McCaffrey df; null with fewer than two groups. */
export const clusterRobustMean = (clusters: readonly ClusterTotal[]): ClusterRobustEstimate | null => {
  const present = clusters.filter((c) => c.n > 0);
  const total = present.reduce((s, c) => s + c.n, 0);
  const sizes = present.map((c) => c.n);
  const df = bellMcCaffreyMeanDf(sizes);
  if (df === null) return null;
  const mean = present.reduce((s, c) => s + c.sum, 0) / total;
  const variance = cr2MeanVariance(sizes, present.map((c) => c.sum - c.n * mean));
  return variance === null ? null : { estimate: mean, se: Math.sqrt(variance), df };
};

/** The number of groups with at least one value. */
export const groupsWithData = (clusters: readonly { n: number }[]): number => clusters.filter((c) => c.n > 0).length;

/**
 * estimate ± t(1 − α/2, df) · se, or no interval (with the reason) when fewer than two groups have data, df is below
 * `MIN_CLUSTER_DF` or the standard error is 0.
 */
export const clusterTInterval = (groups: number, robust: ClusterRobustEstimate | null, level = 0.95): ClusterInterval => {
  if (groups < 2 || robust === null) return { interval: null, unavailable: IntervalUnavailable.oneGroup, df: null };
  if (!(robust.df >= MIN_CLUSTER_DF - DF_TOLERANCE)) return { interval: null, unavailable: IntervalUnavailable.tooFewGroups, df: robust.df };
  if (!(robust.se > 0)) return { interval: null, unavailable: IntervalUnavailable.noVariation, df: robust.df };
  const half = studentTQuantile(1 - (1 - level) / 2, robust.df) * robust.se;
  return { interval: { low: robust.estimate - half, high: robust.estimate + half }, unavailable: null, df: robust.df };
};

/**
 * The 95% cluster-robust interval of a mean from per-group totals: CR2 standard error with Bell–McCaffrey
 * Satterthwaite df (Pustejovsky & Tipton 2018; for a mean, Imbens & Kolesár 2016). R reference:
 * clubSandwich::conf_int(lm(y ~ 1), vcov = "CR2", cluster = group) (its df are the same Satterthwaite df).
 */
export const clusterMeanInterval = (clusters: readonly ClusterTotal[], level = 0.95): ClusterInterval =>
  clusterTInterval(groupsWithData(clusters), clusterRobustMean(clusters), level);
