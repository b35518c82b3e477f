import { nightlyContext } from './lambda-context';
import { renderReportsStep } from './steps/render-reports';
import type { RollUpOutput } from './steps/roll-up';

/** Step Functions task: see `steps/render-reports.ts`. */
export const handler = (event: RollUpOutput) => renderReportsStep(nightlyContext, event);
