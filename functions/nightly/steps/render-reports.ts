import type { NightlyContext } from '../nightly-context';
import type { RollUpOutput } from './roll-up';
import { fundersOf, publishDashboards, publishFunderReport } from '../../publishing/publish-reports';
import { pruneGenerations } from '../../publishing/prune-generations';
import { switchGeneration } from '../../store/generation-store';
import { renewRunLease } from '../../store/run-lease';

/**
 * Periods whose funder reports are rendered automatically: the latest newly closed month and quarter. A
 * first run closes a whole history at once; older periods' figures are published all the same, and their
 * reports are built on demand (`outcomes report`, `POST /v1/admin/reports`).
 */
export const reportPeriods = (closed: readonly string[]): string[] => {
  const months = closed.filter((p) => !p.includes('Q')).sort();
  const quarters = closed.filter((p) => p.includes('Q')).sort();
  return [months.at(-1), quarters.at(-1)].filter((p): p is string => p !== undefined);
};

/**
 * Step 4: publish the dashboards from tonight's figures, and a report for every funder for each period
 * the roll-up has just closed and published. Everything is built from disclosure-controlled figures only.
 * The dashboards and their figures form this run's generation: readers switch to it in one write once all
 * of it is in the bucket, and generations older than the one before are deleted after.
 */
export const renderReportsStep = async (ctx: NightlyContext, input: RollUpOutput): Promise<{ reports: number }> => {
  let reports = await publishDashboards(ctx, input.dataAsOf, input.runId);
  if (input.periods.length > 0) {
    const funders = await fundersOf(ctx);
    for (const period of reportPeriods(input.periods)) {
      for (const funderId of funders) {
        if ((await publishFunderReport(ctx, funderId, period)) !== null) reports += 1;
      }
    }
  }
  // An attempt that lost its lease (a newer run took over) must not switch readers back to its generation.
  if (input.leaseToken !== undefined) await renewRunLease(ctx.db, { runId: input.runId, token: input.leaseToken }, ctx.now(), ctx.lease?.durationMs);
  const pointer = await switchGeneration(ctx.db, input.runId, ctx.now());
  await pruneGenerations(ctx.s3, ctx.bucket, [pointer.current, ...(pointer.previous === undefined ? [] : [pointer.previous])]);
  return { reports };
};
