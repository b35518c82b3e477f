/** Starts a queued report build in the background; the caller polls the job. */
export type ReportJobStarter = (jobId: string) => void;

let localStarter: ReportJobStarter | undefined;

/**
 * The local stack registers how to build reports in its own process. In AWS nothing is registered: a build
 * starts as an execution of the report-build state machine, and the API function stays free of rendering.
 */
export const registerLocalReportJobStarter = (starter: ReportJobStarter): void => {
  localStarter = starter;
};

/** The registered in-process starter, if any. */
export const localReportJobStarter = (): ReportJobStarter | undefined => localStarter;
