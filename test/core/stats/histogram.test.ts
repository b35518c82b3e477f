import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addToHistogram, histogramMedian, histogramMedianInterval, histogramQuantile, mergeHistograms,
} from '../../../functions/core/stats';
import type { Histogram } from '../../../functions/core/stats';

const histogramOf = (values: readonly number[]): Histogram => {
  const h: Histogram = {};
  for (const v of values) addToHistogram(h, v);
  return h;
};

// Type-7 quantile of a sorted list, computed directly.
const quantile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return (sorted[lo] ?? 0) + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] ?? 0) - (sorted[lo] ?? 0));
};

describe('histogram statistics', () => {
  it('gives the exact median of odd and even counts', () => {
    expect(histogramMedian(histogramOf([3, 1, 2]))).toBe(2);
    expect(histogramMedian(histogramOf([4, 1, 3, 2]))).toBe(2.5);
    expect(histogramMedian({})).toBeNull();
  });

  it('gives quartiles by linear interpolation (type 7)', () => {
    // 1..9: Q1 at h = 2 → 3, Q3 at h = 6 → 7; 1..4: Q1 at h = 0.75 → 1.75
    expect(histogramQuantile(histogramOf([1, 2, 3, 4, 5, 6, 7, 8, 9]), 0.25)).toBe(3);
    expect(histogramQuantile(histogramOf([1, 2, 3, 4, 5, 6, 7, 8, 9]), 0.75)).toBe(7);
    expect(histogramQuantile(histogramOf([1, 2, 3, 4]), 0.25)).toBe(1.75);
  });

  it('keys decimal scores canonically so float noise does not split a bin', () => {
    expect(histogramOf([25.299999999999997, 25.3])).toEqual({ '25.3': 2 });
  });

  it('matches quantiles of the raw values, also after merging', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1 }), fc.array(fc.integer({ min: 0, max: 40 })),
        fc.double({ min: 0, max: 1, noNaN: true }), (a, b, p) => {
          const merged = mergeHistograms(histogramOf(a), histogramOf(b));
          expect(histogramQuantile(merged, p)).toBeCloseTo(quantile([...a, ...b], p), 9);
        }),
    );
  });

  it('gives the order-statistic interval of the median', () => {
    // n = 10: P(X ≤ 1) = 11/1024 = 0.0107 ≤ 0.025 < P(X ≤ 2) = 56/1024, so l = 2: [x(2), x(9)]
    expect(histogramMedianInterval(histogramOf([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]))).toEqual({ low: 2, high: 9 });
    // n = 6: P(X ≤ 0) = 1/64 = 0.0156 ≤ 0.025, so l = 1: [x(1), x(6)]; n = 5: 1/32 > 0.025, none
    expect(histogramMedianInterval(histogramOf([1, 2, 3, 4, 5, 6]))).toEqual({ low: 1, high: 6 });
    expect(histogramMedianInterval(histogramOf([1, 2, 3, 4, 5]))).toBeNull();
  });
});
