import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { queryAll, scanAll } from './query-all';
import type { Db } from './db';
import { batchGet } from './batch-write';
import { inParallel } from './in-parallel';
import { changedPartition, groupKey } from './table-keys';
import { ConditionFailedError, isConditionFailed } from './store-errors';
import type { StoredGroup } from '../core/ingest/stored-group';
import { TABLE } from '../../infra/table-definition';

const GROUP_FIELDS = ['groupId', 'clinicId', 'programmeId', 'groupType', 'startDate', 'endDate', 'plannedSessions', 'instruments', 'facilitatorQualification', 'ended'] as const;

const toGroup = (item: Record<string, unknown>): StoredGroup => {
  const group = Object.fromEntries(GROUP_FIELDS.filter((f) => item[f] !== undefined).map((f) => [f, item[f]]));
  return { ended: false, ...group } as StoredGroup;
};

/** Reads groups by id (strongly consistent); absent ids are missing from the map. */
export const getGroups = async (db: Db, groupIds: readonly string[]): Promise<Map<string, StoredGroup>> => {
  const items = await batchGet(db, groupIds.map(groupKey));
  const groups = new Map<string, StoredGroup>();
  for (const item of items.values()) groups.set(String(item['groupId']), toGroup(item));
  return groups;
};

/** Reads one group, or undefined. */
export const getGroup = async (db: Db, groupId: string): Promise<StoredGroup | undefined> => {
  const result = await db.client.send(new GetCommand({ TableName: db.table, Key: groupKey(groupId), ConsistentRead: true }));
  return result.Item === undefined ? undefined : toGroup(result.Item);
};

/**
 * Registers or updates a group, refusing (ConditionFailedError) when the id is owned by another clinic.
 * Marks the group changed so the next nightly run recomputes it. Returns whether anything changed.
 */
export const putGroup = async (db: Db, group: StoredGroup, hash: string, now: string): Promise<'created' | 'updated' | 'unchanged'> => {
  const existing = await db.client.send(new GetCommand({ TableName: db.table, Key: groupKey(group.groupId), ConsistentRead: true }));
  if (existing.Item !== undefined && existing.Item['clinicId'] !== group.clinicId) throw new ConditionFailedError(group.groupId);
  if (existing.Item?.['contentHash'] === hash) return 'unchanged';
  const fields: Record<string, unknown> = { ...group, type: 'group', contentHash: hash, updatedAt: now, ...changedMarker(group.groupId, now) };
  const remove = GROUP_FIELDS.filter((f) => fields[f] === undefined);
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':clinic': group.clinicId, ':now': now };
  const sets = Object.entries(fields).filter(([, v]) => v !== undefined).map(([name, value], i) => {
    names[`#f${i}`] = name;
    values[`:v${i}`] = value;
    return `#f${i} = :v${i}`;
  });
  remove.forEach((name, i) => { names[`#r${i}`] = name; });
  try {
    await db.client.send(new UpdateCommand({
      TableName: db.table,
      Key: groupKey(group.groupId),
      UpdateExpression: `SET ${sets.join(', ')}, createdAt = if_not_exists(createdAt, :now)${remove.length ? ` REMOVE ${remove.map((_, i) => `#r${i}`).join(', ')}` : ''}`,
      ConditionExpression: 'attribute_not_exists(pk) OR clinicId = :clinic',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    }));
  } catch (error) {
    if (isConditionFailed(error)) throw new ConditionFailedError(group.groupId, { cause: error });
    throw error;
  }
  return existing.Item === undefined ? 'created' : 'updated';
};

/** The changed-groups index attributes: written on every change so the nightly run finds the group. */
export const changedMarker = (groupId: string, now: string): { changedAt: string; gsi1pk: string; gsi1sk: string } =>
  ({ changedAt: now, gsi1pk: changedPartition(now), gsi1sk: `${now}#${groupId}` });

/** Marks groups changed (one small update per group); never creates a group. */
export const markGroupsChanged = async (db: Db, groupIds: readonly string[], now: string): Promise<void> => {
  await inParallel([...new Set(groupIds)], 10, async (groupId) => {
    const marker = changedMarker(groupId, now);
    try {
      await db.client.send(new UpdateCommand({
        TableName: db.table,
        Key: groupKey(groupId),
        UpdateExpression: 'SET changedAt = :t, gsi1pk = :p, gsi1sk = :s',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':t': marker.changedAt, ':p': marker.gsi1pk, ':s': marker.gsi1sk },
      }));
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
    }
  });
};

/**
 * Ids of groups whose marker lies in [from, to): reads one index partition per UTC day in the window, so
 * the cost follows the number of changes, not the history.
 */
export const listChangedGroups = async (db: Db, from: string, to: string): Promise<string[]> => {
  const ids = new Set<string>();
  for (const day of daysBetween(from, to)) {
    const items = await queryAll(db, {
      IndexName: TABLE.indexes.changed.name,
      KeyConditionExpression: 'gsi1pk = :p AND gsi1sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':p': `CHANGED#${day}`, ':from': from, ':to': to },
    });
    for (const item of items) {
      const sk = String(item['gsi1sk']);
      // BETWEEN is inclusive; the window is half-open so a marker at exactly `to` belongs to the next run.
      if (sk.slice(0, to.length) < to) ids.add(sk.slice(sk.indexOf('#') + 1));
    }
  }
  return [...ids].sort();
};

const daysBetween = (from: string, to: string): string[] => {
  const days: string[] = [];
  const day = new Date(`${from.slice(0, 10)}T00:00:00Z`);
  const last = to.slice(0, 10);
  while (day.toISOString().slice(0, 10) <= last) {
    days.push(day.toISOString().slice(0, 10));
    day.setUTCDate(day.getUTCDate() + 1);
  }
  return days;
};

// Segments of the full-rebuild listing Scan, read at once: the listing reads the whole table.
const LIST_SEGMENTS = 4;

/** Every group id (a full rebuild only: the first run, or an operator's `--full`). */
export const listAllGroupIds = async (db: Db): Promise<string[]> =>
  (await Promise.all(Array.from({ length: LIST_SEGMENTS }, (_, Segment) => scanAll(db, {
    FilterExpression: '#type = :group',
    ProjectionExpression: 'groupId',
    ExpressionAttributeNames: { '#type': 'type' },
    ExpressionAttributeValues: { ':group': 'group' },
    Segment,
    TotalSegments: LIST_SEGMENTS,
  })))).flat().map((item) => String(item['groupId'])).sort();
