/**
 * Ingest through the handler against raw BatchWriteItem of the same stored items, to the same dynalite:
 *
 *   synthetic dataset ─▶ batches of 500 (one clinic each) ─┬─ handler: POST /v1/attendance | /v1/responses (table A)
 *                                                          └─ raw: attendanceItem/responseItem → BatchWriteItem ×25 (table B)
 *
 * Each run takes batches no run took before (so every record is new to both tables); figure and baseline
 * alternate within a run.
 */
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { toContext } from '../../functions/core/access/principal';
import { attendanceItem, dedupeByKey, expiryAfter, responseItem, type PlannedItem } from '../../functions/core/ingest/record-items';
import { pseudonymise } from '../../functions/core/pseudonymise';
import { findInstrument } from '../../functions/core/instruments';
import { scoreAdministration } from '../../functions/core/scoring';
import { putGroup } from '../../functions/store/group-store';
import type { Db } from '../../functions/store/db';
import { syntheticDataset, type ClinicSubmissions } from '../../infra/local/seed/synthetic-dataset';
import { BENCH_SECRET, HANDLER_TABLE, startBenchDynamo } from './local-dynamo';
import { countRequests, sumCounts, type RequestCounts } from './request-counter';
import { log, median, round, timed, type Measurement } from './measure';

type Handler = (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>;
type Kind = 'attendance' | 'responses';
interface Batch { clinicId: string; records: Record<string, unknown>[] }

const BATCH = 500;
const RETENTION_DAYS = 8 * 366;
const RAW_TABLE = 'bench-raw';

const event = (path: string, clinicId: string, body: unknown): APIGatewayProxyEvent => ({
  resource: path, path, httpMethod: 'POST', headers: { 'Content-Type': 'application/json' }, multiValueHeaders: {},
  queryStringParameters: null, multiValueQueryStringParameters: null, pathParameters: null, stageVariables: null,
  body: JSON.stringify(body), isBase64Encoded: false,
  requestContext: { requestId: 'bench', stage: 'bench', authorizer: { ...toContext({ role: 'clinic', keyId: `k-${clinicId}`, clinicId }), principalId: `k-${clinicId}` } },
} as unknown as APIGatewayProxyEvent);

const batchesOf = (dataset: readonly ClinicSubmissions[], kind: Kind): Batch[] => dataset.flatMap((clinic) => {
  const records = (kind === 'attendance' ? clinic.attendance : clinic.responses) as unknown as Record<string, unknown>[];
  const out: Batch[] = [];
  for (let i = 0; i + BATCH <= records.length; i += BATCH) out.push({ clinicId: clinic.clinicId, records: records.slice(i, i + BATCH) });
  return out;
});

/** The items the handler stores for a batch, made by the same core functions (what the raw baseline writes). */
const plannedItems = (batch: Batch, kind: Kind, receivedAt: string): PlannedItem[] => {
  const planned = batch.records.map((record) => {
    const pid = pseudonymise(BENCH_SECRET, batch.clinicId, String(record['participantRef']));
    if (kind === 'attendance') {
      const r = record as unknown as Parameters<typeof attendanceItem>[0];
      return attendanceItem(r, pid, { clinicId: batch.clinicId, receivedAt, expiresAt: expiryAfter(r.date, RETENTION_DAYS) });
    }
    const r = record as unknown as Parameters<typeof responseItem>[0];
    return responseItem(r, pid, scoreAdministration(findInstrument(r.instrument), r.items as (number | null)[]), { clinicId: batch.clinicId, receivedAt, expiresAt: expiryAfter(r.administeredOn, RETENTION_DAYS) });
  });
  return dedupeByKey(planned, kind).unique;
};

const rawWrite = async (db: Db, items: readonly PlannedItem[]): Promise<void> => {
  for (let i = 0; i < items.length; i += 25) {
    let pending = items.slice(i, i + 25).map((p) => ({ PutRequest: { Item: p.item } }));
    while (pending.length > 0) {
      const result = await db.client.send(new BatchWriteCommand({ RequestItems: { [db.table]: pending } }));
      pending = (result.UnprocessedItems?.[db.table] ?? []) as typeof pending;
    }
  }
};

/** Options: runs, batches per run (and twice as many for the doubled figure), the dataset's seed and size. */
export interface IngestOptions { runs: number; batchesPerRun: number; today: string; seed: number }

/** Ingest records/s through the handler and through raw BatchWriteItem, for attendance and responses. */
export const ingestBench = async (options: IngestOptions): Promise<Measurement[]> => {
  const local = await startBenchDynamo();
  await local.table(HANDLER_TABLE);
  await local.table(RAW_TABLE);
  const handlerDb = local.db(HANDLER_TABLE);
  const rawDb = local.db(RAW_TABLE);
  // The handlers read their configuration at import: only now that the environment is set.
  const { documentClient } = await import('../../functions/runtime/dynamo-client');
  const handlers: Record<Kind, Handler> = {
    attendance: (await import('../../functions/api/attendance')).handler,
    responses: (await import('../../functions/api/responses')).handler,
  };
  const handlerCounter = countRequests(documentClient);
  const rawCounter = countRequests(rawDb.client);
  const needed = options.runs * options.batchesPerRun * 3 + 1;
  // Enough groups that every run gets batches of its own: about 45 attendance marks and 50 answers per group.
  const groupsPerWeek = Math.ceil((needed * BATCH) / 40 / 100 / 0.85) + 1;
  const dataset = syntheticDataset(options.today, options.seed, { weeks: 102, groupsPerWeek });
  const groups = dataset.flatMap((c) => c.groups.map((g) => ({ ...g, clinicId: c.clinicId })));
  log(`ingest: registering ${groups.length} groups (weeks 102, groupsPerWeek ${groupsPerWeek})`);
  const now = new Date().toISOString();
  for (let i = 0; i < groups.length; i += 50) {
    await Promise.all(groups.slice(i, i + 50).map((g) => putGroup(handlerDb, { ...g, instruments: [...g.instruments], ended: g.ended ?? false }, `bench-${g.groupId}`, now)));
  }
  const results: Measurement[] = [];
  for (const kind of ['attendance', 'responses'] as const) {
    const queue = batchesOf(dataset, kind);
    if (queue.length < needed) throw new Error(`ingest bench: only ${queue.length} ${kind} batches, ${needed} needed`);
    let next = 0;
    const take = (n: number) => queue.slice(next, (next += n));
    const samples = { figure: [] as number[], baseline: [] as number[], figureDoubled: [] as number[], baselineDoubled: [] as number[] };
    const handlerCounts: RequestCounts[] = [];
    const rawCounts: RequestCounts[] = [];
    let recordsThroughHandler = 0;
    let batchesThroughHandler = 0;
    const one = async (batches: Batch[]): Promise<[number, number]> => {
      const records = batches.reduce((n, b) => n + b.records.length, 0);
      handlerCounter.reset();
      const through = await timed(async () => {
        for (const batch of batches) {
          const body = kind === 'attendance' ? { records: batch.records } : { responses: batch.records };
          const answer = await handlers[kind](event(`/v1/${kind}`, batch.clinicId, body));
          if (answer.statusCode !== 200) throw new Error(`ingest bench: ${kind} answered ${answer.statusCode}: ${answer.body.slice(0, 300)}`);
        }
      });
      handlerCounts.push(handlerCounter.counts());
      recordsThroughHandler += records;
      batchesThroughHandler += batches.length;
      // The baseline writes exactly the items the handler stored (same core functions), with no checks at all.
      const items = batches.flatMap((b) => plannedItems(b, kind, now));
      rawCounter.reset();
      const raw = await timed(() => rawWrite(rawDb, items));
      rawCounts.push(rawCounter.counts());
      return [records / through.seconds, items.length / raw.seconds];
    };
    // Warm-up (JIT, sockets, the pseudonymisation key), not counted.
    await one(take(1));
    handlerCounts.length = 0; rawCounts.length = 0; recordsThroughHandler = 0; batchesThroughHandler = 0;
    for (let run = 0; run < options.runs; run += 1) {
      const [f, b] = await one(take(options.batchesPerRun));
      samples.figure.push(f); samples.baseline.push(b);
      const [f2, b2] = await one(take(options.batchesPerRun * 2));
      samples.figureDoubled.push(f2); samples.baselineDoubled.push(b2);
      log(`ingest ${kind} run ${run + 1}/${options.runs}: handler ${f.toFixed(0)} / raw ${b.toFixed(0)} records/s; doubled ${f2.toFixed(0)} / ${b2.toFixed(0)}`);
    }
    const figure = median(samples.figure);
    const baseline = median(samples.baseline);
    const ratio = figure / baseline;
    const perBatch = (counts: RequestCounts, batches: number, records: number) => Object.fromEntries([
      ...Object.entries(counts.requests).map(([k, v]) => [`requestsPerBatch.${k}`, round(v / batches)]),
      ...Object.entries(counts.units).map(([k, v]) => [`unitsPerRecord.${k}`, round(v / records)]),
    ]);
    const rawItems = rawCounts.length === 0 ? 0 : recordsThroughHandler;
    results.push({
      id: `ingest.${kind}`,
      what: `${kind} through the handler (POST /v1/${kind}, batch ${BATCH}, concurrency 1, validation, group checks, pseudonymisation, idempotent conditional writes)`,
      unit: 'records/s', higherIsBetter: true,
      figure: round(figure), baselineWhat: 'raw BatchWriteItem (25 a request, sequential) of the same stored items to a second table of the same dynalite',
      baseline: round(baseline), ratio: round(ratio), ratioDoubled: round(median(samples.figureDoubled) / median(samples.baselineDoubled)),
      target: 'ratio ≥ 0.8', meetsTarget: ratio >= 0.8,
      sizes: { batchSize: BATCH, batchesPerRun: options.batchesPerRun, batchesPerRunDoubled: options.batchesPerRun * 2, recordsThroughHandler, datasetGroups: groups.length },
      runs: options.runs,
      samples: { figure: samples.figure.map((v) => round(v)), baseline: samples.baseline.map((v) => round(v)), figureDoubled: samples.figureDoubled.map((v) => round(v)), baselineDoubled: samples.baselineDoubled.map((v) => round(v)) },
      counts: {
        ...perBatch(sumCounts(handlerCounts), batchesThroughHandler, recordsThroughHandler),
        ...Object.fromEntries(Object.entries(perBatch(sumCounts(rawCounts), batchesThroughHandler, rawItems)).map(([k, v]) => [`raw.${k}`, v])),
      },
    });
  }
  await local.server.close();
  return results;
};
