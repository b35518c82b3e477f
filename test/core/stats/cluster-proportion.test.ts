import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clusterProportionInterval, IntervalUnavailable } from '../../../functions/core/stats';

const T975_2 = 4.302652729749462; // t(0.975, 2), R: qt(0.975, 2)

// Wilson at share p, size n, quantile z, written out.
const wilson = (p: number, n: number, z: number) => {
  const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const half = (z / (1 + (z * z) / n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return { low: centre - half, high: centre + half };
};

describe('cluster-robust interval of a proportion', () => {
  it('uses the CR2 effective n and t(df) in a Wilson interval (worked by hand)', () => {
    // Three groups of 10 with 2, 5 and 3 successes: p = 1/3; residual sums −4/3, 5/3, −1/3, Σ² = 14/3;
    // V = (14/3)/(2/3)/900 = 7/900; n_eff = p(1 − p)/V = (2/9)/(7/900) = 200/7; df = 2
    // R: coef_test(lm(x ~ 1), vcov = "CR2", cluster = g, test = "Satterthwaite") on the 0/1 indicator → SE² 0.0077777…, df 2
    const ci = clusterProportionInterval([{ n: 10, sum: 2 }, { n: 10, sum: 5 }, { n: 10, sum: 3 }]);
    const expected = wilson(1 / 3, 200 / 7, T975_2);
    expect(ci.df).toBeCloseTo(2, 12);
    expect(ci.interval?.low).toBeCloseTo(expected.low, 10);
    expect(ci.interval?.high).toBeCloseTo(expected.high, 10);
  });

  it('falls back to the actual n when every person has the same outcome', () => {
    // p = 0: Wilson gives [0, z²/(n + z²)] with n = 30
    const ci = clusterProportionInterval([{ n: 10, sum: 0 }, { n: 10, sum: 0 }, { n: 10, sum: 0 }]);
    expect(ci.interval?.low).toBe(0);
    expect(ci.interval?.high).toBeCloseTo((T975_2 * T975_2) / (30 + T975_2 * T975_2), 12);
  });

  it('keeps the bounds inside [0, 1] and around the share, however small the counts', () => {
    const group = fc.integer({ min: 1, max: 12 }).chain((n) => fc.record({ n: fc.constant(n), sum: fc.integer({ min: 0, max: n }) }));
    fc.assert(
      fc.property(fc.array(group, { minLength: 3, maxLength: 8 }), (groups) => {
        const ci = clusterProportionInterval(groups);
        const p = groups.reduce((s, g) => s + g.sum, 0) / groups.reduce((s, g) => s + g.n, 0);
        if (ci.interval === null) {
          expect(ci.unavailable).toBe(IntervalUnavailable.tooFewGroups);
          return;
        }
        expect(ci.interval.low).toBeGreaterThanOrEqual(0);
        expect(ci.interval.high).toBeLessThanOrEqual(1);
        expect(ci.interval.low).toBeLessThanOrEqual(p + 1e-12);
        expect(ci.interval.high).toBeGreaterThanOrEqual(p - 1e-12);
      }),
      { numRuns: 200, seed: 13 },
    );
  });

  it('gives no interval for one or two groups', () => {
    expect(clusterProportionInterval([{ n: 12, sum: 5 }])).toMatchObject({ interval: null, unavailable: IntervalUnavailable.oneGroup });
    expect(clusterProportionInterval([{ n: 12, sum: 5 }, { n: 9, sum: 1 }])).toMatchObject({ interval: null, unavailable: IntervalUnavailable.tooFewGroups });
  });
});
