import type { Interval } from './confidence-interval';

/** The standard normal 0.975 quantile to full precision (R: `qnorm(0.975)`), as `cor.test` uses it. */
export const Z975 = 1.959963984540054;

/**
 * The fewest groups for which a group-level correlation is published. Each group is one point, so the interval
 * rests on the number of groups alone; below 10 the Fisher interval of a correlation spans most of −1..1 and the
 * normal approximation behind it is poor.
 */
export const MIN_CORRELATION_GROUPS = 10;

/** A correlation over groups, with its 95 % Fisher interval. */
export interface GroupCorrelation {
  r: number;
  interval: Interval;
  groups: number;
}

/**
 * Pearson's r over group-level points (one point per group, so groups are the independent units and no clustering
 * is left inside the estimate), with the Fisher z interval tanh(atanh r ± z₀.₉₇₅ / √(m − 3)) — the interval of R's
 * `cor.test(x, y)`. Null with fewer than `minGroups` points or without variation in x or y.
 * @example groupCorrelation([{ x: 1, y: 2 }, …]) // R: cor.test(x, y)$estimate, $conf.int
 */
export const groupCorrelation = (
  points: readonly { x: number; y: number }[], minGroups = MIN_CORRELATION_GROUPS,
): GroupCorrelation | null => {
  const m = points.length;
  if (m < Math.max(4, minGroups)) return null;
  const mx = points.reduce((s, p) => s + p.x, 0) / m;
  const my = points.reduce((s, p) => s + p.y, 0) / m;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (const p of points) {
    sxx += (p.x - mx) ** 2;
    syy += (p.y - my) ** 2;
    sxy += (p.x - mx) * (p.y - my);
  }
  if (sxx <= 0 || syy <= 0) return null;
  const r = Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
  const z = Math.atanh(r);
  const half = Z975 / Math.sqrt(m - 3);
  return { r, interval: { low: Math.tanh(z - half), high: Math.tanh(z + half) }, groups: m };
};
