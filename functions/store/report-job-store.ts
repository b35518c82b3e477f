import { randomBytes } from 'node:crypto';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './db';
import { reportJobKey } from './table-keys';
import { isConditionFailed } from './store-errors';

export const ReportJobStatus = { queued: 'queued', running: 'running', succeeded: 'succeeded', failed: 'failed' } as const;
export type ReportJobStatus = (typeof ReportJobStatus)[keyof typeof ReportJobStatus];

/** Why a build failed, in the API's error shape: `conflict` / `not_found` name the request's problem, `internal` ours. */
export interface ReportJobError {
  error: 'conflict' | 'not_found' | 'internal';
  message: string;
}

/** One on-demand build of a funder report (`POST /v1/admin/reports`), as the caller polls it. */
export interface ReportJob {
  jobId: string;
  funderId: string;
  period: string;
  status: ReportJobStatus;
  requestedAt: string;
  startedAt?: string;
  finishedAt?: string;
  /** Bucket keys written, once succeeded. */
  objects?: string[];
  error?: ReportJobError;
}

/** A new job id: sortable by time, unique (the Step Functions execution name in AWS). */
export const newReportJobId = (now: Date): string =>
  `report-${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${randomBytes(4).toString('hex')}`;

/** How long a job's record is kept: long enough to look back at a month's builds, then DynamoDB's TTL removes it. */
export const REPORT_JOB_RETENTION_DAYS = 90;

/** Stores a new queued job (with the table's TTL attribute, `expiresAt` in epoch seconds). */
export const createReportJob = async (db: Db, job: ReportJob): Promise<void> => {
  const expiresAt = Math.floor(Date.parse(job.requestedAt) / 1000) + REPORT_JOB_RETENTION_DAYS * 86_400;
  await db.client.send(new PutCommand({
    TableName: db.table, Item: { ...reportJobKey(job.jobId), type: 'reportJob', ...job, expiresAt }, ConditionExpression: 'attribute_not_exists(pk)',
  }));
};

/** Reads a job, or undefined. */
export const getReportJob = async (db: Db, jobId: string): Promise<ReportJob | undefined> => {
  const result = await db.client.send(new GetCommand({ TableName: db.table, Key: reportJobKey(jobId), ConsistentRead: true }));
  if (result.Item === undefined) return undefined;
  const { pk: _pk, sk: _sk, type: _type, expiresAt: _expiresAt, ...job } = result.Item;
  return job as ReportJob;
};

/**
 * Moves a job on: to `running` from queued (or running: a retried build), to an end state from queued or
 * running. Returns false when the job already ended, so a late duplicate never overwrites the outcome.
 */
export const advanceReportJob = async (db: Db, jobId: string, fields: Pick<ReportJob, 'status'> & Partial<ReportJob>): Promise<boolean> => {
  const entries = Object.entries(fields).filter(([, v]) => v !== undefined);
  try {
    await db.client.send(new UpdateCommand({
      TableName: db.table, Key: reportJobKey(jobId),
      UpdateExpression: `SET ${entries.map((_, i) => `#f${i} = :v${i}`).join(', ')}`,
      ConditionExpression: 'attribute_exists(pk) AND #status IN (:queued, :running)',
      ExpressionAttributeNames: { '#status': 'status', ...Object.fromEntries(entries.map(([k], i) => [`#f${i}`, k])) },
      ExpressionAttributeValues: {
        ':queued': ReportJobStatus.queued, ':running': ReportJobStatus.running,
        ...Object.fromEntries(entries.map(([, v], i) => [`:v${i}`, v])),
      },
    }));
    return true;
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
    return false;
  }
};
