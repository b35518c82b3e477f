import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { buildDashboards, loadDashboardAssets } from '../../reports/dashboard/index';
import { figuresCsv } from '../../functions/core/figures/figures-csv';
import { localFileLink } from '../../functions/publishing/signed-links';
import { fixtureContext, makeFigureRows } from '../reports/fixtures';
import { launchChromium, waitForCharts } from '../support/chromium';

// Support groups in this organisation never use PHQ-9 (their published rows have none); the figures are as of
// 15 June 2026, so June and Q2 2026 have not ended.
const rows = makeFigureRows().filter((r) => !(r.group_type === 'support' && r.instrument === 'phq9'));
const base0 = fixtureContext({ generatedAt: '2026-06-15T02:15:00.000Z' });
const context = { ...base0, programmes: base0.programmes.map((p) => (p.id === 'south' ? { ...p, targets: { mainInstrument: 'swemwbs', completionRate: 0.7, dropoutRate: 0.2, recoveryRate: 0.5 } } : p)) };
const files = new Map(buildDashboards(rows, context, loadDashboardAssets()).map((f) => [`/${f.key}`, f.html]));
let server: Server;
let browser: Browser;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const html = files.get(new URL(req.url ?? '/', 'http://x').pathname);
    if (html === undefined) { res.writeHead(404).end(); return; }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

const open = async (path: string, width = 1400): Promise<{ context: BrowserContext; page: Page }> => {
  const browserContext = await browser.newContext({ viewport: { width, height: 900 }, acceptDownloads: true });
  const page = await browserContext.newPage();
  await page.goto(`${base}${path}`);
  await waitForCharts(page);
  return { context: browserContext, page };
};

const seriousViolations = async (page: Page): Promise<string[]> => {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.nodes.length})`);
};

describe('the programme dashboard, used as a manager would', () => {
  it('keeps period, group type and instrument in the URL, and opens on them again', async () => {
    // Prepare
    const { context: c, page } = await open('/dashboards/south/index.html');
    // Act
    await page.selectOption('#filter-period', '2026-Q1');
    await page.selectOption('#filter-group', 'psychotherapy');
    await page.selectOption('#filter-instrument', 'brs');
    await waitForCharts(page);
    const url = page.url();
    const again = await c.newPage();
    await again.goto(url);
    await waitForCharts(again);
    // Assess
    expect(new URL(url).hash).toBe('#period=2026-Q1&group=psychotherapy&instrument=brs');
    expect(await again.$eval('#filter-period', (s) => (s as HTMLSelectElement).value)).toBe('2026-Q1');
    expect(await again.$eval('#filter-group', (s) => (s as HTMLSelectElement).value)).toBe('psychotherapy');
    expect(await again.$eval('#filter-instrument', (s) => (s as HTMLSelectElement).value)).toBe('brs');
    expect(await again.$$eval('figure.chart', (els) => els.map((el) => el.getAttribute('data-chart')))).toContain('mean-change-brs');
    await c.close();
  });

  it('downloads the figures of the selection as CSV, exactly the published rows', async () => {
    // Prepare
    const { context: c, page } = await open('/dashboards/south/index.html#period=2026-Q1&group=support&instrument=swemwbs');
    const expected = rows.filter((r) => r.period === '2026-Q1' && r.programme_id === 'south' && r.group_type === 'support' && (r.instrument === '' || r.instrument === 'swemwbs'));
    // Act
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-csv')]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const csv = Buffer.concat(chunks).toString('utf8');
    // Assess
    expect(download.suggestedFilename()).toBe('figures-south-2026-Q1-support-swemwbs.csv');
    expect(csv.split('\r\n')[0]).toBe('period,programme_id,group_type,instrument,metric,value,ci_low,ci_high,n_participants,n_groups,suppressed,perturbed,rounded,rc_confidence');
    expect(csv.split('\r\n').slice(1).filter((l) => l !== '').sort()).toEqual(figuresCsv(expected).split('\r\n').slice(1).filter((l) => l !== '').sort());
    await c.close();
  });

  it('fits a 390 px wide phone: no chart cut off and no sideways scrolling', async () => {
    // Prepare, Act
    const { context: c, page } = await open('/dashboards/south/index.html', 390);
    const widths = await page.$$eval('figure.chart svg', (els) => els.map((el) => el.getBoundingClientRect().right));
    const figureOverflow = await page.$$eval('figure.chart', (els) => els.filter((el) => el.scrollWidth > el.clientWidth + 1).length);
    const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    // Assess
    expect(widths.length).toBeGreaterThan(10);
    expect(Math.max(...widths)).toBeLessThanOrEqual(390);
    expect(figureOverflow).toBe(0);
    expect(pageWidth).toBeLessThanOrEqual(390);
    await c.close();
  });

  it('marks a period that has not ended, in the period list and above the charts', async () => {
    // Prepare
    const { context: c, page } = await open('/dashboards/south/index.html');
    const options = await page.$$eval('#filter-period option', (els) => els.map((el) => el.textContent ?? ''));
    const hiddenOnEnded = await page.$eval('#period-open', (el) => (el as HTMLElement).hidden);
    // Act
    await page.selectOption('#filter-period', '2026-Q2');
    await waitForCharts(page);
    // Assess
    expect(await page.$eval('#filter-period', (s) => (s as HTMLSelectElement).value)).toBe('2026-Q2');
    expect(options.filter((o) => o.includes('not ended yet'))).toEqual(['Apr–Jun 2026 (Q2) — not ended yet', 'Jun 2026 — not ended yet']);
    expect(hiddenOnEnded).toBe(true);
    expect(await page.textContent('#period-open')).toBe('Apr–Jun 2026 (Q2) has not ended yet: only groups that ended by 2026-06-15 are counted, so these figures will change.');
    await c.close();
  });

  it('defines every measure of the table where it is shown, completion by the programme’s rule', async () => {
    // Prepare, Act
    const { context: c, page } = await open('/dashboards/south/index.html');
    const links = await page.$$eval('#figures-body td:nth-child(3) a', (els) => [...new Set(els.map((el) => el.getAttribute('href') ?? ''))]);
    const defined = await page.$$eval('dl.terms > div', (els) => els.map((el) => `#${el.id}`));
    const completion = await page.textContent('#term-completion dd');
    // Assess
    expect(links.length).toBeGreaterThan(8);
    expect(links.filter((l) => !defined.includes(l))).toEqual([]);
    expect(links).toContain('#term-completion');
    expect(completion).toContain('attended at least 50% of the planned sessions');
    await c.close();
  });

  it('offers only the instruments a group type uses, and no empty chart cards', async () => {
    // Prepare
    const { context: c, page } = await open('/dashboards/south/index.html#period=2026-Q1');
    const before = await page.$$eval('#filter-instrument option', (els) => els.map((el) => (el as HTMLOptionElement).value));
    // Act
    await page.selectOption('#filter-group', 'support');
    await waitForCharts(page);
    const after = await page.$$eval('#filter-instrument option', (els) => els.map((el) => (el as HTMLOptionElement).value));
    const charts = await page.$$eval('figure.chart', (els) => els.map((el) => ({ name: el.getAttribute('data-chart'), text: el.textContent ?? '' })));
    // Assess
    expect(before).toEqual(['', 'swemwbs', 'wemwbs', 'brs', 'phq9']);
    expect(after).toEqual(['', 'swemwbs', 'wemwbs', 'brs']);
    expect(charts.map((ch) => ch.name).filter((n) => n?.includes('phq9'))).toEqual([]);
    expect(charts.filter((ch) => ch.text.includes('No published figures'))).toEqual([]);
    await c.close();
  });

  it('shows the "All programmes" link only to a reader who holds the organisation page', async () => {
    // Prepare: a signature over one programme's folder, one over every dashboard, and a signed-in session's scope
    const own = new URL(localFileLink(base, 'secret', 'dashboards/south/index.html', 2_000_000_000, 'dashboards/south/')).search;
    const all = new URL(localFileLink(base, 'secret', 'dashboards/south/index.html', 2_000_000_000, 'dashboards/')).search;
    const linkShown = async (page: Page): Promise<boolean> => page.$eval('a[data-needs-scope]', (a) => (a as HTMLElement).offsetParent !== null);
    // Act
    const plain = await open('/dashboards/south/index.html');
    const ownOnly = await open(`/dashboards/south/index.html${own}`);
    const everything = await open(`/dashboards/south/index.html${all}`);
    const session = await open('/dashboards/south/index.html');
    await session.page.evaluate(() => sessionStorage.setItem('outcomes.scope', JSON.stringify(['dashboards/south/index.html', 'dashboards/index.html'])));
    await session.page.reload();
    await waitForCharts(session.page);
    // Assess
    expect(await linkShown(plain.page)).toBe(false);
    expect(await linkShown(ownOnly.page)).toBe(false);
    expect(await linkShown(everything.page)).toBe(true);
    expect(await everything.page.$eval('a[data-needs-scope]', (a) => a.getAttribute('href'))).toBe(`../index.html${all}`);
    expect(await linkShown(session.page)).toBe(true);
    for (const opened of [plain, ownOnly, everything, session]) await opened.context.close();
  });

  it('opens on the period\'s headline figures, against the previous period, the target and the benchmark', async () => {
    // Prepare
    const { context: c, page } = await open('/dashboards/south/index.html#period=2026-Q1');
    const tiles = async () => page.$$eval('li.kpi', (els) => els.map((el) => ({
      id: el.getAttribute('data-kpi'), state: el.getAttribute('data-state'), value: el.querySelector('.kpi-value')?.textContent ?? '',
      change: el.querySelector('.kpi-change')?.textContent ?? '', target: el.querySelector('.kpi-target')?.textContent ?? '', benchmark: el.querySelector('.kpi-benchmark')?.textContent ?? '',
    })));
    const glanceTop = await page.$eval('#at-a-glance', (el) => el.getBoundingClientRect().top);
    const chartsTop = await page.$eval('#charts', (el) => el.getBoundingClientRect().top);
    const all = await tiles();
    // Act
    await page.selectOption('#filter-group', 'psychotherapy');
    await waitForCharts(page);
    const psychotherapy = await tiles();
    const byType = await page.$$eval('.glance-table tbody th', (els) => els.map((el) => el.textContent));
    // Assess
    expect(glanceTop).toBeLessThan(chartsTop);
    expect(glanceTop).toBeLessThan(400);
    expect(all.map((t) => t.id)).toEqual(['participants', 'attendance', 'completion', 'dropout', 'reliable-improvement', 'recovery', 'mean-final']);
    expect(all.find((t) => t.id === 'completion')?.target).toMatch(/^Target: at least 70% \((met|not met)\)$/);
    expect(all.find((t) => t.id === 'recovery')?.benchmark).toBe('Benchmark: NHS Talking Therapies recovery standard 50%');
    expect(all.find((t) => t.id === 'participants')?.change).toMatch(/Oct–Dec 2025 \(Q4\): no figures/);
    expect(byType).toEqual(['All group types', 'Psychoeducational', 'Support', 'Skill development', 'Psychotherapy']);
    // South's psychotherapy groups are small: what is hidden reads "suppressed", never a number
    for (const tile of psychotherapy.filter((t) => t.state === 'hidden')) expect(tile.value).toBe('suppressed');
    for (const tile of psychotherapy.filter((t) => t.state === 'perturbed')) expect(tile.value.startsWith('≈')).toBe(true);
    expect(psychotherapy.some((t) => t.state === 'hidden')).toBe(true);
    await c.close();
  });

  it('draws the trend by quarter for the chosen group type and all types, redrawn when the group type changes', async () => {
    // Prepare
    const { context: c, page } = await open('/dashboards/south/index.html');
    await page.waitForSelector('figure.trend-chart[data-rendered="true"]');
    const before = await page.$eval('figure.trend-chart svg', (el) => el.getAttribute('aria-label') ?? '');
    // Act
    await page.selectOption('#filter-group', 'support');
    await page.waitForSelector('figure.trend-chart[data-rendered="true"]');
    const legend = await page.$eval('figure.trend-chart', (el) => el.textContent ?? '');
    // Assess
    expect(before).toMatch(/^Trends by quarter, South Coast Wellbeing\. Attendance rate: 2026 Q1 \d+%, 2026 Q2 \d+%/);
    expect(legend).toContain('Support');
    expect(legend).toContain('All group types');
    expect(legend).not.toContain('Psychotherapy');
    await c.close();
  });

  it('has no serious or critical axe-core violation, on a desktop and on a phone', async () => {
    // Prepare, Act
    const found: string[] = [];
    for (const [path, width] of [['/dashboards/south/index.html', 1400], ['/dashboards/south/index.html#group=support', 390], ['/dashboards/index.html', 1400]] as const) {
      const { context: c, page } = await open(path, width);
      found.push(...(await seriousViolations(page)).map((v) => `${path} @${width}: ${v}`));
      await c.close();
    }
    // Assess
    expect(found).toEqual([]);
  });
});
