import type { NightlyContext } from '../nightly-context';
import { advanceWatermark, updateRun } from '../../store/run-store';
import { RunLeaseLostError, releaseRunLease, renewRunLease } from '../../store/run-lease';

export interface FinishRunInput {
  runId: string;
  to?: string;
  status: 'succeeded' | 'failed';
  error?: unknown;
  reports?: number;
  /** The attempt's lease token: a success is recorded only while this attempt still holds the lease. */
  leaseToken?: string;
}

/**
 * Last step: record how the run ended. The watermark moves to the run's window end only when the run
 * succeeded — after everything was written — so a failed night is covered again by the next one.
 */
export const finishRunStep = async (ctx: NightlyContext, input: FinishRunInput): Promise<{ runId: string; status: string }> => {
  const finishedAt = ctx.now().toISOString();
  // An attempt that lost its lease (taken over, abandoned) must not move the watermark: throws RunLeaseLostError.
  if (input.status === 'succeeded' && input.leaseToken !== undefined) await renewRunLease(ctx.db, { runId: input.runId, token: input.leaseToken }, ctx.now());
  // The attempt that took the lease over has recorded (or will record) this run: a stale failure must not overwrite it.
  if (input.status === 'failed' && errorName(input.error) === RunLeaseLostError.name) return { runId: input.runId, status: input.status };
  if (input.status === 'succeeded' && input.to !== undefined) await advanceWatermark(ctx.db, input.to, input.runId);
  await updateRun(ctx.db, input.runId, {
    status: input.status, finishedAt,
    ...(input.reports !== undefined && { reports: input.reports }),
    ...(input.error !== undefined && { error: describeError(input.error) }),
  });
  await releaseRunLease(ctx.db, input.runId, input.leaseToken);
  return { runId: input.runId, status: input.status };
};

/** The name of an error, or the `Error` of a Step Functions `{ Error, Cause }`. */
const errorName = (error: unknown): string | undefined => {
  if (error instanceof Error) return error.name;
  if (error !== null && typeof error === 'object') return String((error as { Error?: unknown }).Error ?? '');
  return undefined;
};

/** A short error description for the run record (Step Functions passes `{ Error, Cause }`). */
const describeError = (error: unknown): string => {
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 1000);
  if (error !== null && typeof error === 'object') {
    const e = error as { Error?: unknown; Cause?: unknown };
    return `${String(e.Error ?? 'Error')}: ${String(e.Cause ?? '')}`.slice(0, 1000);
  }
  return String(error).slice(0, 1000);
};
