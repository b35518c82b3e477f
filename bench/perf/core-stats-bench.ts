/**
 * Core statistics in memory against DuckDB's equivalent SQL over the same stored items:
 *
 *   synthetic dataset ─▶ stored items (pseudonymised, scored, as ingest stores them), grouped by group
 *     ─┬─ core: summariseGroup per group (re-scores every answer) ─▶ rollUp ─▶ figureRows
 *      └─ DuckDB (in-memory, tables loaded beforehand, not timed): one SQL statement that computes the same
 *         headline sufficient statistics per month/quarter × programme (and all) × group type (and all)
 *
 * Both run at half the size and at the full size (the "doubled" ratio is full ÷ half).
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { attendanceItem, dedupeByKey, responseItem } from '../../functions/core/ingest/record-items';
import { pseudonymise } from '../../functions/core/pseudonymise';
import { findInstrument, listInstruments } from '../../functions/core/instruments/registry';
import { scoreAdministration } from '../../functions/core/scoring';
import { reliableChangeThreshold } from '../../functions/core/outcomes/reliable-change';
import { completionRuleOf, summariseGroup } from '../../functions/core/rollup/summarise-group';
import { figureRows, rollUp } from '../../functions/core/rollup/roll-up';
import type { GroupSummary } from '../../functions/core/rollup/group-summary';
import { groupEndDate } from '../../functions/core/ingest/stored-group';
import { DEMO_PROGRAMMES } from '../../infra/local/seed/demo-organisation';
import { syntheticDataset } from '../../infra/local/seed/synthetic-dataset';
import { BENCH_SECRET } from './local-dynamo';
import { log, median, round, timed, type Measurement } from './measure';

type Item = Record<string, unknown>;
interface StoredGroupData { meta: Item; attendance: Item[]; responses: Item[] }

const rules = new Map(DEMO_PROGRAMMES.map((p) => [p.programmeId, completionRuleOf(p.completion)]));

const storedData = (today: string, seed: number, groupsPerWeek: number): StoredGroupData[] => {
  const groups = new Map<string, StoredGroupData>();
  for (const clinic of syntheticDataset(today, seed, { weeks: 102, groupsPerWeek })) {
    const stamp = { clinicId: clinic.clinicId, receivedAt: `${today}T00:00:00.000Z`, expiresAt: 0 };
    for (const g of clinic.groups) groups.set(g.groupId, { meta: { ...g, clinicId: clinic.clinicId, ended: g.ended ?? false, changedAt: stamp.receivedAt }, attendance: [], responses: [] });
    const pid = (ref: string) => pseudonymise(BENCH_SECRET, clinic.clinicId, ref);
    for (const p of dedupeByKey(clinic.attendance.map((r) => attendanceItem(r, pid(r.participantRef), stamp)), 'records').unique) groups.get(p.groupId)!.attendance.push(p.item);
    for (const p of dedupeByKey(clinic.responses.map((r) => responseItem(r, pid(r.participantRef), scoreAdministration(findInstrument(r.instrument), r.items as (number | null)[]), stamp)), 'responses').unique) {
      groups.get(p.groupId)!.responses.push(p.item);
    }
  }
  return [...groups.values()];
};

const core = (data: readonly StoredGroupData[]): number => {
  const summaries: GroupSummary[] = [];
  for (const g of data) {
    const s = summariseGroup(g.meta, g.attendance, g.responses, rules.get(String(g.meta['programmeId'])) ?? completionRuleOf(undefined));
    if (s !== null) summaries.push(s);
  }
  return figureRows(rollUp(summaries)).length;
};

const load = async (connection: DuckDBConnection, data: readonly StoredGroupData[], suffix: string): Promise<void> => {
  await connection.run(`CREATE TABLE groups${suffix} (group_id VARCHAR, programme_id VARCHAR, group_type VARCHAR, end_date DATE, planned INTEGER, ended BOOLEAN, min_sessions INTEGER, min_share DOUBLE)`);
  await connection.run(`CREATE TABLE attendance${suffix} (group_id VARCHAR, pid VARCHAR, session INTEGER, status VARCHAR)`);
  await connection.run(`CREATE TABLE responses${suffix} (group_id VARCHAR, pid VARCHAR, instrument VARCHAR, session INTEGER, score DOUBLE, is_case BOOLEAN)`);
  const groups = await connection.createAppender(`groups${suffix}`);
  const attendance = await connection.createAppender(`attendance${suffix}`);
  const responses = await connection.createAppender(`responses${suffix}`);
  for (const g of data) {
    const m = g.meta;
    const rule = rules.get(String(m['programmeId'])) ?? completionRuleOf(undefined);
    groups.appendVarchar(String(m['groupId'])); groups.appendVarchar(String(m['programmeId'])); groups.appendVarchar(String(m['groupType']));
    groups.appendVarchar(groupEndDate({ startDate: String(m['startDate']), plannedSessions: Number(m['plannedSessions']), ...(typeof m['endDate'] === 'string' && { endDate: m['endDate'] }) }));
    groups.appendInteger(Number(m['plannedSessions'])); groups.appendBoolean(m['ended'] === true);
    if ('minimumSessions' in rule) groups.appendInteger(rule.minimumSessions); else groups.appendNull();
    if ('minimumShare' in rule) groups.appendDouble(rule.minimumShare); else groups.appendNull();
    groups.endRow();
    for (const a of g.attendance) {
      attendance.appendVarchar(String(m['groupId'])); attendance.appendVarchar(String(a['pid'])); attendance.appendInteger(Number(a['session'])); attendance.appendVarchar(String(a['status']));
      attendance.endRow();
    }
    for (const r of g.responses) {
      responses.appendVarchar(String(m['groupId'])); responses.appendVarchar(String(r['pid'])); responses.appendVarchar(String(r['instrument']));
      responses.appendInteger(Number(r['session'])); responses.appendDouble(Number(r['score'])); responses.appendBoolean(r['case'] === true);
      responses.endRow();
    }
  }
  for (const a of [groups, attendance, responses]) a.closeSync();
};

const thresholds = (): string => listInstruments({ includeDisabled: true })
  .map((d) => `('${d.id}', ${reliableChangeThreshold(d) ?? 'NULL'}, ${d.direction === 'lower-is-better' ? -1 : 1})`).join(', ');

/**
 * The SQL equivalent of the headline statistics: per participant sessions offered / attended, started, completed
 * (the programme's rule), dropped out; per participant and instrument the first and last administration, their
 * change, reliable improvement / deterioration and recovery; the mean score by session; all of it summed (with
 * sums of squares for the intervals) per month and quarter of the group's end × programme (and all) × type (and all).
 */
const sql = (suffix: string): string => `
WITH thresholds(instrument, threshold, sign) AS (VALUES ${thresholds()}),
delivered AS (SELECT group_id, count(DISTINCT session) AS delivered FROM attendance${suffix} GROUP BY group_id),
person AS (
  SELECT a.group_id, a.pid, count(*) AS offered, count(*) FILTER (WHERE status IN ('present', 'late')) AS attended,
         min(session) FILTER (WHERE status IN ('present', 'late')) AS first_attended
  FROM attendance${suffix} a GROUP BY a.group_id, a.pid),
person_flags AS (
  SELECT p.*, g.programme_id, g.group_type, g.end_date,
         p.attended > 0 AS started,
         CASE WHEN g.min_sessions IS NOT NULL THEN p.attended >= g.min_sessions ELSE p.attended >= coalesce(g.min_share, 0.75) * d.delivered END AS completed
  FROM person p JOIN groups${suffix} g USING (group_id) JOIN delivered d USING (group_id)),
pairs AS (
  SELECT group_id, pid, instrument, arg_min(score, session) AS pre, arg_max(score, session) AS post,
         arg_min(is_case, session) AS case_pre, arg_max(is_case, session) AS case_post, count(DISTINCT session) AS sessions
  FROM responses${suffix} GROUP BY group_id, pid, instrument),
changes AS (
  SELECT p.*, g.programme_id, g.group_type, g.end_date, post - pre AS change,
         t.threshold IS NOT NULL AND (post - pre) * t.sign >= t.threshold AS improved,
         t.threshold IS NOT NULL AND (post - pre) * t.sign <= -t.threshold AS deteriorated,
         case_pre AND NOT case_post AS recovered
  FROM pairs p JOIN groups${suffix} g USING (group_id) LEFT JOIN thresholds t USING (instrument) WHERE sessions >= 2),
by_session AS (
  SELECT g.programme_id, g.group_type, g.end_date, r.instrument, r.session, sum(r.score) AS s, sum(r.score * r.score) AS ss, count(*) AS n
  FROM responses${suffix} r JOIN groups${suffix} g USING (group_id) GROUP BY ALL),
periods(kind) AS (VALUES ('month'), ('quarter')),
participation AS (
  SELECT CASE kind WHEN 'month' THEN strftime(end_date, '%Y-%m') ELSE strftime(end_date, '%Y') || '-Q' || quarter(end_date) END AS period,
         coalesce(programme_id, '*') AS programme_id, coalesce(group_type, '*') AS group_type,
         count(*) AS participants, sum(offered) AS offered, sum(attended) AS attended, count(*) FILTER (WHERE started) AS starters,
         count(*) FILTER (WHERE completed) AS completed, count(*) FILTER (WHERE started AND NOT completed) AS dropouts, count(DISTINCT group_id) AS n_groups
  FROM person_flags, periods GROUP BY GROUPING SETS ((kind, period, programme_id, group_type), (kind, period, programme_id), (kind, period, group_type), (kind, period))),
outcomes AS (
  SELECT CASE kind WHEN 'month' THEN strftime(end_date, '%Y-%m') ELSE strftime(end_date, '%Y') || '-Q' || quarter(end_date) END AS period,
         coalesce(programme_id, '*') AS programme_id, coalesce(group_type, '*') AS group_type, instrument,
         count(*) AS paired, avg(change) AS mean_change, stddev_samp(change) AS sd_change,
         count(*) FILTER (WHERE improved) AS improved, count(*) FILTER (WHERE deteriorated) AS deteriorated,
         count(*) FILTER (WHERE case_pre) AS cases_at_start, count(*) FILTER (WHERE recovered) AS recovered
  FROM changes, periods GROUP BY GROUPING SETS ((kind, period, programme_id, group_type, instrument), (kind, period, programme_id, instrument), (kind, period, group_type, instrument), (kind, period, instrument))),
trajectory AS (
  SELECT CASE kind WHEN 'month' THEN strftime(end_date, '%Y-%m') ELSE strftime(end_date, '%Y') || '-Q' || quarter(end_date) END AS period,
         coalesce(programme_id, '*') AS programme_id, coalesce(group_type, '*') AS group_type, instrument, session,
         sum(s) / sum(n) AS mean_score, sum(n) AS n
  FROM by_session, periods GROUP BY GROUPING SETS ((kind, period, programme_id, group_type, instrument, session), (kind, period, programme_id, instrument, session), (kind, period, group_type, instrument, session), (kind, period, instrument, session)))
SELECT (SELECT count(*) FROM participation) + (SELECT count(*) FROM outcomes) + (SELECT count(*) FROM trajectory) AS cells`;

export interface CoreStatsOptions { runs: number; groupsPerWeek: number; today: string; seed: number }

/** Core statistics (summariseGroup + rollUp + figureRows) against DuckDB SQL, at half and full size. */
export const coreStatsBench = async (options: CoreStatsOptions): Promise<Measurement[]> => {
  const full = storedData(options.today, options.seed, options.groupsPerWeek);
  const half = full.filter((_, i) => i % 2 === 0);
  const count = (data: readonly StoredGroupData[]) => ({ groups: data.length, attendance: data.reduce((n, g) => n + g.attendance.length, 0), answers: data.reduce((n, g) => n + g.responses.length, 0) });
  const sizes = count(full);
  log(`core stats: ${sizes.groups} groups, ${sizes.attendance} attendance marks, ${sizes.answers} answers (half: ${count(half).attendance} / ${count(half).answers})`);
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await load(connection, half, '_half');
  await load(connection, full, '_full');
  const samples = { figure: [] as number[], baseline: [] as number[], figureDoubled: [] as number[], baselineDoubled: [] as number[] };
  let rows = 0;
  let cells = 0;
  // Warm-up (JIT, DuckDB's first query), not counted.
  core(full.slice(0, 200));
  await connection.runAndReadAll(sql('_half'));
  for (let run = 0; run < options.runs; run += 1) {
    for (const [suffix, data, f, b] of [['_half', half, samples.figure, samples.baseline], ['_full', full, samples.figureDoubled, samples.baselineDoubled]] as const) {
      const c = await timed(() => core(data));
      const d = await timed(async () => (await connection.runAndReadAll(sql(suffix))).getRows());
      f.push(c.seconds); b.push(d.seconds);
      rows = c.value; cells = Number(d.value[0]?.[0] ?? 0);
      log(`core stats ${suffix.slice(1)} run ${run + 1}/${options.runs}: core ${c.seconds.toFixed(2)} s (${rows} rows), DuckDB ${d.seconds.toFixed(2)} s (${cells} cells)`);
    }
  }
  connection.closeSync();
  instance.closeSync();
  const ratioFull = median(samples.figureDoubled) / median(samples.baselineDoubled);
  return [{
    id: 'stats.core', what: 'core statistics in memory: summariseGroup for every group (re-scoring every answer), rollUp, figureRows — at the full size',
    unit: 's', higherIsBetter: false, figure: round(median(samples.figureDoubled)),
    baselineWhat: 'DuckDB (in-memory, @duckdb/node-api) computing the equivalent headline statistics in one SQL statement over the same items (load not timed)',
    baseline: round(median(samples.baselineDoubled)), ratio: round(ratioFull),
    ratioDoubled: round(ratioFull / (median(samples.figure) / median(samples.baseline))),
    target: 'ratio ≤ 3', meetsTarget: ratioFull <= 3,
    sizes: { ...sizes, halfAttendance: count(half).attendance, halfAnswers: count(half).answers, figureRows: rows, duckdbCells: cells },
    runs: options.runs,
    samples: { figure: samples.figureDoubled.map((v) => round(v)), baseline: samples.baselineDoubled.map((v) => round(v)), figureDoubled: samples.figure.map((v) => round(v)), baselineDoubled: samples.baseline.map((v) => round(v)) },
    notes: 'figure and baseline are at the full size; figureDoubled/baselineDoubled hold the half-size samples; ratioDoubled is the full-size ratio ÷ the half-size ratio (above 1: the core scales worse than DuckDB).',
  }];
};
