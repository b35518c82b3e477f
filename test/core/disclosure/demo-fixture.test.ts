import { describe, expect, it } from 'vitest';
import { applyDisclosureControl, defaultDisclosurePolicy } from '../../../functions/core/disclosure';
import type { FigureRow } from '../../../functions/core/figures/figure-row';
import { recoverableValues } from './support/differencing-attacker';
import { demoRows, monthRowsOf } from './support/demo-fixture';
import { releaseSequentially } from './support/sequential-releases';

const funder = defaultDisclosurePolicy('funder');
const quarter = '2026-Q2';
// A slice of the demo roll-up: participation and SWEMWBS figures of one quarter and its months.
const slice = demoRows().filter((r) => (r.instrument === '' || r.instrument === 'swemwbs') &&
  (r.period === quarter || monthRowsOf([r], quarter).length > 0));
const label = (rows: readonly FigureRow[]): string[] =>
  rows.map((r) => `${r.period} ${r.programme_id} ${r.group_type} ${r.instrument} ${r.metric}`);

describe('disclosure control on the demo roll-up', () => {
  it('lets the attacker recover nothing across the monthly releases and the quarter release', () => {
    // Prepare
    const months = slice.filter((r) => r.period !== quarter);
    const published = applyDisclosureControl(months, funder).rows;

    // Act
    const release = applyDisclosureControl(slice, funder, { previouslyPublished: published }).rows;

    // Assess
    expect(label(recoverableValues([...published, ...release.filter((r) => r.period === quarter)], slice))).toEqual([]);
    expect(release.filter((r) => r.period !== quarter)).toEqual(published);
  });

  it('publishes the all-programmes, all-types mean change of a quarter backed by at least k people', () => {
    // Prepare
    const months = slice.filter((r) => r.period !== quarter);
    const published = applyDisclosureControl(months, funder).rows;
    const truth = slice.find((r) => r.period === quarter && r.programme_id === '*' && r.group_type === '*' &&
      r.instrument === 'swemwbs' && r.metric === 'mean_change');

    // Act
    const release = applyDisclosureControl(slice, funder, { previouslyPublished: published }).rows;
    const total = release.find((r) => r.period === quarter && r.programme_id === '*' && r.group_type === '*' &&
      r.instrument === 'swemwbs' && r.metric === 'mean_change');

    // Assess
    expect(truth?.n_participants).toBeGreaterThanOrEqual(funder.k);
    expect(total).toMatchObject({ suppressed: false, value: truth?.value });
  });

  it('keeps most figures of a quarter visible and hides a grand-total complement only where showing it would expose a figure', () => {
    // Prepare
    const quarterRows = slice.filter((r) => r.period === quarter);

    // Act
    const { rows } = applyDisclosureControl(quarterRows, funder);

    // Assess
    expect(rows.filter((r) => r.suppressed).length / rows.length).toBeLessThan(0.45);
    const truth = new Map(quarterRows.map((r) => [label([r])[0], r]));
    const grandComplements = rows.filter((r) => r.programme_id === '*' && r.group_type === '*' &&
      r.suppression_reason?.startsWith('secondary:') === true);
    for (const complement of grandComplements) {
      const shown = rows.map((r) => (r === complement ? (truth.get(label([r])[0]) ?? r) : r));
      expect(recoverableValues(shown, quarterRows), label([complement])[0]).not.toEqual([]);
    }
  });

  it('keeps the drop-outs of 2026-Q3 hidden from the completion rate\'s n minus the completers in the steady state', () => {
    // Prepare: participation figures of 2026-Q3 and its months; adult-resilience, all types: 55 finished starters,
    // 50 completers, 5 drop-outs (below k).
    const q3 = '2026-Q3';
    const truth = demoRows().filter((r) => r.instrument === '' && (r.period === q3 || monthRowsOf([r], q3).length > 0));

    // Act
    const published = releaseSequentially(truth, q3, funder).flat();

    // Assess
    const cell = published.filter((r) => r.period === q3 && r.programme_id === 'adult-resilience' && r.group_type === '*');
    const shown = (metric: string): boolean => cell.some((r) => r.metric === metric && !r.suppressed);
    expect(cell.find((r) => r.metric === 'dropped_out')?.suppressed).toBe(true);
    expect(shown('completion_rate') && shown('completed')).toBe(false);
    expect(label(recoverableValues(published, truth))).toEqual([]);
  });
});
