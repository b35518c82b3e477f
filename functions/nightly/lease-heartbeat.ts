import type { Db } from '../store/db';
import { RUN_HEARTBEAT_MS, RUN_LEASE_MS, RunLeaseLostError, renewRunLease, type RunLease } from '../store/run-lease';

/** How a live run keeps its lease: the lease length and how often it is renewed (tests shorten both). */
export interface LeaseTiming {
  durationMs: number;
  heartbeatMs: number;
}

export const DEFAULT_LEASE_TIMING: LeaseTiming = { durationMs: RUN_LEASE_MS, heartbeatMs: RUN_HEARTBEAT_MS };

/** A running heartbeat: `check` throws once the lease was lost, `stop` ends the renewals. */
export interface LeaseHeartbeat {
  check: () => void;
  stop: () => void;
}

/**
 * Renews `lease` every `heartbeatMs` while a run works, with expiries from `now` (the run's clock). A failed
 * renewal that is not a lost lease (a throttled write) is tried again on the next beat; the lease outlives
 * several beats. A lost lease stops the beats and makes `check` throw, so the attempt stops writing.
 */
export const startLeaseHeartbeat = (db: Db, lease: Pick<RunLease, 'runId' | 'token'>, now: () => Date, timing: LeaseTiming = DEFAULT_LEASE_TIMING): LeaseHeartbeat => {
  let lost: RunLeaseLostError | undefined;
  let beating = false;
  const timer = setInterval(() => {
    if (beating || lost !== undefined) return;
    beating = true;
    renewRunLease(db, lease, now(), timing.durationMs)
      .catch((error: unknown) => {
        if (error instanceof RunLeaseLostError) {
          lost = error;
          clearInterval(timer);
        }
      })
      .finally(() => { beating = false; });
  }, timing.heartbeatMs);
  // The heartbeat alone never keeps a process alive.
  timer.unref();
  return {
    check: () => { if (lost !== undefined) throw lost; },
    stop: () => clearInterval(timer),
  };
};

/**
 * Runs one step of an attempt (a Lambda task in AWS) while renewing the attempt's lease: renewed first (a
 * step of an attempt that lost its lease throws RunLeaseLostError before writing), then on every beat.
 * Without a token (a caller of an older input shape) the step just runs.
 */
export const whileHoldingLease = async <T>(
  db: Db, attempt: { runId: string; leaseToken?: string | undefined }, now: () => Date, work: () => Promise<T>, timing: LeaseTiming = DEFAULT_LEASE_TIMING,
): Promise<T> => {
  if (attempt.leaseToken === undefined) return work();
  const lease = { runId: attempt.runId, token: attempt.leaseToken };
  await renewRunLease(db, lease, now(), timing.durationMs);
  const heartbeat = startLeaseHeartbeat(db, lease, now, timing);
  try {
    const result = await work();
    heartbeat.check();
    return result;
  } finally {
    heartbeat.stop();
  }
};
