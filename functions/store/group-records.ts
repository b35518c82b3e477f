import { queryAll } from './query-all';
import type { Db } from './db';
import { groupPartition, META } from './table-keys';

/** Everything stored about one group: its META item and its attendance and response items. */
export interface GroupRecords {
  meta: Record<string, unknown> | undefined;
  attendance: Record<string, unknown>[];
  responses: Record<string, unknown>[];
}

/**
 * What the recompute reads of a group partition: the group's META fields that `summariseGroup` and the recompute
 * step use, an attendance mark's pid, session, date and status, a response's pid, instrument, session, date and
 * item answers. Nothing else is transferred or deserialised (a stored record has 14–21 attributes).
 */
export const RECOMPUTE_ATTRIBUTES = [
  'sk', 'groupId', 'programmeId', 'groupType', 'startDate', 'endDate', 'plannedSessions', 'ended', 'changedAt', 'updatedAt', 'statsProgrammeId',
  'pid', 'session', 'date', 'status', 'instrument', 'administeredOn', 'items',
] as const;
const PROJECTION = {
  ProjectionExpression: RECOMPUTE_ATTRIBUTES.map((_, i) => `#r${i}`).join(', '),
  ExpressionAttributeNames: Object.fromEntries(RECOMPUTE_ATTRIBUTES.map((name, i) => [`#r${i}`, name])),
};

/**
 * Reads a whole group partition (access pattern 2: the nightly recompute of one group), projected to
 * `RECOMPUTE_ATTRIBUTES`.
 */
export const readGroupRecords = async (db: Db, groupId: string): Promise<GroupRecords> => {
  const records: GroupRecords = { meta: undefined, attendance: [], responses: [] };
  const items = await queryAll(db, { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': groupPartition(groupId) }, ConsistentRead: true, ...PROJECTION });
  for (const item of items) {
    const sk = String(item['sk']);
    if (sk === META) records.meta = item;
    else if (sk.startsWith('ATT#')) records.attendance.push(item);
    else if (sk.startsWith('RESP#')) records.responses.push(item);
  }
  return records;
};

/** The instrument and score flags of every stored response of one group (the clinic's risk-flag count). */
export const readResponseFlags = async (db: Db, groupId: string): Promise<{ instrument: string; flags: string[] }[]> => {
  const items = await queryAll(db, {
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :responses)',
    ExpressionAttributeValues: { ':pk': groupPartition(groupId), ':responses': 'RESP#' },
    ExpressionAttributeNames: { '#instrument': 'instrument', '#flags': 'flags' },
    ProjectionExpression: '#instrument, #flags',
    ConsistentRead: true,
  });
  return items.map((item) => ({
    instrument: String(item['instrument']),
    flags: Array.isArray(item['flags']) ? item['flags'].map(String) : [],
  }));
};
