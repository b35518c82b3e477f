import { Z95 } from './confidence-interval';
import type { Interval } from './confidence-interval';

/** An effect size with its approximate 95% interval. */
export interface EffectSize {
  value: number;
  interval: Interval;
}

/** Hedges' small-sample correction J = 1 − 3 / (4·df − 1). */
export const hedgesCorrection = (df: number): number => 1 - 3 / (4 * df - 1);

/**
 * Pre–post Hedges' g: J · mean change / SD of baseline scores, with df = n − 1. Its interval is g ± 1.96·SE, where
 * SE = √(2(1 − r)/n + g²/(2n)) (Becker 1988, standardised by the pre-test SD) and r is the baseline–final correlation.
 * Null when n < 2, the baseline SD is 0, or r is undefined.
 */
export const hedgesG = (meanChange: number, sdBaseline: number, r: number, n: number): EffectSize | null => {
  if (n < 2 || !(sdBaseline > 0) || !Number.isFinite(r)) return null;
  const g = hedgesCorrection(n - 1) * (meanChange / sdBaseline);
  const se = Math.sqrt((2 * (1 - r)) / n + (g * g) / (2 * n));
  return { value: g, interval: { low: g - Z95 * se, high: g + Z95 * se } };
};

/** d_z = mean change / SD of change, with interval d_z ± 1.96·√(1/n + d_z²/(2n)) (DOMAIN.md); null when n < 2 or SD is 0. */
export const cohensDz = (meanChange: number, sdChange: number, n: number): EffectSize | null => {
  if (n < 2 || !(sdChange > 0)) return null;
  const dz = meanChange / sdChange;
  const se = Math.sqrt(1 / n + (dz * dz) / (2 * n));
  return { value: dz, interval: { low: dz - Z95 * se, high: dz + Z95 * se } };
};
