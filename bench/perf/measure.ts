import { cpus, totalmem } from 'node:os';
import { createRequire } from 'node:module';

/** One figure of the perf bench beside its baseline, measured in the same run. */
export interface Measurement {
  /** Stable id (`ingest.attendance`, `recompute.full`, …). */
  id: string;
  /** What is measured, in words. */
  what: string;
  /** Unit of `figure` and `baseline` (`records/s`, `s`, `ms`, `KB`, `MB`). */
  unit: string;
  /** Whether a larger figure is better (a rate) or worse (a time, a size). */
  higherIsBetter: boolean;
  /** Median of the runs, this code. */
  figure: number;
  /** What it is held against, in words. */
  baselineWhat: string;
  /** Median of the runs, the baseline. */
  baseline: number | null;
  /** figure ÷ baseline for a rate (≥ 1 is as fast as the baseline); figure ÷ baseline for a time or a size (≤ 1 is as small). */
  ratio: number | null;
  /** The same ratio with the data doubled (null where doubling means nothing, e.g. a bundle size). */
  ratioDoubled: number | null;
  /** The target of issue 13, as text (e.g. `ratio ≥ 0.8`). */
  target: string;
  /** Whether the target holds in this run. */
  meetsTarget: boolean | null;
  /** Sizes used, runs taken and anything else a reader needs to repeat it. */
  sizes: Record<string, number | string>;
  runs: number;
  /** Every run's figure and baseline, in order (the medians above come from these). */
  samples: { figure: number[]; baseline: number[]; figureDoubled?: number[]; baselineDoubled?: number[] };
  /** Request counts and capacity units per unit of work (what bench/CAPACITY.md is derived from). */
  counts?: Record<string, number>;
  notes?: string;
}

/** The median of a non-empty list. */
export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** Wall time of `work` in seconds, and what it returned. */
export const timed = async <T>(work: () => Promise<T> | T): Promise<{ seconds: number; value: T }> => {
  const start = performance.now();
  const value = await work();
  return { seconds: (performance.now() - start) / 1000, value };
};

/** Rounds to `digits` significant digits (results.json stays readable). */
export const round = (value: number, digits = 4): number => (value === 0 || !Number.isFinite(value) ? value : Number(value.toPrecision(digits)));

/** The machine and versions the run was made on. */
export const machine = (): Record<string, unknown> => {
  const require = createRequire(import.meta.url);
  const version = (name: string): string => {
    try {
      return (require(`${name}/package.json`) as { version: string }).version;
    } catch {
      return 'unknown';
    }
  };
  const cpuList = cpus();
  return {
    cpus: cpuList.length,
    cpuModel: cpuList[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    platform: `${process.platform} ${process.arch}`,
    node: process.version,
    versions: Object.fromEntries(['dynalite', '@aws-sdk/client-dynamodb', 'vega', 'vega-lite', '@resvg/resvg-js', '@duckdb/node-api', 'esbuild', 'ajv'].map((n) => [n, version(n)])),
  };
};

/** Logs progress to stderr (stdout carries the table). */
export const log = (text: string): void => { process.stderr.write(`[perf ${new Date().toISOString().slice(11, 19)}] ${text}\n`); };
