import { describe, expect, it } from 'vitest';
import {
  InvalidDisclosurePolicyError, InvalidFigureTableError, applyDisclosureControl, defaultDisclosurePolicy,
} from '../../../functions/core/disclosure';
import { figure } from './support/figure-fixtures';

const manager = defaultDisclosurePolicy('manager');

describe('applyDisclosureControl', () => {
  it('defaults to k = 8 for both audiences and rounds to 5 only for funders', () => {
    // Assess
    expect(defaultDisclosurePolicy('funder')).toEqual({ k: 8, rounding: 5, audience: 'funder' });
    expect(defaultDisclosurePolicy('manager')).toEqual({ k: 8, rounding: 1, audience: 'manager' });
  });

  it('rejects a threshold or rounding base that is not a positive integer', () => {
    // Prepare
    const rows = [figure({ metric: 'participants' })];

    // Act and assess
    expect(() => applyDisclosureControl(rows, { ...manager, k: 0 })).toThrow(InvalidDisclosurePolicyError);
    expect(() => applyDisclosureControl(rows, { ...manager, rounding: 2.5 })).toThrow(InvalidDisclosurePolicyError);
  });

  it('rejects duplicate figures and metrics outside the catalogue', () => {
    // Prepare
    const row = figure({ metric: 'participants' });

    // Act and assess
    expect(() => applyDisclosureControl([row, { ...row }], manager)).toThrow(InvalidFigureTableError);
    expect(() => applyDisclosureControl([figure({ metric: 'shoe_size' })], manager)).toThrow(/not in the catalogue/);
  });

  it('sorts output by period, programme, group type, instrument and metric', () => {
    // Prepare
    const rows = [
      figure({ period: '2026-Q3', metric: 'participants', value: 30, n_participants: 30 }),
      figure({ period: '2026-09', programme_id: 'p2', metric: 'participants', value: 30, n_participants: 30 }),
      figure({ period: '2026-09', metric: 'participants', value: 30, n_participants: 30 }),
      figure({ period: '2026-09', metric: 'completed', value: 30, n_participants: 30 }),
    ];

    // Act
    const { rows: out } = applyDisclosureControl(rows, manager);

    // Assess
    expect(out.map((r) => `${r.period}/${r.programme_id}/${r.metric}`)).toEqual([
      '2026-09/p1/completed', '2026-09/p1/participants', '2026-09/p2/participants', '2026-Q3/p1/participants',
    ]);
  });

  it('states how many figures are hidden and the rules in general, never which rule hid which, and the rounding', () => {
    // Prepare
    const rows = ['support', 'psychoeducational', 'psychotherapy', '*'].map((type, i) =>
      figure({ group_type: type as 'support', metric: 'participants', value: [3, 10, 12, 25][i] ?? 0, n_participants: [3, 10, 12, 25][i] ?? 0 }));

    // Act
    const { notes } = applyDisclosureControl(rows, defaultDisclosurePolicy('funder'));

    // Assess
    expect(notes).toEqual([
      {
        code: 'hidden', figures: 2,
        text: '2 figures of 4 are hidden (shown as *): figures resting on fewer than 8 people or counting 1 to 7 people, and the further ' +
          'figures needed so that no hidden figure can be worked out, or narrowed to a few values, from everything published. ' +
          'A group type with no groups in the period shows 0, never *.',
      },
      { code: 'rounding', figures: 0, text: 'Counts of people are rounded to the nearest 5; rates are computed from the rounded counts; means are not rounded.' },
    ]);
  });
});
