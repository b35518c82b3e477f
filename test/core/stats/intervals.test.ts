import { describe, expect, it } from 'vitest';
import { addToMoments, emptyMoments, meanInterval, wilsonInterval } from '../../../functions/core/stats';
import type { Moments } from '../../../functions/core/stats';

const momentsOf = (values: readonly number[]): Moments => {
  const m = emptyMoments();
  for (const v of values) addToMoments(m, v);
  return m;
};

describe('intervals of independent values (used where grouping does not apply)', () => {
  it('gives the t interval of a mean', () => {
    // 2, 4, 6, 8: mean 5, SD √(20/3) = 2.5819889, SE 1.2909944, t(0.975, 3) = 3.1824463 → ± 4.1084
    const interval = meanInterval(momentsOf([2, 4, 6, 8]));
    expect(interval?.low).toBeCloseTo(5 - 3.182446305284263 * Math.sqrt(20 / 3) / 2, 10);
    expect(interval?.high).toBeCloseTo(5 + 3.182446305284263 * Math.sqrt(20 / 3) / 2, 10);
    expect(meanInterval(momentsOf([2]))).toBeNull();
  });

  it('gives the Wilson interval of a proportion', () => {
    // 8 of 10 at z = 1.96: centre (0.8 + 0.19208)/1.38416, half (1.96/1.38416)·√(0.016 + 0.0096040)
    const interval = wilsonInterval(8, 10);
    expect(interval?.low).toBeCloseTo((0.99208 - 1.96 * Math.sqrt(0.025604)) / 1.38416, 12);
    expect(interval?.high).toBeCloseTo((0.99208 + 1.96 * Math.sqrt(0.025604)) / 1.38416, 12);
    expect(wilsonInterval(0, 0)).toBeNull();
  });

});
