/** Mergeable sufficient statistics of a set of numbers: count, sum and sum of squares (plain JSON data). */
export interface Moments {
  n: number;
  sum: number;
  sumSq: number;
}

/** The moments of the empty set: the identity of `mergeMoments`. */
export const emptyMoments = (): Moments => ({ n: 0, sum: 0, sumSq: 0 });

/** Adds one value in place (hot path: no allocation). */
export const addToMoments = (moments: Moments, value: number): void => {
  moments.n += 1;
  moments.sum += value;
  moments.sumSq += value * value;
};

/** The moments of the union of two disjoint sets. */
export const mergeMoments = (a: Moments, b: Moments): Moments => ({ n: a.n + b.n, sum: a.sum + b.sum, sumSq: a.sumSq + b.sumSq });

/** The mean, or null for the empty set. */
export const momentsMean = (m: Moments): number | null => (m.n === 0 ? null : m.sum / m.n);

/** The sum of squared deviations from the mean (never negative). */
export const sumOfSquaredDeviations = (m: Moments): number => (m.n === 0 ? 0 : Math.max(0, m.sumSq - (m.sum * m.sum) / m.n));

/** The sample variance (n − 1 denominator), or null below two values. */
export const momentsVariance = (m: Moments): number | null => (m.n < 2 ? null : sumOfSquaredDeviations(m) / (m.n - 1));

/** The sample standard deviation, or null below two values. */
export const momentsSd = (m: Moments): number | null => {
  const variance = momentsVariance(m);
  return variance === null ? null : Math.sqrt(variance);
};
