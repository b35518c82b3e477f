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

  it('publishes a rounded cell with counts and n to the nearest 5 and rates from the rounded counts, keeping primary suppressions', () => {
    // Prepare: one participation cell of 42 people, 33 finished, 27 completed, 6 dropped out (1..7: hidden), and 23
    // paired people of an instrument (hand-computed: 42 → 40, 33 → 35, 27 → 25, completion 25 / 35 = 0.714…)
    const cell = { period: '2026-09', programme_id: 'p1', group_type: 'support' as const, instrument: '' };
    const rows = [
      figure({ ...cell, metric: 'participants', value: 42, n_participants: 42 }),
      figure({ ...cell, metric: 'completion_rate', value: 27 / 33, n_participants: 33 }),
      figure({ ...cell, metric: 'dropout_rate', value: 6 / 33, n_participants: 33 }),
      figure({ ...cell, instrument: 'swemwbs', metric: 'paired', value: 23, n_participants: 23 }),
      figure({ ...cell, instrument: 'swemwbs', metric: 'mean_change', value: 1.5, ci_low: 0.5, ci_high: 2.5, n_participants: 23 }),
    ];
    const participation = [cell.period, cell.programme_id, cell.group_type, cell.instrument].join('\u001f');

    // Act
    const { rows: out } = applyDisclosureControl(rows, manager, { roundedCells: new Set([participation]) });
    const by = (instrument: string, metric: string) => out.find((r) => r.instrument === instrument && r.metric === metric);

    // Assess: the participation cell is rounded and marked, its drop-outs stay hidden; the instrument cell is exact
    expect(by('', 'participants')).toMatchObject({ value: 40, n_participants: 40, rounded: true, suppressed: false });
    expect(by('', 'completion_rate')?.value).toBeCloseTo(25 / 35, 12);
    expect(by('', 'completion_rate')).toMatchObject({ n_participants: 35, rounded: true });
    expect(by('', 'dropout_rate')).toMatchObject({ suppressed: true, value: null });
    expect(by('', 'dropout_rate')?.rounded).toBeUndefined();
    expect(by('swemwbs', 'paired')).toMatchObject({ value: 23, n_participants: 23 });
    expect(by('swemwbs', 'paired')?.rounded).toBeUndefined();
  });
});
