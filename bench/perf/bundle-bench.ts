/**
 * The ingest function's bundle against a minimal GetItem handler's, both built with the CDK's esbuild options
 * (ESM, node22, minified, AWS SDK bundled): JS size, and module init (a fresh `node` importing the bundle, the
 * time of the `import()` alone), alternating, median of the runs.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { log, median, round, type Measurement } from './measure';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ESM_BANNER = "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

const bundle = async (entry: string, outfile: string): Promise<number> => {
  await build({
    entryPoints: [join(ROOT, entry)], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node22',
    mainFields: ['module', 'main'], banner: { js: ESM_BANNER }, minify: true, external: ['canvas'], logLevel: 'silent',
  });
  return statSync(outfile).size / 1024;
};

const initMs = (file: string, env: NodeJS.ProcessEnv): number => {
  const script = `const t = performance.now(); await import(${JSON.stringify(`file://${file}`)}); process.stdout.write(String(performance.now() - t));`;
  return Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { env, encoding: 'utf8' }));
};

export const bundleBench = async (options: { runs: number }): Promise<Measurement[]> => {
  const dir = mkdtempSync(join(tmpdir(), 'outcomes-bundles-'));
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
  const ingestKb = await bundle('functions/api/attendance.ts', join(dir, 'attendance.mjs'));
  const responsesKb = await bundle('functions/api/responses.ts', join(dir, 'responses.mjs'));
  const minimalKb = await bundle('bench/perf/fixtures/minimal-get-item.ts', join(dir, 'minimal.mjs'));
  const env = { ...process.env, TABLE_NAME: 'bench', AWS_REGION: 'eu-west-2', POWERTOOLS_LOG_LEVEL: 'SILENT', PSEUDONYM_KEY_FILE: '/nonexistent' };
  const samples = { figure: [] as number[], baseline: [] as number[], responses: [] as number[] };
  initMs(join(dir, 'minimal.mjs'), env); // warm the file cache
  for (let run = 0; run < options.runs; run += 1) {
    samples.figure.push(initMs(join(dir, 'attendance.mjs'), env));
    samples.baseline.push(initMs(join(dir, 'minimal.mjs'), env));
    samples.responses.push(initMs(join(dir, 'responses.mjs'), env));
  }
  const init = median(samples.figure) / median(samples.baseline);
  log(`bundles: attendance ${ingestKb.toFixed(0)} KB / ${median(samples.figure).toFixed(0)} ms, responses ${responsesKb.toFixed(0)} KB / ${median(samples.responses).toFixed(0)} ms, minimal ${minimalKb.toFixed(0)} KB / ${median(samples.baseline).toFixed(0)} ms`);
  return [
    {
      id: 'bundle.ingestInit', what: 'ingest function (POST /v1/attendance) module init: a fresh node importing the esbuild bundle',
      unit: 'ms', higherIsBetter: false, figure: round(median(samples.figure)), baselineWhat: 'a minimal DynamoDB GetItem handler bundled the same way',
      baseline: round(median(samples.baseline)), ratio: round(init), ratioDoubled: null, target: 'ratio ≤ 1.4', meetsTarget: init <= 1.4,
      sizes: { responsesInitMs: round(median(samples.responses)) }, runs: options.runs,
      samples: { figure: samples.figure.map((v) => round(v)), baseline: samples.baseline.map((v) => round(v)) },
    },
    {
      id: 'bundle.ingestSize', what: 'ingest function (POST /v1/attendance) bundle JS, minified', unit: 'KB', higherIsBetter: false,
      figure: round(ingestKb), baselineWhat: 'a minimal DynamoDB GetItem handler bundled the same way', baseline: round(minimalKb),
      ratio: round(ingestKb / minimalKb), ratioDoubled: null, target: '≤ 450 KB', meetsTarget: ingestKb <= 450,
      sizes: { responsesKb: round(responsesKb) }, runs: 1, samples: { figure: [round(ingestKb)], baseline: [round(minimalKb)] },
    },
  ];
};
