import { nightlyContext } from './lambda-context';
import { finishRunStep, type FinishRunInput } from './steps/finish-run';

/** Step Functions task: see `steps/finish-run.ts`. */
export const handler = (event: FinishRunInput) => finishRunStep(nightlyContext, event);
