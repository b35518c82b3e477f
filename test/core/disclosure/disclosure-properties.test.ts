import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UnprotectableDisclosureError, applyDisclosureControl, defaultDisclosurePolicy, metricRole } from '../../../functions/core/disclosure';
import type { FigureRow } from '../../../functions/core/figures/figure-row';
import { recoverableValues } from './support/differencing-attacker';
import { leavesArbitrary, shuffled, truthTable } from './support/figure-fixtures';

const manager = defaultDisclosurePolicy('manager');
const funder = defaultDisclosurePolicy('funder');
const label = (rows: readonly FigureRow[]): string[] =>
  rows.map((r) => `${r.period} ${r.programme_id} ${r.group_type} ${r.instrument} ${r.metric}=${String(r.value)}`);

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
});
