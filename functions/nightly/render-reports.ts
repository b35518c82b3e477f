import { nightlyContext } from './lambda-context';
import { whileHoldingLease } from './lease-heartbeat';
import { renderReportsStep } from './steps/render-reports';
import type { RollUpOutput } from './steps/roll-up';

/** Step Functions task: see `steps/render-reports.ts` (renews the run's lease while it works). */
export const handler = (event: RollUpOutput) =>
  whileHoldingLease(nightlyContext.db, event, nightlyContext.now, () => renderReportsStep(nightlyContext, event));
