import { describe, expect, it } from 'vitest';
import { getInstrument } from '../../../functions/core/instruments';
import { InvalidAnswerError, scoreAdministration } from '../../../functions/core/scoring';

const score = (id: string, items: readonly (number | null)[]) =>
  scoreAdministration(getInstrument(id, { licensed: ['cd-risc-10'] }), items);
const repeat = (value: number, n: number): number[] => Array.from({ length: n }, () => value);

describe('scoreAdministration: SWEMWBS', () => {
  // Every row of the Rasch raw → metric conversion table (DOMAIN.md).
  const TABLE: [number, number][] = [
    [7, 7.0], [8, 9.51], [9, 11.25], [10, 12.4], [11, 13.33], [12, 14.08], [13, 14.75], [14, 15.32], [15, 15.84],
    [16, 16.36], [17, 16.88], [18, 17.43], [19, 17.98], [20, 18.59], [21, 19.25], [22, 19.98], [23, 20.73],
    [24, 21.54], [25, 22.35], [26, 23.21], [27, 24.11], [28, 25.03], [29, 26.02], [30, 27.03], [31, 28.13],
    [32, 29.31], [33, 30.7], [34, 32.55], [35, 35.0],
  ];

  it.each(TABLE)('converts raw %d to metric score %d', (raw, metric) => {
    // Prepare: spread the raw sum over 7 items of 1..5
    const items = repeat(1, 7);
    for (let left = raw - 7, i = 0; left > 0; i = (i + 1) % 7) {
      const add = Math.min(4 - ((items[i] ?? 1) - 1), left);
      items[i] = (items[i] ?? 1) + add;
      left -= add;
    }

    // Act
    const result = score('swemwbs', items);

    // Assess
    expect(result.rawScore).toBe(raw);
    expect(result.score).toBe(metric);
    expect(result).not.toHaveProperty('case');
  });

  it('bands metric scores on half-open intervals', () => {
    expect(score('swemwbs', [3, 3, 3, 3, 3, 2, 2]).band).toBe('probable depression'); // raw 19 → 17.98
    expect(score('swemwbs', [3, 3, 3, 3, 3, 3, 2]).band).toBe('possible depression'); // raw 20 → 18.59
    expect(score('swemwbs', [4, 4, 3, 3, 3, 3, 3]).band).toBe('possible depression'); // raw 23 → 20.73
    expect(score('swemwbs', [4, 4, 4, 3, 3, 3, 3]).band).toBe('average'); // raw 24 → 21.54
    expect(score('swemwbs', [5, 5, 4, 4, 4, 4, 4]).band).toBe('average'); // raw 30 → 27.03
    expect(score('swemwbs', [5, 5, 5, 4, 4, 4, 4]).band).toBe('high'); // raw 31 → 28.13
  });
});

describe('scoreAdministration: minimum and maximum of every instrument', () => {
  const CASES: [string, number, number, number, number, number][] = [
    // id, items, min answer, max answer, min score, max score
    ['wemwbs', 14, 1, 5, 14, 70],
    ['phq9', 9, 0, 3, 0, 27],
    ['gad7', 7, 0, 3, 0, 21],
    ['k10', 10, 1, 5, 10, 50],
    ['ors', 4, 0, 10, 0, 40],
    ['gsrs', 4, 0, 10, 0, 40],
    ['gbo', 3, 0, 10, 0, 10],
    ['cd-risc-10', 10, 0, 4, 0, 40],
  ];

  it.each(CASES)('scores %s from its minimum to its maximum', (id, n, low, high, min, max) => {
    expect(score(id, repeat(low, n)).score).toBe(min);
    expect(score(id, repeat(high, n)).score).toBe(max);
  });

  it('scores BRS 1.00 and 5.00 at its extremes, with items 2, 4 and 6 reversed', () => {
    expect(score('brs', [1, 5, 1, 5, 1, 5]).score).toBe(1);
    expect(score('brs', [5, 1, 5, 1, 5, 1]).score).toBe(5);
    // All answers 5: items 2, 4, 6 reverse to 1 → (5+1+5+1+5+1)/6 = 3
    expect(score('brs', repeat(5, 6))).toMatchObject({ rawScore: 18, score: 3, band: 'normal' });
  });

  it('scores CORE-10 0 and 40 at its extremes, with items 2 and 3 reversed', () => {
    expect(score('core10', [0, 4, 4, 0, 0, 0, 0, 0, 0, 0]).score).toBe(0);
    expect(score('core10', [4, 0, 0, 4, 4, 4, 4, 4, 4, 4]).score).toBe(40);
    // Items 2 and 3 answered 4 reverse to 0; item 6 is 0; the other seven answered 1: 7
    expect(score('core10', [1, 4, 4, 1, 1, 0, 1, 1, 1, 1]).score).toBe(7);
  });
});

describe('scoreAdministration: band edges and cut-offs', () => {
  const phq9 = (total: number) => {
    const items = repeat(0, 9);
    for (let left = total, i = 0; left > 0; i += 1) {
      items[i] = Math.min(3, left);
      left -= items[i] ?? 0;
    }
    return score('phq9', items);
  };

  it.each([
    [4, 'minimal', false], [5, 'mild', false], [9, 'mild', false], [10, 'moderate', true], [14, 'moderate', true],
    [15, 'moderately severe', true], [19, 'moderately severe', true], [20, 'severe', true], [27, 'severe', true],
  ] as const)('puts PHQ-9 %d in band %s with case %s', (total, band, isCase) => {
    expect(phq9(total)).toMatchObject({ score: total, band, case: isCase });
  });

  it('makes GAD-7 a case from 8', () => {
    expect(score('gad7', [1, 1, 1, 1, 1, 1, 1])).toMatchObject({ score: 7, band: 'mild', case: false });
    expect(score('gad7', [2, 1, 1, 1, 1, 1, 1])).toMatchObject({ score: 8, band: 'mild', case: true });
    expect(score('gad7', [3, 3, 3, 3, 3, 0, 0])).toMatchObject({ score: 15, band: 'severe' });
  });

  it('makes CORE-10 a case from 11', () => {
    // items 2 and 3 answered 4 (→ 0); 10 and 11 spread over the other eight
    expect(score('core10', [2, 4, 4, 1, 1, 1, 1, 1, 1, 2])).toMatchObject({ score: 10, band: 'low', case: false });
    expect(score('core10', [2, 4, 4, 2, 1, 1, 1, 1, 1, 2])).toMatchObject({ score: 11, band: 'mild', case: true });
    expect(score('core10', [4, 0, 0, 4, 4, 0, 4, 4, 1, 0])).toMatchObject({ score: 29, band: 'severe' });
  });

  it('bands K10 at 19/20, 24/25 and 29/30', () => {
    expect(score('k10', [2, 2, 2, 2, 2, 2, 2, 2, 2, 1]).band).toBe('likely well');
    expect(score('k10', repeat(2, 10)).band).toBe('mild');
    expect(score('k10', [3, 3, 3, 3, 2, 2, 2, 2, 2, 2]).band).toBe('mild');
    expect(score('k10', [3, 3, 3, 3, 3, 2, 2, 2, 2, 2]).band).toBe('moderate');
    expect(score('k10', [3, 3, 3, 3, 3, 3, 3, 3, 3, 2]).band).toBe('moderate');
    expect(score('k10', repeat(3, 10)).band).toBe('severe');
    expect(score('k10', repeat(3, 10))).not.toHaveProperty('case');
  });

  it('bands BRS low below 3.00 and high above 4.30', () => {
    // Items 2, 4 and 6 reverse (1 ↔ 5, 2 ↔ 4); the mean moves in steps of 1/6
    expect(score('brs', [2, 3, 3, 3, 3, 3]).band).toBe('low'); // 17 / 6 = 2.8333
    expect(score('brs', [3, 3, 3, 3, 3, 3]).band).toBe('normal'); // 18 / 6 = 3.00
    expect(score('brs', [4, 1, 4, 2, 4, 2]).band).toBe('normal'); // 4+5+4+4+4+4 = 25 → 4.1667
    expect(score('brs', [4, 1, 5, 2, 4, 2])).toMatchObject({ rawScore: 26, score: 26 / 6, band: 'high' }); // 4.3333
  });

  it('treats WEMWBS below 43.5 as a case and ORS below 25', () => {
    expect(score('wemwbs', [...repeat(3, 13), 4]).case).toBe(true); // 43
    expect(score('wemwbs', [...repeat(3, 12), 4, 4]).case).toBe(false); // 44
    expect(score('ors', [6.2, 6.2, 6.3, 6.2])).toMatchObject({ score: 24.9, case: true });
    expect(score('ors', [6.2, 6.2, 6.3, 6.3])).toMatchObject({ score: 25, case: false });
  });

  it('adds one-decimal answers without float noise', () => {
    expect(score('ors', [7.3, 6.1, 5.5, 8.4]).score).toBe(27.3);
    expect(score('gsrs', [0.1, 0.2, 9.7, 9.9]).score).toBe(19.9);
  });
});

describe('scoreAdministration: missing items and risk', () => {
  it('prorates one missing CORE-10 item to ten items and flags it', () => {
    // 9 items answered (items 2, 3 reversed: 4 → 0) summing to 7 → prorated 7 × 10 / 9 = 7.78; item 6 = 1 is a risk
    expect(score('core10', [1, 4, 4, 1, 1, 1, 1, 1, 1, null]))
      .toEqual({ instrument: 'core10', version: '1.0.0', rawScore: 7 * 10 / 9, score: 7 * 10 / 9, band: 'low', case: false, flags: ['prorated', 'risk'] });
  });

  it('averages over the GBO goals set without flagging them as prorated', () => {
    expect(score('gbo', [3, null, 8])).toMatchObject({ rawScore: 11, score: 5.5, flags: [] });
    expect(score('gbo', [7])).toMatchObject({ score: 7, flags: [] });
  });

  it('flags the CORE-10 risk item and the PHQ-9 item 9 above 0', () => {
    expect(score('core10', [0, 4, 4, 0, 0, 1, 0, 0, 0, 0]).flags).toEqual(['risk']);
    expect(score('core10', [0, 4, 4, 0, 0, 0, 0, 0, 0, 0]).flags).toEqual([]);
    expect(score('phq9', [0, 0, 0, 0, 0, 0, 0, 0, 1]).flags).toEqual(['risk']);
  });

  it('throws InvalidAnswerError naming the first bad item and the allowed values', () => {
    // Act
    const act = () => score('gad7', [1, 1, 1, 4, 1, 1, 1]);

    // Assess
    expect(act).toThrow(InvalidAnswerError);
    expect(act).toThrow('item 4 of gad7: 4 is not allowed; allowed: integers 0–3');
    try {
      act();
    } catch (error) {
      expect(error).toMatchObject({ name: 'InvalidAnswerError', item: 3 });
    }
  });

  it('refuses a missing SWEMWBS item', () => {
    expect(() => score('swemwbs', [1, 2, 3, 4, 5, 4, null])).toThrow(/item 7 of swemwbs is missing/);
  });
});
