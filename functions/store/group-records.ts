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
