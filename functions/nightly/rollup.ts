import { nightlyContext } from './lambda-context';
import { whileHoldingLease } from './lease-heartbeat';
import { rollUpStep, type RollUpInput } from './steps/roll-up';

/** Step Functions task: see `steps/roll-up.ts` (renews the run's lease while it works). */
export const handler = (event: RollUpInput) =>
  whileHoldingLease(nightlyContext.db, event, nightlyContext.now, () => rollUpStep(nightlyContext, event));
