/**
 * Speed and over-suppression of disclosure control on the demo fixture (not a test: run it by hand).
 *
 *   npx tsx test/core/disclosure/support/measure-disclosure.ts [--skip-whole]
 */
import { applyDisclosureControl, defaultDisclosurePolicy, quarterOfMonth } from '../../../../functions/core/disclosure';
import type { FigureRow } from '../../../../functions/core/figures/figure-row';
import { demoRows, figureLevel, monthRowsOf } from './demo-fixture';
import { releaseSequentially } from './sequential-releases';

const rows = demoRows();
const manager = defaultDisclosurePolicy('manager');
const funder = defaultDisclosurePolicy('funder');

const timed = <T>(run: () => T): [T, number] => {
  const start = performance.now();
  const result = run();
  return [result, (performance.now() - start) / 1000];
};

const share = (out: readonly FigureRow[]): string => {
  const levels = ['leaf', 'type margin', 'programme margin', 'grand total'] as const;
  const parts = levels.map((level) => {
    const at = out.filter((r) => figureLevel(r) === level);
    const hidden = at.filter((r) => r.suppressed).length;
    return `${level} ${((100 * hidden) / Math.max(1, at.length)).toFixed(0)}% of ${at.length}`;
  });
  const all = out.filter((r) => r.suppressed).length;
  const secondary = out.filter((r) => r.suppression_reason?.startsWith('secondary:') === true).length;
  return `suppressed ${((100 * all) / out.length).toFixed(1)}% (secondary ${((100 * secondary) / out.length).toFixed(1)}%): ${parts.join(', ')}`;
};

const grandMeanChange = (out: readonly FigureRow[], period: string): string => {
  const row = out.find((r) => r.period === period && r.programme_id === '*' && r.group_type === '*' &&
    r.instrument === 'swemwbs' && r.metric === 'mean_change');
  return row === undefined ? 'absent' : row.suppressed ? `hidden (${row.suppression_reason ?? ''})` : `shown ${row.value?.toFixed(2) ?? ''}`;
};

const quarter = '2026-Q2';
const quarterRows = rows.filter((r) => r.period === quarter);
const months = monthRowsOf(rows, quarter);
const [alone, aloneSeconds] = timed(() => applyDisclosureControl(quarterRows, funder).rows);
console.log(`${quarter} alone, funder (${quarterRows.length} rows): ${aloneSeconds.toFixed(2)} s; ${share(alone)}; */* swemwbs mean_change ${grandMeanChange(alone, quarter)}`);

const [published, monthSeconds] = timed(() => applyDisclosureControl(months, funder).rows);
const [release, releaseSeconds] = timed(() =>
  applyDisclosureControl([...quarterRows, ...months], funder, { previouslyPublished: published }).rows);
const releasedQuarter = release.filter((r) => r.period === quarter);
console.log(`${quarter} months first (${months.length} rows): ${monthSeconds.toFixed(2)} s; then quarter + months (${quarterRows.length + months.length} rows): ${releaseSeconds.toFixed(2)} s`);
console.log(`  quarter figures: ${share(releasedQuarter)}; */* swemwbs mean_change ${grandMeanChange(release, quarter)}`);

if (!process.argv.includes('--skip-whole')) {
  const [whole, wholeSeconds] = timed(() => applyDisclosureControl(rows, manager).rows);
  console.log(`whole fixture, manager (${rows.length} rows): ${wholeSeconds.toFixed(2)} s; ${share(whole)}`);
  const quarters = [...new Set(rows.map((r) => r.period))].filter((p) => p.includes('Q')).sort();
  console.log(`  */* swemwbs mean_change: ${quarters.map((q) => `${q} ${grandMeanChange(whole, q)}`).join('; ')}`);
}

// The nightly funder publications in the steady state: per quarter, month 1, month 2, then month 3 with the quarter,
// earlier months fixed as published (the nightly job now publishes quarters only: see `npm run bench`).
const quarters = [...new Set(rows.map((r) => r.period))].filter((p) => p.includes('Q')).sort();
const released: FigureRow[] = [];
const [failures, nightlySeconds] = timed(() => {
  const failed: string[] = [];
  for (const q of quarters) {
    try {
      released.push(...releaseSequentially(rows.filter((r) => r.period === q || quarterOfMonth(r.period) === q), q, funder).flat());
    } catch (error) {
      failed.push(`${q}: ${(error as Error).name}`);
    }
  }
  return failed;
});
console.log(`nightly funder publications (${quarters.length} quarters, month by month then month 3 + quarter): ` +
  `${nightlySeconds.toFixed(2)} s; ${share(released)}; failures: ${failures.length === 0 ? 'none' : failures.join(', ')}`);
