import { nightlyContext } from './lambda-context';
import { whileHoldingLease } from './lease-heartbeat';
import { recomputeGroupsStep, type RecomputeInput } from './steps/recompute-groups';

/** Step Functions task: see `steps/recompute-groups.ts` (renews the run's lease while it works). */
export const handler = (event: RecomputeInput) =>
  whileHoldingLease(nightlyContext.db, event.BatchInput, nightlyContext.now, () => recomputeGroupsStep(nightlyContext, event));
