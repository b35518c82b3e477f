import { describe, expect, it } from 'vitest';
import { getInstrument } from '../../../functions/core/instruments';
import type { Band, InstrumentDefinition } from '../../../functions/core/instruments/instrument-definition';
import { findBand, isCase, scoreAdministration } from '../../../functions/core/scoring';

const source = { citation: 'test', status: 'unverified' as const };
const band = (label: string, min: number, max: number, minExclusive = false, maxExclusive = false): Band => ({ label, min, max, minExclusive, maxExclusive, source });

describe('isCase', () => {
  it.each([
    ['at-or-above', [false, true, true]],
    ['above', [false, false, true]],
    ['below', [true, false, false]],
    ['at-or-below', [true, true, false]],
  ] as const)('reads a cut-off of 10 %s as the clinical side at 9, 10 and 11', (caseWhen, expected) => {
    expect([9, 10, 11].map((score) => isCase({ value: 10, caseWhen, label: 'case', source }, score))).toEqual(expected);
  });
});

describe('findBand', () => {
  const bands = [band('open', 0, 10, true, true), band('closed', 10, 20), band('half', 20, 30, true)];

  it('honours exclusive and inclusive ends on both sides', () => {
    expect([0, 0.5, 9.9, 10, 15, 20, 20.5, 30, 30.5, -1].map((s) => findBand(bands, s)))
      .toEqual([null, 'open', 'open', 'closed', 'closed', 'closed', 'half', 'half', null, null]);
  });

  it('gives no band below an inclusive minimum or above an inclusive maximum', () => {
    expect([findBand([band('b', 5, 8)], 4.99), findBand([band('b', 5, 8)], 8.01), findBand([], 5)]).toEqual([null, null, null]);
  });
});

describe('scoreAdministration: details that a wrong formula would change', () => {
  it('leaves the band out of the result of an instrument without bands (no band: null)', () => {
    const result = scoreAdministration(getInstrument('ors'), [5, 5, 5, 5]);
    expect(Object.keys(result)).toEqual(['instrument', 'version', 'rawScore', 'score', 'case', 'flags']);
  });

  it('skips a missing item in the middle and prorates the rest', () => {
    // CORE-10 item 4 missing; the others 1, reversed items 2 and 3 answered 4 (→ 0): 7 over 9 items → 7 × 10 / 9
    const result = scoreAdministration(getInstrument('core10'), [1, 4, 4, null, 1, 1, 1, 1, 1, 1]);
    expect(result.rawScore).toBeCloseTo(70 / 9, 12);
    expect(result.flags).toContain('prorated');
  });

  it('refuses a raw score outside a conversion table instead of returning no score', () => {
    // Prepare: SWEMWBS with its table cut after raw 20
    const swemwbs = getInstrument('swemwbs');
    const cut: InstrumentDefinition = { ...swemwbs, scoring: { ...swemwbs.scoring, table: (swemwbs.scoring.table ?? []).slice(0, 20 - swemwbs.rawRange.min + 1) } };

    // Act, Assess
    expect(scoreAdministration(cut, [3, 3, 3, 3, 3, 3, 2]).rawScore).toBe(20);
    expect(() => scoreAdministration(cut, [3, 3, 3, 3, 3, 3, 3])).toThrow('swemwbs: raw score 21 is outside its conversion table');
  });
});
