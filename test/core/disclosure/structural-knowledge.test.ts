import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyDisclosureControl, defaultDisclosurePolicy, metricRole } from '../../../functions/core/disclosure';
import type { FigureRow } from '../../../functions/core/figures/figure-row';
import { demoRows } from './support/demo-fixture';
import { recoverableValues } from './support/differencing-attacker';
import { figure } from './support/figure-fixtures';

const manager = defaultDisclosurePolicy('manager');
const label = (rows: readonly FigureRow[]): string[] =>
  rows.map((r) => `${r.period} ${r.programme_id} ${r.group_type} ${r.instrument} ${r.metric}`);
const reasonOf = (rows: readonly FigureRow[], fields: Partial<FigureRow>): string | null | undefined =>
  rows.find((r) => Object.entries(fields).every(([key, value]) => r[key as keyof FigureRow] === value))?.suppression_reason;

describe('what the structure alone tells', () => {
  it('does not refuse a dashboard whose hidden zero is known from structure and chance equalities only', () => {
    // Prepare: manager policy, k = 3, no earlier release; cases at start is 0 (n 0) in a cell of 1 person, and
    // its all-types margin row is missing. Several hidden n of 1 are equal by chance.
    const rows = JSON.parse(readFileSync(new URL('./fixtures/dash-min.json', import.meta.url), 'utf8')) as FigureRow[];
    const policy = { ...manager, k: 3 };

    // Act
    const { rows: out } = applyDisclosureControl(rows, policy);

    // Assess
    expect(reasonOf(out, { group_type: 'psychoeducational', metric: 'cases_at_start' })).toBe('primary:n<3');
    expect(label(recoverableValues(out, rows, { k: 3 }))).toEqual([]);
  });

  it('does not count a zero forced by missing rows as disclosed, and protects the rest', () => {
    // Prepare: p2 has no `completed` row in July (a structural zero), so the quarter's p2 count is 0 whatever is
    // published: the all-programmes quarter minus p1 equals July's all-programmes minus July's p1.
    const row = (period: string, programme: string, metric: string, value: number): FigureRow =>
      figure({ period, programme_id: programme, metric, value, n_participants: value });
    const rows = [
      row('2026-07', 'p1', 'participants', 12), row('2026-07', 'p1', 'completed', 9),
      row('2026-07', 'p2', 'participants', 2),
      row('2026-07', '*', 'participants', 14), row('2026-07', '*', 'completed', 9),
      row('2026-Q3', 'p1', 'participants', 12), row('2026-Q3', 'p1', 'completed', 9),
      row('2026-Q3', 'p2', 'participants', 2), row('2026-Q3', 'p2', 'completed', 0),
      row('2026-Q3', '*', 'participants', 14), row('2026-Q3', '*', 'completed', 9),
    ];
    const policy = { ...manager, k: 3 };

    // Act
    const { rows: out } = applyDisclosureControl(rows, policy);

    // Assess: the small cell is hidden whole, its participants protected; the forced zero is no disclosure.
    expect(reasonOf(out, { period: '2026-Q3', programme_id: 'p2', metric: 'completed' })).toBe('primary:n<3');
    expect(reasonOf(out, { period: '2026-Q3', programme_id: 'p2', metric: 'participants' })).toBe('primary:n<3');
    expect(label(recoverableValues(out, rows, { k: 3 }))).toEqual([]);
  });

  it('still refuses what earlier releases expose beyond the structure', () => {
    // Prepare: July and the quarter were published with every figure shown; August alone is left.
    const row = (period: string, value: number): FigureRow =>
      figure({ period, metric: 'participants', value, n_participants: value });
    const published = applyDisclosureControl([row('2026-07', 10), row('2026-Q3', 14)], manager).rows;

    // Act
    const act = (): unknown => applyDisclosureControl([row('2026-07', 10), row('2026-08', 4), row('2026-Q3', 14)], manager,
      { previouslyPublished: published });

    // Assess
    expect(act).toThrow(/2026-08/);
  });

  it('does not let the completion rate\'s n minus the completers give away a hidden drop-out count', () => {
    // Prepare: the reviewer's closed cell: 34 finished starters = 32 completers + 2 drop-outs (hidden, 2 < 8);
    // participants, completers, the rates and retention at session 1 (n = the 34 starters) would all be shown.
    const cell = { period: '2026-Q3', programme_id: 'adult-resilience', group_type: '*' as const, instrument: '' };
    const rows = [
      figure({ ...cell, metric: 'participants', value: 36, n_participants: 36 }),
      figure({ ...cell, metric: 'groups', value: 4, n_participants: 36 }),
      figure({ ...cell, metric: 'completed', value: 32, n_participants: 32 }),
      figure({ ...cell, metric: 'dropped_out', value: 2, n_participants: 2 }),
      figure({ ...cell, metric: 'completion_rate', value: 32 / 34, n_participants: 34 }),
      figure({ ...cell, metric: 'dropout_rate', value: 2 / 34, n_participants: 34 }),
      figure({ ...cell, metric: 'retention_s1', value: 1, n_participants: 34 }),
      figure({ ...cell, metric: 'retention_s2', value: 30 / 34, n_participants: 34 }),
    ];

    // Act
    const results = [manager, defaultDisclosurePolicy('funder')].map((policy) => applyDisclosureControl(rows, policy).rows);

    // Assess
    for (const out of results) {
      expect(reasonOf(out, { metric: 'dropped_out' })).toBe('primary:n<8');
      expect(label(recoverableValues(out, rows))).toEqual([]);
      const shown = (metric: string): boolean => out.some((r) => r.metric === metric && !r.suppressed);
      expect(shown('completion_rate') && shown('completed')).toBe(false);
      expect(shown('participants')).toBe(true);
    }
  });

  it('declares every identity the roll-up builds into a cell, and only those', () => {
    // Prepare: the quantity each figure's n (N) and each count's value (V) stands for, cell by cell.
    const cells = new Map<string, FigureRow[]>();
    for (const r of demoRows()) {
      const cell = `${r.period}|${r.programme_id}|${r.group_type}|${r.instrument}`;
      cells.set(cell, [...(cells.get(cell) ?? []), r]);
    }
    const family = (metric: string): string => metric.replace(/_s\d+$/, '_sK');
    const holds = new Map<string, boolean>();
    for (const rows of cells.values()) {
      const quantities: [string, number][] = rows.flatMap((r): [string, number][] => [
        ...(r.n_participants === null ? [] : [[`${family(r.metric)}.N`, r.n_participants] as [string, number]]),
        ...(metricRole(r.metric)?.peopleCount === true && r.value !== null ? [[`${r.metric}.V`, r.value] as [string, number]] : []),
      ]);
      for (const [a, x] of quantities) for (const [b, y] of quantities) {
        if (a < b && !(a.includes('_sK') && b.includes('_sK'))) holds.set(`${a}=${b}`, (holds.get(`${a}=${b}`) ?? true) && x === y);
      }
    }

    // Act: what the roll-up makes equal in every cell, and what the catalogue says is one quantity.
    const always = [...holds].filter(([, ok]) => ok).map(([pair]) => pair).sort();
    const sizeOf = (quantity: string): string | null => {
      const [metric = '', part] = quantity.split('.');
      return part === 'V' ? metric : metricRole(metric.replace('_sK', '_s1'))?.size ?? null;
    };
    const declared = [...holds.keys()].filter((pair) => {
      const [a = '', b = ''] = pair.split('=');
      return sizeOf(a) !== null && sizeOf(a) === sizeOf(b);
    }).sort();

    // Assess
    expect(declared).toEqual(always);
  });

  it('links participation quantities the roll-up makes equal in every cell, or in every cell whose groups all ended', () => {
    // Prepare: the participation figures of each demo cell.
    const cells = new Map<string, Map<string, FigureRow>>();
    for (const r of demoRows().filter((row) => row.instrument === '')) {
      const cell = `${r.period}|${r.programme_id}|${r.group_type}`;
      cells.set(cell, (cells.get(cell) ?? new Map<string, FigureRow>()).set(r.metric, r));
    }
    const amount = (r: FigureRow | undefined): number =>
      r?.n_participants === 0 ? 0 : Math.round((r?.value ?? Number.NaN) * (r?.n_participants ?? Number.NaN));

    // Act
    const checks = [...cells.values()].map((m) => {
      const [completion, dropout, starters] = [m.get('completion_rate'), m.get('dropout_rate'), m.get('retention_s1')];
      return {
        finished: amount(completion) + amount(dropout) === completion?.n_participants,
        firstSession: starters?.value === 1,
        allStartersFinished: starters?.n_participants === completion?.n_participants,
        completersFinished: m.get('completed')?.value === amount(completion),
      };
    });

    // Assess: FINISHED_PARTS and retention at session 1 hold everywhere; the ended-cell links hold together (a
    // running group's completers are among its starters) and in some but not all cells.
    expect(checks.every((c) => c.finished && c.firstSession)).toBe(true);
    expect(checks.every((c) => !c.allStartersFinished || c.completersFinished)).toBe(true);
    expect(checks.some((c) => c.allStartersFinished) && checks.some((c) => !c.completersFinished)).toBe(true);
    expect([metricRole('completion_rate')?.numeratorExact, metricRole('retention_s1')?.endedSize])
      .toEqual([false, metricRole('completion_rate')?.size]);
  });
});
