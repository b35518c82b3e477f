import { nightlyContext } from './lambda-context';
import { runNightly, type RunOptions } from './run-nightly';

/** Runs the nightly pipeline in this process with the module-scope context (local stack, CLI). */
export const runLocally = async (options: RunOptions) => {
  const { renderReportsStep } = await import('./steps/render-reports');
  return runNightly(nightlyContext, { render: renderReportsStep, ...options });
};
