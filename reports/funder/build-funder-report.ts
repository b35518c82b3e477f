import { createHash } from 'node:crypto';
import type { RenderedChart } from '../render/render-chart';
import { renderChart } from '../render/render-chart';
import { figuresCsv } from './figures-csv';
import { funderReportContent } from './report-content';
import type { FunderReportInput } from './report-content';
import { funderReportHtml } from './report-html';
import { funderReportPdf } from './report-pdf';
import type { ReportManifest } from './report-manifest';

/** A chart of a funder report, with the programme (scope) it belongs to. */
export interface ScopedChart extends RenderedChart {
  scope: string;
}

/** Every artefact of one funder report for one period. */
export interface FunderReport {
  funderId: string;
  period: string;
  html: string;
  pdf: Buffer;
  csv: string;
  manifest: ReportManifest;
  charts: ScopedChart[];
}

const sha256 = (body: string | Buffer): string => createHash('sha256').update(body).digest('hex');

/**
 * Builds a funder report for a closed period (the caller checks the period is closed): content → charts rendered
 * to SVG/PNG → HTML, PDF, figures.csv and manifest.json. Same input, same bytes.
 */
export const buildFunderReport = async (input: FunderReportInput, options: { fontDir?: string; compressPdf?: boolean } = {}): Promise<FunderReport> => {
  const content = funderReportContent(input);
  const charts: ScopedChart[] = [];
  for (const section of content.sections) {
    for (const chart of section.charts) charts.push({ ...(await renderChart(chart, options.fontDir)), scope: section.programmeId });
  }
  const svgs = new Map(charts.map((c) => [`${c.scope}/${c.name}`, c.svg]));
  const html = funderReportHtml(content, svgs);
  const pdf = await funderReportPdf(content, svgs, { ...(options.fontDir === undefined ? {} : { fontDir: options.fontDir }), compress: options.compressPdf ?? true });
  const csv = figuresCsv(content.rows);
  const file = (name: string, contentType: string, body: string | Buffer) => ({ name, contentType, bytes: Buffer.byteLength(body), sha256: sha256(body) });
  const manifest: ReportManifest = {
    kind: 'funder-report', funderId: input.funder.id, period: input.period, programmeIds: [...input.funder.programmeIds],
    generatedAt: input.context.generatedAt, watermark: input.context.watermark, policy: input.context.policy,
    figures: { total: content.rows.length, suppressed: content.rows.filter((r) => r.suppressed).length },
    charts: charts.map((c) => `${c.scope}/${c.name}`),
    files: [file('report.html', 'text/html; charset=utf-8', html), file('report.pdf', 'application/pdf', pdf), file('figures.csv', 'text/csv; charset=utf-8', csv)],
  };
  return { funderId: input.funder.id, period: input.period, html, pdf, csv, manifest, charts };
};
