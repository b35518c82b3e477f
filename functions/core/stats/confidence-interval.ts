import type { Moments } from './moments';
import { momentsMean, momentsSd } from './moments';
import { studentTQuantile } from './student-t';

/** A two-sided interval. */
export interface Interval {
  low: number;
  high: number;
}

/** The 1.96 of the normal 95% intervals, as written in DOMAIN.md (reliable change; the unclustered Wilson interval). */
export const Z95 = 1.96;

/** The 95% t interval of a mean of independent values: mean ± t(0.975, n − 1) · SD / √n; null below two values. Published figures use `clusterMeanInterval`. */
export const meanInterval = (m: Moments, level = 0.95): Interval | null => {
  const mean = momentsMean(m);
  const sd = momentsSd(m);
  if (mean === null || sd === null) return null;
  const half = studentTQuantile(1 - (1 - level) / 2, m.n - 1) * (sd / Math.sqrt(m.n));
  return { low: mean - half, high: mean + half };
};

/** The Wilson score interval of a proportion successes / n at z = 1.96; null when n = 0. */
export const wilsonInterval = (successes: number, n: number, z = Z95): Interval | null => {
  if (n <= 0) return null;
  const p = successes / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
};
