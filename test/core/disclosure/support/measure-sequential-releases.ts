/**
 * The funder releases of each demo quarter in the steady state, through the nightly job's own call (not a test:
 * run it by hand): month 1, month 2, then month 3 with the quarter, earlier months fixed as published.
 *
 *   npx tsx test/core/disclosure/support/measure-sequential-releases.ts
 */
import { defaultDisclosurePolicy } from '../../../../functions/core/disclosure';
import type { FigureRow } from '../../../../functions/core/figures/figure-row';
import { controlPublications } from '../../../../functions/nightly/steps/roll-up';
import { demoRows } from './demo-fixture';
import { recoverableValues } from './differencing-attacker';
import { releaseSteps } from './sequential-releases';

const rows = demoRows();
const policy = defaultDisclosurePolicy('funder');
const quarters = [...new Set(rows.map((r) => r.period))].filter((p) => p.includes('Q')).sort();
const percent = (part: number, whole: number): string => `${((100 * part) / Math.max(1, whole)).toFixed(0)}%`;
for (const quarter of quarters) {
  const start = performance.now();
  const published: FigureRow[] = [];
  let withheld: string | undefined;
  for (const step of releaseSteps(quarter)) {
    const out = controlPublications(rows, step, policy, published);
    if (out === undefined) { withheld = step.join('+'); break; }
    published.push(...out);
  }
  const seconds = ((performance.now() - start) / 1000).toFixed(2);
  if (withheld !== undefined) { console.log(`${quarter}: withheld at ${withheld} (${seconds} s)`); continue; }
  const block = rows.filter((r) => published.some((p) => p.period === r.period));
  const recovered = recoverableValues(published, block, { k: policy.k }).length;
  const ofQuarter = published.filter((r) => r.period === quarter);
  const months = published.filter((r) => r.period !== quarter);
  console.log(`${quarter}: published (${seconds} s); quarter ${percent(ofQuarter.filter((r) => r.suppressed).length, ofQuarter.length)} ` +
    `hidden of ${ofQuarter.length}, months ${percent(months.filter((r) => r.suppressed).length, months.length)} hidden of ` +
    `${months.length}; attacker recovers ${recovered}`);
}
