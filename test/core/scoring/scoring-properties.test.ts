import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listInstruments } from '../../../functions/core/instruments';
import type { InstrumentDefinition } from '../../../functions/core/instruments';
import { reverseAnswer, scoreAdministration } from '../../../functions/core/scoring';

const definitions = listInstruments({ includeDisabled: true });

// Any valid answer of a definition: an integer grid point of its scale.
const answer = (def: InstrumentDefinition): fc.Arbitrary<number> => {
  const scale = 10 ** def.answers.decimals;
  return fc.integer({ min: def.answers.min * scale, max: def.answers.max * scale }).map((v) => v / scale);
};

// A valid administration, with missing items where the definition tolerates them.
const administration = (def: InstrumentDefinition): fc.Arbitrary<(number | null)[]> =>
  fc
    .array(answer(def), { minLength: def.items.length, maxLength: def.items.length })
    .chain((items) =>
      fc.subarray(items.map((_, i) => i), { maxLength: def.missing.handling === 'prorate' ? def.missing.maxMissing : 0 })
        .map((missing) => items.map((v, i) => (missing.includes(i) ? null : v))),
    );

describe('scoring properties', () => {
  it.each(definitions.map((def) => [def.id, def] as const))('keeps %s scores within the score range', (_, def) => {
    fc.assert(
      fc.property(administration(def), (items) => {
        const { score, rawScore } = scoreAdministration(def, items);
        expect(score).toBeGreaterThanOrEqual(def.scoreRange.min);
        expect(score).toBeLessThanOrEqual(def.scoreRange.max);
        expect(rawScore).toBeGreaterThanOrEqual(def.rawRange.min - 1e-9);
        expect(rawScore).toBeLessThanOrEqual(def.rawRange.max + 1e-9);
      }),
      { numRuns: 200 },
    );
  });

  it.each(definitions.map((def) => [def.id, def] as const))('gives the identity when %s answers are reversed twice', (_, def) => {
    fc.assert(
      fc.property(answer(def), (value) => {
        expect(reverseAnswer(def.answers, reverseAnswer(def.answers, value))).toBeCloseTo(value, 12);
      }),
    );
  });

  it('moves a higher-is-better score up when one answer moves towards the better end', () => {
    // Prepare: WEMWBS has no reversed items, so raising any answer raises the score
    const def = definitions.find((d) => d.id === 'wemwbs');
    if (def === undefined) throw new Error('wemwbs missing');

    fc.assert(
      fc.property(administration(def), fc.nat({ max: 13 }), (items, i) => {
        fc.pre((items[i] ?? 5) < 5);
        const raised = items.map((v, j) => (j === i && v !== null ? v + 1 : v));
        expect(scoreAdministration(def, raised).score).toBe(scoreAdministration(def, items).score + 1);
      }),
    );
  });
});
