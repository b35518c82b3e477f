import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultDisclosurePolicy, type DisclosurePolicy } from '../../../functions/core/disclosure';
import type { BoundSolver } from '../../../functions/core/disclosure/bound-solver';
import { controlRelease } from '../../../functions/core/disclosure/control-release';
import { auditIntervals } from '../../../functions/core/disclosure/interval-audit';
import { trueCounts } from '../../../functions/core/disclosure/interval-model';
import { funderViews } from '../../../functions/core/disclosure/reader-views';
import { DEMO_PROGRAMMES } from '../../../infra/local/seed/demo-organisation';
import type { FigureRow } from '../../../functions/core/figures/figure-row';
import { publicationGrid } from '../../../functions/core/figures/publication-grid';
import { presentFigures } from '../../../functions/core/figures/present-figures';
import { displayPrecision } from '../../../functions/nightly/steps/roll-up';
import { highsBoundSolver } from '../../../functions/runtime/highs-bound-solver';
import { demoRows } from './support/demo-fixture';
import { countCell, leavesArbitrary, truthTable } from './support/figure-fixtures';
import { attackIntervals, intervalLeaks, trueValues, type Held, type Interval } from './support/interval-attacker';

const RULE = { k: 8, protectionWidth: 5, rateDecimals: 3 };
let solver: BoundSolver;
beforeAll(async () => { solver = await highsBoundSolver(); });

const leaks = (intervals: readonly Interval[], k: number, rounding: number, truth: ReadonlyMap<string, number>): Interval[] =>
  intervalLeaks(intervals, { k, protectionWidth: RULE.protectionWidth, rounding }, truth);

const release = (rows: readonly FigureRow[], policy: DisclosurePolicy): FigureRow[] =>
  controlRelease(rows, { policy, rule: RULE, solver, present: (r) => presentFigures(r, displayPrecision(policy.audience)) }).rows;

describe('interval audit', () => {
  it('finds a hidden count that the margin minus its visible siblings gives exactly', () => {
    // Prepare: the support cell (3 people) hidden, its siblings and the all-types margin visible
    const rows = [
      ...countCell({ group_type: 'support' }, { participants: 3 }),
      ...countCell({ group_type: 'psychoeducational' }, { participants: 12 }),
      ...countCell({ group_type: 'skill_development' }, { participants: 10 }),
      ...countCell({ group_type: 'psychotherapy' }, { participants: 9 }),
      ...countCell({ group_type: '*' }, { participants: 34 }),
    ].map((r) => (r.group_type === 'support' ? { ...r, value: null, n_participants: null, suppressed: true } : r));

    // Act
    const audit = auditIntervals([{ rows, rounding: 1, current: true }], RULE, solver);

    // Assess
    expect(audit.violations).toHaveLength(1);
    expect(audit.violations[0]).toMatchObject({ why: 'exact', low: 3, high: 3 });
    expect(audit.violations[0]?.binding.length).toBeGreaterThan(0);
  });

  it('holds small counts to the rule and lets a reader of exact counts work out a complement (nobody, or k or more)', () => {
    // Prepare: the same margin with one hidden cell: support (3 people, sensitive) or psychoeducational (12, a complement)
    const cells = (hide: string): FigureRow[] => [
      ...countCell({ group_type: 'support' }, { participants: 3 }),
      ...countCell({ group_type: 'psychoeducational' }, { participants: 12 }),
      ...countCell({ group_type: 'skill_development' }, { participants: 10 }),
      ...countCell({ group_type: 'psychotherapy' }, { participants: 9 }),
      ...countCell({ group_type: '*' }, { participants: 34 }),
    ].map((r) => (r.group_type === hide ? { ...r, value: null, n_participants: null, suppressed: true } : r));
    const truth = trueCounts(cells('none'));
    const audit = (hide: string, rounding: number): ReturnType<typeof auditIntervals> => auditIntervals([{ rows: cells(hide), rounding, current: true }], RULE, solver, { truth });

    // Act
    const [small, complement] = [audit('support', 1), audit('psychoeducational', 1)];

    // Assess: the small count fails exactly as without truth; the complement needs nothing among exact counts (and
    // is not even solved). Hidden among rounded counts a complement keeps a bucket: the funder property test below.
    expect(small.violations.map((v) => [v.why, v.low, v.high])).toEqual([['exact', 3, 3]]);
    expect(complement.violations).toEqual([]);
    expect([complement.audited, complement.complements]).toEqual([0, 1]);
  });

  it('passes two hidden siblings whose sum leaves each of them between 0 and 9', () => {
    // Prepare: support 3 and psychotherapy 6 hidden: each lies in 0..9 (or its cell's bounds)
    const hidden = new Set(['support', 'psychotherapy']);
    const rows = [
      ...countCell({ group_type: 'support' }, { participants: 3 }),
      ...countCell({ group_type: 'psychoeducational' }, { participants: 12 }),
      ...countCell({ group_type: 'skill_development' }, { participants: 10 }),
      ...countCell({ group_type: 'psychotherapy' }, { participants: 6 }),
      ...countCell({ group_type: '*' }, { participants: 31 }),
    ].map((r) => (hidden.has(r.group_type) ? { ...r, value: null, n_participants: null, suppressed: true } : r));

    // Act
    const audit = auditIntervals([{ rows, rounding: 1, current: true }], RULE, solver);

    // Assess
    expect(audit.violations).toEqual([]);
    expect(audit.narrowest).toBe(9);
  });

  it('reads a rate at 0.1 % with its n as its numerator, and a rounded count as its bucket', () => {
    // Prepare: a visible drop-out rate of 10/25 with n = 25 beside a hidden completion rate
    const rows: FigureRow[] = [
      ...countCell({}, { participants: 25 }),
      { ...countCell({}, { dropout_rate: 0.4 }, 25)[0]!, suppressed: false },
    ];
    const funder = [{ ...countCell({}, { participants: 25 })[0]!, n_participants: 25, value: 25 }];

    // Act
    const exact = auditIntervals([{ rows: [...rows, { ...countCell({}, { completion_rate: 0 }, 25)[0]!, value: null, n_participants: null, suppressed: true }], rounding: 1, current: true }], RULE, solver);
    const rounded = auditIntervals([{ rows: funder, rounding: 5, current: true }], RULE, solver);

    // Assess: completers = finished (25) − drop-outs (10) = 15 exactly; the rounded 25 stays 23..27
    expect(exact.violations.map((v) => [v.why, v.low, v.high])).toEqual([['exact', 15, 15]]);
    expect(rounded.violations).toEqual([]);
    expect(rounded.narrowest).toBe(4);
  });
});

const blank = (row: FigureRow): unknown[] => [row.value, row.ci_low, row.ci_high, row.n_participants, row.n_groups, row.suppression_reason];

describe('controlled releases against the independent interval attacker', () => {
  it('leaves no exact, small or narrow count, and no rounded count undone, in random roll-up-shaped tables, for managers and funders', { timeout: 900_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(leavesArbitrary, fc.constantFrom<'manager' | 'funder'>('manager', 'funder'), async (leaves, audience) => {
        // Prepare
        const rows = publicationGrid(truthTable(leaves, { quarter: true }));
        const policy = defaultDisclosurePolicy(audience);

        // Act
        const published = release(rows, policy);
        const intervals = await attackIntervals([{ rows: published, rounding: policy.rounding }], policy.k);

        // Assess: nothing disclosed (a funder's rounded count keeps at least half its bucket: no published rate, mean
        // or interval undoes the rounding), and a hidden row carries no value, interval, n, group count or reason
        expect(leaks(intervals, policy.k, policy.rounding, trueValues(rows))).toEqual([]);
        for (const interval of intervals.filter((i) => i.rounded)) expect(interval.high - interval.low).toBeGreaterThanOrEqual(Math.ceil((policy.rounding - 1) / 2));
        for (const row of published.filter((r) => r.suppressed)) expect(blank(row)).toEqual([null, null, null, null, null, null]);
      }),
      { seed: 20261202, numRuns: 12 },
    );
  });

  it('audits a funder publication per funder (and for someone holding every funder\u2019s reports): each slice is safe', { timeout: 900_000 }, async () => {
    // Prepare: the demo's 2026-Q3 participation and SWEMWBS figures, released to funders
    const block = publicationGrid(demoRows()).filter((r) => r.period === '2026-Q3' && (r.instrument === '' || r.instrument === 'swemwbs'));
    const policy = defaultDisclosurePolicy('funder');
    const views = funderViews(DEMO_PROGRAMMES);
    const controlled = (v: typeof views): FigureRow[] =>
      controlRelease(block, { policy, rule: RULE, solver, present: (r) => presentFigures(r, displayPrecision('funder')), views: v }).rows;

    // Act
    const perFunder = controlled(views);
    const readers = await Promise.all(views.map(async (view) => [view.name, await attackIntervals([{ rows: view.rows(perFunder), rounding: policy.rounding }], policy.k)] as const));

    // Assess: one reader per funder plus the union, and none of them can narrow anything
    expect(views.map((v) => v.name)).toEqual(['funder city-council', 'funder community-fund', 'funder wellbeing-trust', 'every funder\u2019s reports'.replace('\u2019', "'")]);
    const truth = trueValues(block);
    for (const [name, intervals] of readers) expect([name, leaks(intervals, policy.k, policy.rounding, truth)]).toEqual([name, []]);
    expect(perFunder.some((r) => r.suppressed)).toBe(true);
  });

  it('publishes small headline counts of well-populated cells perturbed, consistently, and leaves every reader unable to narrow them', { timeout: 900_000 }, async () => {
    // Prepare: the demo's 2026-Q3 participation and SWEMWBS figures
    const block = publicationGrid(demoRows()).filter((r) => r.period === '2026-Q3' && (r.instrument === '' || r.instrument === 'swemwbs'));
    const key = Buffer.from('test perturbation key');
    const released = (audience: 'manager' | 'funder', perturbation?: { key: Buffer; minBase: number }): FigureRow[] =>
      controlRelease(block, {
        policy: defaultDisclosurePolicy(audience), rule: RULE, solver, present: (r) => presentFigures(r, displayPrecision(audience)),
        views: audience === 'funder' ? funderViews(DEMO_PROGRAMMES) : undefined, perturbation,
      }).rows;

    // Act
    const manager = released('manager', { key, minBase: 20 });
    const again = released('manager', { key, minBase: 20 });
    const otherKey = released('manager', { key: Buffer.from('another deployment'), minBase: 20 });
    const plain = released('manager');
    const funder = released('funder', { key, minBase: 20 });
    const truth = trueValues(block);
    const readers: [string, Interval[], number][] = [
      ['manager', await attackIntervals([{ rows: manager, rounding: 1 }], 8), 1],
      ...await Promise.all(funderViews(DEMO_PROGRAMMES).map(async (view) => [view.name, await attackIntervals([{ rows: view.rows(funder), rounding: 5 }], 8), 5] as [string, Interval[], number])),
    ];

    // Assess: some figures are perturbed, each a visible row without interval; the same key gives the same values,
    // another key other values; more figures are shown than when they are hidden; no reader can narrow any count
    const perturbedRows = manager.filter((r) => r.perturbed === true);
    expect(perturbedRows.length).toBeGreaterThan(0);
    expect(perturbedRows.every((r) => !r.suppressed && r.value !== null && r.ci_low === null && r.ci_high === null)).toBe(true);
    expect(again).toEqual(manager);
    expect(otherKey.filter((r) => r.perturbed === true).map((r) => r.value)).not.toEqual(perturbedRows.map((r) => r.value));
    expect(manager.filter((r) => !r.suppressed).length).toBeGreaterThan(plain.filter((r) => !r.suppressed).length);
    expect(funder.some((r) => r.perturbed === true)).toBe(true);
    for (const [name, intervals, rounding] of readers) expect([name, leaks(intervals, 8, rounding, truth)]).toEqual([name, []]);
  });

  it('publishes a data-independent grid: the same rows whatever the counts', () => {
    // Prepare: one table and the same table with every count doubled
    const leaves = fc.sample(leavesArbitrary, { seed: 7, numRuns: 1 })[0] ?? [];
    const doubled = leaves.map((leaf) => ({ ...leaf, stats: Object.fromEntries(Object.entries(leaf.stats).map(([k, v]) => [k, (v ?? 0) * 2])) as unknown as typeof leaf.stats }));
    const keys = (rows: readonly FigureRow[]): string[] => rows.map((r) => `${r.period}|${r.programme_id}|${r.group_type}|${r.instrument}|${r.metric}`);

    // Act
    const [a, b] = [publicationGrid(truthTable(leaves, { quarter: true })), publicationGrid(truthTable(doubled, { quarter: true }))];

    // Assess
    expect(keys(a).length).toBeGreaterThan(0);
    expect(keys(a)).toEqual(keys(b));
  });

  it('protects the demo\u2019s 2026-Q3 for a manager, a funder, and a manager who also holds the funder publication', { timeout: 900_000 }, async () => {
    // Prepare: the quarter's participation and SWEMWBS figures
    const block = publicationGrid(demoRows()).filter((r) => r.period === '2026-Q3' && (r.instrument === '' || r.instrument === 'swemwbs'));
    const funderPolicy = defaultDisclosurePolicy('funder');
    const funder = release(block, funderPolicy);
    const held: Held = { rows: funder, rounding: funderPolicy.rounding };

    // Act
    const manager = controlRelease(block, {
      policy: defaultDisclosurePolicy('manager'), rule: RULE, solver, present: (r) => presentFigures(r, displayPrecision('manager')),
      held: [{ ...held, current: false }],
    }).rows;
    const readers = {
      manager: await attackIntervals([{ rows: manager, rounding: 1 }], 8),
      funder: await attackIntervals([held], 8),
      both: await attackIntervals([{ rows: manager, rounding: 1 }, held], 8),
    };
    // A manager sees exact counts: a complement it can work out is one it may know (rounding 1 for both).
    const rounding: Record<string, number> = { manager: 1, funder: funderPolicy.rounding, both: 1 };
    const truth = trueValues(block);

    // Assess
    expect(manager.filter((r) => r.suppressed).length).toBeGreaterThan(0);
    for (const [reader, intervals] of Object.entries(readers)) expect([reader, leaks(intervals, 8, rounding[reader] ?? 5, truth)]).toEqual([reader, []]);
    // …and the small counts are what it audits: some hidden count of 1–7 people is among the attacker's targets
    expect(readers.manager.some((i) => { const v = truth.get(i.name); return v !== undefined && v >= 1 && v < 8; })).toBe(true);
  });

  it('rounds a well-populated cell instead of hiding its headline figures, and leaves no reader able to narrow a small count', { timeout: 900_000 }, async () => {
    // Prepare: the demo's 2026-Q4 (every instrument, its months too) for a manager, and 2026-Q3 for a manager
    // holding the funder publication
    const grid = publicationGrid(demoRows());
    const q4 = grid.filter((r) => r.period === '2026-Q4' || ['2026-10', '2026-11', '2026-12'].includes(r.period));
    const q3 = grid.filter((r) => r.period === '2026-Q3' && (r.instrument === '' || r.instrument === 'swemwbs'));
    const perturbation = { key: Buffer.from('test perturbation key'), minBase: 20 };
    const managerRelease = (block: readonly FigureRow[], roundCells: boolean, held: Held[] = []): FigureRow[] => controlRelease(block, {
      policy: defaultDisclosurePolicy('manager'), rule: RULE, solver, present: (r) => presentFigures(r, displayPrecision('manager')), perturbation,
      held: held.map((h) => ({ ...h, current: false })), ...(roundCells ? { roundCells: { minBase: 20 } } : {}),
    }).rows;
    const funderPolicy = defaultDisclosurePolicy('funder');
    const funderQ3: Held = {
      rows: controlRelease(q3, {
        policy: funderPolicy, rule: RULE, solver, present: (r) => presentFigures(r, displayPrecision('funder')), perturbation,
        views: funderViews(DEMO_PROGRAMMES), roundCells: { minBase: 20 },
      }).rows,
      rounding: funderPolicy.rounding,
    };
    const cellOf = (r: FigureRow): string => [r.period, r.programme_id, r.group_type, r.instrument].join('|');
    // Headline figures (quarter) of cells with 20 or more people, by the people count of their cell
    const sizes = new Map(q4.filter((r) => r.metric === 'paired' || (r.metric === 'participants' && r.instrument === '')).map((r) => [cellOf(r), r.value ?? 0]));
    const HEADLINES = new Set(['participants', 'attendance_rate', 'completion_rate', 'dropout_rate', 'mean_change', 'reliably_improved', 'reliably_deteriorated', 'recovery_rate']);
    const hiddenWellPopulated = (rows: readonly FigureRow[]): number =>
      rows.filter((r) => r.period === '2026-Q4' && HEADLINES.has(r.metric) && (sizes.get(cellOf(r)) ?? 0) >= 20 && r.suppressed).length;

    // Act
    const rounded = managerRelease(q4, true);
    const hiding = managerRelease(q4, false);
    const roundedQ3 = managerRelease(q3, true, [funderQ3]);
    const truth = new Map([...trueValues(q4), ...trueValues(q3)]);
    const readers: [string, Interval[], number][] = [
      ['manager 2026-Q4', await attackIntervals([{ rows: rounded, rounding: 1 }], 8), 1],
      ['manager 2026-Q3 holding the funder publication', await attackIntervals([{ rows: roundedQ3, rounding: 1 }, funderQ3], 8), 1],
      ...await Promise.all(funderViews(DEMO_PROGRAMMES).map(async (view) =>
        [view.name, await attackIntervals([{ rows: view.rows(funderQ3.rows), rounding: 5 }], 8), 5] as [string, Interval[], number])),
    ];

    // Assess: rounded rows are visible, marked, their counts and n on the grid of 5; a rounded cell has no exact
    // figure; fewer headline figures of well-populated cells are hidden; no reader narrows a small count
    const roundedRows = rounded.filter((r) => r.rounded === true);
    expect(roundedRows.length).toBeGreaterThan(0);
    expect(roundedRows.every((r) => !r.suppressed && (r.n_participants === null || r.n_participants % 5 === 0 || r.perturbed === true))).toBe(true);
    const COUNTS = new Set(['participants', 'enrolled', 'paired', 'cases_at_start', 'reliably_improved', 'reliably_deteriorated', 'recovered']);
    expect(roundedRows.filter((r) => COUNTS.has(r.metric) && r.perturbed !== true).every((r) => (r.value ?? 0) % 5 === 0)).toBe(true);
    const roundedCells = new Set(roundedRows.map(cellOf));
    expect(rounded.filter((r) => roundedCells.has(cellOf(r)) && !r.suppressed && r.rounded !== true)).toEqual([]);
    expect(hiddenWellPopulated(rounded)).toBeLessThan(hiddenWellPopulated(hiding));
    // A true zero reads as zero: every participants count of an empty cell is published 0, in both models
    const empty = q4.filter((r) => r.metric === 'participants' && r.instrument === '' && r.value === 0).map(cellOf);
    expect(empty.length).toBeGreaterThan(0);
    for (const out of [rounded, hiding]) {
      expect(out.filter((r) => empty.includes(cellOf(r)) && r.metric === 'participants').map((r) => [cellOf(r), r.value, r.suppressed]))
        .toEqual(empty.map((cell) => [cell, 0, false]));
    }
    // A funder's rounded cells are rounded to 10: counts on that grid
    const funderRounded = funderQ3.rows.filter((r) => r.rounded === true && r.perturbed !== true);
    expect(funderRounded.length).toBeGreaterThan(0);
    expect(funderRounded.filter((r) => COUNTS.has(r.metric)).every((r) => (r.value ?? 0) % 10 === 0)).toBe(true);
    for (const [name, intervals, rounding] of readers) expect([name, leaks(intervals, 8, rounding, truth)]).toEqual([name, []]);
  });
});
