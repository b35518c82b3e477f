export { buildFunderReport } from './build-funder-report';
export type { FunderReport, ScopedChart } from './build-funder-report';
export { funderReportContent } from './report-content';
export type { FunderReportContent, FunderReportInput, Headline, ProgrammeSection } from './report-content';
export { funderReportHtml } from './report-html';
export { funderReportPdf } from './report-pdf';
export type { PdfOptions } from './report-pdf';
export { figuresCsv } from './figures-csv';
export type { ManifestFile, ReportManifest } from './report-manifest';
