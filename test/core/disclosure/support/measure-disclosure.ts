/**
 * Speed and over-suppression of disclosure control on the demo fixture (not a test: run it by hand).
 *
 *   npx tsx test/core/disclosure/support/measure-disclosure.ts [--skip-whole]
 */
import { applyDisclosureControl, defaultDisclosurePolicy } from '../../../../functions/core/disclosure';
import type { FigureRow } from '../../../../functions/core/figures/figure-row';
import { demoRows, figureLevel, monthRowsOf } from './demo-fixture';

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

// The nightly funder publications as the roll-up makes them: each month alone, then each quarter with the
// months published before (passed as previouslyPublished only).
const periods = [...new Set(rows.map((r) => r.period))].sort((a, b) => (a.slice(0, 4) === b.slice(0, 4) ? a.localeCompare(b) : a < b ? -1 : 1));
const released = new Map<string, FigureRow[]>();
const [failures, nightlySeconds] = timed(() => {
  const failed: string[] = [];
  for (const period of [...periods.filter((p) => !p.includes('Q')), ...periods.filter((p) => p.includes('Q'))]) {
    const previous = period.includes('Q') ? monthRowsOf(rows, period).length > 0 ? [...released.entries()]
      .filter(([p]) => monthRowsOf(rows, period).some((r) => r.period === p)).flatMap(([, r]) => r) : [] : [];
    try {
      released.set(period, applyDisclosureControl(rows.filter((r) => r.period === period), funder, { previouslyPublished: previous }).rows);
    } catch (error) {
      failed.push(`${period}: ${(error as Error).name}`);
    }
  }
  return failed;
});
const all = [...released.values()].flat();
console.log(`nightly funder publications (${periods.length} periods, quarters after their months): ${nightlySeconds.toFixed(2)} s; ${share(all)}; failures: ${failures.length === 0 ? 'none' : failures.join(', ')}`);
