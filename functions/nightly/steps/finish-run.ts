import type { NightlyContext } from '../nightly-context';
import { advanceWatermark, releaseRunLease, updateRun } from '../../store/run-store';

export interface FinishRunInput {
  runId: string;
  to?: string;
  status: 'succeeded' | 'failed';
  error?: unknown;
  reports?: number;
}

/**
 * Last step: record how the run ended. The watermark moves to the run's window end only when the run
 * succeeded — after everything was written — so a failed night is covered again by the next one.
 */
export const finishRunStep = async (ctx: NightlyContext, input: FinishRunInput): Promise<{ runId: string; status: string }> => {
  const finishedAt = ctx.now().toISOString();
  if (input.status === 'succeeded' && input.to !== undefined) await advanceWatermark(ctx.db, input.to, input.runId);
  await updateRun(ctx.db, input.runId, {
    status: input.status, finishedAt,
    ...(input.reports !== undefined && { reports: input.reports }),
    ...(input.error !== undefined && { error: describeError(input.error) }),
  });
  await releaseRunLease(ctx.db, input.runId);
  return { runId: input.runId, status: input.status };
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
