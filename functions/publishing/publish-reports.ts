import type { NightlyContext } from '../nightly/nightly-context';
import { rowsForScope } from '../core/figures/present-figures';
import { Metric } from '../core/figures/metric';
import type { FigureRow } from '../core/figures/figure-row';
import { listProgrammes } from '../store/organisation-store';
import { getObjectBody } from '../store/object-store';
import { getPublication } from '../store/figure-store';
import { DASHBOARD_FIGURES, publicationKeys } from '../nightly/steps/roll-up';
import { reportContext } from './report-context';
import { dashboardKeyIn } from './generation';
import { previousPeriod } from '../../reports/headline/headline-figures';
import { assembleObjects, buildDashboards, buildFunderReport, loadDashboardAssets, putObjects } from '../../reports/index';

// In Lambda the bundle carries fonts and browser scripts beside itself; locally they come from the repository.
const fontDir = process.env['REPORTS_FONT_DIR'];
const assetDir = process.env['DASHBOARD_ASSET_DIR'];

/** Thrown when a funder report is asked for a period that has no funder publication yet. */
export class PeriodNotPublishedError extends Error {
  override readonly name = 'PeriodNotPublishedError';
}

/** Thrown when no programme names the funder. */
export class UnknownFunderError extends Error {
  override readonly name = 'UnknownFunderError';
}

const readRows = async (ctx: NightlyContext, key: string): Promise<FigureRow[]> => {
  const body = await getObjectBody(ctx.s3, ctx.bucket, key);
  // The published grid keeps rows without a value (nobody to base them on); charts and tables draw figures only.
  return body === undefined ? [] : (JSON.parse(body.toString('utf8')) as FigureRow[]).filter((r) => r.suppressed || r.value !== null);
};

/**
 * Builds the organisation and programme dashboards from the dashboard figures and writes them, with their
 * manifest, under `generation` (see generation.ts); readers see them once the pointer is switched to it.
 */
export const publishDashboards = async (ctx: NightlyContext, dataAsOf: string, generation: string): Promise<number> => {
  const rows = await readRows(ctx, DASHBOARD_FIGURES.json);
  const programmes = await listProgrammes(ctx.db);
  const context = reportContext(programmes, rows, dataAsOf, { k: ctx.k, rounding: 1 });
  const dashboards = buildDashboards(rows, context, loadDashboardAssets(assetDir)).map((d) => ({ ...d, key: dashboardKeyIn(generation, d.key) }));
  const objects = assembleObjects({ context, dashboards, funderReports: [], manifestKey: dashboardKeyIn(generation, 'dashboards/manifest.json') });
  await putObjects(ctx.s3, ctx.bucket, objects);
  return dashboards.length;
};

/**
 * Builds and publishes one funder's report (null when the funder's programmes have no figures that period) of one closed period from that period's frozen publication:
 * HTML, PDF, figures.csv, charts (spec, SVG, PNG) and manifests. Rebuilding gives the same bytes.
 */
export const publishFunderReport = async (ctx: NightlyContext, funderId: string, period: string): Promise<{ keys: string[] } | null> => {
  const publication = await getPublication(ctx.db, period);
  if (publication === undefined) throw new PeriodNotPublishedError(period);
  const programmes = await listProgrammes(ctx.db);
  const rows = await readRows(ctx, publicationKeys(period).json);
  const notesBody = await getObjectBody(ctx.s3, ctx.bucket, publicationKeys(period).notes);
  // The report states its own count of hidden figures once (its slice of the release); the release-wide count would
  // contradict it, so only the other notes (rounding, revisions) are carried over.
  const notes = notesBody === undefined ? [] : (JSON.parse(notesBody.toString('utf8')) as { notes: { code?: string; text: string }[] }).notes.filter((n) => n.code !== 'hidden').map((n) => n.text);
  const context = reportContext(programmes, rows, publication.dataAsOf, { k: ctx.k, rounding: ctx.funderRounding }, notes);
  const funder = context.funders.find((f) => f.id === funderId);
  if (funder === undefined) throw new UnknownFunderError(funderId);
  // A funder none of whose programmes had a group ending in the period gets no report for it.
  if (!rows.some((r) => funder.programmeIds.includes(r.programme_id) && r.metric === Metric.groups && r.value !== 0)) return null;
  // The all-programmes margin only for a funder of every programme: its own figures subtracted from it would
  // give the other programmes' figures.
  // The previous period's publication (already released to this funder) gives the report its "previous period" figures.
  const before = (await getPublication(ctx.db, previousPeriod(period))) === undefined ? [] : await readRows(ctx, publicationKeys(previousPeriod(period)).json);
  const scoped = rowsForScope([...rows, ...before], funder.programmeIds, programmes.map((p) => p.programmeId));
  const report = await buildFunderReport({ context, funder, period, rows: scoped }, fontDir === undefined ? {} : { fontDir });
  const objects = assembleObjects({ context, dashboards: [], funderReports: [report], manifestKey: `reports/${funderId}/${period}/publication.json` });
  await putObjects(ctx.s3, ctx.bucket, objects);
  return { keys: objects.map((o) => o.key) };
};

/** Funders that receive a report for a period: those of any programme (each report covers its own programmes). */
export const fundersOf = async (ctx: NightlyContext): Promise<string[]> =>
  [...new Set((await listProgrammes(ctx.db)).flatMap((p) => p.funders.map((f) => f.funderId)))].sort();

