import type { NightlyContext } from '../nightly-context';
import type { RollUpOutput } from './roll-up';

/** Step 4: render dashboards and funder reports (wired to `reports/` once it lands). */
export const renderReportsStep = async (_ctx: NightlyContext, _input: RollUpOutput): Promise<{ reports: number }> => ({ reports: 0 });
