import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { perturbationBand, perturbations, perturbedRow } from '../../../functions/core/disclosure/perturbation';
import { figureKey } from '../../../functions/core/disclosure/figure-key';
import type { FigureRow } from '../../../functions/core/figures/figure-row';
import { countCell } from './support/figure-fixtures';

const KEY = Buffer.from('perturbation test key');
const RULE = { key: KEY, band: perturbationBand(8, 5), minBase: 20, rounding: 1 };

/** One outcome cell: paired people, reliably improved and deteriorated counts. */
const outcomeCell = (programme: string, paired: number, improved: number, deteriorated: number): FigureRow[] =>
  countCell({ programme_id: programme, instrument: 'swemwbs' }, { paired, reliably_improved: improved, reliably_deteriorated: deteriorated }, paired)
    .map((r) => (r.metric === 'paired' ? r : { ...r, n_participants: r.value }));

/** One participation cell: drop-out and completion rates of `finished` people. */
const finishedCell = (programme: string, finished: number, dropouts: number): FigureRow[] => [
  { ...countCell({ programme_id: programme }, { dropout_rate: dropouts / finished }, finished)[0]! },
  { ...countCell({ programme_id: programme }, { completion_rate: (finished - dropouts) / finished }, finished)[0]! },
];

describe('perturbation of small headline counts', () => {
  it('takes the band from the rule: k − 1 + the protection width, at least k', () => {
    expect(perturbationBand(8, 5)).toBe(12);
    expect(perturbationBand(10, 5)).toBeGreaterThanOrEqual(10);
  });

  it('perturbs counts of 1..12 in cells of 20 or more paired people, and nothing else', () => {
    // Prepare: a well-paired cell (3 and 13 people), a small one (3 of 19), a zero
    const rows = [...outcomeCell('a', 40, 3, 13), ...outcomeCell('b', 19, 3, 2), ...outcomeCell('c', 25, 0, 12)];

    // Act
    const out = perturbations(rows, RULE);

    // Assess
    const perturbed = rows.filter((r) => out.has(figureKey(r))).map((r) => `${r.programme_id} ${r.metric}`);
    expect(perturbed).toEqual(['a reliably_improved', 'c reliably_deteriorated']);
  });

  it('gives the same value for the same cell and count, whatever else the release holds', () => {
    // Prepare
    const cell = outcomeCell('a', 40, 5, 2);
    const more = [...cell, ...outcomeCell('b', 30, 4, 4)];

    // Act
    const [alone, among] = [perturbations(cell, RULE), perturbations(more, RULE)];

    // Assess
    for (const row of cell.filter((r) => alone.has(figureKey(r)))) expect(among.get(figureKey(row))).toEqual(alone.get(figureKey(row)));
  });

  it('can publish every value of the band for every true count (the value says only that the count is 1..12)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), (x) => {
        // Act: the same true count in 400 cells
        const values = new Set<number>();
        for (let i = 0; i < 400; i += 1) {
          const out = perturbations(outcomeCell(`p${i}`, 30, x, 0), RULE);
          const value = [...out.values()][0]?.value;
          if (value !== undefined) values.add(value);
        }
        // Assess: every value of 1..12, and nothing outside it
        expect([...values].sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
      }),
      { seed: 20261208, numRuns: 12 },
    );
  });

  it('keeps completion and drop-out rates consistent (completion = 1 − drop-outs / n) and, for funders, uses the rounded n', () => {
    // Prepare
    const rows = finishedCell('a', 33, 4);

    // Act
    const exact = perturbations(rows, RULE);
    const funder = perturbations(rows, { ...RULE, rounding: 5 });

    // Assess
    const [dropout, completion] = rows.map((r) => exact.get(figureKey(r)));
    expect(dropout?.n).toBe(33);
    expect((dropout?.value ?? 0) + (completion?.value ?? 0)).toBeCloseTo(1, 10);
    const p = Math.round((dropout?.value ?? 0) * 33);
    expect(Math.abs((dropout?.value ?? 0) * 33 - p)).toBeLessThan(1e-9);
    expect(p).toBeGreaterThanOrEqual(1);
    expect(p).toBeLessThanOrEqual(12);
    const [funderDropout] = rows.map((r) => funder.get(figureKey(r)));
    expect(funderDropout?.n).toBe(35);
    expect(Math.round((funderDropout?.value ?? 0) * 35)).toBeGreaterThanOrEqual(1);
  });

  it('publishes a perturbed figure visible, marked and without an interval', () => {
    // Prepare
    const row = { ...outcomeCell('a', 40, 3, 0)[1]!, ci_low: 1, ci_high: 5, suppressed: true, suppression_reason: 'primary:count<8' };

    // Act
    const shown = perturbedRow(row, { value: 7, n: 7 });

    // Assess
    expect(shown).toMatchObject({ value: 7, n_participants: 7, ci_low: null, ci_high: null, suppressed: false, suppression_reason: null, perturbed: true });
  });
});

describe('perturbation when a count changes', () => {
  it('draws again whether a cell keeps its true value, so a value that follows the data is no sign of an exact one', () => {
    // Act: 300 cells whose count goes from 3 to 4 (one late record each)
    let followed = 0;
    let kept = 0;
    for (let i = 0; i < 300; i += 1) {
      const [before, after] = [3, 4].map((x) => [...perturbations(outcomeCell(`q${i}`, 30, x, 0), RULE).values()][0]?.value);
      if (after === (before ?? 0) + 1) followed += 1;
      if (before === 3 && after === 4) kept += 1;
    }

    // Assess: both exact about a quarter of the time, not half (a cell's keep does not carry over)
    expect(kept / 300).toBeGreaterThan(0.15);
    expect(kept / 300).toBeLessThan(0.4);
    expect(followed).toBeGreaterThanOrEqual(kept);
  });

  it('perturbs a drop-out rate of 8..12 finished starters in a cell of 20 or more over 1..n for managers, never for funders', () => {
    // Prepare: 200 cells of 30 participants, 10 of whom finished, 3 dropped out; one of 7 finished (below k)
    const cells = Array.from({ length: 200 }, (_, i) => [
      ...countCell({ programme_id: `p${i}` }, { participants: 30 }, 30), ...finishedCell(`p${i}`, 10, 3),
    ]);
    const belowK = [...countCell({ programme_id: 'small' }, { participants: 30 }, 30), ...finishedCell('small', 7, 3)];

    // Act
    const values = cells.map((rows) => Math.round((perturbations(rows, { ...RULE, k: 8 }).get(figureKey(rows[1]!))?.value ?? Number.NaN) * 10));
    const funder = cells.map((rows) => perturbations(rows, { ...RULE, k: 8, rounding: 5 }).get(figureKey(rows[1]!)));
    const small = perturbations(belowK, { ...RULE, k: 8 });

    // Assess: every value is a count in 1..10 of the 10 (all of them occur), the true 3 about half the time
    expect(new Set(values)).toEqual(new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
    const kept = values.filter((v) => v === 3).length;
    expect(kept).toBeGreaterThan(80);
    expect(kept).toBeLessThan(140);
    expect(funder.every((p) => p === undefined)).toBe(true);
    expect(small.size).toBe(0);
    // With k = 1 (band 5), a rate of 1..5 finished starters would be pinned too closely: never perturbed over 1..n
    const tiny = [...countCell({ programme_id: 'tiny' }, { participants: 30 }, 30), ...finishedCell('tiny', 1, 1)];
    expect(perturbations(tiny, { ...RULE, band: perturbationBand(1, 5), k: 1 }).size).toBe(0);
  });
});
