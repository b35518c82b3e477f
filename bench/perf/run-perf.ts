/**
 * The performance bench: each hot path beside its baseline, measured in the same run, medians of the runs.
 *
 *   ingest (handler vs raw BatchWriteItem) ─▶ nightly full recompute (vs parallel Scan, + peak RSS)
 *     ─▶ core statistics (vs DuckDB SQL) ─▶ one programme's charts (vs bare View.toSVG) ─▶ bundles (vs GetItem handler)
 *     ─▶ bench/results.json + a printed table, and bench/CAPACITY.md from the request counts
 *
 * Full mode takes about 15 minutes on 2 shared cores; `--quick` (smaller sizes, 3 runs) under 3.
 */
import { writeFileSync } from 'node:fs';
import { ingestBench } from './ingest-bench';
import { recomputeBench } from './recompute-bench';
import { coreStatsBench } from './core-stats-bench';
import { chartsBench } from './charts-bench';
import { bundleBench } from './bundle-bench';
import { capacityMarkdown } from './capacity';
import { log, machine, round, timed, type Measurement } from './measure';

/** The day the synthetic data is anchored to, and its seed: same data on every run. */
const TODAY = '2026-11-26';
const SEED = 20261126;

/** Sizes and runs of each mode (stated in results.json beside every figure). */
export const MODES = {
  full: { runs: 5, ingestBatches: 6, recomputeGroups: 250, statsGroupsPerWeek: 40 },
  quick: { runs: 3, ingestBatches: 2, recomputeGroups: 50, statsGroupsPerWeek: 8 },
} as const;

const formatNumber = (value: number | null): string => (value === null ? '—' : Math.abs(value) >= 100 ? value.toFixed(0) : value.toPrecision(3));

/** The printed table: one line a figure. */
export const resultsTable = (measurements: readonly Measurement[]): string => {
  const lines = [
    '| id | figure | baseline | ratio | ratio, data ×2 | target | holds |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...measurements.map((m) => `| ${m.id} | ${formatNumber(m.figure)} ${m.unit} | ${formatNumber(m.baseline)} ${m.unit} | ${formatNumber(m.ratio)} | ${formatNumber(m.ratioDoubled)} | ${m.target} | ${m.meetsTarget === null ? '—' : m.meetsTarget ? 'yes' : 'no'} |`),
  ];
  return `${lines.join('\n')}\n`;
};

/** Runs every measurement of the mode, writes bench/results.json and prints the table. */
export const runPerf = async (options: { quick: boolean; only?: readonly string[] }): Promise<Measurement[]> => {
  const mode = options.quick ? 'quick' : 'full';
  const size = MODES[mode];
  const wanted = (name: string) => options.only === undefined || options.only.length === 0 || options.only.includes(name);
  const measurements: Measurement[] = [];
  const started = performance.now();
  const steps: [string, () => Promise<Measurement[]>][] = [
    ['ingest', () => ingestBench({ runs: size.runs, batchesPerRun: size.ingestBatches, today: TODAY, seed: SEED })],
    ['recompute', () => recomputeBench({ runs: size.runs, groups: size.recomputeGroups, today: TODAY, seed: SEED })],
    ['stats', () => coreStatsBench({ runs: size.runs, groupsPerWeek: size.statsGroupsPerWeek, today: TODAY, seed: SEED })],
    ['charts', () => chartsBench({ runs: size.runs })],
    ['bundles', () => bundleBench({ runs: Math.max(5, size.runs) })],
  ];
  for (const [name, step] of steps) {
    if (!wanted(name)) continue;
    log(`${name} (${mode})…`);
    const { seconds, value } = await timed(step);
    log(`${name} done in ${seconds.toFixed(0)} s`);
    measurements.push(...value);
  }
  const results = {
    generatedAt: new Date().toISOString(), mode, wallSeconds: round((performance.now() - started) / 1000),
    dataset: { generator: 'infra/local/seed/synthetic-dataset.ts syntheticDataset', today: TODAY, seed: SEED },
    machine: machine(), measurements,
  };
  writeFileSync(new URL('../results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
  const capacity = capacityMarkdown(measurements, mode, results.generatedAt);
  if (capacity !== null) writeFileSync(new URL('../CAPACITY.md', import.meta.url), capacity);
  process.stdout.write(`\nPerformance (${mode} mode, ${results.wallSeconds} s; bench/results.json):\n\n${resultsTable(measurements)}\n`);
  return measurements;
};
