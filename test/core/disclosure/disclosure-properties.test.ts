import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  COUNT_BOUNDS, UnprotectableDisclosureError, applyDisclosureControl, defaultDisclosurePolicy, metricRole,
} from '../../../functions/core/disclosure';
import type { FigureRow } from '../../../functions/core/figures/figure-row';
import { recoverableValues } from './support/differencing-attacker';
import { leavesArbitrary, shuffled, truthTable } from './support/figure-fixtures';

const manager = defaultDisclosurePolicy('manager');
const funder = defaultDisclosurePolicy('funder');
const label = (rows: readonly FigureRow[]): string[] =>
  rows.map((r) => `${r.period} ${r.programme_id} ${r.group_type} ${r.instrument} ${r.metric}=${String(r.value)}`);
const sameCell = (a: FigureRow, b: FigureRow): boolean =>
  a.period === b.period && a.programme_id === b.programme_id && a.group_type === b.group_type && a.instrument === b.instrument;
// A count kept hidden because it would bound a hidden larger count of its cell (recovered ≤ cases at start).
const boundsHiddenCount = (rows: readonly FigureRow[], row: FigureRow, truth: FigureRow): boolean =>
  (truth.value ?? 0) !== 0 && COUNT_BOUNDS.some(([smaller, larger]) => smaller === row.metric &&
    rows.some((r) => sameCell(r, row) && r.metric === larger && r.suppressed));

describe('applyDisclosureControl properties', () => {
  it('publishes no figure backed by fewer than k people and no count of 1..k-1 people', () => {
    fc.assert(fc.property(leavesArbitrary, fc.integer({ min: 2, max: 12 }), (leaves, k) => {
      // Prepare
      const truth = truthTable(leaves);

      // Act
      const { rows } = applyDisclosureControl(truth, { ...manager, k });

      // Assess
      for (const row of rows.filter((r) => !r.suppressed)) {
        expect(row.n_participants === 0 || (row.n_participants ?? 0) >= k).toBe(true);
        if (metricRole(row.metric)?.peopleCount === true) expect(row.value === 0 || (row.value ?? 0) >= k).toBe(true);
      }
    }), { numRuns: 60 });
  });

  it('leaves no suppressed value recoverable by the differencing attacker within one release', () => {
    fc.assert(fc.property(leavesArbitrary, (leaves) => {
      // Prepare
      const truth = truthTable(leaves);

      // Act
      const { rows } = applyDisclosureControl(truth, manager);

      // Assess
      expect(label(recoverableValues(rows, truth))).toEqual([]);
    }), { numRuns: 40 });
  });

  it('leaves no suppressed value recoverable across a monthly release and the later quarter release', () => {
    fc.assert(fc.property(leavesArbitrary, (leaves) => {
      // Prepare
      const truth = truthTable(leaves);
      const first = applyDisclosureControl(truth.filter((r) => r.period !== '2026-Q3'), manager).rows;

      // Act
      const second = applyDisclosureControl(truth, manager, { previouslyPublished: first }).rows;

      // Assess
      expect(label(recoverableValues([...first, ...second], truth))).toEqual([]);
      expect(second.filter((r) => r.period !== '2026-Q3')).toEqual(first);
    }), { numRuns: 40 });
  });

  it('fails closed or leaves nothing recoverable when only the quarter is released after its months', () => {
    fc.assert(fc.property(leavesArbitrary, (leaves) => {
      // Prepare
      const truth = truthTable(leaves);
      const first = applyDisclosureControl(truth.filter((r) => r.period !== '2026-Q3'), manager).rows;

      // Act
      let second: FigureRow[] | undefined;
      try {
        second = applyDisclosureControl(truth.filter((r) => r.period === '2026-Q3'), manager, { previouslyPublished: first }).rows;
      } catch (error) {
        expect(error).toBeInstanceOf(UnprotectableDisclosureError);
      }

      // Assess
      if (second !== undefined) expect(label(recoverableValues([...first, ...second], truth))).toEqual([]);
    }), { numRuns: 40 });
  });

  it('gives identical output for shuffled input', () => {
    fc.assert(fc.property(leavesArbitrary, fc.integer(), (leaves, seed) => {
      // Prepare
      const truth = truthTable(leaves);

      // Act
      const once = applyDisclosureControl(truth, funder);
      const again = applyDisclosureControl(shuffled(truth, seed), funder);

      // Assess
      expect(JSON.stringify(again)).toBe(JSON.stringify(once));
    }), { numRuns: 30 });
  });

  it('shows complements back only while nothing becomes recoverable, and keeps none that could be shown', () => {
    fc.assert(fc.property(leavesArbitrary, fc.integer({ min: 3, max: 12 }), (leaves, k) => {
      // Prepare
      const truth = truthTable(leaves);

      // Act
      const { rows } = applyDisclosureControl(truth, { ...funder, k });

      // Assess: nothing recoverable, and showing any single complement would expose something.
      expect(label(recoverableValues(rows, truth, { k }))).toEqual([]);
      rows.forEach((row, i) => {
        const original = truth.find((r) => sameCell(r, row) && r.metric === row.metric);
        if (row.suppression_reason?.startsWith('secondary:') !== true || original === undefined) return;
        if (boundsHiddenCount(rows, row, original)) return;
        const shown = rows.map((r, j) => (j === i ? original : r));
        expect(recoverableValues(shown, truth, { k }), label([row])[0]).not.toEqual([]);
      });
    }), { numRuns: 40 });
  });
});
