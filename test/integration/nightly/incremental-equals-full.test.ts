import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import type { GroupType } from '../../../functions/core/group-type';
import { runNightly } from '../../../functions/nightly/run-nightly';
import { WATERMARK_OVERLAP_MS } from '../../../functions/nightly/nightly-context';
import { DASHBOARD_FIGURES } from '../../../functions/nightly/steps/roll-up';
import { deleteAll } from '../../../functions/store/batch-write';
import { getWatermark } from '../../../functions/store/run-store';
import { startTestStack, type TestStack } from '../support/test-stack';
import { readBucket, scanTable, stackClients, testContext, type StackClients } from './support/nightly-harness';

let t: TestStack;
let clients: StackClients;
let where: { table: string; bucket: string };
let lastNight = 0;
/**
 * Disclosure control is a deterministic function of the rolled-up rows, so the property does not need it;
 * k = 1 keeps the run independent of the disclosure core's own limits (tested in `disclosure-end-to-end`).
 */
const K = 1;

const TYPES: GroupType[] = ['psychoeducational', 'support', 'skill_development', 'psychotherapy'];
const PROGRAMMES = ['adult-resilience', 'young-people', 'carers'];
const STATUSES = ['present', 'late', 'absent', 'excused'] as const;

interface Placement { type: GroupType; programme: string; endMonth: number }
type Op =
  | { kind: 'attend'; g: number; p: number; session: number; status: (typeof STATUSES)[number] }
  | { kind: 'answer'; g: number; p: number; session: number; items: number[] }
  | { kind: 'erase'; p: number }
  | { kind: 'move'; g: number; to: Placement };

const placement = fc.record({ type: fc.constantFrom(...TYPES), programme: fc.constantFrom(...PROGRAMMES), endMonth: fc.integer({ min: 1, max: 5 }) });
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('attend' as const), g: fc.nat(2), p: fc.nat(4), session: fc.integer({ min: 1, max: 4 }), status: fc.constantFrom(...STATUSES) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('answer' as const), g: fc.nat(2), p: fc.nat(4), session: fc.constantFrom(1, 4), items: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 9, maxLength: 9 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('erase' as const), p: fc.nat(4) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('move' as const), g: fc.nat(2), to: placement }) },
);
/** A few nights: what arrives during each day, and how far the run's clock lags the ingest clock (a late marker). */
const nights = fc.array(fc.record({ ops: fc.array(op, { minLength: 1, maxLength: 7 }), lagMs: fc.constantFrom(0, 0, 30_000) }), { minLength: 2, maxLength: 3 });

const startOf = (endMonth: number): string => new Date(Date.UTC(2025, endMonth - 1, 6)).toISOString().slice(0, 10);
const dateOf = (endMonth: number, session: number): string => new Date(Date.UTC(2025, endMonth - 1, 6 + 7 * (session - 1))).toISOString().slice(0, 10);

let runSerial = 0;
/** One night's clock: the ingest time, less the lag, never before the previous night. */
const nightClock = (lagMs: number): Date => {
  lastNight = Math.max(lastNight + 1, Date.now() - lagMs);
  return new Date(lastNight);
};

const groupStats = async () => (await scanTable(clients.doc, where.table))
  .filter((i) => String(i['pk']).startsWith('GSTATS#'))
  .sort((a, b) => `${String(a['pk'])}|${String(a['sk'])}`.localeCompare(`${String(b['pk'])}|${String(b['sk'])}`));
const dashboardItems = async () => (await scanTable(clients.doc, where.table))
  .filter((i) => String(i['pk']).startsWith('FIGURES#'))
  .map((i) => ({ pk: i['pk'], sk: i['sk'], contentHash: i['contentHash'] }))
  .sort((a, b) => `${String(a.pk)}|${String(a.sk)}`.localeCompare(`${String(b.pk)}|${String(b.sk)}`));
const dashboardJson = async () => (await readBucket(clients.s3, where.bucket)).get(DASHBOARD_FIGURES.json)?.toString('utf8');

/** Forgets everything the nightly runs derived (group statistics, dashboard figures), keeping the records. */
const forgetDerived = async () => {
  const derived = (await scanTable(clients.doc, where.table)).filter((i) => /^(GSTATS|FIGURES)#/.test(String(i['pk'])));
  await deleteAll({ client: clients.doc, table: where.table, sleep: async () => {} }, derived.map((i) => ({ pk: String(i['pk']), sk: String(i['sk']) })));
  for (const key of Object.values(DASHBOARD_FIGURES)) await clients.s3.send(new DeleteObjectCommand({ Bucket: where.bucket, Key: key }));
};

beforeAll(async () => {
  t = await startTestStack();
  clients = stackClients(t);
  where = { table: t.stack.info.tableName, bucket: t.stack.info.reportsBucket };
});
afterAll(async () => { await t?.stop(); });

describe('incremental nightly runs', () => {
  it('equal a from-scratch recomputation after random ingests, corrections, moves and erasures over several nights', async () => {
    await fc.assert(fc.asyncProperty(fc.array(placement, { minLength: 3, maxLength: 3 }), nights, async (initial, days) => {
      // Prepare
      runSerial += 1;
      const { api, info } = t.stack;
      const groupId = (g: number) => `inc${runSerial}-g${g}`;
      const ref = (p: number) => `INC${runSerial}-P${p}`;
      const placed = [...initial];
      const register = async (g: number) => {
        const at = placed[g]!;
        await api.post('/v1/groups', info.keys.clinic, {
          groupId: groupId(g), programmeId: at.programme, groupType: at.type, startDate: startOf(at.endMonth), endDate: dateOf(at.endMonth, 4),
          ended: true, plannedSessions: 4, instruments: ['phq9'], facilitatorQualification: 'counsellor',
        });
      };
      for (let g = 0; g < placed.length; g += 1) await register(g);
      const apply = async (o: Op) => {
        if (o.kind === 'erase') {
          await api.post('/v1/admin/erasures', info.keys.admin, { clinicId: 'northside', participantRef: ref(o.p) });
        } else if (o.kind === 'move') {
          // Records keep their dates: a group moves in programme and type, its end date within the same month window.
          placed[o.g] = { ...o.to, endMonth: Math.max(o.to.endMonth, placed[o.g]!.endMonth) };
          await register(o.g);
        } else {
          const end = placed[o.g]!.endMonth;
          const date = dateOf(end, o.session);
          if (o.kind === 'attend') {
            await api.post('/v1/attendance', info.keys.clinic, { records: [{ groupId: groupId(o.g), participantRef: ref(o.p), session: o.session, date, status: o.status }] });
          } else {
            await api.post('/v1/responses', info.keys.clinic, { responses: [{ groupId: groupId(o.g), participantRef: ref(o.p), instrument: 'phq9', session: o.session, administeredOn: date, items: o.items }] });
          }
        }
      };

      // Act
      for (const day of days) {
        for (const o of day.ops) await apply(o);
        const now = nightClock(day.lagMs);
        await runNightly(testContext(clients, where, () => now, { k: K }), { trigger: 'test', batchSize: 2, concurrency: 2 });
      }
      const settle = nightClock(0);
      await runNightly(testContext(clients, where, () => settle, { k: K }), { trigger: 'test' });
      const incremental = { stats: await groupStats(), items: await dashboardItems(), json: await dashboardJson() };
      await forgetDerived();
      const full = nightClock(0);
      await runNightly(testContext(clients, where, () => full, { k: K }), { trigger: 'test', full: true });

      // Assess
      expect(await groupStats()).toEqual(incremental.stats);
      expect(await dashboardItems()).toEqual(incremental.items);
      expect(await dashboardJson()).toBe(incremental.json);
      expect(incremental.json).toBeDefined();
      expect(await getWatermark({ client: clients.doc, table: where.table })).toBe(new Date(lastNight).toISOString());
    }), { numRuns: 5, endOnFailure: true });
  }, 600_000);

  it('starts each window the overlap before the last watermark, so a change stamped just before it is not missed', async () => {
    // Prepare
    const previous = await getWatermark({ client: clients.doc, table: where.table });
    const now = nightClock(0);

    // Act
    const { runId } = await runNightly(testContext(clients, where, () => now, { k: K }), { trigger: 'test' });

    // Assess
    const run = (await scanTable(clients.doc, where.table)).find((i) => i['pk'] === `RUN#${runId}`);
    expect(run?.['from']).toBe(new Date(Date.parse(previous ?? '') - WATERMARK_OVERLAP_MS).toISOString());
    expect(run?.['to']).toBe(now.toISOString());
    expect(run?.['full']).toBe(false);
  });
});
