/** What starts (or resumes) a run: the Step Functions execution input in AWS. */
export interface RunInput {
  runId: string;
  trigger: string;
  full?: boolean;
  /** The attempt's lease token, as the API took the lease. */
  leaseToken: string;
}

/** Starts a nightly run in the background; the caller follows the run record. */
export type RunStarter = (input: RunInput) => void;

let localStarter: RunStarter | undefined;

/**
 * The local stack registers how to run the nightly steps in its own process. In AWS nothing is
 * registered: runs start as Step Functions executions, and the Lambda bundle stays free of the steps.
 */
export const registerLocalRunStarter = (starter: RunStarter): void => {
  localStarter = starter;
};

/** The registered in-process starter, if any. */
export const localRunStarter = (): RunStarter | undefined => localStarter;
