import { nightlyContext } from './lambda-context';
import { rollUpStep, type RollUpInput } from './steps/roll-up';

/** Step Functions task: see `steps/roll-up.ts`. */
export const handler = (event: RollUpInput) => rollUpStep(nightlyContext, event);
