import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupCorrelation, MIN_CORRELATION_GROUPS, Z975 } from '../../../functions/core/stats';

const pointsOf = (x: readonly number[], y: readonly number[]) => x.map((v, i) => ({ x: v, y: y[i] ?? 0 }));

describe('groupCorrelation', () => {
  it('matches R cor.test (Pearson r, Fisher z interval) on two datasets', () => {
    // R: x <- 1:10; y <- c(2,1,4,3,6,5,8,7,10,9); cor.test(x, y) → 0.939393939393939, [0.758244102884509, 0.985895473143617]
    const a = groupCorrelation(pointsOf([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [2, 1, 4, 3, 6, 5, 8, 7, 10, 9]));
    // R: x2 <- c(3.1,2.2,5.9,4.4,1,7.3,6.1,2.8,5,3.3); y2 <- c(-1,0.5,2,-3,4,1.5,-0.5,2.5,0,1); cor.test(x2, y2)
    const b = groupCorrelation(pointsOf([3.1, 2.2, 5.9, 4.4, 1.0, 7.3, 6.1, 2.8, 5.0, 3.3], [-1, 0.5, 2, -3, 4, 1.5, -0.5, 2.5, 0, 1]));
    expect(a?.r).toBeCloseTo(0.939393939393939, 12);
    expect(a?.interval.low).toBeCloseTo(0.758244102884509, 12);
    expect(a?.interval.high).toBeCloseTo(0.985895473143617, 12);
    expect(b?.r).toBeCloseTo(-0.284740028380857, 12);
    expect(b?.interval.low).toBeCloseTo(-0.775359944703435, 12);
    expect(b?.interval.high).toBeCloseTo(0.420223940484779, 12);
    expect(a?.groups).toBe(10);
    expect(Z975).toBe(1.959963984540054); // R: qnorm(0.975)
  });

  it('publishes nothing below 10 groups, and nothing without variation', () => {
    const nine = pointsOf([1, 2, 3, 4, 5, 6, 7, 8, 9], [2, 1, 4, 3, 6, 5, 8, 7, 10]);
    expect(MIN_CORRELATION_GROUPS).toBe(10);
    expect(groupCorrelation(nine)).toBeNull();
    expect(groupCorrelation(nine, 9)?.groups).toBe(9);
    expect(groupCorrelation(nine.slice(0, 3), 0)).toBeNull(); // the Fisher interval needs m > 3
    expect(groupCorrelation(pointsOf(Array(12).fill(3), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]))).toBeNull();
    expect(groupCorrelation(pointsOf([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], Array(12).fill(3)))).toBeNull();
  });

  it('gives exactly ±1 for points on a line, with a degenerate interval there', () => {
    const up = groupCorrelation(pointsOf([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [3, 5, 7, 9, 11, 13, 15, 17, 19, 21]));
    const down = groupCorrelation(pointsOf([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [0, -1, -2, -3, -4, -5, -6, -7, -8, -9]));
    expect([up?.r, up?.interval.low, up?.interval.high]).toEqual([1, 1, 1]);
    expect([down?.r, down?.interval.low, down?.interval.high]).toEqual([-1, -1, -1]);
  });

  it('is symmetric, sign-aware and unchanged by rescaling, and its interval holds r (property, seeded)', () => {
    const point = fc.record({ x: fc.integer({ min: 0, max: 40 }), y: fc.integer({ min: -20, max: 20 }) });
    fc.assert(
      fc.property(fc.array(point, { minLength: 10, maxLength: 40 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: -9, max: 9 }), (points, scale, shift) => {
        const c = groupCorrelation(points);
        if (c === null) return;
        const swapped = groupCorrelation(points.map((p) => ({ x: p.y, y: p.x })));
        const mirrored = groupCorrelation(points.map((p) => ({ x: p.x, y: -p.y })));
        const rescaled = groupCorrelation(points.map((p) => ({ x: scale * p.x + shift, y: p.y })));
        expect(c.r).toBeGreaterThanOrEqual(-1);
        expect(c.r).toBeLessThanOrEqual(1);
        expect(c.interval.low).toBeLessThanOrEqual(c.r + 1e-12);
        expect(c.interval.high).toBeGreaterThanOrEqual(c.r - 1e-12);
        expect(swapped?.r).toBeCloseTo(c.r, 12);
        expect(mirrored?.r).toBeCloseTo(-c.r, 12);
        expect(mirrored?.interval.low).toBeCloseTo(-c.interval.high, 12);
        expect(rescaled?.r).toBeCloseTo(c.r, 10);
        // half-width on the z scale is z / √(m − 3)
        if (Math.abs(c.r) < 0.999) expect(Math.atanh(c.interval.high) - Math.atanh(c.r)).toBeCloseTo(Z975 / Math.sqrt(points.length - 3), 9);
      }),
      { numRuns: 300, seed: 103 },
    );
  });
});
