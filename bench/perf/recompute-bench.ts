/**
 * The nightly full recompute against a 4-segment parallel Scan of the same table, at N groups and again at 2N:
 *
 *   synthetic dataset ─▶ stored items (core's attendanceItem/responseItem, META via putGroup) ─▶ dynalite
 *     ─┬─ child process: listAllGroupIds + recomputeGroupsStep (batches of 50, 4 at a time)   items/s, peak RSS
 *      └─ child process: Scan, TotalSegments 4                                                 items/s
 *   add N more groups, again
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { attendanceItem, dedupeByKey, expiryAfter, responseItem, type PlannedItem } from '../../functions/core/ingest/record-items';
import { pseudonymise } from '../../functions/core/pseudonymise';
import { findInstrument } from '../../functions/core/instruments';
import { scoreAdministration } from '../../functions/core/scoring';
import { putGroup } from '../../functions/store/group-store';
import { putAll } from '../../functions/store/batch-write';
import { putProgramme } from '../../functions/store/organisation-store';
import { createRun } from '../../functions/store/run-store';
import type { Db } from '../../functions/store/db';
import { DEMO_PROGRAMMES } from '../../infra/local/seed/demo-organisation';
import { syntheticDataset, type ClinicSubmissions } from '../../infra/local/seed/synthetic-dataset';
import { BENCH_SECRET, startBenchDynamo } from './local-dynamo';
import type { RequestCounts } from './request-counter';
import { log, median, round, type Measurement } from './measure';

const TABLE = 'bench-recompute';
const CHILD = fileURLToPath(new URL('./recompute-child.ts', import.meta.url));
// The child gets the heap a 1 GB Lambda would give it: left at Node's default (a quarter of this machine's 24 GB),
// V8 lets garbage pile up far past 1 GB before collecting, and the peak RSS says nothing about fitting a Lambda.
const LAMBDA_HEAP_MB = 900;

interface ChildResult { seconds: number; listSeconds: number; count: number; maxRssMB: number; counts: RequestCounts }

const child = (mode: 'scan' | 'recompute', endpoint: string, runId: string): Promise<ChildResult> => new Promise((resolve, reject) => {
  const proc = spawn(process.execPath, [`--max-old-space-size=${LAMBDA_HEAP_MB}`, '--import', 'tsx', CHILD, mode, endpoint, TABLE, runId], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'SILENT' } });
  let out = '';
  proc.stdout.on('data', (chunk: Buffer) => { out += chunk.toString('utf8'); });
  proc.on('error', reject);
  proc.on('exit', (code) => {
    if (code !== 0) reject(new Error(`recompute bench: ${mode} child exited ${code}`));
    else resolve(JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as ChildResult);
  });
});

/** Stores the groups (META) and their records as ingest would have; returns how many items were written. */
const store = async (db: Db, dataset: readonly ClinicSubmissions[], groupIds: ReadonlySet<string>, now: string): Promise<number> => {
  let items = 0;
  for (const clinic of dataset) {
    const groups = clinic.groups.filter((g) => groupIds.has(g.groupId));
    for (let i = 0; i < groups.length; i += 25) {
      await Promise.all(groups.slice(i, i + 25).map((g) => putGroup(db, { ...g, clinicId: clinic.clinicId, instruments: [...g.instruments], ended: g.ended ?? false }, `bench-${g.groupId}`, now)));
    }
    items += groups.length;
    const stamp = (date: string) => ({ clinicId: clinic.clinicId, receivedAt: now, expiresAt: expiryAfter(date, 8 * 366) });
    const pid = (ref: string) => pseudonymise(BENCH_SECRET, clinic.clinicId, ref);
    const planned: PlannedItem[] = [
      ...dedupeByKey(clinic.attendance.filter((r) => groupIds.has(r.groupId)).map((r) => attendanceItem(r, pid(r.participantRef), stamp(r.date))), 'records').unique,
      ...dedupeByKey(clinic.responses.filter((r) => groupIds.has(r.groupId)).map((r) =>
        responseItem(r, pid(r.participantRef), scoreAdministration(findInstrument(r.instrument), r.items as (number | null)[]), stamp(r.administeredOn))), 'responses').unique,
    ];
    const slices: PlannedItem[][] = [];
    for (let i = 0; i < planned.length; i += 500) slices.push(planned.slice(i, i + 500));
    for (let i = 0; i < slices.length; i += 4) await Promise.all(slices.slice(i, i + 4).map((s) => putAll(db, s.map((p) => p.item))));
    items += planned.length;
  }
  return items;
};

export interface RecomputeOptions { runs: number; groups: number; today: string; seed: number }

/** Full-recompute items/s against parallel-Scan items/s at `groups` and `2 × groups`, and the recompute's peak RSS. */
export const recomputeBench = async (options: RecomputeOptions): Promise<Measurement[]> => {
  const local = await startBenchDynamo();
  await local.table(TABLE);
  const db = local.db(TABLE);
  const now = new Date().toISOString();
  for (const p of DEMO_PROGRAMMES) await putProgramme(db, { ...p, funders: p.funders.map((f) => ({ ...f })) } as Parameters<typeof putProgramme>[1], now);
  // About 85 % of the week slots start a group: enough slots for 2N groups over 102 weeks.
  const dataset = syntheticDataset(options.today, options.seed, { weeks: 102, groupsPerWeek: Math.ceil((options.groups * 2) / 101 / 0.8) });
  const all = dataset.flatMap((c) => c.groups.map((g) => g.groupId)).sort();
  if (all.length < options.groups * 2) throw new Error(`recompute bench: only ${all.length} groups generated`);
  const stride = all.length / (options.groups * 2);
  const picked = Array.from({ length: options.groups * 2 }, (_, i) => all[Math.floor(i * stride)]!);
  const halves = [new Set(picked.filter((_, i) => i % 2 === 0)), new Set(picked.filter((_, i) => i % 2 === 1))];
  const samples = { figure: [] as number[], baseline: [] as number[], figureDoubled: [] as number[], baselineDoubled: [] as number[] };
  let items = 0;
  let peakRss = 0;
  let counts: RequestCounts | undefined;
  const sizes: Record<string, number> = {};
  for (const [step, half] of halves.entries()) {
    const seeded = await store(db, dataset, half, now);
    items += seeded;
    log(`recompute: stored ${half.size} more groups (${seeded} items); table now ${items} items of ${(step + 1) * options.groups} groups`);
    sizes[step === 0 ? 'groups' : 'groupsDoubled'] = (step + 1) * options.groups;
    sizes[step === 0 ? 'items' : 'itemsDoubled'] = items;
    for (let run = 0; run < options.runs; run += 1) {
      const runId = `bench-${step}-${run}`;
      await createRun(db, { runId, trigger: 'bench', status: 'running', startedAt: now });
      const recompute = await child('recompute', local.server.endpoint, runId);
      const scan = await child('scan', local.server.endpoint, runId);
      (step === 0 ? samples.figure : samples.figureDoubled).push(items / recompute.seconds);
      (step === 0 ? samples.baseline : samples.baselineDoubled).push(scan.count / scan.seconds);
      peakRss = Math.max(peakRss, recompute.maxRssMB);
      if (step === 1) counts = recompute.counts;
      log(`recompute ${(step + 1) * options.groups} groups run ${run + 1}/${options.runs}: ${recompute.seconds.toFixed(1)} s (listing ${recompute.listSeconds.toFixed(1)} s, ${(items / recompute.seconds).toFixed(0)} items/s, RSS ${recompute.maxRssMB.toFixed(0)} MB); scan ${scan.seconds.toFixed(1)} s (${(scan.count / scan.seconds).toFixed(0)} items/s)`);
    }
  }
  await local.server.close();
  const ratio = median(samples.figure) / median(samples.baseline);
  const groupsDone = options.groups * 2;
  const perGroup = (c: RequestCounts) => Object.fromEntries([
    ...Object.entries(c.requests).map(([k, v]) => [`requestsPerGroup.${k}`, round(v / groupsDone)]),
    ...Object.entries(c.units).map(([k, v]) => [`unitsPerGroup.${k}`, round(v / groupsDone)]),
  ]);
  return [
    {
      id: 'recompute.full', what: 'nightly full recompute: listAllGroupIds + recomputeGroupsStep over every group (batches of 50, 4 at a time), own process',
      unit: 'items/s', higherIsBetter: true, figure: round(median(samples.figure)),
      baselineWhat: '4-segment parallel Scan of the same table, own process', baseline: round(median(samples.baseline)),
      ratio: round(ratio), ratioDoubled: round(median(samples.figureDoubled) / median(samples.baselineDoubled)),
      target: 'ratio ≥ 0.5', meetsTarget: ratio >= 0.5, sizes: { ...sizes, itemsPerGroup: round(items / groupsDone) }, runs: options.runs,
      samples: { figure: samples.figure.map((v) => round(v)), baseline: samples.baseline.map((v) => round(v)), figureDoubled: samples.figureDoubled.map((v) => round(v)), baselineDoubled: samples.baselineDoubled.map((v) => round(v)) },
      ...(counts && { counts: { ...perGroup(counts), itemsPerGroup: round(items / groupsDone) } }),
    },
    {
      id: 'recompute.peakRss', what: `peak RSS of the full recompute process at ${groupsDone} groups (${items} items), heap limited to ${LAMBDA_HEAP_MB} MB as in a 1 GB Lambda`,
      unit: 'MB', higherIsBetter: false, figure: round(peakRss), baselineWhat: 'one Lambda of 1 GB', baseline: 1024,
      ratio: round(peakRss / 1024), ratioDoubled: null, target: '≤ 1024 MB', meetsTarget: peakRss <= 1024,
      sizes: { groups: groupsDone, items }, runs: options.runs, samples: { figure: [round(peakRss)], baseline: [1024] },
    },
  ];
};
