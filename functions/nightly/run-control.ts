import type { Db } from '../store/db';
import { abandonRun, getRun, RunStatus, type RunRecord } from '../store/run-store';
import { RunInProgressError, acquireRunLease, isLive, readRunLease, releaseRunLease, type RunLease } from '../store/run-lease';
import { abandonedBy } from './steps/list-changed-groups';

/** What an operator sees of a `running` run's lease: until when it is held, and whether the run stalled. */
export interface RunLeaseState {
  /** When the lease expires unless renewed (absent when this run holds no lease). */
  leaseExpiresAt?: string;
  /** The run is recorded `running` but no live lease of it exists: its process stopped. Resume or abandon it. */
  stalled: boolean;
}

/** The lease state of run `runId` given the stored lease (pure). */
export const runLeaseState = (runId: string, lease: RunLease | undefined, now: Date): RunLeaseState => {
  if (lease === undefined || lease.runId !== runId) return { stalled: true };
  return { leaseExpiresAt: new Date(lease.expiresAt).toISOString(), stalled: !isLive(lease, now) };
};

/**
 * Takes the lease for an attempt of `runId` (throws RunInProgressError while another live lease exists) and
 * records the run it took an expired lease over from as abandoned.
 */
export const takeRunLease = async (db: Db, runId: string, token: string, now: Date): Promise<RunLease> => {
  const { lease, tookOverFrom } = await acquireRunLease(db, runId, now, { token });
  if (tookOverFrom !== undefined) await abandonRun(db, tookOverFrom.runId, abandonedBy(runId, tookOverFrom.expiresAt), now);
  return lease;
};

/** The run is alive (its lease is live): it cannot be abandoned or resumed by anyone else. */
export class RunStillAliveError extends Error {
  override readonly name = 'RunStillAliveError';
  constructor(readonly runId: string, readonly leaseExpiresAt: string) {
    super(`Run ${runId} holds a live lease until ${leaseExpiresAt}`);
  }
}

/** Only a stalled (running without a live lease) or failed run can be abandoned. */
export class RunNotAbandonableError extends Error {
  override readonly name = 'RunNotAbandonableError';
  constructor(readonly runId: string, readonly status: RunStatus) {
    super(`Run ${runId} has status ${status}`);
  }
}

/**
 * Gives up a stalled or failed run: its record says `abandoned` with when, and its expired lease is
 * removed so the next run starts at once. Abandoning an abandoned run changes nothing. The watermark stays,
 * so the next run covers the abandoned run's window.
 */
export const abandonStalledRun = async (db: Db, run: RunRecord, now: Date): Promise<RunRecord> => {
  if (run.status === RunStatus.abandoned) return run;
  if (run.status === RunStatus.succeeded) throw new RunNotAbandonableError(run.runId, run.status);
  // Holding the lease while abandoning keeps a resume of the same run from starting in between.
  let held: RunLease | undefined;
  try {
    held = (await acquireRunLease(db, run.runId, now, { token: `abandon-${now.getTime()}` })).lease;
  } catch (error) {
    if (!(error instanceof RunInProgressError)) throw error;
    const live = await readRunLease(db);
    if (live?.runId === run.runId) throw new RunStillAliveError(run.runId, new Date(live.expiresAt).toISOString());
    // Another run is live: this one holds no lease, and cannot be resumed while that one runs.
  }
  try {
    if (!(await abandonRun(db, run.runId, `Abandoned by an operator at ${now.toISOString()}`, now, [RunStatus.running, RunStatus.failed]))) {
      const current = await getRun(db, run.runId);
      if (current?.status !== RunStatus.abandoned) throw new RunNotAbandonableError(run.runId, current?.status ?? run.status);
    }
  } finally {
    if (held !== undefined) await releaseRunLease(db, run.runId, held.token);
  }
  return (await getRun(db, run.runId)) ?? run;
};
