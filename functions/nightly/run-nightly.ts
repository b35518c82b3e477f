import type { NightlyContext } from './nightly-context';
import { listChangedGroupsStep, newRunId, type ListChangedInput } from './steps/list-changed-groups';
import { recomputeGroupsStep } from './steps/recompute-groups';
import { rollUpStep, type RollUpOutput } from './steps/roll-up';
import { finishRunStep } from './steps/finish-run';
import { getObjectBody } from '../store/object-store';
import { RunInProgressError, RunLeaseLostError } from '../store/run-lease';
import { DEFAULT_LEASE_TIMING, startLeaseHeartbeat, type LeaseHeartbeat } from './lease-heartbeat';

/** Renders and publishes reports after the roll-up (step 4); returns how many reports it wrote. */
export type RenderStep = (ctx: NightlyContext, rollUp: RollUpOutput) => Promise<{ reports: number }>;

export interface RunOptions extends ListChangedInput {
  /** Groups per recompute batch (the Map's ItemBatcher in AWS). */
  batchSize?: number;
  /** Batches recomputed at once (the Map's MaxConcurrency in AWS). */
  concurrency?: number;
  render?: RenderStep;
  onProgress?: (event: { step: string; done?: number; total?: number }) => void;
}

/**
 * The nightly pipeline in-process, with the same step functions, in the same order, as the Step
 * Functions state machine runs them in AWS:
 *
 *   list changed groups ─▶ recompute (batches, bounded concurrency) ─▶ roll-up + disclosure control
 *        ─▶ render reports ─▶ finish (watermark advances only on success)
 *
 * The first step takes the one-run-at-a-time lease; a heartbeat renews it while the later steps run, so a
 * killed process leaves a lease that expires within minutes. Any failure records the run as failed and
 * rethrows; running again with the same run id resumes. An attempt that lost its lease (taken over after it
 * expired, or abandoned) stops without writing more.
 */
export const runNightly = async (ctx: NightlyContext, options: RunOptions): Promise<{ runId: string; rollUp: RollUpOutput; reports: number }> => {
  const progress = options.onProgress ?? (() => {});
  const runId = options.runId ?? newRunId(ctx.now());
  let heartbeat: LeaseHeartbeat | undefined;
  try {
    progress({ step: 'list' });
    const listed = await listChangedGroupsStep(ctx, { ...options, runId });
    heartbeat = startLeaseHeartbeat(ctx.db, { runId, token: listed.leaseToken }, ctx.now, ctx.lease ?? DEFAULT_LEASE_TIMING);
    const alive = heartbeat.check;
    const body = await getObjectBody(ctx.s3, ctx.bucket, listed.changedKey);
    const ids = JSON.parse(body?.toString('utf8') ?? '[]') as string[];
    const batchSize = options.batchSize ?? 50;
    const batches: string[][] = [];
    for (let i = 0; i < ids.length; i += batchSize) batches.push(ids.slice(i, i + batchSize));
    let done = 0;
    progress({ step: 'recompute', done, total: ids.length });
    await inParallel(batches, options.concurrency ?? 4, async (batch) => {
      alive();
      await recomputeGroupsStep(ctx, { Items: batch, BatchInput: { runId: listed.runId } });
      done += batch.length;
      progress({ step: 'recompute', done, total: ids.length });
    });
    alive();
    progress({ step: 'rollup' });
    const rolled = await rollUpStep(ctx, { runId: listed.runId, to: listed.to, leaseToken: listed.leaseToken });
    alive();
    progress({ step: 'render' });
    const rendered = options.render ? await options.render(ctx, rolled) : { reports: 0 };
    alive();
    heartbeat.stop();
    await finishRunStep(ctx, { runId: listed.runId, to: listed.to, status: 'succeeded', reports: rendered.reports, leaseToken: listed.leaseToken });
    progress({ step: 'done' });
    return { runId: listed.runId, rollUp: rolled, reports: rendered.reports };
  } catch (error) {
    heartbeat?.stop();
    // Another attempt of this very run holds a live lease, or took this one's over: that attempt owns the record.
    if (error instanceof RunLeaseLostError || (error instanceof RunInProgressError && error.holder === runId)) throw error;
    try {
      await finishRunStep(ctx, { runId, status: 'failed', error });
    } catch {
      // The store that failed the run may fail its record too; the run's own error is the one to report.
    }
    throw error;
  }
};

/** Runs `work` over `items` with at most `limit` at a time. */
const inParallel = async <T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> => {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next]!;
      next += 1;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
};
