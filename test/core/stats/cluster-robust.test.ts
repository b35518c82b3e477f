import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bellMcCaffreyMeanDf, clusterMeanInterval, clusterRobustMean, IntervalUnavailable, mergeClusterTotals,
} from '../../../functions/core/stats';
import type { ClusterTotal } from '../../../functions/core/stats';
import { denseCr2Mean } from './support/dense-cr2';

const totalsOf = (groups: readonly (readonly number[])[]): ClusterTotal[] =>
  groups.map((g) => ({ n: g.length, sum: g.reduce((s, v) => s + v, 0) }));
const T975_2 = 4.302652729749462; // t(0.975, 2), R: qt(0.975, 2)

describe('Bell–McCaffrey degrees of freedom of a mean', () => {
  it('gives m − 1 for m equal groups and 1 for any two groups', () => {
    expect(bellMcCaffreyMeanDf([10, 10, 10])).toBeCloseTo(2, 12);
    expect(bellMcCaffreyMeanDf([7, 7, 7, 7, 7, 7])).toBeCloseTo(5, 12);
    // two groups: f₁ + f₂ = 1, u₁u₂ = f₁f₂, so Σf² + 2u₁u₂ = (f₁ + f₂)² = 1
    expect(bellMcCaffreyMeanDf([3, 17])).toBeCloseTo(1, 12);
    expect(bellMcCaffreyMeanDf([12])).toBeNull();
  });

  it('gives 5/3 for groups of 2, 1 and 3 (worked by hand)', () => {
    // f = 1/3, 1/6, 1/2; Σf² = 7/18; u = f²/(1 − f) = 1/6, 1/30, 1/2; Σu = 7/10; Σu² = 251/900
    // df = 1 / (7/18 + 49/100 − 251/900) = 1 / (540/900) = 5/3
    expect(bellMcCaffreyMeanDf([2, 1, 3])).toBeCloseTo(5 / 3, 12);
  });
});

describe('CR2 interval of a mean', () => {
  it('matches the dense-matrix CR2 and Satterthwaite df (4 unequal groups, worked by hand)', () => {
    // Groups {0, 2}, {4}, {3, 5, 10}, {1, 5}: N = 8, mean 30/8 = 3.75; residual sums −5.5, 0.25, 6.75, −1.5;
    // 1 − n_g/N = 3/4, 7/8, 5/8, 3/4 → V = (30.25/(3/4) + 0.0625/(7/8) + 45.5625/(5/8) + 2.25/(3/4)) / 64
    // R (clubSandwich 0.5.8): y <- c(0, 2, 4, 3, 5, 10, 1, 5); g <- c(1, 1, 2, 3, 3, 3, 4, 4)
    //   coef_test(lm(y ~ 1), vcov = "CR2", cluster = g, test = "Satterthwaite") → SE 1.348058568743177, df 2.603305785123967
    //   conf_int(lm(y ~ 1), vcov = "CR2", cluster = g, test = "Satterthwaite") → −0.934747505876452 to 8.434747505876450
    const groups = [[0, 2], [4], [3, 5, 10], [1, 5]];
    const v = (30.25 / 0.75 + 0.0625 / 0.875 + 45.5625 / 0.625 + 2.25 / 0.75) / 64;
    const u = [1 / 12, 1 / 56, 9 / 40, 1 / 12];
    const df = 1 / (18 / 64 + u.reduce((s, x) => s + x, 0) ** 2 - u.reduce((s, x) => s + x * x, 0));
    const robust = clusterRobustMean(totalsOf(groups));
    const dense = denseCr2Mean(groups);
    expect(robust?.estimate).toBeCloseTo(3.75, 12);
    expect(robust?.se).toBeCloseTo(Math.sqrt(v), 12);
    expect(robust?.df).toBeCloseTo(df, 12);
    expect(robust?.se).toBeCloseTo(1.348058568743177, 12);
    expect(robust?.df).toBeCloseTo(2.603305785123967, 12);
    const ci = clusterMeanInterval(totalsOf(groups)).interval;
    expect(ci?.low).toBeCloseTo(-0.934747505876452, 10);
    expect(ci?.high).toBeCloseTo(8.434747505876450, 10);
    expect(dense.variance).toBeCloseTo(v, 9);
    expect(dense.df).toBeCloseTo(df, 9);
  });

  it('equals the t interval of the group means for equal groups', () => {
    // Group means 2, 6, 3 → 11/3; SS of the means 78/9, s² = 13/3, SE² = 13/9; t(0.975, 2)
    // R: coef_test(lm(y ~ 1), vcov = "CR2", cluster = g, test = "Satterthwaite") → SE 1.201850425154663 (= √13/3), df 2
    const ci = clusterMeanInterval(totalsOf([[1, 2, 3], [5, 6, 7], [2, 3, 4]]));
    expect(ci.df).toBeCloseTo(2, 12);
    expect(ci.interval?.low).toBeCloseTo(11 / 3 - T975_2 * Math.sqrt(13) / 3, 10);
    expect(ci.interval?.high).toBeCloseTo(11 / 3 + T975_2 * Math.sqrt(13) / 3, 10);
    expect(ci.unavailable).toBeNull();
  });

  it('agrees with the dense-matrix reference on random unequal groups', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 1, maxLength: 5 }), { minLength: 2, maxLength: 5 }), (groups) => {
        const robust = clusterRobustMean(totalsOf(groups));
        const dense = denseCr2Mean(groups);
        expect(robust?.df).toBeCloseTo(dense.df, 6);
        expect((robust?.se ?? 0) ** 2).toBeCloseTo(dense.variance, 6);
      }),
      { numRuns: 40, seed: 10 },
    );
  });

  it('gives no interval, with the reason, for one group, two groups or df below 1.5', () => {
    expect(clusterMeanInterval(totalsOf([[1, 5, 9]]))).toEqual({ interval: null, unavailable: IntervalUnavailable.oneGroup, df: null });
    expect(clusterMeanInterval(totalsOf([[1, 5], [2, 9]]))).toMatchObject({ interval: null, unavailable: IntervalUnavailable.tooFewGroups });
    // groups of 4, 1 and 1: f = 2/3, 1/6, 1/6; Σf² = 1/2; u = 4/3, 1/30, 1/30; df = 1/(1/2 + 49/25 − 1602/900) = 25/17
    // (R: coef_test(lm(y ~ 1), vcov = "CR2", cluster = g, test = "Satterthwaite")$df_Satt → 1.470588235294117)
    const unequal = clusterMeanInterval(totalsOf([[0, 2, 4, 6], [4], [3]]));
    expect(unequal).toMatchObject({ interval: null, unavailable: IntervalUnavailable.tooFewGroups });
    expect(unequal.df).toBeCloseTo(25 / 17, 12);
    // groups of 2, 1 and 3 give df = 5/3: an interval
    expect(clusterMeanInterval(totalsOf([[0, 2], [4], [3, 5, 10]])).interval).not.toBeNull();
    expect(clusterMeanInterval(totalsOf([[3, 3], [3, 3], [3, 3]]))).toMatchObject({ interval: null, unavailable: IntervalUnavailable.noVariation });
    expect(clusterMeanInterval([])).toMatchObject({ interval: null, unavailable: IntervalUnavailable.oneGroup });
  });

  it('ignores groups without values', () => {
    const groups = [[1, 2, 3], [5, 6, 7], [2, 3, 4]];
    expect(clusterMeanInterval([...totalsOf(groups), { n: 0, sum: 0 }])).toEqual(clusterMeanInterval(totalsOf(groups)));
  });
});

describe('per-group totals', () => {
  it('merge into one canonical order whatever the merge order', () => {
    const single = (n: number, sum: number): ClusterTotal[] => [{ n, sum }];
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(30), fc.integer({ min: -99, max: 99 })), { maxLength: 12 }), (pairs) => {
        const lists = pairs.map(([n, s]) => single(n, s));
        const left = lists.reduce(mergeClusterTotals, []);
        const right = [...lists].reverse().reduceRight((acc, l) => mergeClusterTotals(l, acc), [] as ClusterTotal[]);
        expect(JSON.stringify(left)).toBe(JSON.stringify(right));
        expect(left).toHaveLength(pairs.length);
      }),
      { numRuns: 100, seed: 11 },
    );
  });
});
