import { beforeAll, describe, expect, it } from 'vitest';
import { buildFunderReport } from '../../../reports/funder/index';
import type { FunderReport } from '../../../reports/funder/index';
import { fixtureContext, makeFigureRows } from '../fixtures';
import { pdfText } from './pdf-text';

// Two programmes with two quarters of figures; South has targets and reads its outcomes on PHQ-9.
const base = fixtureContext();
const context = { ...base, programmes: base.programmes.map((p) => (p.id === 'south' ? { ...p, targets: { mainInstrument: 'phq9', completionRate: 0.7, recoveryRate: 0.5 } } : p)) };
const lottery = context.funders[0];
if (lottery === undefined) throw new Error('fixture funder missing');
const rows = makeFigureRows();
let report: FunderReport;
let pages: string[];
let empty: FunderReport;

beforeAll(async () => {
  report = await buildFunderReport({ context, funder: lottery, period: '2026-Q2', rows });
  pages = pdfText(report.pdf).pages.map((p) => p.replace(/\s+/g, ' '));
  // North ran no group that ended in Q2: its figures of the period are not in the publication
  empty = await buildFunderReport({ context, funder: lottery, period: '2026-Q2', rows: rows.filter((r) => !(r.programme_id === 'north' && r.period === '2026-Q2')) });
});

describe('the board summary of a funder report', () => {
  it('comes first, within 4 pages, with the appendix for two programmes within 12 more', () => {
    // Prepare
    const appendix = pages.findIndex((p) => p.includes('Appendix: detail by programme'));
    const notes = pages.findIndex((p) => p.includes('Suppression notes'));
    // Assess
    expect(pages[0]).toContain('Summary for the board');
    expect(appendix).toBeGreaterThan(0);
    expect(appendix).toBeLessThanOrEqual(4);
    expect(notes - appendix).toBeLessThanOrEqual(12);
  });

  it('gives each programme its figures against the previous period, its targets, benchmarks and a generated narrative', () => {
    // Prepare
    const summary = pages.slice(0, pages.findIndex((p) => p.includes('Appendix: detail by programme')) + 1).join(' ');
    // Assess
    expect(summary).toContain('Figures of Apr–Jun 2026 (Q2), the previous period (Jan–Mar 2026 (Q1)) in brackets.');
    expect(summary).toMatch(/Completion: \d+% against a target of at least 70% \((met|not met)\)\./);
    expect(summary).toContain('benchmark NHS Talking Therapies recovery standard 50%');
    expect(summary).toMatch(/All group types: \d+% reliably improved on PHQ-9, (up|down) from \d+%|All group types: \d+% reliably improved on PHQ-9, as in the previous period/);
    expect(summary).toMatch(/\d+ participants took part \(\d+ in the previous period\)\./);
  });

  it('states what disclosure control hid once, with the count of this report’s own figures', () => {
    // Prepare
    const all = pages.join(' ');
    const suppressed = report.csv.split('\r\n').slice(1).filter((line) => line !== '' && line.split(',')[10] === 'true').length;
    const total = report.csv.split('\r\n').slice(1).filter((line) => line !== '').length;
    // Assess
    expect(all.match(/figures in this report are suppressed/g)).toHaveLength(1);
    expect(all).toContain(`Disclosure control: ${suppressed} of the ${total} figures in this report are suppressed`);
    expect(report.html.match(/figures in this report are suppressed/g)).toHaveLength(1);
    expect(all.match(/Psychotherapy groups in South Coast ran with fewer participants/g)).toHaveLength(1);
  });

  it('reads "no groups this period" for a programme with none, never "Participants * in * groups"', () => {
    // Prepare
    const all = pdfText(empty.pdf).pages.join(' ').replace(/\s+/g, ' ');
    // Assess
    expect(all).toContain('North Resilience <Groups> & Co No groups this period');
    expect(all).not.toMatch(/\* in \* groups/);
    expect(empty.html).toContain('No groups this period');
    expect(empty.html).not.toMatch(/\* in \* groups/);
  });
});
