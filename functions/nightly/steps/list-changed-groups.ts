import { randomBytes } from 'node:crypto';
import { WATERMARK_OVERLAP_MS, type NightlyContext } from '../nightly-context';
import { listAllGroupIds, listChangedGroups } from '../../store/group-store';
import { abandonRun, createRun, getWatermark, resumeRun, updateRun } from '../../store/run-store';
import { acquireRunLease } from '../../store/run-lease';
import { putObject } from '../../store/object-store';
import { sweepExpiredRecords } from '../../store/retention-store';
import { recordAudit } from '../../store/audit-store';

export interface ListChangedInput {
  runId?: string;
  trigger: string;
  full?: boolean;
  /** The attempt's lease token (the API took the lease with it; in AWS the execution name); new when absent. */
  leaseToken?: string;
}

export interface ListChangedOutput {
  runId: string;
  from: string;
  to: string;
  changedKey: string;
  changedCount: number;
  /** The lease token the later steps renew the lease with. */
  leaseToken: string;
}

/** A new run id: sortable by time, unique. */
export const newRunId = (now: Date): string =>
  `run-${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${randomBytes(3).toString('hex')}`;

/**
 * Step 1: the retention sweep, then the groups changed since the last successful run, written to S3 for the
 * Map step. A resumed run keeps the window it chose the first time, so resuming reads exactly the same groups.
 */
export const listChangedGroupsStep = async (ctx: NightlyContext, input: ListChangedInput): Promise<ListChangedOutput> => {
  const now = ctx.now();
  const runId = input.runId ?? newRunId(now);
  let run = await createRun(ctx.db, { runId, trigger: input.trigger, status: 'running', startedAt: now.toISOString() });
  // One run at a time: two would race on the watermark and on first publications of a period.
  const { lease, tookOverFrom } = await acquireRunLease(ctx.db, runId, now, {
    ...(input.leaseToken !== undefined && { token: input.leaseToken }), ...(ctx.lease && { durationMs: ctx.lease.durationMs }),
  });
  if (tookOverFrom !== undefined) {
    // Its process died holding the lease: it will not finish, and this run covers its window again.
    await abandonRun(ctx.db, tookOverFrom.runId, abandonedBy(runId, tookOverFrom.expiresAt), now);
    await recordAudit(ctx.db, { at: now.toISOString(), action: 'run.abandoned', actor: { role: 'nightly' }, target: { runId: tookOverFrom.runId, takenOverBy: runId } });
  }
  if (run.to === undefined || run.from === undefined) {
    // Retention first (DynamoDB's TTL tells nobody, dynalite never expires): groups that lost expired records
    // are marked just inside this run's window, so this very run recomputes them without those records.
    const inWindow = new Date(now.getTime() - 1).toISOString();
    await sweepExpiredRecords(ctx.db, { now, markAt: () => inWindow });
    const watermark = await getWatermark(ctx.db);
    const from = watermark === undefined ? '1970-01-01T00:00:00.000Z' : new Date(Date.parse(watermark) - WATERMARK_OVERLAP_MS).toISOString();
    // Without a watermark (the first run) every group is read.
    const full = input.full === true || watermark === undefined;
    run = { ...run, from, to: now.toISOString(), full };
    await updateRun(ctx.db, runId, { from: run.from, to: run.to, full });
  } else {
    await resumeRun(ctx.db, runId);
  }
  const from = run.from!;
  const to = run.to!;
  const ids = run.full === true ? await listAllGroupIds(ctx.db) : await listChangedGroups(ctx.db, from, to);
  const changedKey = `work/runs/${runId}/changed-groups.json`;
  await putObject(ctx.s3, ctx.bucket, { key: changedKey, body: Buffer.from(JSON.stringify(ids)), contentType: 'application/json' });
  await updateRun(ctx.db, runId, { changedCount: ids.length });
  return { runId, from, to, changedKey, changedCount: ids.length, leaseToken: lease.token };
};

/** Why a run with an expired lease was abandoned, for its record. */
export const abandonedBy = (runId: string, expiredAt: number): string =>
  `Abandoned: its lease expired at ${new Date(expiredAt).toISOString()} (the process running it stopped) and run ${runId} took over`;
