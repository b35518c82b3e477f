import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { queryAll } from './query-all';
import type { Db } from './db';
import { groupKey, groupStatsKey, groupStatsPartition } from './table-keys';
import type { GroupSummary } from '../core/rollup/group-summary';

/**
 * Stores a group's statistics under its programme (access pattern 4) and remembers on the group where
 * they are, so a group moved to another programme leaves no stale statistics behind.
 */
export const putGroupStats = async (db: Db, summary: GroupSummary, previousProgrammeId: string | undefined): Promise<void> => {
  await db.client.send(new PutCommand({
    TableName: db.table,
    Item: { ...groupStatsKey(summary.programmeId, summary.groupId), type: 'groupStats', ...summary },
  }));
  if (previousProgrammeId !== undefined && previousProgrammeId !== summary.programmeId) {
    await deleteGroupStats(db, previousProgrammeId, summary.groupId);
  }
  await db.client.send(new UpdateCommand({
    TableName: db.table,
    Key: groupKey(summary.groupId),
    UpdateExpression: 'SET statsProgrammeId = :p',
    ConditionExpression: 'attribute_exists(pk)',
    ExpressionAttributeValues: { ':p': summary.programmeId },
  }));
};

/** Removes a group's statistics (a group whose participants were all erased). */
export const deleteGroupStats = async (db: Db, programmeId: string, groupId: string): Promise<void> => {
  await db.client.send(new DeleteCommand({ TableName: db.table, Key: groupStatsKey(programmeId, groupId) }));
};

/** Every group statistics item of a programme. */
export const listGroupStats = async (db: Db, programmeId: string): Promise<GroupSummary[]> =>
  (await queryAll(db, { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': groupStatsPartition(programmeId) } })).map((item) => ({
    groupId: String(item['groupId']), programmeId: String(item['programmeId']),
    groupType: item['groupType'] as GroupSummary['groupType'], endDate: String(item['endDate']),
    changedAt: String(item['changedAt']), stats: item['stats'] as GroupSummary['stats'],
  }));
