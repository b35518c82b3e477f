import type { Interval } from './confidence-interval';
import type { Moments } from './moments';
import { momentsMean, sumOfSquaredDeviations } from './moments';
import { studentTQuantile } from './student-t';

/**
 * Mergeable between-group sums of one variable for the intraclass correlation: number of groups with data,
 * Σ n_j² and Σ S_j²/n_j (S_j the group's sum). With the pooled Moments they give the one-way ANOVA.
 */
export interface ClusterSums {
  groups: number;
  sumSizeSq: number;
  sumGroupSumSqOverSize: number;
}

/** The cluster sums of nothing: the identity of `mergeClusterSums`. */
export const emptyClusterSums = (): ClusterSums => ({ groups: 0, sumSizeSq: 0, sumGroupSumSqOverSize: 0 });

/** The cluster sums of a single group, from its Moments. */
export const clusterSumsOfGroup = (m: Moments): ClusterSums =>
  m.n === 0 ? emptyClusterSums() : { groups: 1, sumSizeSq: m.n * m.n, sumGroupSumSqOverSize: (m.sum * m.sum) / m.n };

/** The cluster sums of two disjoint sets of groups. */
export const mergeClusterSums = (a: ClusterSums, b: ClusterSums): ClusterSums => ({
  groups: a.groups + b.groups,
  sumSizeSq: a.sumSizeSq + b.sumSizeSq,
  sumGroupSumSqOverSize: a.sumGroupSumSqOverSize + b.sumGroupSumSqOverSize,
});

/**
 * The ANOVA estimate of the intraclass correlation, truncated to [0, 1]:
 * ICC = (MSB − MSW) / (MSB + (n₀ − 1)·MSW), n₀ = (N − Σn_j²/N)/(k − 1). Null with fewer than 2 groups or no within-group df.
 */
export const intraclassCorrelation = (pooled: Moments, clusters: ClusterSums): number | null => {
  const k = clusters.groups;
  const big = pooled.n;
  if (k < 2 || big - k < 1) return null;
  const between = Math.max(0, clusters.sumGroupSumSqOverSize - (pooled.sum * pooled.sum) / big);
  const within = Math.max(0, sumOfSquaredDeviations(pooled) - between);
  const msb = between / (k - 1);
  const msw = within / (big - k);
  const n0 = (big - clusters.sumSizeSq / big) / (k - 1);
  const denominator = msb + (n0 - 1) * msw;
  if (!(denominator > 0)) return null;
  return Math.min(1, Math.max(0, (msb - msw) / denominator));
};

/** Design effect 1 + (m − 1)·ICC with m = Σn_j²/N, the size-weighted mean group size (equal sizes: m = n). */
export const designEffect = (pooled: Moments, clusters: ClusterSums, icc: number): number =>
  1 + (clusters.sumSizeSq / pooled.n - 1) * icc;

/**
 * The 95% interval of a mean widened for clustering: mean ± t(0.975, k − 1) · √deff · SD/√N.
 * Uses k − 1 degrees of freedom (groups, not people) as the conservative choice; null when the ICC is undefined.
 */
export const clusterAdjustedMeanInterval = (
  pooled: Moments,
  clusters: ClusterSums,
  level = 0.95,
): { interval: Interval; icc: number; designEffect: number } | null => {
  const icc = intraclassCorrelation(pooled, clusters);
  const mean = momentsMean(pooled);
  if (icc === null || mean === null || pooled.n < 2) return null;
  const deff = designEffect(pooled, clusters, icc);
  const se = Math.sqrt(sumOfSquaredDeviations(pooled) / (pooled.n - 1) / pooled.n) * Math.sqrt(deff);
  const half = studentTQuantile(1 - (1 - level) / 2, clusters.groups - 1) * se;
  return { interval: { low: mean - half, high: mean + half }, icc, designEffect: deff };
};
