import { describe, expect, it } from 'vitest';
import {
  clusterAdjustedMeanInterval, clusterSumsOfGroup, cohensDz, emptyMoments, addToMoments, hedgesG, intraclassCorrelation,
  meanInterval, mergeClusterSums, mergeMoments, wilsonInterval,
} from '../../../functions/core/stats';
import type { Moments } from '../../../functions/core/stats';

const momentsOf = (values: readonly number[]): Moments => {
  const m = emptyMoments();
  for (const v of values) addToMoments(m, v);
  return m;
};

describe('intervals and effect sizes', () => {
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

  it("applies Hedges' correction and the d_z interval", () => {
    // mean change 4, baseline SD 5, r 0.5, n 20: J = 1 − 3/75 = 0.96, g = 0.768, SE = √(0.05 + 0.589824/40)
    const g = hedgesG(4, 5, 0.5, 20);
    expect(g?.value).toBeCloseTo(0.768, 12);
    expect(g?.interval.low).toBeCloseTo(0.768 - 1.96 * Math.sqrt(0.05 + 0.589824 / 40), 12);
    // d_z = 4 / 8 = 0.5, SE = √(1/20 + 0.25/40)
    const dz = cohensDz(4, 8, 20);
    expect(dz?.interval.high).toBeCloseTo(0.5 + 1.96 * Math.sqrt(0.05 + 0.25 / 40), 12);
    expect(hedgesG(4, 0, 0.5, 20)).toBeNull();
  });

  it('estimates the ICC and widens the interval by the design effect', () => {
    // Two groups of 3: {1, 2, 3} and {5, 6, 7}. Grand mean 4; SSB = 3·(2−4)² + 3·(6−4)² = 24, SSW = 2 + 2 = 4
    // MSB = 24/1 = 24, MSW = 4/4 = 1, n₀ = 3 → ICC = (24 − 1)/(24 + 2·1) = 23/26; deff = 1 + 2·23/26
    const a = momentsOf([1, 2, 3]);
    const b = momentsOf([5, 6, 7]);
    const pooled = mergeMoments(a, b);
    const clusters = mergeClusterSums(clusterSumsOfGroup(a), clusterSumsOfGroup(b));
    expect(intraclassCorrelation(pooled, clusters)).toBeCloseTo(23 / 26, 12);

    const adjusted = clusterAdjustedMeanInterval(pooled, clusters);
    // SD² = 28/5; SE = √(28/5/6)·√deff; t(0.975, 1) = 12.7062047
    const se = Math.sqrt(28 / 5 / 6) * Math.sqrt(1 + 2 * (23 / 26));
    expect(adjusted?.designEffect).toBeCloseTo(1 + (46 / 26), 12);
    expect(adjusted?.interval.high).toBeCloseTo(4 + 12.706204736174707 * se, 9);
  });

  it('truncates a negative ICC to 0', () => {
    const a = momentsOf([1, 9]);
    const b = momentsOf([2, 8]);
    expect(intraclassCorrelation(mergeMoments(a, b), mergeClusterSums(clusterSumsOfGroup(a), clusterSumsOfGroup(b)))).toBe(0);
  });
});
