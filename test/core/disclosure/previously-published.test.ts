import { describe, expect, it } from 'vitest';
import { UnprotectableDisclosureError, applyDisclosureControl, defaultDisclosurePolicy } from '../../../functions/core/disclosure';
import type { FigureRow } from '../../../functions/core/figures/figure-row';
import { recoverableValues } from './support/differencing-attacker';
import { figure } from './support/figure-fixtures';

const manager = defaultDisclosurePolicy('manager');
const participants = (period: string, type: FigureRow['group_type'], n: number): FigureRow =>
  figure({ period, group_type: type, metric: 'participants', value: n, n_participants: n });
const july = [participants('2026-07', 'support', 3), participants('2026-07', 'psychoeducational', 10), participants('2026-07', '*', 13)];
const august = [participants('2026-08', 'support', 10), participants('2026-08', 'psychoeducational', 10), participants('2026-08', '*', 20)];
const quarter = [participants('2026-Q3', 'support', 13), participants('2026-Q3', 'psychoeducational', 20), participants('2026-Q3', '*', 33)];
const reasons = (rows: readonly FigureRow[]): (string | null)[] => rows.map((r) => r.suppression_reason);

describe('previously published figures', () => {
  it('hides quarter figures that would reveal a month suppressed in an earlier release', () => {
    // Prepare
    const months = applyDisclosureControl([...july, ...august], manager).rows;

    // Act
    const alone = applyDisclosureControl(quarter, manager).rows;
    const later = applyDisclosureControl(quarter, manager, { previouslyPublished: months }).rows;

    // Assess
    expect(reasons(alone)).toEqual([null, null, null]);
    expect(reasons(later)).toEqual([null, expect.stringMatching(/^secondary:/), expect.stringMatching(/^secondary:/)]);
    expect(recoverableValues([...months, ...alone], [...july, ...august, ...quarter])).not.toEqual([]);
    expect(recoverableValues([...months, ...later], [...july, ...august, ...quarter])).toEqual([]);
  });

  it('keeps the suppression pattern of figures released before, even where a fresh run would choose otherwise', () => {
    // Prepare: the earlier release hid psychoeducational as complement; today psychotherapy would be smaller.
    const earlier = applyDisclosureControl(july, manager).rows;
    const today = [...july.slice(0, 2), participants('2026-07', 'psychotherapy', 8), participants('2026-07', '*', 21)];
    const fresh = applyDisclosureControl(today, manager).rows;

    // Act
    const fixed = applyDisclosureControl(today, manager, { previouslyPublished: earlier }).rows;

    // Assess
    expect(fresh.find((r) => r.group_type === 'psychoeducational')?.suppressed).toBe(false);
    expect(fixed.find((r) => r.group_type === 'psychoeducational')?.suppression_reason).toBe('secondary:group_type');
    expect(recoverableValues([...earlier, ...fixed], today)).toEqual([]);
  });

  it('refuses a release whose suppressed figure is exposed by fixed figures alone', () => {
    // Prepare: the quarter and August were published first; July alone cannot be protected any more.
    const published = applyDisclosureControl([...august, ...quarter], manager).rows;

    // Act
    const act = (): unknown => applyDisclosureControl(july, manager, { previouslyPublished: published });

    // Assess
    expect(act).toThrow(UnprotectableDisclosureError);
  });
});
