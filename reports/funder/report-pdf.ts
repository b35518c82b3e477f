import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { formatTimestamp } from '../html/escape-html';
import { Messages } from '../messages';
import { fontSet } from '../render/fonts';
import type { ChartSvgs } from './report-html';
import type { FunderReportContent } from './report-content';
import { summaryTable } from './summary-table';
import { periodLabel } from '../period-label';

/** PDF options: the font directory (default: bundled) and stream compression (off only for tests). */
export interface PdfOptions {
  fontDir?: string;
  compress?: boolean;
}

const REGULAR = 'DejaVu';
const BOLD = 'DejaVu-Bold';
const MARGIN = { top: 64, bottom: 60, left: 50, right: 50 };

const svgSize = (svg: string): { width: number; height: number } => ({
  width: Number(/<svg[^>]*\swidth="([\d.]+)"/.exec(svg)?.[1] ?? 600),
  height: Number(/<svg[^>]*\sheight="([\d.]+)"/.exec(svg)?.[1] ?? 400),
});

/**
 * The funder report as an A4 PDF with the same content as the HTML: charts drawn from the same SVGs, a running
 * header and "Page n of m" footers. Deterministic: dates come from the report's `generatedAt`, so the same
 * input gives the same bytes.
 */
export const funderReportPdf = async (content: FunderReportContent, svgs: ChartSvgs, options: PdfOptions = {}): Promise<Buffer> => {
  const fonts = fontSet(options.fontDir);
  const stamp = new Date(content.generatedAt);
  const doc = new PDFDocument({
    size: 'A4', margins: MARGIN, bufferPages: true, compress: options.compress ?? true, autoFirstPage: true,
    info: { Title: `${content.title} — ${content.periodLabel}`, Author: 'Resilience Outcomes', Subject: `Outcomes for ${content.period}`, Creator: 'Resilience Outcomes', Producer: 'Resilience Outcomes (pdfkit)', CreationDate: stamp, ModDate: stamp },
    lang: 'en-GB',
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.registerFont(REGULAR, fonts.regular);
  doc.registerFont(BOLD, fonts.bold);
  const width = doc.page.width - MARGIN.left - MARGIN.right;
  const bottom = (): number => doc.page.height - MARGIN.bottom;
  const ensure = (height: number): void => { if (doc.y + height > bottom()) doc.addPage(); };
  const heading = (text: string, size: number): void => {
    ensure(size * 3);
    doc.moveDown(0.6).font(BOLD).fontSize(size).fillColor('#1f1f1f').text(text, MARGIN.left, doc.y, { width }).moveDown(0.3);
  };
  const paragraph = (text: string, size = 10): void => { doc.font(REGULAR).fontSize(size).fillColor('#1f1f1f').text(text, MARGIN.left, doc.y, { width }); };
  const bullets = (items: readonly string[]): void => { for (const item of items) { ensure(24); paragraph(`•  ${item}`, 9); doc.moveDown(0.2); } };
  const table = (headers: readonly string[], widths: readonly number[], rows: readonly (readonly string[])[], size = 8, muted: readonly boolean[] = []): void => {
    const total = widths.reduce((a, b) => a + b, 0);
    const cols = widths.map((w) => (w / total) * width);
    const drawRow = (cells: readonly string[], bold: boolean, grey: boolean): void => {
      doc.font(bold ? BOLD : REGULAR).fontSize(size);
      const height = Math.max(...cells.map((cell, i) => doc.heightOfString(cell, { width: (cols[i] ?? 40) - 4 }))) + 4;
      if (doc.y + height > bottom()) {
        doc.addPage();
        // the repeated header leaves the bold font set: restore this row's font, which its height was measured in
        if (!bold) { drawRow(headers, true, false); doc.font(REGULAR).fontSize(size); }
      }
      const y = doc.y;
      let x = MARGIN.left;
      cells.forEach((cell, i) => {
        doc.fillColor(grey ? '#666666' : '#1f1f1f').text(cell, x + 2, y + 2, { width: (cols[i] ?? 40) - 4, lineBreak: true });
        x += cols[i] ?? 40;
      });
      doc.moveTo(MARGIN.left, y + height).lineTo(MARGIN.left + width, y + height).lineWidth(0.4).strokeColor('#cccccc').stroke();
      doc.x = MARGIN.left;
      doc.y = y + height;
    };
    drawRow(headers, true, false);
    rows.forEach((row, i) => drawRow(row, false, muted[i] === true));
    doc.moveDown(0.5);
  };
  const chart = (svg: string, maxScale = 0.8, maxHeightShare = 1): void => {
    const size = svgSize(svg);
    const maxHeight = (doc.page.height - MARGIN.top - MARGIN.bottom) * maxHeightShare;
    const scale = Math.min(width / size.width, maxHeight / size.height, maxScale);
    const height = size.height * scale;
    ensure(height + 8);
    SVGtoPDF(doc, svg, MARGIN.left, doc.y, {
      width: size.width * scale, height, assumePt: false, preserveAspectRatio: 'xMinYMin meet',
      fontCallback: (_family, bold) => (bold ? BOLD : REGULAR),
      warningCallback: () => undefined,
    });
    doc.x = MARGIN.left;
    doc.y += height + 12;
  };

  doc.font(BOLD).fontSize(20).text(content.title, { width });
  doc.moveDown(0.3);
  paragraph(`Reporting period: ${content.periodLabel} (${content.period})`, 12);
  paragraph(`${Messages.lastUpdated}: ${formatTimestamp(content.generatedAt)} · figures as of ${content.watermark}`, 9);
  doc.moveDown(0.5);
  paragraph(`Programmes: ${content.sections.map((s) => s.name).join(', ')}. All figures are anonymised aggregates by group type; the full table is in figures.csv.`);
  // The board summary comes first (a page or so per programme): headline figures by group type against the previous
  // period (in brackets), targets and benchmarks, a narrative generated from the figures and one chart.
  heading(Messages.boardSummaryTitle, 15);
  paragraph(content.disclosure, 9);
  content.summary.forEach((summary, i) => {
    if (i > 0) doc.addPage();
    heading(summary.name, 13);
    if (summary.noGroups) { paragraph(Messages.noGroupsThisPeriod, 10); return; }
    bullets(summary.narrative);
    const layout = summaryTable(summary);
    paragraph(`Figures of ${content.periodLabel}, the previous period (${periodLabel(summary.headlines.previousPeriod)}) in brackets.`, 8);
    table(layout.headers, [2.2, ...layout.headers.slice(1).map(() => 1.3)], layout.rows, 7.5);
    for (const line of layout.targets) paragraph(line, 8);
    doc.moveDown(0.4);
    if (summary.chart !== undefined) chart(svgs.get(`${summary.programmeId}/${summary.chart.name}`) ?? '<svg width="10" height="10"></svg>', 0.6, 0.45);
  });
  doc.addPage();
  heading(Messages.appendixTitle, 15);
  paragraph(Messages.fullTableNote, 9);
  content.sections.forEach((section, i) => {
    if (i > 0) doc.addPage();
    heading(section.name, 16);
    if (section.noGroups) { paragraph(Messages.noGroupsThisPeriod, 10); return; }
    heading('Headline figures', 12);
    table(['Figure', 'Value', 'Note'], [3, 1.2, 4], section.headlines.map((h) => [h.label, h.value, h.note]), 9);
    heading('Participation by group type', 12);
    table(['Group type', 'Participants', 'Groups', 'Attendance', 'Completion', 'Drop-out'], [3, 1.4, 1, 1.3, 1.3, 1.2], section.participation.map((p) => [p.group, p.participants, p.groups, p.attendance, p.completion, p.dropout]), 9);
    heading('Data completeness (paired rate)', 12);
    table(['Instrument', 'Group type', 'With a score', 'Paired', 'Paired rate'], [2.5, 2.5, 1.3, 1.2, 1.2], section.completeness.map((c) => [c.instrument, c.group, c.enrolled, c.paired, c.rate]), 8);
    heading('Outcomes and participation charts', 12);
    for (const item of section.charts) chart(svgs.get(`${section.programmeId}/${item.name}`) ?? '<svg width="10" height="10"></svg>', 0.62, 0.48);
  });
  doc.addPage();
  heading('Suppression notes', 14);
  // the counts are stated once, on the first page; here only the general rules and notes
  bullets([Messages.suppressionSeeSummary, ...content.suppression]);
  heading(Messages.methodTitle, 14);
  bullets(content.method);

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    const saved = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font(REGULAR).fontSize(8).fillColor('#555555');
    doc.text(`${content.funderName} · ${content.periodLabel}`, MARGIN.left, 30, { width, align: 'left', lineBreak: false });
    doc.text(`Page ${i + 1} of ${range.count}`, MARGIN.left, doc.page.height - 40, { width, align: 'center', lineBreak: false });
    doc.page.margins.bottom = saved;
  }
  doc.end();
  await finished;
  return Buffer.concat(chunks);
};
