import { queryAll } from './query-all';
import type { Db } from './db';
import { deleteAll } from './batch-write';
import { markGroupsChanged } from './group-store';
import type { Key } from './table-keys';
import { TABLE } from '../../infra/table-definition';

/** Keys and groups of every record of one pseudonymous participant (the participant index). */
export const findParticipantRecords = async (db: Db, pid: string): Promise<{ keys: Key[]; groupIds: string[] }> => {
  const items = await queryAll(db, {
    IndexName: TABLE.indexes.participant.name,
    KeyConditionExpression: 'gsi2pk = :p',
    ExpressionAttributeValues: { ':p': `P#${pid}` },
  });
  const keys: Key[] = items.map((item) => ({ pk: String(item['pk']), sk: String(item['sk']) }));
  const groups = new Set(items.map((item) => item['groupId']).filter((id): id is string => typeof id === 'string'));
  return { keys, groupIds: [...groups].sort() };
};

/**
 * Erases every record of a participant and marks their groups changed, so the next nightly run
 * recomputes the statistics without them. Safe to repeat: a second call finds nothing.
 */
export const eraseParticipant = async (db: Db, pid: string, now: string): Promise<{ deleted: number; groups: number }> => {
  const { keys, groupIds } = await findParticipantRecords(db, pid);
  if (keys.length === 0) return { deleted: 0, groups: 0 };
  await deleteAll(db, keys);
  await markGroupsChanged(db, groupIds, now);
  return { deleted: keys.length, groups: groupIds.length };
};
