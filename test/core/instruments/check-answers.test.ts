import { describe, expect, it } from 'vitest';
import { checkAnswers, getInstrument } from '../../../functions/core/instruments';

describe('checkAnswers', () => {
  it('accepts a complete valid administration', () => {
    expect(checkAnswers(getInstrument('swemwbs'), [1, 2, 3, 4, 5, 4, 3])).toEqual([]);
  });

  it('reports every bad answer with its 0-based index and a message naming the item and allowed values', () => {
    // Act
    const problems = checkAnswers(getInstrument('swemwbs'), [0, 2, '3', 4, 5.5, 4, 6]);

    // Assess
    expect(problems.map((p) => p.item)).toEqual([0, 2, 4, 6]);
    expect(problems[0]?.message).toBe('item 1 of swemwbs: 0 is not allowed; allowed: integers 1–5');
    expect(problems[1]?.message).toMatch(/item 3 of swemwbs: '3' is not a number/);
  });

  it('reports too few and too many answers', () => {
    // Prepare
    const def = getInstrument('gad7');

    // Act & Assess
    expect(checkAnswers(def, [1, 1, 1])).toEqual([{ item: 3, message: 'gad7 needs 7 answers, got 3' }]);
    expect(checkAnswers(def, [1, 1, 1, 1, 1, 1, 1, 1]).map((p) => p.item)).toEqual([7]);
  });

  it('accepts one-decimal ORS answers and rejects two decimals', () => {
    // Prepare
    const def = getInstrument('ors');

    // Act
    const problems = checkAnswers(def, [0.1, 9.9, 10, 7.25]);

    // Assess
    expect(problems).toEqual([{ item: 3, message: 'item 4 of ors: 7.25 is not allowed; allowed: 0.0–10.0 in steps of 0.1' }]);
  });

  it('refuses answers a hair off the grid, however small, on integer and one-decimal scales', () => {
    // Act
    const integers = checkAnswers(getInstrument('phq9'), [5e-324, 1e-300, 1.00000001, 2.9999999999, 0, 1, 2, 3, -0]);
    const decimals = checkAnswers(getInstrument('ors'), [5e-324, 7.10000001, 0.30000000000000004, 0.3]);

    // Assess
    expect(integers.map((p) => p.item)).toEqual([0, 1, 2, 3]);
    expect(integers[0]?.message).toBe('item 1 of phq9: 5e-324 is not allowed; allowed: integers 0–3');
    expect(decimals.map((p) => p.item)).toEqual([0, 1, 2]);
  });

  it('takes every value of the one-decimal ORS grid as JSON carries it', () => {
    // Prepare
    const grid = Array.from({ length: 101 }, (_, k) => JSON.parse((k / 10).toFixed(1)) as number);

    // Act, Assess
    for (let i = 0; i < grid.length; i += 4) expect(checkAnswers(getInstrument('ors'), [0, 1, 2, 3].map((j) => grid[(i + j) % grid.length]))).toEqual([]);
  });

  it('refuses a missing answer where the instrument tolerates none', () => {
    expect(checkAnswers(getInstrument('phq9'), [1, 1, null, 1, 1, 1, 1, 1, 1])).toEqual([
      { item: 2, message: 'item 3 of phq9 is missing; phq9 needs every item answered (allowed: integers 0–3)' },
    ]);
  });

  it('tolerates one missing CORE-10 item but not two', () => {
    // Prepare
    const def = getInstrument('core10');

    // Act & Assess
    expect(checkAnswers(def, [1, 1, 1, 1, 1, 1, 1, 1, 1, null])).toEqual([]);
    expect(checkAnswers(def, [1, 1, 1, 1, 1, 1, 1, 1, null, null]).map((p) => p.item)).toEqual([8, 9]);
  });

  it('accepts one to three GBO goals but not none', () => {
    // Prepare
    const def = getInstrument('gbo');

    // Act & Assess
    expect(checkAnswers(def, [4])).toEqual([]);
    expect(checkAnswers(def, [4, null, 7])).toEqual([]);
    expect(checkAnswers(def, [])).toHaveLength(1);
    expect(checkAnswers(def, [null, null, null]).map((p) => p.item)).toEqual([0, 1, 2]);
  });
});
