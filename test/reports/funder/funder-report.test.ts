import { describe, expect, it, beforeAll } from 'vitest';
import { buildFunderReport, figuresCsv } from '../../../reports/funder/index';
import type { FunderReport } from '../../../reports/funder/index';
import { FIGURE_COLUMNS } from '../../../functions/core/figures/figure-row';
import type { FigureRow } from '../../../functions/core/figures/figure-row';
import { presentFigures } from '../../../functions/core/figures/present-figures';
import { displayPrecision } from '../../../functions/nightly/steps/roll-up';
import { fixtureContext, makeFigureRows } from '../fixtures';
import { pdfText } from './pdf-text';

const rows = makeFigureRows({ months: ['2026-04', '2026-05', '2026-06'] });
const context = fixtureContext();
const council = context.funders[1];
if (council === undefined) throw new Error('fixture funder missing');
const input = { context, funder: council, period: '2026-Q2', rows };
let report: FunderReport;

beforeAll(async () => {
  report = await buildFunderReport(input);
});

describe('the funder report', () => {
  it('produces a PDF with a header, numbered pages and the same content as the HTML', () => {
    // Act
    const pdf = pdfText(report.pdf);
    const all = pdf.pages.join('\n').replace(/\s+/g, ' ');
    // Assess
    expect(pdf.header.startsWith('%PDF-')).toBe(true);
    expect(pdf.pages.length).toBeGreaterThan(5);
    pdf.pages.forEach((page, i) => {
      expect(page).toContain(`Page ${i + 1} of ${pdf.pages.length}`);
      expect(page).toContain('City Council · Apr–Jun 2026 (Q2)');
    });
    for (const text of ['Outcomes report for City Council', 'South Coast Wellbeing', 'Headline figures', 'Data completeness (paired rate)', 'Suppression notes', 'Method', 'Mean change in WEMWBS score by group type', 'fewer than 8 participants', 'Summary for the board', 'Appendix: detail by programme', 'Psychotherapy groups: 67% reliably improved on WEMWBS']) {
      expect(all).toContain(text);
      expect(report.html).toContain(text);
    }
    expect(all).toContain('counts are rounded to the nearest 5');
  });

  it('inlines every chart as SVG with unique ids and no scripts', () => {
    // Prepare
    const ids = [...report.html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    // Assess
    // every chart once in the appendix, and the summary's one chart per programme again on the first pages
    expect((report.html.match(/<svg/g) ?? []).length).toBe(report.charts.length + 1);
    expect(new Set(ids).size).toBe(ids.length);
    expect(report.html).not.toContain('<script');
    expect(report.charts.map((c) => c.name)).toContain('volume');
  });

  it('renders byte-identical HTML, PDF, CSV and manifest from the same input', async () => {
    // Act
    const again = await buildFunderReport(input);
    // Assess
    expect(again.html).toBe(report.html);
    expect(again.csv).toBe(report.csv);
    expect(again.pdf.equals(report.pdf)).toBe(true);
    expect(JSON.stringify(again.manifest)).toBe(JSON.stringify(report.manifest));
    expect(report.pdf.toString('latin1')).toContain('(D:20260702021500Z)');
  });

  it('lists every file with its checksum and the watermark in the manifest', () => {
    expect(report.manifest.watermark).toBe(context.watermark);
    expect(report.manifest.files.map((f) => f.name)).toEqual(['report.html', 'report.pdf', 'figures.csv']);
    expect(report.manifest.files.every((f) => /^[0-9a-f]{64}$/.test(f.sha256))).toBe(true);
    expect(report.manifest.figures.suppressed).toBeGreaterThan(0);
  });

  it('contains only the funder’s programmes and the closed period in figures.csv', () => {
    // Prepare
    const lines = report.csv.trimEnd().split('\r\n').slice(1);
    // Assess
    expect(lines.length).toBe(rows.filter((r) => r.period === '2026-Q2' && r.programme_id === 'south').length);
    expect(lines.every((line) => line.startsWith('2026-Q2,south,'))).toBe(true);
  });
});

describe('figures.csv', () => {
  it('quotes per RFC 4180 and leaves suppressed values empty, never zero', () => {
    // Prepare
    const hostile: FigureRow = { period: '2026-Q2', programme_id: 'a,"b"', group_type: 'support', instrument: '', metric: 'participants', value: null, ci_low: null, ci_high: null, n_participants: null, n_groups: null, suppressed: true, suppression_reason: null };
    // Act
    const csv = figuresCsv([hostile]);
    // Assess
    expect(csv).toBe(`${FIGURE_COLUMNS.join(',')}\r\n2026-Q2,"a,""b""",support,,participants,,,,,,true,false,false,\r\n`);
  });

  it('marks a perturbed figure and a rounded one each in its own column', () => {
    // Prepare
    const perturbed: FigureRow = { period: '2026-Q2', programme_id: 'carers', group_type: 'support', instrument: 'phq9', metric: 'reliably_deteriorated', value: 4, ci_low: null, ci_high: null, n_participants: 4, n_groups: 3, suppressed: false, suppression_reason: null, perturbed: true };
    // Act
    const csv = figuresCsv([perturbed]);
    // Assess
    expect(csv.split('\r\n')[1]).toBe('2026-Q2,carers,support,phq9,reliably_deteriorated,4,,,4,3,false,true,false,');
    const rounded = figuresCsv([{ ...perturbed, metric: 'paired', value: 40, n_participants: 40, perturbed: undefined, rounded: true }]);
    expect(rounded.split('\r\n')[1]).toBe('2026-Q2,carers,support,phq9,paired,40,,,40,3,false,false,true,');
  });

  it('names the confidence of the reliable-change threshold in its own column: CORE-10 0.9, PHQ-9 0.95', () => {
    // Prepare: rows as published (presentFigures adds the threshold's confidence from the instrument file)
    const row = (instrument: string, metric: string): FigureRow => ({ period: '2026-Q2', programme_id: 'carers', group_type: 'support', instrument, metric, value: 9, ci_low: null, ci_high: null, n_participants: 9, n_groups: 3, suppressed: false, suppression_reason: null });
    const published = presentFigures([
      row('core10', 'reliably_improved'), row('phq9', 'reliably_recovered'), row('core10', 'paired'), { ...row('core10', 'reliably_deteriorated'), suppressed: true },
    ], displayPrecision('funder'));
    // Act
    const lines = figuresCsv(published).split('\r\n');
    // Assess
    expect(lines[0]?.endsWith(',perturbed,rounded,rc_confidence')).toBe(true);
    expect(lines.slice(1, 5)).toEqual([
      '2026-Q2,carers,support,core10,reliably_improved,9,,,9,3,false,false,false,0.9',
      '2026-Q2,carers,support,phq9,reliably_recovered,9,,,9,3,false,false,false,0.95',
      '2026-Q2,carers,support,core10,paired,9,,,9,3,false,false,false,',
      '2026-Q2,carers,support,core10,reliably_deteriorated,,,,,,true,false,false,0.9',
    ]);
  });
});
