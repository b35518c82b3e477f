/**
 * Disclosure-control bench: the new release (publication grid → control → interval audit) against the old
 * exact-linear control, on the demo fixture and on a larger synthetic organisation. Writes bench/results.md.
 *
 *   raw figure rows ─┬─ new: publicationGrid → controlPublications (funders, per closed quarter) → controlRelease (dashboard)
 *                    └─ old: applyDisclosureControl (manager: all rows; funders: each closed quarter's rows)
 *                    → headline utility per reader (manager, each demo funder)
 *
 *   npm run bench [-- demo | synthetic]     (one dataset only; both by default; without an argument the
 *                                            performance bench, bench/perf/, runs first)
 *   npm run bench -- --quick | perf [names]  (the performance bench only: quick mode, or full; names pick steps)
 */
import { writeFileSync } from 'node:fs';
import type { FigureRow } from '../functions/core/figures/figure-row';
import { isClosed } from '../functions/core/periods/reporting-period';
import { everyFundersReports, funderViews } from '../functions/core/disclosure/reader-views';
import { highsBoundSolver } from '../functions/runtime/highs-bound-solver';
import { DEMO_KEY_SCOPES, DEMO_PROGRAMMES } from '../infra/local/seed/demo-organisation';
import { demoRows } from '../test/core/disclosure/support/demo-fixture';
import { headlines, readerUtility, type Reader } from './headline-utility';
import { newModel, oldModel, type ModelReleases } from './releases';
import { resultsMarkdown, type DatasetResult } from './results-table';
import { syntheticRows } from './synthetic-rows';
import { runPerf } from './perf/run-perf';

/** The day the releases are made: quarters closed 7 days after their end are published to funders. */
const TODAY = '2026-11-26';
const CLOSE_AFTER_DAYS = 7;
const SEED = 20261126;
const SIZE = { weeks: 104, groupsPerWeek: 4 };

const ALL_PROGRAMMES = DEMO_PROGRAMMES.map((p) => p.programmeId);
const MANAGERS: Reader[] = [
  { name: 'manager (all programmes)', programmes: ALL_PROGRAMMES },
  { name: `manager (demo key: ${DEMO_KEY_SCOPES.manager.programmeIds.join(', ')})`, programmes: DEMO_KEY_SCOPES.manager.programmeIds },
];
const FUNDERS: Reader[] = [...new Set(DEMO_PROGRAMMES.flatMap((p) => p.funders.map((f) => f.funderId)))].sort().map((funderId) => ({
  name: `funder ${funderId}`, programmes: DEMO_PROGRAMMES.filter((p) => p.funders.some((f) => f.funderId === funderId)).map((p) => p.programmeId),
}));

const log = (text: string): void => { process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${text}\n`); };

const quartersOf = (rows: readonly FigureRow[]): string[] => [...new Set(rows.map((r) => r.period))].filter((p) => p.includes('Q')).sort();

const measure = async (name: string, description: string, raw: readonly FigureRow[]): Promise<DatasetResult> => {
  const quarters = quartersOf(raw);
  const closed = quarters.filter((q) => isClosed(q, TODAY, CLOSE_AFTER_DAYS));
  log(`${name}: ${raw.length} rows, quarters ${quarters.join(' ')}, closed ${closed.join(' ')}`);
  const models: [string, ModelReleases][] = [];
  models.push(['old', oldModel(raw, closed)]);
  log(`${name}: old model done`);
  models.push(['new', newModel(raw, closed, await highsBoundSolver(), (text) => log(`${name}: new ${text}`), funderViews(DEMO_PROGRAMMES), (rows) => everyFundersReports(DEMO_PROGRAMMES, rows))]);
  const truth = headlines(raw);
  const result: DatasetResult = {
    name, description: `${description} ${raw.length} unsuppressed rows; quarters ${quarters.join(', ')}; funders get the closed ones (${closed.join(', ')}) as of ${TODAY}; ${truth.length} headline figures in all.`,
    releases: [], utility: [],
  };
  for (const [model, releases] of [...models].reverse()) {
    result.releases.push({ model, release: releases.dashboard }, ...releases.publications.map((release) => ({ model, release })));
  }
  for (const reader of [...MANAGERS, ...FUNDERS]) {
    for (const [model, releases] of [...models].reverse()) {
      const isManager = MANAGERS.includes(reader);
      const rows = isManager ? releases.dashboard.rows : releases.publications.flatMap((p) => p.rows);
      result.utility.push({ reader: reader.name, model, utility: readerUtility(truth, rows, isManager ? quarters : closed, reader, ALL_PROGRAMMES) });
    }
  }
  return result;
};

const args = process.argv.slice(2);
const perfOnly = args.includes('--quick') || args.includes('perf');
if (perfOnly || args.length === 0) {
  await runPerf({ quick: args.includes('--quick'), only: args.filter((a) => a !== '--quick' && a !== 'perf') });
}
const only = args[0];
const started = performance.now();
if (!perfOnly) {
  const results: DatasetResult[] = [];
  if (only !== 'synthetic') {
    results.push(await measure('Demo fixture', 'The demo dataset as the nightly rolled it up (test/core/disclosure/support/demo-fixture.ts).', demoRows()));
  }
  if (only !== 'demo') {
    const synthetic = syntheticRows(TODAY, SEED, SIZE);
    results.push(await measure(
      'Synthetic organisation',
      `\`syntheticDataset('${TODAY}', ${SEED}, ${JSON.stringify(SIZE).replace(/"/g, '')})\` through ingest's pseudonymisation, \`summariseGroup\`, \`rollUp\` and \`figureRows\`: ${synthetic.groups} groups, ${synthetic.participants} participants.`,
      synthetic.rows,
    ));
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  const markdown = resultsMarkdown(results, `Rule: k 8, protection width 5, rates to 0.1 %; manager policy exact counts, funder policy rounding 5. Whole run: ${seconds} s wall on ${new Date().toISOString().slice(0, 10)} (Node ${process.version}).`);
  writeFileSync(new URL('./results.md', import.meta.url), markdown);
  process.stdout.write(markdown);
}
