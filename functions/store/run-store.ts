import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './db';
import { runKey, watermarkKey } from './table-keys';
import { isConditionFailed } from './store-errors';

/** `abandoned`: the run stopped without finishing (its process died) and will not be resumed; a later run covers its window. */
export const RunStatus = { running: 'running', succeeded: 'succeeded', failed: 'failed', abandoned: 'abandoned' } as const;
export type RunStatus = (typeof RunStatus)[keyof typeof RunStatus];

/** The record an operator reads about one nightly run. */
export interface RunRecord {
  runId: string;
  trigger: string;
  status: RunStatus;
  startedAt: string;
  finishedAt?: string;
  /** The window of changes this run covers: [from, to). */
  from?: string;
  to?: string;
  full?: boolean;
  changedCount?: number;
  groupsRecomputed?: number;
  cellsPublished?: number;
  cellsSuppressed?: number;
  periodsPublished?: string[];
  /** Frozen funder periods whose groups got data after publication (dashboards show it; the publication does not). */
  lateData?: { period: string; groups: number }[];
  /** Closed periods disclosure control could not protect against earlier releases: not published. */
  periodsWithheld?: string[];
  /** The interval audit of what the run published (counts audited, narrowest interval, passes, figures it hid). */
  disclosureAudit?: { dashboard: unknown; publications: Record<string, unknown> };
  reports?: number;
  dataAsOf?: string;
  error?: string;
}

/** Creates a run record unless it exists (a resumed run keeps its record); returns the stored record. */
export const createRun = async (db: Db, run: RunRecord): Promise<RunRecord> => {
  try {
    await db.client.send(new PutCommand({
      TableName: db.table, Item: { ...runKey(run.runId), type: 'run', ...run }, ConditionExpression: 'attribute_not_exists(pk)',
    }));
    return run;
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
    const existing = await getRun(db, run.runId);
    if (existing === undefined) throw error;
    return existing;
  }
};

/** Reads a run record, or undefined. */
export const getRun = async (db: Db, runId: string): Promise<RunRecord | undefined> => {
  const result = await db.client.send(new GetCommand({ TableName: db.table, Key: runKey(runId), ConsistentRead: true }));
  if (result.Item === undefined) return undefined;
  const { pk: _pk, sk: _sk, type: _type, ...run } = result.Item;
  return run as RunRecord;
};

/** Sets fields of a run record. */
export const updateRun = async (db: Db, runId: string, fields: Partial<RunRecord>): Promise<void> => {
  const entries = Object.entries(fields).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return;
  await db.client.send(new UpdateCommand({
    TableName: db.table,
    Key: runKey(runId),
    UpdateExpression: `SET ${entries.map((_, i) => `#f${i} = :v${i}`).join(', ')}`,
    ExpressionAttributeNames: Object.fromEntries(entries.map(([k], i) => [`#f${i}`, k])),
    ExpressionAttributeValues: Object.fromEntries(entries.map(([, v], i) => [`:v${i}`, v])),
  }));
};

/**
 * Marks a run that starts again (same run id, window already chosen) as running: its earlier error and end
 * are cleared and its group counter starts over, so the record describes the attempt that finishes.
 */
export const resumeRun = async (db: Db, runId: string): Promise<void> => {
  await db.client.send(new UpdateCommand({
    TableName: db.table, Key: runKey(runId),
    UpdateExpression: 'SET #s = :running, groupsRecomputed = :zero REMOVE #e, finishedAt',
    ExpressionAttributeNames: { '#s': 'status', '#e': 'error' },
    ExpressionAttributeValues: { ':running': RunStatus.running, ':zero': 0 },
  }));
};

/** Adds to a counter of a run record (the Map's batches report their groups this way). */
export const addToRun = async (db: Db, runId: string, field: 'groupsRecomputed', amount: number): Promise<void> => {
  await db.client.send(new UpdateCommand({
    TableName: db.table, Key: runKey(runId), UpdateExpression: 'ADD #f :n',
    ExpressionAttributeNames: { '#f': field }, ExpressionAttributeValues: { ':n': amount },
  }));
};

/** The end of the window the last successful run covered, or undefined before the first run. */
export const getWatermark = async (db: Db): Promise<string | undefined> => {
  const result = await db.client.send(new GetCommand({ TableName: db.table, Key: watermarkKey, ConsistentRead: true }));
  return result.Item?.['value'] as string | undefined;
};

/** Moves the watermark forward (never back): only after everything of the run is written. */
export const advanceWatermark = async (db: Db, to: string, runId: string): Promise<void> => {
  try {
    await db.client.send(new UpdateCommand({
      TableName: db.table, Key: watermarkKey,
      UpdateExpression: 'SET #v = :to, runId = :run',
      ConditionExpression: 'attribute_not_exists(#v) OR #v < :to',
      ExpressionAttributeNames: { '#v': 'value' }, ExpressionAttributeValues: { ':to': to, ':run': runId },
    }));
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
  }
};

/**
 * Marks a run that will not finish as abandoned, with the reason, unless it ended otherwise meanwhile
 * (conditional on its status being one of `from`); returns whether it did. Its window stays uncovered by the
 * watermark, so the next run reads those changes again.
 */
export const abandonRun = async (
  db: Db, runId: string, reason: string, now: Date, from: readonly RunStatus[] = [RunStatus.running],
): Promise<boolean> => {
  try {
    await db.client.send(new UpdateCommand({
      TableName: db.table, Key: runKey(runId),
      UpdateExpression: 'SET #s = :abandoned, #e = :reason, finishedAt = :now',
      ConditionExpression: `attribute_exists(pk) AND #s IN (${from.map((_, i) => `:from${i}`).join(', ')})`,
      ExpressionAttributeNames: { '#s': 'status', '#e': 'error' },
      ExpressionAttributeValues: {
        ':abandoned': RunStatus.abandoned, ':reason': reason.slice(0, 1000), ':now': now.toISOString(),
        ...Object.fromEntries(from.map((status, i) => [`:from${i}`, status])),
      },
    }));
    return true;
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
    return false;
  }
};
