import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeleteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { runNightly } from '../../functions/nightly/run-nightly';
import { sweepExpiredRecords } from '../../functions/store/retention-store';
import { expiryAfter } from '../../functions/core/ingest/record-items';
import { readRetentionDays } from '../../functions/runtime/config';
import { groupKey, retentionSweepKey } from '../../functions/store/table-keys';
import type { Db } from '../../functions/store/db';
import { putAll } from '../../functions/store/batch-write';
import { groupPayload, startTestStack, type TestStack } from './support/test-stack';
import { cloneStore, failingDb, scanTable, stackClients, testContext, type StackClients } from './nightly/support/nightly-harness';

type Item = Record<string, unknown>;
type Command = { constructor: { name: string }; input: Item };

let t: TestStack;
let clients: StackClients;
const BASE = { table: '', bucket: '' };
const EARLY = '2025-01-06';
const LATER = '2025-01-13';
const days = readRetentionDays();
/** The instant the records dated EARLY reach the end of their retention, and an hour after it. */
const earlyExpiry = new Date(expiryAfter(EARLY, days) * 1000);
const afterEarlyExpiry = new Date(earlyExpiry.getTime() + 3_600_000);
const MARK = '2033-06-01T00:00:00.000Z';

const mark = (participantRef: string, session: number, date: string) => ({ groupId: 'ns-ret-1', participantRef, session, date, status: 'present' });
const response = (participantRef: string, session: number, administeredOn: string) =>
  ({ groupId: 'ns-ret-1', participantRef, instrument: 'brs', administeredOn, session, items: [1, 2, 3, 4, 5, 1] });

beforeAll(async () => {
  t = await startTestStack();
  clients = stackClients(t);
  Object.assign(BASE, { table: t.stack.info.tableName, bucket: t.stack.info.reportsBucket });
  const { api, info } = t.stack;
  await api.post('/v1/groups', info.keys.clinic, groupPayload('ns-ret-1'));
  await api.post('/v1/attendance', info.keys.clinic, { records: ['R1', 'R2', 'R3'].flatMap((ref) => [mark(ref, 1, EARLY), mark(ref, 2, LATER)]) });
  await api.post('/v1/responses', info.keys.clinic, { responses: ['R1', 'R2'].flatMap((ref) => [response(ref, 1, EARLY), response(ref, 2, LATER)]) });
}, 600_000);
afterAll(async () => { await t?.stop(); });

const records = (items: Item[]) => items.filter((i) => i['type'] === 'attendance' || i['type'] === 'response');
const schedules = (items: Item[]) => items.filter((i) => i['pk'] === 'EXPIRY').map((i) => String(i['sk'])).sort();
/** The table without the changed markers (their times differ between runs by design). */
const withoutMarkers = (items: Item[]) => items
  .map(({ changedAt: _c, gsi1pk: _p, gsi1sk: _s, ...rest }) => rest)
  .sort((a, b) => `${String(a['pk'])}|${String(a['sk'])}`.localeCompare(`${String(b['pk'])}|${String(b['sk'])}`));

let serial = 0;
const copy = async (): Promise<Db> => {
  serial += 1;
  const where = { table: `retention-${serial}`, bucket: `retention-bucket-${serial}` };
  await cloneStore(clients, BASE, where);
  return { client: clients.doc, table: where.table, sleep: async () => {} };
};

describe('records past their retention period', () => {
  it('carry the TTL attribute, and each group and expiry day has a schedule item', async () => {
    // Act
    const items = await scanTable(clients.doc, BASE.table);

    // Assess
    expect(new Set(records(items).map((i) => i['expiresAt']))).toEqual(new Set([expiryAfter(EARLY, days), expiryAfter(LATER, days)]));
    const earlyDay = earlyExpiry.toISOString().slice(0, 10);
    const laterDay = new Date(expiryAfter(LATER, days) * 1000).toISOString().slice(0, 10);
    expect(schedules(items)).toEqual([`${earlyDay}#ns-ret-1`, `${laterDay}#ns-ret-1`]);
  });

  it('are deleted by the nightly that runs after they expire, which recomputes their group without them', async () => {
    // Prepare: the first night, a day before the early records expire, sees every record.
    const db = await copy();
    const where = { table: db.table, bucket: `retention-bucket-${serial}` };
    let now = new Date(earlyExpiry.getTime() - 86_400_000);
    const ctx = testContext(clients, where, () => now);
    await runNightly(ctx, { trigger: 'test' });
    const statsBefore = (await scanTable(clients.doc, db.table)).find((i) => i['type'] === 'groupStats');

    // Act
    now = afterEarlyExpiry;
    const run = await runNightly(ctx, { trigger: 'test' });

    // Assess
    const items = await scanTable(clients.doc, db.table);
    expect(records(items).map((i) => i['session'])).toEqual(Array(5).fill(2));
    expect(schedules(items)).toHaveLength(1);
    const statsAfter = items.find((i) => i['type'] === 'groupStats');
    expect(statsAfter?.['stats']).not.toEqual(statsBefore?.['stats']);
    expect(run.runId).toMatch(/^run-/);
    const meta = (await clients.doc.send(new GetCommand({ TableName: db.table, Key: groupKey('ns-ret-1') }))).Item;
    expect(String(meta?.['changedAt']) < afterEarlyExpiry.toISOString()).toBe(true);
  }, 600_000);

  it('keep the group changed even when DynamoDB TTL deleted them first (AWS): the schedule item still marks it', async () => {
    // Prepare: TTL has removed the expired records; nothing else knows.
    const db = await copy();
    const expired = records(await scanTable(clients.doc, db.table)).filter((i) => i['date'] === EARLY || i['administeredOn'] === EARLY);
    for (const item of expired) await clients.doc.send(new DeleteCommand({ TableName: db.table, Key: { pk: item['pk'], sk: item['sk'] } }));

    // Act
    const swept = await sweepExpiredRecords(db, { now: afterEarlyExpiry, markAt: () => MARK });

    // Assess
    expect(swept).toMatchObject({ groups: ['ns-ret-1'], deleted: 0 });
    const meta = (await clients.doc.send(new GetCommand({ TableName: db.table, Key: groupKey('ns-ret-1') }))).Item;
    expect(meta?.['changedAt']).toBe(MARK);
  }, 600_000);

  it('older than expiry schedules are found by the first sweep of a table (one scan) and by no later one', async () => {
    // Prepare: a record stored by an earlier version: no schedule item.
    const db = await copy();
    const stray = { ...records(await scanTable(clients.doc, db.table))[0]!, sk: 'ATT#old#001', session: 1, expiresAt: 1_000 };
    await putAll(db, [stray]);
    await clients.doc.send(new DeleteCommand({ TableName: db.table, Key: retentionSweepKey }));

    // Act
    const first = await sweepExpiredRecords(db, { now: new Date('2026-01-01T00:00:00Z'), markAt: () => MARK });
    const second = await sweepExpiredRecords(db, { now: new Date('2026-01-01T00:00:00Z'), markAt: () => MARK });

    // Assess
    expect(first).toEqual({ groups: ['ns-ret-1'], deleted: 1, scanned: true });
    expect(second).toEqual({ groups: [], deleted: 0, scanned: false });
    expect(records(await scanTable(clients.doc, db.table))).toHaveLength(10);
  }, 600_000);
});

const deleteOf = (partition: (pk: string) => boolean) => (c: Command) =>
  c.constructor.name === 'DeleteCommand' && partition(String((c.input['Key'] as Item)['pk']));
const markerUpdate = (c: Command) => c.constructor.name === 'UpdateCommand' && String((c.input['Key'] as Item)['pk']).startsWith('GROUP#');

const KILLS: { at: string; matches: (c: Command) => boolean; nth: number }[] = [
  { at: 'the first changed marker', matches: markerUpdate, nth: 1 },
  { at: 'the first record delete', matches: deleteOf((pk) => pk.startsWith('GROUP#')), nth: 1 },
  { at: 'the third record delete', matches: deleteOf((pk) => pk.startsWith('GROUP#')), nth: 3 },
  { at: 'the marker after the deletes', matches: markerUpdate, nth: 2 },
  { at: 'the schedule item delete', matches: deleteOf((pk) => pk === 'EXPIRY'), nth: 1 },
];

describe('a retention sweep killed at a step', () => {
  it.each(KILLS)('converges when run again after dying at $at', async ({ matches, nth }) => {
    // Prepare
    const reference = await copy();
    await sweepExpiredRecords(reference, { now: afterEarlyExpiry, markAt: () => MARK });
    const expected = withoutMarkers(await scanTable(clients.doc, reference.table));
    const db = await copy();

    // Act
    const killed = await sweepExpiredRecords(failingDb(db, matches, nth, new Error('killed')), { now: afterEarlyExpiry, markAt: () => 'killed' })
      .then(() => 'finished', (error: unknown) => (error as Error).message);
    const again = await sweepExpiredRecords(db, { now: afterEarlyExpiry, markAt: () => MARK });

    // Assess
    expect(killed).toBe('killed');
    expect(again.groups).toEqual(['ns-ret-1']);
    const items = await scanTable(clients.doc, db.table);
    expect(withoutMarkers(items)).toEqual(expected);
    expect(records(items)).toHaveLength(5);
    // Whatever the killed sweep deleted, the group's last mark came after every delete.
    expect(items.find((i) => i['pk'] === 'GROUP#ns-ret-1' && i['sk'] === 'META')?.['changedAt']).toBe(MARK);
  }, 600_000);
});
