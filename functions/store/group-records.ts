import { queryAll } from './query-all';
import type { Db } from './db';
import { groupPartition, META } from './table-keys';

/** Everything stored about one group: its META item and its attendance and response items. */
export interface GroupRecords {
  meta: Record<string, unknown> | undefined;
  attendance: Record<string, unknown>[];
  responses: Record<string, unknown>[];
}

/** Reads a whole group partition (access pattern 2: the nightly recompute of one group). */
export const readGroupRecords = async (db: Db, groupId: string): Promise<GroupRecords> => {
  const records: GroupRecords = { meta: undefined, attendance: [], responses: [] };
  const items = await queryAll(db, { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': groupPartition(groupId) }, ConsistentRead: true });
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
