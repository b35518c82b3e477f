import { randomBytes } from 'node:crypto';
import { GetCommand, PutCommand, UpdateCommand, DeleteCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './db';
import { runLeaseKey } from './table-keys';
import { isConditionFailed } from './store-errors';

/**
 * How long a run holds the lease without renewing it. A live run renews it every `RUN_HEARTBEAT_MS`, so a
 * crashed run (killed process, timed-out execution) blocks new runs for at most this long.
 */
export const RUN_LEASE_MS = 2 * 60 * 1000;
/** How often a live run renews its lease: four renewals fit in one lease, so one slow write does not lose it. */
export const RUN_HEARTBEAT_MS = 30 * 1000;

/**
 * The one-run-at-a-time lease as one item. `token` names the attempt holding it (a resumed run is a new
 * attempt of the same run id), `version` counts every write, so a take-over is a conditional write on the
 * version it read: of two starters that both saw the same expired lease, exactly one wins.
 */
export interface RunLease {
  runId: string;
  token: string;
  version: number;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/** Another run holds a live lease: two runs at once would race on the watermark and the publications. */
export class RunInProgressError extends Error {
  override readonly name = 'RunInProgressError';
  constructor(readonly holder: string, options?: { cause?: unknown }) {
    super(`Run ${holder} is in progress; one run at a time`, options);
  }
}

/** The lease this attempt held was taken over (it expired, or an operator abandoned the run): the attempt must stop. */
export class RunLeaseLostError extends Error {
  override readonly name = 'RunLeaseLostError';
  constructor(readonly runId: string, options?: { cause?: unknown }) {
    super(`Run ${runId} lost its lease (it expired and another run took over, or the run was abandoned); this attempt stops`, options);
  }
}

/** A fresh attempt token. */
export const newLeaseToken = (): string => randomBytes(8).toString('hex');

/** The stored lease, live or expired, or undefined. */
export const readRunLease = async (db: Db): Promise<RunLease | undefined> => {
  const result = await db.client.send(new GetCommand({ TableName: db.table, Key: runLeaseKey, ConsistentRead: true }));
  const item = result.Item;
  if (item === undefined || typeof item['runId'] !== 'string') return undefined;
  return { runId: item['runId'], token: String(item['token'] ?? ''), version: Number(item['version'] ?? 0), expiresAt: Number(item['leaseExpiresAt']) };
};

/** Whether a lease is live at `now`. */
export const isLive = (lease: RunLease | undefined, now: Date): lease is RunLease => lease !== undefined && lease.expiresAt > now.getTime();

/** The run holding a live lease at `now`, if any. */
export const currentRunLease = async (db: Db, now: Date): Promise<string | undefined> => {
  const lease = await readRunLease(db);
  return isLive(lease, now) ? lease.runId : undefined;
};

export interface AcquireOptions {
  /** The attempt taking the lease; the same run id and token take it again (a step retried by Step Functions). */
  token?: string;
  durationMs?: number;
}

/** What taking the lease gave: the lease, and the run whose expired lease was taken over, if any. */
export interface Acquired {
  lease: RunLease;
  tookOverFrom?: RunLease;
}

/**
 * Takes the lease for `runId` when nobody holds it, the holder's lease expired, or this very attempt holds it.
 * Conditional on the version read, so no transaction is needed; throws RunInProgressError when a live
 * lease of another attempt is in the way.
 */
export const acquireRunLease = async (db: Db, runId: string, now: Date, options: AcquireOptions = {}): Promise<Acquired> => {
  const token = options.token ?? newLeaseToken();
  const seen = await readRunLease(db);
  const ours = seen !== undefined && seen.runId === runId && seen.token === token;
  if (isLive(seen, now) && !ours) throw new RunInProgressError(seen.runId);
  const lease: RunLease = { runId, token, version: (seen?.version ?? 0) + 1, expiresAt: now.getTime() + (options.durationMs ?? RUN_LEASE_MS) };
  try {
    await db.client.send(new PutCommand({
      TableName: db.table,
      // `leaseExpiresAt`, not the table's TTL attribute `expiresAt` (epoch seconds): the lease is in milliseconds.
      Item: { ...runLeaseKey, type: 'runLease', runId, token, version: lease.version, leaseExpiresAt: lease.expiresAt },
      // Only over exactly what was read: a rival that wrote in between changed the version.
      ConditionExpression: seen === undefined ? 'attribute_not_exists(pk)' : '#v = :seen',
      ...(seen !== undefined && { ExpressionAttributeNames: { '#v': 'version' }, ExpressionAttributeValues: { ':seen': seen.version } }),
    }));
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
    throw new RunInProgressError((await readRunLease(db))?.runId ?? 'unknown', { cause: error });
  }
  return { lease, ...(seen !== undefined && !ours && seen.runId !== runId && { tookOverFrom: seen }) };
};

/** Extends the lease `lease` names by another lease duration; throws RunLeaseLostError when another attempt holds it now. */
export const renewRunLease = async (db: Db, lease: Pick<RunLease, 'runId' | 'token'>, now: Date, durationMs = RUN_LEASE_MS): Promise<void> => {
  try {
    await db.client.send(new UpdateCommand({
      TableName: db.table, Key: runLeaseKey,
      UpdateExpression: 'SET leaseExpiresAt = :exp ADD #v :one',
      ConditionExpression: 'runId = :run AND #t = :token',
      ExpressionAttributeNames: { '#v': 'version', '#t': 'token' },
      ExpressionAttributeValues: { ':exp': now.getTime() + durationMs, ':one': 1, ':run': lease.runId, ':token': lease.token },
    }));
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
    throw new RunLeaseLostError(lease.runId, { cause: error });
  }
};

/** Gives the lease back when `runId` (and, if given, this attempt) holds it. */
export const releaseRunLease = async (db: Db, runId: string, token?: string): Promise<void> => {
  try {
    await db.client.send(new DeleteCommand({
      TableName: db.table, Key: runLeaseKey,
      ConditionExpression: token === undefined ? 'runId = :run' : 'runId = :run AND #t = :token',
      ...(token !== undefined && { ExpressionAttributeNames: { '#t': 'token' } }),
      ExpressionAttributeValues: { ':run': runId, ...(token !== undefined && { ':token': token }) },
    }));
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
  }
};

/**
 * Ends a lease whose holder is known to be gone (the local stack starting on its own data directory: no other
 * process can be running on it), so the next run need not wait for the expiry. Conditional on the version
 * read; returns the run that held it.
 */
export const expireRunLease = async (db: Db, now: Date): Promise<string | undefined> => {
  const seen = await readRunLease(db);
  if (seen === undefined || seen.expiresAt <= now.getTime()) return seen?.runId;
  try {
    await db.client.send(new UpdateCommand({
      TableName: db.table, Key: runLeaseKey,
      UpdateExpression: 'SET leaseExpiresAt = :now ADD #v :one',
      ConditionExpression: '#v = :seen',
      ExpressionAttributeNames: { '#v': 'version' },
      ExpressionAttributeValues: { ':now': now.getTime(), ':one': 1, ':seen': seen.version },
    }));
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
  }
  return seen.runId;
};
