import { regularizedIncompleteBeta } from './incomplete-beta';

/**
 * Exact mergeable distribution of bounded scores: count per distinct value, keyed by the value's canonical string.
 * Plain JSON data, so medians and quartiles stay exact after any number of merges.
 */
export type Histogram = Record<string, number>;

/** The canonical key of a value: 12 significant digits, which erases binary float noise (25.299999999999997 → "25.3"). */
export const histogramKey = (value: number): string => String(Number(value.toPrecision(12)));

/** Adds one value in place. */
export const addToHistogram = (histogram: Histogram, value: number): void => {
  const key = histogramKey(value);
  histogram[key] = (histogram[key] ?? 0) + 1;
};

/** The histogram of the union of two disjoint sets. */
export const mergeHistograms = (a: Histogram, b: Histogram): Histogram => {
  const merged: Histogram = { ...a };
  for (const [key, count] of Object.entries(b)) merged[key] = (merged[key] ?? 0) + count;
  return merged;
};

/** Values in ascending order with their cumulative counts. */
const cumulative = (histogram: Histogram): { values: number[]; upTo: number[]; n: number } => {
  const entries = Object.entries(histogram)
    .filter(([, count]) => count > 0)
    .map(([key, count]) => [Number(key), count] as const)
    .sort((a, b) => a[0] - b[0]);
  const values: number[] = [];
  const upTo: number[] = [];
  let n = 0;
  for (const [value, count] of entries) {
    n += count;
    values.push(value);
    upTo.push(n);
  }
  return { values, upTo, n };
};

// The k-th smallest value (1-based) of a cumulative histogram.
const orderStatistic = (c: { values: number[]; upTo: number[] }, k: number): number => {
  let lo = 0;
  let hi = c.upTo.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((c.upTo[mid] ?? 0) >= k) hi = mid;
    else lo = mid + 1;
  }
  return c.values[lo] ?? Number.NaN;
};

/** Number of values in a histogram. */
export const histogramCount = (histogram: Histogram): number => {
  let n = 0;
  for (const count of Object.values(histogram)) n += count;
  return n;
};

/**
 * The p-quantile with linear interpolation between order statistics (Hyndman & Fan type 7, R's default);
 * p = 0.5 is the usual median (mean of the two middle values for an even count). Null when empty.
 */
export const histogramQuantile = (histogram: Histogram, p: number): number | null => {
  const c = cumulative(histogram);
  if (c.n === 0) return null;
  const h = (c.n - 1) * p;
  const below = Math.floor(h);
  const lower = orderStatistic(c, below + 1);
  const upper = orderStatistic(c, Math.min(c.n, below + 2));
  return lower + (h - below) * (upper - lower);
};

/** The median, or null when empty. */
export const histogramMedian = (histogram: Histogram): number | null => histogramQuantile(histogram, 0.5);

/**
 * A distribution-free confidence interval for the median from order statistics: [x_(l), x_(n−l+1)] with the largest l
 * such that P(Binomial(n, ½) ≤ l − 1) ≤ (1 − level)/2, so coverage is at least `level`. Null when n is too small (n < 6 at 95%).
 */
export const histogramMedianInterval = (histogram: Histogram, level = 0.95): { low: number; high: number } | null => {
  const c = cumulative(histogram);
  const alpha = (1 - level) / 2;
  // P(X ≤ k) for X ~ Binomial(n, ½) is I_½(n − k, k + 1).
  const binomialCdf = (k: number): number => (k < 0 ? 0 : k >= c.n ? 1 : regularizedIncompleteBeta(0.5, c.n - k, k + 1));
  let lo = 0;
  let hi = Math.floor(c.n / 2);
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (binomialCdf(mid - 1) <= alpha) lo = mid;
    else hi = mid - 1;
  }
  if (lo < 1) return null;
  return { low: orderStatistic(c, lo), high: orderStatistic(c, c.n - lo + 1) };
};
