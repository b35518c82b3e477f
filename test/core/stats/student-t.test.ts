import { describe, expect, it } from 'vitest';
import { logGamma, regularizedIncompleteBeta, studentTCdf, studentTQuantile } from '../../../functions/core/stats';

describe('studentTQuantile', () => {
  // Published two-sided 95% critical values (e.g. NIST/SEMATECH e-Handbook table of t, to 9 decimals).
  it.each([
    [1, 12.706204736], [2, 4.302652730], [3, 3.182446305], [5, 2.570581836], [10, 2.228138852],
    [20, 2.085963447], [30, 2.042272456], [60, 2.000297822], [120, 1.979930405],
  ])('gives t(0.975, %d) = %d', (df, expected) => {
    expect(studentTQuantile(0.975, df)).toBeCloseTo(expected, 8);
  });

  it('matches the closed forms for 1 and 2 degrees of freedom', () => {
    // df = 1 is Cauchy: t = tan(π(p − ½)); df = 2: t = (2p − 1)·√(2 / (4p(1 − p)))
    for (const p of [0.6, 0.9, 0.95, 0.975, 0.995]) {
      expect(studentTQuantile(p, 1)).toBeCloseTo(Math.tan(Math.PI * (p - 0.5)), 9);
      expect(studentTQuantile(p, 2)).toBeCloseTo((2 * p - 1) * Math.sqrt(2 / (4 * p * (1 - p))), 9);
    }
  });

  it('is symmetric and inverts the CDF', () => {
    expect(studentTQuantile(0.025, 7)).toBeCloseTo(-studentTQuantile(0.975, 7), 12);
    expect(studentTQuantile(0.5, 7)).toBe(0);
    expect(studentTCdf(studentTQuantile(0.99, 4), 4)).toBeCloseTo(0.99, 12);
  });

  it('approaches the normal quantile for large df', () => {
    expect(studentTQuantile(0.975, 1e7)).toBeCloseTo(1.959963985, 6);
  });

  it('rejects impossible arguments', () => {
    expect(() => studentTQuantile(1, 3)).toThrow(RangeError);
    expect(() => studentTQuantile(0.5, 0)).toThrow(RangeError);
  });
});

describe('special functions', () => {
  it('computes log-gamma at known points', () => {
    expect(logGamma(1)).toBeCloseTo(0, 14);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 13);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 13);
  });

  it('computes the regularized incomplete beta at known points', () => {
    // I_x(1, 1) = x; I_x(a, 1) = x^a; I_½(a, a) = ½
    expect(regularizedIncompleteBeta(0.3, 1, 1)).toBeCloseTo(0.3, 14);
    expect(regularizedIncompleteBeta(0.7, 3, 1)).toBeCloseTo(0.343, 14);
    expect(regularizedIncompleteBeta(0.5, 4.5, 4.5)).toBeCloseTo(0.5, 14);
  });
});
