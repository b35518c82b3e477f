import { localDate, type NightlyContext } from '../nightly-context';
import { UnprotectableDisclosureError, applyDisclosureControl, defaultDisclosurePolicy, type DisclosurePolicy } from '../../core/disclosure';
import { suppressionNotes } from '../../core/disclosure/suppression-notes';
import type { FigureRow } from '../../core/figures/figure-row';
import { figuresCsv } from '../../core/figures/figures-csv';
import { comparePeriods, isClosed, periodKind } from '../../core/periods/reporting-period';
import { monthsOfQuarter } from '../../core/disclosure';
import { dataWatermark, figureRows, rollUp } from '../../core/rollup/roll-up';
import { listProgrammes } from '../../store/organisation-store';
import { listGroupStats } from '../../store/stats-store';
import { ALL } from '../../core/figures/figure-row';
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
  /** Closed periods disclosure control could not protect given earlier releases: not published, tried again next night. */
  withheld: string[];
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
  await replaceDashboardFigures(ctx.db, dashboard.rows, dataAsOf, [ALL, ...programmes.map((p) => p.programmeId)]);
  await putFigures(ctx, DASHBOARD_FIGURES, dashboard.rows);

  const funderPolicy: DisclosurePolicy = { ...defaultDisclosurePolicy('funder'), k: ctx.k, rounding: ctx.funderRounding };
  const today = localDate(new Date(input.to), ctx.timeZone);
  const published = await listPublications(ctx.db);
  // A resumed run reports the periods its first attempt already published, so their reports still get rendered.
  const publishedEarlier = new Set(published.filter((p) => p.runId !== input.runId).map((p) => p.period));
  const publishedByThisRun = new Set(published.filter((p) => p.runId === input.runId).map((p) => p.period));
  const closable = [...new Set(rows.map((r) => r.period))]
    .filter((period) => isClosed(period, today, ctx.closeAfterDays) && !publishedEarlier.has(period))
    .sort(comparePeriods);
  const newlyPublished: string[] = [];
  const withheld: string[] = [];
  for (const period of closable) {
    if (publishedByThisRun.has(period)) {
      newlyPublished.push(period);
      continue;
    }
    const controlled = controlPublication(rows, period, funderPolicy, await previousReleases(ctx, period));
    if (controlled === undefined) {
      withheld.push(period);
      continue;
    }
    const objects = await putFigures(ctx, publicationKeys(period), controlled.rows);
    const notesKey = publicationKeys(period).notes;
    const notes = Buffer.from(JSON.stringify({ period, policy: funderPolicy, notes: controlled.notes }, null, 1) + '\n');
    objects.push({ key: notesKey, sha256: await putObject(ctx.s3, ctx.bucket, { key: notesKey, body: notes, contentType: 'application/json; charset=utf-8' }) });
    await putPublication(ctx.db, {
      period, dataAsOf, runId: input.runId, rows: controlled.rows.length,
      suppressed: controlled.rows.filter((r) => r.suppressed).length, objects,
    });
    newlyPublished.push(period);
  }

  const output: RollUpOutput = {
    runId: input.runId, to: input.to, dataAsOf,
    cellsPublished: dashboard.rows.filter((r) => !r.suppressed).length,
    cellsSuppressed: dashboard.rows.filter((r) => r.suppressed).length,
    periods: newlyPublished,
    withheld,
  };
  await updateRun(ctx.db, input.runId, {
    cellsPublished: output.cellsPublished, cellsSuppressed: output.cellsSuppressed, periodsPublished: newlyPublished,
    periodsWithheld: withheld, dataAsOf,
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

/** The months of a quarter (its earlier releases); nothing for a month. */
const previousReleases = (ctx: NightlyContext, period: string): Promise<FigureRow[]> =>
  periodKind(period) === 'quarter' ? publishedRows(ctx, monthsOfQuarter(period) ?? []) : Promise.resolve([]);

/**
 * Disclosure control of one funder publication. A quarter is controlled together with its months' current
 * figures (as the disclosure core requires, so it knows their true n), the months fixed as published, and
 * only the quarter's rows are published. Undefined when nothing in this release can protect a figure that
 * earlier releases expose: that period is withheld rather than failing the whole night.
 */
export const controlPublication = (
  rows: readonly FigureRow[], period: string, policy: DisclosurePolicy, previous: readonly FigureRow[],
): { rows: FigureRow[]; notes: ReturnType<typeof suppressionNotes> } | undefined => {
  const months = new Set(periodKind(period) === 'quarter' ? (monthsOfQuarter(period) ?? []) : []);
  const input = rows.filter((r) => r.period === period || (months.has(r.period) && previous.some((p) => p.period === r.period)));
  try {
    const result = applyDisclosureControl(input, policy, { previouslyPublished: previous });
    const own = result.rows.filter((r) => r.period === period);
    // Notes describe the quarter's own rows; the months are not published again, so none is revised here.
    return { rows: own, notes: suppressionNotes(own, { k: policy.k, rounding: policy.rounding, revised: 0 }) };
  } catch (error) {
    if (error instanceof UnprotectableDisclosureError) return undefined;
    throw error;
  }
};

/** Thrown when a publication is recorded but its figures are not in the bucket: a release cannot be checked against it. */
export class PublishedFiguresMissingError extends Error {
  override readonly name = 'PublishedFiguresMissingError';
  constructor(period: string, options?: { cause?: unknown }) {
    super(`The funder publication of ${period} is recorded but ${publicationKeys(period).json} is missing`, options);
  }
}

/**
 * Rows of earlier funder publications (those that exist) — fixed, as funders already have them. Fails closed
 * when a recorded publication's figures cannot be read: controlling a quarter without its months could leak.
 */
export const publishedRows = async (ctx: NightlyContext, periods: readonly string[]): Promise<FigureRow[]> => {
  const rows: FigureRow[] = [];
  for (const period of periods) {
    if ((await getPublication(ctx.db, period)) === undefined) continue;
    const body = await getObjectBody(ctx.s3, ctx.bucket, publicationKeys(period).json);
    if (body === undefined) throw new PublishedFiguresMissingError(period);
    rows.push(...(JSON.parse(body.toString('utf8')) as FigureRow[]));
  }
  return rows;
};
