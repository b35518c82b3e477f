import { describe, expect, it } from 'vitest';
import {
  bellMcCaffreyMeanDf, clusterMeanInterval, clusterProportionInterval, clusterTInterval, cr2MeanVariance, emptyMoments, groupsWithData,
  mergeClusterLists, mergeMoments, momentsMean, momentsSd, momentsVariance, sumOfSquaredDeviations, wilsonAt,
} from '../../../functions/core/stats';

describe('moments', () => {
  it('give null mean, variance and SD where there are too few values, and never a negative sum of squares', () => {
    const one = { n: 1, sum: 4, sumSq: 16 };
    expect([momentsMean(emptyMoments()), momentsVariance(one), momentsSd(one), sumOfSquaredDeviations(emptyMoments())]).toEqual([null, null, null, 0]);
    // 0.1 three times: sumSq − sum²/n is −1.4e-17 in floating point
    expect(sumOfSquaredDeviations({ n: 3, sum: 0.1 + 0.1 + 0.1, sumSq: 0.01 + 0.01 + 0.01 })).toBe(0);
  });

  it('give the n − 1 variance by hand: 2, 4, 9 → mean 5, SS 26, variance 13', () => {
    const m = mergeMoments({ n: 2, sum: 6, sumSq: 20 }, { n: 1, sum: 9, sumSq: 81 });
    expect([m, momentsMean(m), sumOfSquaredDeviations(m), momentsVariance(m), momentsSd(m)]).toEqual([{ n: 3, sum: 15, sumSq: 101 }, 5, 26, 13, Math.sqrt(13)]);
  });
});

describe('canonical per-group lists', () => {
  it('merge two sorted lists into one sorted list, shorter keys reading as zeros', () => {
    const key = (x: number[]) => x;
    expect(mergeClusterLists([[1], [3, 1]], [[1, 0], [2], [3]], key)).toEqual([[1], [1, 0], [2], [3], [3, 1]]);
    expect(mergeClusterLists([[2, 5]], [[2, 4]], key)).toEqual([[2, 4], [2, 5]]);
    expect(mergeClusterLists([], [[1]], key)).toEqual([[1]]);
    expect(mergeClusterLists([[1]], [], key)).toEqual([[1]]);
  });
});

describe('CR2 pieces by hand', () => {
  it('scale each group\'s residual sum by 1/(1 − n_g/N): sizes 2 and 3, residual sums 1 and −1', () => {
    // (1² / 0.6 + 1² / 0.4) / 5² = (1.6667 + 2.5) / 25
    expect(cr2MeanVariance([2, 3], [1, -1])).toBeCloseTo((1 / 0.6 + 1 / 0.4) / 25, 15);
    expect(cr2MeanVariance([2, 0, 3], [1, 99, -1])).toBeCloseTo((1 / 0.6 + 1 / 0.4) / 25, 15);
    expect(cr2MeanVariance([5, 0], [0, 0])).toBeNull();
  });

  it('ignore empty groups in the degrees of freedom and in the count of groups', () => {
    expect(bellMcCaffreyMeanDf([10, 0, 10, 10])).toBeCloseTo(2, 12);
    expect(bellMcCaffreyMeanDf([10, 0])).toBeNull();
    expect(groupsWithData([{ n: 0 }, { n: 3 }, { n: 1 }])).toBe(2);
  });
});

describe('clusterTInterval', () => {
  const robust = { estimate: 2, se: 0.5, df: 3 };

  it('names why there is no interval: one group, too few degrees of freedom, no variation', () => {
    expect(clusterTInterval(1, robust)).toEqual({ interval: null, unavailable: 'one-group', df: null });
    expect(clusterTInterval(2, null)).toEqual({ interval: null, unavailable: 'one-group', df: null });
    expect(clusterTInterval(3, { ...robust, df: 1.49 })).toEqual({ interval: null, unavailable: 'too-few-groups', df: 1.49 });
    expect(clusterTInterval(3, { ...robust, se: 0 })).toEqual({ interval: null, unavailable: 'no-variation', df: 3 });
  });

  it('publishes from df 1.5 on, with the t quantile of the level asked for (t from R)', () => {
    const atFloor = clusterTInterval(3, { ...robust, df: 1.5 });
    expect(atFloor.interval?.high).toBeCloseTo(2 + 6.016663104427929 * 0.5, 9); // R: qt(0.975, 1.5)
    expect(clusterTInterval(3, { ...robust, df: 1.5 - 1e-12 }).unavailable).toBeNull();
    const ninety = clusterTInterval(4, robust, 0.9);
    expect(ninety.interval?.low).toBeCloseTo(2 - 2.353363434801825 * 0.5, 9); // R: qt(0.95, 3)
    expect(ninety.df).toBe(3);
  });

  it('gives one group no interval in clusterMeanInterval', () => {
    expect(clusterMeanInterval([{ n: 5, sum: 10 }, { n: 0, sum: 0 }]).unavailable).toBe('one-group');
  });
});

describe('Wilson intervals', () => {
  it('match the Wilson formula by hand (R): p = 0.5 of 10 at z = 1.96', () => {
    const w = wilsonAt(0.5, 10, 1.96);
    expect(w.low).toBeCloseTo(0.2365895936154873, 12);
    expect(w.high).toBeCloseTo(0.7634104063845126, 12);
  });

  it('stay inside [0, 1] at 0 and 100 %', () => {
    expect(wilsonAt(0, 5, 1.96).low).toBe(0);
    expect(wilsonAt(1, 5, 1.96).high).toBe(1);
    expect(wilsonAt(0, 5, 1.96).high).toBeGreaterThan(0);
  });

  it('use n itself when the groups do not differ (no variance to scale by): 3 of 10 in each of 3 groups', () => {
    // R: p = 0.3, n = 30, z = qt(0.975, 2) = 4.302652729749462 → Wilson 0.08312795332303002 to 0.66951475280804806
    const ci = clusterProportionInterval([{ n: 10, sum: 3 }, { n: 10, sum: 3 }, { n: 10, sum: 3 }]);
    expect(ci.interval?.low).toBeCloseTo(0.08312795332303002, 9);
    expect(ci.interval?.high).toBeCloseTo(0.66951475280804806, 9);
    expect(ci.df).toBeCloseTo(2, 12);
  });

  it('names one group and too few degrees of freedom for a rate', () => {
    expect(clusterProportionInterval([{ n: 10, sum: 3 }]).unavailable).toBe('one-group');
    expect(clusterProportionInterval([{ n: 10, sum: 3 }, { n: 10, sum: 5 }])).toMatchObject({ interval: null, unavailable: 'too-few-groups' });
    expect(clusterProportionInterval([{ n: 100, sum: 30 }, { n: 2, sum: 1 }, { n: 2, sum: 0 }]).unavailable).toBe('too-few-groups');
  });
});
