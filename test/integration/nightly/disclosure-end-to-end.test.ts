import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metricRole } from '../../../functions/core/disclosure';
import type { FigureRow } from '../../../functions/core/figures/figure-row';
import type { GroupType } from '../../../functions/core/group-type';
import { publicationGrid } from '../../../functions/core/figures/publication-grid';
import { figureRows, rollUp } from '../../../functions/core/rollup/roll-up';
import { runNightly } from '../../../functions/nightly/run-nightly';
import { DASHBOARD_FIGURES, publicationKeys } from '../../../functions/nightly/steps/roll-up';
import { listProgrammes } from '../../../functions/store/organisation-store';
import { listGroupStats } from '../../../functions/store/stats-store';
import { recoverableValues } from '../../core/disclosure/support/differencing-attacker';
import { attackIntervals, intervalLeaks, trueValues, type Interval } from '../../core/disclosure/support/interval-attacker';
import { DEMO_PROGRAMMES } from '../../../infra/local/seed/demo-organisation';

const ALL_PROGRAMMES = DEMO_PROGRAMMES.map((p) => p.programmeId);
import { startTestStack, type TestStack } from '../support/test-stack';
import { readBucket, stackClients, testContext, type StackClients } from './support/nightly-harness';

const K = 8;
let t: TestStack;
let clients: StackClients;
let where: { table: string; bucket: string };
let objects: Map<string, Buffer>;
let truth: FigureRow[];

/**
 * Six groups in three programmes over the first quarter of 2025. Two are small (3 and 2 people), so their
 * cells must be suppressed, and the programme and type margins would give them away by subtraction.
 */
const GROUPS: { id: string; programme: string; type: GroupType; month: number; size: number }[] = [
  { id: 'dc-big-therapy', programme: 'adult-resilience', type: 'psychotherapy', month: 1, size: 10 },
  { id: 'dc-small-support', programme: 'adult-resilience', type: 'support', month: 1, size: 3 },
  { id: 'dc-psychoed', programme: 'adult-resilience', type: 'psychoeducational', month: 2, size: 9 },
  { id: 'dc-yp-therapy', programme: 'young-people', type: 'psychotherapy', month: 2, size: 9 },
  { id: 'dc-yp-small-skills', programme: 'young-people', type: 'skill_development', month: 3, size: 2 },
  { id: 'dc-carers-support', programme: 'carers', type: 'support', month: 3, size: 12 },
];

// A small deterministic generator (the data only has to be varied, not random).
let state = 20250101;
const next = (max: number): number => {
  state = (state * 1103515245 + 12345) % 2147483648;
  return state % (max + 1);
};
const dateOf = (month: number, session: number): string => new Date(Date.UTC(2025, month - 1, 3 + 7 * (session - 1))).toISOString().slice(0, 10);

const ingest = async (): Promise<void> => {
  const { api, info } = t.stack;
  for (const g of GROUPS) {
    await api.post('/v1/groups', info.keys.clinic, {
      groupId: g.id, programmeId: g.programme, groupType: g.type, startDate: dateOf(g.month, 1), endDate: dateOf(g.month, 4), ended: true,
      plannedSessions: 4, instruments: ['phq9'], facilitatorQualification: 'counsellor',
    });
    const records = [];
    const responses = [];
    for (let p = 1; p <= g.size; p += 1) {
      const participantRef = `${g.id}-${p}`;
      const attended = 1 + next(3);
      for (let s = 1; s <= 4; s += 1) {
        records.push({ groupId: g.id, participantRef, session: s, date: dateOf(g.month, s), status: s <= attended ? 'present' : 'absent' });
      }
      const first = Array.from({ length: 9 }, () => next(3));
      responses.push({ groupId: g.id, participantRef, instrument: 'phq9', session: 1, administeredOn: dateOf(g.month, 1), items: first });
      if (attended >= 3) {
        const last = first.map((v) => Math.max(0, v - next(2)));
        responses.push({ groupId: g.id, participantRef, instrument: 'phq9', session: 4, administeredOn: dateOf(g.month, 4), items: last });
      }
    }
    await api.post('/v1/attendance', info.keys.clinic, { records });
    await api.post('/v1/responses', info.keys.clinic, { responses });
  }
};

const rowsOf = (key: string): FigureRow[] => JSON.parse(objects.get(key)?.toString('utf8') ?? '[]') as FigureRow[];
const PERIODS = ['2025-Q1'];
const keyOf = (r: FigureRow): string => `${r.period}|${r.programme_id}|${r.group_type}|${r.instrument}|${r.metric}`;

beforeAll(async () => {
  t = await startTestStack();
  clients = stackClients(t);
  where = { table: t.stack.info.tableName, bucket: t.stack.info.reportsBucket };
  await ingest();
  // A night in February (nothing closed yet), then one after the quarter closed.
  await runNightly(testContext(clients, where, () => new Date('2025-02-15T02:00:00Z'), { k: K }), { trigger: 'test' });
  await runNightly(testContext(clients, where, () => new Date(), { k: K }), { trigger: 'test' });
  objects = await readBucket(clients.s3, where.bucket);
  const db = { client: clients.doc, table: where.table };
  const summaries = (await Promise.all((await listProgrammes(db)).map((p) => listGroupStats(db, p.programmeId)))).flat();
  truth = figureRows(rollUp(summaries));
}, 600_000);
afterAll(async () => { await t?.stop(); });

describe('disclosure control end to end', () => {
  it('publishes the closed quarter to funders, and no month', () => {
    // Assess
    expect(objects.has(publicationKeys('2025-Q1').json)).toBe(true);
    for (const month of ['2025-01', '2025-02', '2025-03']) expect(objects.has(publicationKeys(month).json)).toBe(false);
    expect(rowsOf(DASHBOARD_FIGURES.json).every((r) => /^\d{4}-Q[1-4]$/.test(r.period))).toBe(true);
  });

  it('publishes no figure backed by 1..k-1 people and no count of 1..k-1 people, in the dashboard or any publication', () => {
    // Prepare
    const releases = [DASHBOARD_FIGURES.json, ...PERIODS.map((p) => publicationKeys(p).json)];

    // Act
    const leaks = releases.flatMap((key) => rowsOf(key).filter((r) => !r.suppressed).filter((r) => {
      const n = r.n_participants ?? 0;
      const smallN = n > 0 && n < K;
      const smallCount = metricRole(r.metric)?.peopleCount === true && r.value !== null && r.value > 0 && r.value < K;
      return smallN || smallCount;
    }).map((r) => `${key}: ${r.period} ${r.programme_id} ${r.group_type} ${r.instrument} ${r.metric}`));

    // Assess
    expect(leaks).toEqual([]);
  });

  it('hides the small groups\u2019 cells, and no published row says why', () => {
    // Act
    const dashboard = rowsOf(DASHBOARD_FIGURES.json);
    const publication = rowsOf(publicationKeys('2025-Q1').json);
    const small = dashboard.filter((r) => r.period === '2025-Q1' && r.programme_id === 'adult-resilience' && r.group_type === 'support');

    // Assess
    expect(small.length).toBeGreaterThan(0);
    expect(small.every((r) => r.suppressed && r.value === null && r.n_participants === null && r.n_groups === null)).toBe(true);
    expect([...dashboard, ...publication].every((r) => r.suppression_reason === null)).toBe(true);
    expect(objects.get(DASHBOARD_FIGURES.csv)?.toString('utf8').split('\n')[0]).not.toContain('reason');
  });

  it('has margins that would give the small groups away if only they were hidden (the attacker is not idle)', () => {
    // Prepare
    const primaryOnly = truth.map((r) => {
      const small = (r.n_participants ?? 0) > 0 && (r.n_participants ?? 0) < K;
      const smallCount = metricRole(r.metric)?.peopleCount === true && r.value !== null && r.value > 0 && r.value < K;
      return small || smallCount ? { ...r, value: null, ci_low: null, ci_high: null, n_participants: null, suppressed: true, suppression_reason: 'primary' } : r;
    });

    // Act
    const recovered = recoverableValues(primaryOnly, truth, { k: K });

    // Assess
    expect(recovered.some((r) => r.programme_id === 'adult-resilience' && r.group_type === 'support')).toBe(true);
  });

  it('leaves nothing the differencing attacker can recover from the dashboard', () => {
    // Prepare: the true figures of the published grid
    const dashboard = rowsOf(DASHBOARD_FIGURES.json);
    const grid = new Set(dashboard.map(keyOf));

    // Act
    // A hidden cell recovered as empty (0 people) discloses nobody: the threat model lets known zeros pass. Nor
    // does a complement a manager works out that rests on nobody small (no count, n or numerator of 1..k-1).
    const small = (x: number | null | undefined): boolean => x !== null && x !== undefined && x >= 1 && x < K;
    const restsOnSmall = (r: FigureRow): boolean => small(r.n_participants) ||
      (metricRole(r.metric)?.peopleCount === true && small(r.value)) ||
      (metricRole(r.metric)?.kind === 'rate' && r.value !== null && r.n_participants !== null &&
        (small(Math.round(r.value * r.n_participants)) || small(r.n_participants - Math.round(r.value * r.n_participants))));
    // The truth of the published grid includes its zero rows (cells the roll-up made nothing for): a reader
    // cannot tell a hidden zero from any other hidden row.
    const recovered = recoverableValues(dashboard, publicationGrid(truth).filter((r) => grid.has(keyOf(r))), { k: K })
      .filter((r) => !(r.value === 0 && (r.n_participants ?? 0) === 0)).filter(restsOnSmall);

    // Assess
    expect(recovered.map((r) => `${r.period} ${r.programme_id} ${r.group_type} ${r.instrument} ${r.metric} = ${r.value} (n ${r.n_participants})`)).toEqual([]);
  });

  it('leaves no count exact, inside 1..k-1 or narrower than 5 people to the interval attacker: manager, funder, and both', { timeout: 600_000 }, async () => {
    // Prepare
    const manager = { rows: rowsOf(DASHBOARD_FIGURES.json), rounding: 1 };
    const funder = { rows: PERIODS.flatMap((p) => rowsOf(publicationKeys(p).json)), rounding: 5 };

    // Act
    // Each funder holds the rows of the programmes it funds (margins over programmes only if it funds them all);
    // someone may hold every funder's reports.
    const slice = (funded: readonly string[]) => ({ rows: funder.rows.filter((r) => (r.programme_id === '*' ? ALL_PROGRAMMES.every((p) => funded.includes(p)) : funded.includes(r.programme_id))), rounding: 5 });
    const funders = [...new Set(DEMO_PROGRAMMES.flatMap((p) => p.funders.map((f) => f.funderId)))].map((id) => slice(DEMO_PROGRAMMES.filter((p) => p.funders.some((f) => f.funderId === id)).map((p) => p.programmeId)));
    const union = { rows: [...new Set(funders.flatMap((f) => f.rows))], rounding: 5 };
    const readers: Record<string, Interval[]> = { manager: await attackIntervals([manager], K), both: await attackIntervals([manager, union], K) };
    for (const [i, f] of [...funders, union].entries()) readers[`funder ${i}`] = await attackIntervals([f], K);

    // Assess
    expect(funder.rows.length).toBeGreaterThan(0);
    expect(readers['manager']?.length).toBeGreaterThan(0);
    // A manager sees exact counts (also holding the funder publications): complements it works out disclose nobody.
    const values = trueValues(truth);
    for (const [reader, intervals] of Object.entries(readers)) {
      expect([reader, intervalLeaks(intervals, { k: K, protectionWidth: 5, rounding: reader.startsWith('funder') ? 5 : 1 }, values)]).toEqual([reader, []]);
    }
    expect(funders.every((f) => f.rows.length > 0)).toBe(true);
  });
});
