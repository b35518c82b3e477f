import { localDate, type NightlyContext } from '../nightly-context';
import { applyDisclosureControl, defaultDisclosurePolicy, type DisclosurePolicy } from '../../core/disclosure';
import type { FigureRow } from '../../core/figures/figure-row';
import { figuresCsv } from '../../core/figures/figures-csv';
import { comparePeriods, isClosed, periodKind } from '../../core/periods/reporting-period';
import { monthsOfQuarter } from '../../core/disclosure';
import { dataWatermark, figureRows, rollUp } from '../../core/rollup/roll-up';
import { listProgrammes } from '../../store/organisation-store';
import { listGroupStats } from '../../store/stats-store';
import { getPublication, listPublications, putPublication, replaceDashboardFigures } from '../../store/figure-store';
import { getObjectBody, putObject } from '../../store/object-store';
import { updateRun } from '../../store/run-store';

export interface RollUpInput {
  runId: string;
  to: string;
}

export interface RollUpOutput {
  runId: string;
  to: string;
  dataAsOf: string;
  cellsPublished: number;
  cellsSuppressed: number;
  /** Closed periods published to funders by this run (months before their quarter). */
  periods: string[];
}

/** S3 keys of a funder publication's figures. */
export const publicationKeys = (period: string) => ({
  json: `publications/${period}/figures.json`,
  csv: `publications/${period}/figures.csv`,
  notes: `publications/${period}/suppression-notes.json`,
});

/** S3 keys of the dashboard figures (every period, manager audience). */
export const DASHBOARD_FIGURES = { json: 'figures/dashboard/figures.json', csv: 'figures/dashboard/figures.csv' } as const;

/**
 * Step 3: roll group statistics up into cells, apply disclosure control, and store what may be
 * published: the dashboard figures (every period, managers' policy) and, once per closed period, the
 * funder publication (funders' policy, rounding, and the earlier releases it must not undo).
 */
export const rollUpStep = async (ctx: NightlyContext, input: RollUpInput): Promise<RollUpOutput> => {
  const programmes = await listProgrammes(ctx.db);
  const summaries = (await Promise.all(programmes.map((p) => listGroupStats(ctx.db, p.programmeId)))).flat();
  const rows = figureRows(rollUp(summaries));
  const dataAsOf = dataWatermark(summaries);

  const managerPolicy: DisclosurePolicy = { ...defaultDisclosurePolicy('manager'), k: ctx.k };
  const dashboard = applyDisclosureControl(rows, managerPolicy);
  await replaceDashboardFigures(ctx.db, dashboard.rows, dataAsOf);
  await putFigures(ctx, DASHBOARD_FIGURES, dashboard.rows);

  const funderPolicy: DisclosurePolicy = { ...defaultDisclosurePolicy('funder'), k: ctx.k, rounding: ctx.funderRounding };
  const today = localDate(new Date(input.to), ctx.timeZone);
  const published = new Set(await listPublications(ctx.db));
  const closable = [...new Set(rows.map((r) => r.period))]
    .filter((period) => isClosed(period, today, ctx.closeAfterDays) && !published.has(period))
    .sort(comparePeriods);
  const newlyPublished: string[] = [];
  for (const period of closable) {
    const previous = periodKind(period) === 'quarter' ? await publishedRows(ctx, monthsOfQuarter(period) ?? []) : [];
    const result = applyDisclosureControl(rows.filter((r) => r.period === period), funderPolicy, { previouslyPublished: previous });
    const objects = await putFigures(ctx, publicationKeys(period), result.rows);
    const notesKey = publicationKeys(period).notes;
    const notes = Buffer.from(JSON.stringify({ period, policy: funderPolicy, notes: result.notes }, null, 1) + '\n');
    objects.push({ key: notesKey, sha256: await putObject(ctx.s3, ctx.bucket, { key: notesKey, body: notes, contentType: 'application/json; charset=utf-8' }) });
    await putPublication(ctx.db, {
      period, dataAsOf, runId: input.runId, rows: result.rows.length,
      suppressed: result.rows.filter((r) => r.suppressed).length, objects,
    });
    newlyPublished.push(period);
  }

  const output: RollUpOutput = {
    runId: input.runId, to: input.to, dataAsOf,
    cellsPublished: dashboard.rows.filter((r) => !r.suppressed).length,
    cellsSuppressed: dashboard.rows.filter((r) => r.suppressed).length,
    periods: newlyPublished,
  };
  await updateRun(ctx.db, input.runId, {
    cellsPublished: output.cellsPublished, cellsSuppressed: output.cellsSuppressed, periodsPublished: newlyPublished, dataAsOf,
  });
  return output;
};

const putFigures = async (ctx: NightlyContext, keys: { json: string; csv: string }, rows: readonly FigureRow[]) => {
  const json = Buffer.from(JSON.stringify(rows, null, 1) + '\n');
  const csv = Buffer.from(figuresCsv(rows));
  return [
    { key: keys.json, sha256: await putObject(ctx.s3, ctx.bucket, { key: keys.json, body: json, contentType: 'application/json; charset=utf-8' }) },
    { key: keys.csv, sha256: await putObject(ctx.s3, ctx.bucket, { key: keys.csv, body: csv, contentType: 'text/csv; charset=utf-8' }) },
  ];
};

/** Rows of earlier funder publications (those that exist) — fixed, as funders already have them. */
export const publishedRows = async (ctx: NightlyContext, periods: readonly string[]): Promise<FigureRow[]> => {
  const rows: FigureRow[] = [];
  for (const period of periods) {
    if ((await getPublication(ctx.db, period)) === undefined) continue;
    const body = await getObjectBody(ctx.s3, ctx.bucket, publicationKeys(period).json);
    if (body !== undefined) rows.push(...(JSON.parse(body.toString('utf8')) as FigureRow[]));
  }
  return rows;
};
