import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hedgesCorrection, IntervalUnavailable, standardisedMean, studentTQuantile } from '../../../functions/core/stats';
import { denseCr2Mean } from './support/dense-cr2';

interface Person { baseline: number; change: number }

const totalsOf = (groups: readonly (readonly Person[])[]) => groups.map((g) => ({
  n: g.length,
  xSum: g.reduce((s, p) => s + p.change, 0),
  ySum: g.reduce((s, p) => s + p.baseline, 0),
  ySumSq: g.reduce((s, p) => s + p.baseline * p.baseline, 0),
}));

// The linearisation of d = mean(change)/SD(baseline), person by person from the raw data (the definition).
const pseudoValues = (groups: readonly (readonly Person[])[]): number[][] => {
  const people = groups.flat();
  const n = people.length;
  const mx = people.reduce((s, p) => s + p.change, 0) / n;
  const my = people.reduce((s, p) => s + p.baseline, 0) / n;
  const ss = people.reduce((s, p) => s + (p.baseline - my) ** 2, 0);
  const sd = Math.sqrt(ss / (n - 1));
  const d = mx / sd;
  return groups.map((g) => g.map((p) => (p.change - mx) / sd - (d / (2 * sd * sd)) * ((p.baseline - my) ** 2 - ss / n)));
};

describe("Hedges' exact correction", () => {
  it('gives the closed forms at df 3 and 4', () => {
    // J(4) = Γ(2) / (√2 · Γ(3/2)) = 1 / (√2 · √π/2) = √(2/π); J(3) = Γ(3/2) / (√(3/2) · Γ(1)) = (√π/2) / √1.5
    expect(hedgesCorrection(4)).toBeCloseTo(Math.sqrt(2 / Math.PI), 12);
    expect(hedgesCorrection(3)).toBeCloseTo(Math.sqrt(Math.PI) / 2 / Math.sqrt(1.5), 12);
    // R: gamma(5) / (sqrt(5) * gamma(4.5)) → 0.922745608053087
    expect(hedgesCorrection(10)).toBeCloseTo(0.922745608053087, 12);
  });

  it('approaches 1 − 3/(4·df − 1) and stays finite for large df', () => {
    expect(Math.abs(hedgesCorrection(100) - (1 - 3 / 399))).toBeLessThan(1e-5);
    expect(hedgesCorrection(1e6)).toBeCloseTo(1 - 3 / (4e6 - 1), 8);
    expect(() => hedgesCorrection(1)).toThrow(RangeError);
  });
});

describe('standardised mean with a cluster-robust interval', () => {
  it('gives J · mean change / SD(baseline) and the CR2 interval of its linearisation (worked from raw data)', () => {
    // Four groups of paired people (baseline, change). J(N − 1) with N = 10; SD with the N − 1 denominator.
    const groups: Person[][] = [
      [{ baseline: 20, change: -6 }, { baseline: 15, change: -2 }, { baseline: 18, change: -5 }],
      [{ baseline: 12, change: 1 }, { baseline: 14, change: -3 }],
      [{ baseline: 22, change: -9 }, { baseline: 17, change: -4 }, { baseline: 16, change: 0 }],
      [{ baseline: 11, change: -1 }, { baseline: 19, change: -7 }],
    ];
    const people = groups.flat();
    const mean = people.reduce((s, p) => s + p.change, 0) / 10; // −36/10
    const my = people.reduce((s, p) => s + p.baseline, 0) / 10; // 164/10
    const sd = Math.sqrt(people.reduce((s, p) => s + (p.baseline - my) ** 2, 0) / 9);
    const j = hedgesCorrection(9);
    const dense = denseCr2Mean(pseudoValues(groups));
    // t quantile at the dense df (studentTQuantile is checked against published tables in student-t.test.ts)
    const half = studentTQuantile(0.975, dense.df) * j * Math.sqrt(dense.variance);

    const g = standardisedMean(totalsOf(groups));
    expect(g?.value).toBeCloseTo(j * (mean / sd), 12);
    expect(dense.mean).toBeCloseTo(0, 12); // the pseudo-values sum to zero
    expect(g?.interval.df).toBeCloseTo(dense.df, 9);
    expect(g?.interval.interval?.low).toBeCloseTo(j * (mean / sd) - half, 9);
    expect(g?.interval.interval?.high).toBeCloseTo(j * (mean / sd) + half, 9);
    // R (clubSandwich 0.5.8), the same linearisation: b <- c(20, 15, 18, 12, 14, 22, 17, 16, 11, 19);
    //   d <- c(-6, -2, -5, 1, -3, -9, -4, 0, -1, -7); g <- c(1, 1, 1, 2, 2, 3, 3, 3, 4, 4); s <- sd(b); dd <- mean(d)/s
    //   psi <- (d - mean(d))/s - dd/(2*s^2)*((b - mean(b))^2 - mean((b - mean(b))^2)); J <- gamma(9/2)/(sqrt(9/2)*gamma(4))
    //   ct <- coef_test(lm(psi ~ 1), vcov = "CR2", cluster = g, test = "Satterthwaite")
    //   → J*dd −0.939346808755194, J*SE 0.231495213524125, df 2.861313868613139, CI −1.696686716553479 to −0.182006900956909
    expect(g?.value).toBeCloseTo(-0.939346808755194, 12);
    expect(g?.interval.df).toBeCloseTo(2.861313868613139, 12);
    expect(g?.interval.interval?.low).toBeCloseTo(-1.696686716553479, 10);
    expect(g?.interval.interval?.high).toBeCloseTo(-0.182006900956909, 10);
  });

  it('agrees with the dense-matrix CR2 of the raw linearisation on random data', () => {
    const person = fc.record({ baseline: fc.integer({ min: 0, max: 27 }), change: fc.integer({ min: -15, max: 15 }) });
    fc.assert(
      fc.property(fc.array(fc.array(person, { minLength: 1, maxLength: 4 }), { minLength: 3, maxLength: 5 }), (groups) => {
        const g = standardisedMean(totalsOf(groups));
        const people = groups.flat();
        const my = people.reduce((s, p) => s + p.baseline, 0) / people.length;
        if (people.every((p) => p.baseline === my)) {
          expect(g).toBeNull();
          return;
        }
        const dense = denseCr2Mean(pseudoValues(groups));
        expect(g?.interval.df).toBeCloseTo(dense.df, 6);
        if (g?.interval.interval != null) {
          const half = (g.interval.interval.high - g.interval.interval.low) / 2;
          expect(g.interval.interval.low + half).toBeCloseTo(g.value, 9);
        }
      }),
      { numRuns: 40, seed: 12 },
    );
  });

  it('has no interval with two groups and no value below 3 people or with a constant baseline', () => {
    const two = [[{ baseline: 10, change: -2 }, { baseline: 14, change: -5 }], [{ baseline: 12, change: 1 }, { baseline: 9, change: -1 }]];
    expect(standardisedMean(totalsOf(two))?.interval).toMatchObject({ interval: null, unavailable: IntervalUnavailable.tooFewGroups });
    expect(standardisedMean(totalsOf([[{ baseline: 10, change: 1 }, { baseline: 12, change: 2 }]]))).toBeNull();
    expect(standardisedMean(totalsOf([[{ baseline: 5, change: 1 }], [{ baseline: 5, change: 2 }], [{ baseline: 5, change: 0 }]]))).toBeNull();
  });
});
