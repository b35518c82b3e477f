import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './db';
import { putAll, retrying } from './batch-write';
import { markGroupsChanged } from './group-store';
import { queryAll, scanAll } from './query-all';
import { EXPIRY_SCHEDULE, expiryScheduleKey, groupPartition, retentionSweepKey, type Key } from './table-keys';
import { isConditionFailed, isRetryable } from './store-errors';
import type { PlannedItem } from '../core/ingest/record-items';

/*
 * Retention without streams or transactions.
 *
 *   ingest ─▶ expiry schedule item `EXPIRY | <expiry day>#<groupId>` (before the records)
 *   sweep  ─▶ for each group with a schedule item due: mark changed ─▶ delete its expired records
 *             ─▶ mark changed again ─▶ delete the schedule items (last)
 *
 * DynamoDB's TTL deletes an expired record on its own (within days) and tells nobody; dynalite never does.
 * The schedule item is what tells the nightly that a group lost records: whoever deleted them, the sweep
 * marks the group changed, so its statistics are recomputed without them. A sweep killed anywhere leaves the
 * schedule item in place, and the next sweep does the same work again and converges.
 */

/** The epoch second a UTC day starts. */
const dayStart = (day: string): number => Date.parse(`${day}T00:00:00Z`) / 1000;
const dayOf = (epochSeconds: number): string => new Date(epochSeconds * 1000).toISOString().slice(0, 10);

/**
 * Records, for every group and expiry day among `planned`, that the group has records expiring that day.
 * Call before writing the records: a crash in between leaves a schedule item for nothing, never a record
 * without one. Idempotent (whole-item puts on natural keys).
 */
export const scheduleExpiry = async (db: Db, planned: readonly PlannedItem[]): Promise<void> => {
  const due = new Map<string, { groupId: string; day: string }>();
  for (const p of planned) {
    const expiresAt = p.item['expiresAt'];
    if (typeof expiresAt !== 'number') continue;
    const day = dayOf(expiresAt);
    due.set(`${day}#${p.groupId}`, { groupId: p.groupId, day });
  }
  await putAll(db, [...due.values()].map(({ groupId, day }) => ({ ...expiryScheduleKey(day, groupId), type: 'expirySchedule', groupId, expiresOn: day })));
};

/** What one sweep did: groups marked changed, records it deleted (TTL may have deleted others first). */
export interface SweepResult {
  groups: string[];
  deleted: number;
  /** Whether this sweep scanned the whole table for expired records stored before expiry schedules existed. */
  scanned: boolean;
}

export interface SweepOptions {
  /** The sweep's time: records whose `expiresAt` is at or before it are removed. */
  now: Date;
  /** Time of the changed markers (default: the time each is written); the nightly puts them inside its window. */
  markAt?: () => string;
}

/**
 * Deletes every record whose retention has ended and marks its group changed, so the next nightly
 * recomputes the group without it. The first sweep of a table also scans it once for expired records that
 * predate expiry schedules (recorded by a marker item), so an upgraded deployment misses none.
 */
export const sweepExpiredRecords = async (db: Db, options: SweepOptions): Promise<SweepResult> => {
  const nowSeconds = Math.floor(options.now.getTime() / 1000);
  const markAt = options.markAt ?? (() => new Date().toISOString());
  const today = options.now.toISOString().slice(0, 10);
  const dueItems = await queryAll(db, {
    // Records of day D expire at D 00:00 UTC, so every schedule item up to today is due.
    KeyConditionExpression: 'pk = :p AND sk < :until',
    ExpressionAttributeValues: { ':p': EXPIRY_SCHEDULE, ':until': nextDay(today) },
    ConsistentRead: true,
  });
  const schedules = new Map<string, Key[]>();
  for (const item of dueItems) {
    const groupId = String(item['groupId']);
    schedules.set(groupId, [...(schedules.get(groupId) ?? []), { pk: String(item['pk']), sk: String(item['sk']) }]);
  }
  const swept = await db.client.send(new GetCommand({ TableName: db.table, Key: retentionSweepKey, ConsistentRead: true }));
  const scanned = swept.Item === undefined;
  if (scanned) {
    for (const groupId of await groupsWithExpiredRecords(db, nowSeconds)) if (!schedules.has(groupId)) schedules.set(groupId, []);
  }
  let deleted = 0;
  for (const [groupId, keys] of [...schedules].sort(([a], [b]) => a.localeCompare(b))) {
    await markGroupsChanged(db, [groupId], markAt());
    deleted += await deleteExpiredRecords(db, groupId, nowSeconds);
    // Marked again after the deletes, so a nightly that listed the group between the marks still finds it next time.
    await markGroupsChanged(db, [groupId], markAt());
    for (const key of keys) await db.client.send(new DeleteCommand({ TableName: db.table, Key: key }));
  }
  if (scanned) await db.client.send(new PutCommand({ TableName: db.table, Item: { ...retentionSweepKey, type: 'retentionSweep', firstSweptAt: options.now.toISOString() } }));
  return { groups: [...schedules.keys()].sort(), deleted, scanned };
};

/** Deletes the expired attendance and response items of one group; each delete re-checks the expiry, so a record corrected meanwhile stays. */
const deleteExpiredRecords = async (db: Db, groupId: string, nowSeconds: number): Promise<number> => {
  const expired = await queryAll(db, {
    KeyConditionExpression: 'pk = :pk',
    FilterExpression: 'expiresAt <= :now AND (#type = :attendance OR #type = :response)',
    ExpressionAttributeNames: { '#type': 'type' },
    ExpressionAttributeValues: { ':pk': groupPartition(groupId), ':now': nowSeconds, ':attendance': 'attendance', ':response': 'response' },
    ProjectionExpression: 'pk, sk',
    ConsistentRead: true,
  });
  let deleted = 0;
  for (let start = 0; start < expired.length; start += 25) {
    let pending = expired.slice(start, start + 25).map((item) => ({ pk: String(item['pk']), sk: String(item['sk']) }));
    await retrying(db, async () => {
      const outcomes = await Promise.all(pending.map(async (key) => {
        try {
          await db.client.send(new DeleteCommand({
            TableName: db.table, Key: key, ConditionExpression: 'expiresAt <= :now', ExpressionAttributeValues: { ':now': nowSeconds },
          }));
          return 'deleted' as const;
        } catch (error) {
          if (isConditionFailed(error)) return 'kept' as const;
          if (isRetryable(error)) return 'retry' as const;
          throw error;
        }
      }));
      deleted += outcomes.filter((outcome) => outcome === 'deleted').length;
      pending = pending.filter((_, i) => outcomes[i] === 'retry');
      return pending.length === 0;
    });
  }
  return deleted;
};

/** Groups holding an expired record, by a full Scan (once per table: records stored before expiry schedules). */
const groupsWithExpiredRecords = async (db: Db, nowSeconds: number): Promise<string[]> => {
  const items = await scanAll(db, {
    FilterExpression: 'expiresAt <= :now AND (#type = :attendance OR #type = :response)',
    ExpressionAttributeNames: { '#type': 'type' },
    ExpressionAttributeValues: { ':now': nowSeconds, ':attendance': 'attendance', ':response': 'response' },
    ProjectionExpression: 'groupId',
  });
  return [...new Set(items.map((item) => String(item['groupId'])))].sort();
};

const nextDay = (day: string): string => new Date((dayStart(day) + 86_400) * 1000).toISOString().slice(0, 10);
