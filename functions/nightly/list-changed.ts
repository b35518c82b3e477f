import { nightlyContext } from './lambda-context';
import { listChangedGroupsStep, type ListChangedInput } from './steps/list-changed-groups';

/** Step Functions task: see `steps/list-changed-groups.ts`. */
export const handler = (event: ListChangedInput) => listChangedGroupsStep(nightlyContext, event);
