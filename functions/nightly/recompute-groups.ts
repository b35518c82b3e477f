import { nightlyContext } from './lambda-context';
import { recomputeGroupsStep, type RecomputeInput } from './steps/recompute-groups';

/** Step Functions task: see `steps/recompute-groups.ts`. */
export const handler = (event: RecomputeInput) => recomputeGroupsStep(nightlyContext, event);
