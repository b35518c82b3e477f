import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { buildDashboards, loadDashboardAssets } from '../../reports/dashboard/index';
import { fixtureContext, makeFigureRows } from '../reports/fixtures';
import { chartStates, launchChromium, openDashboard as openInChromium, waitForCharts } from '../support/chromium';

const files = new Map(buildDashboards(makeFigureRows(), fixtureContext(), loadDashboardAssets()).map((f) => [`/${f.key}`, f.html]));
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

const openDashboard = (path: string) => openInChromium(browser, `${base}${path}`, base);

describe('the programme dashboard in Chromium', () => {
  it('renders every chart as SVG without console errors or outside requests', async () => {
    // Prepare, Act
    const { page, problems } = await openDashboard('/dashboards/south/index.html');
    const charts = await chartStates(page);
    const tableRows = await page.$$eval('#figures-body tr', (els) => els.length);
    // Assess
    expect(charts.length).toBe(16);
    expect(charts.every((c) => c.rendered === 'true' && c.svg)).toBe(true);
    expect(tableRows).toBeGreaterThan(50);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('changes the charts and the table when a filter changes', async () => {
    // Prepare
    const { page, problems } = await openDashboard('/dashboards/south/index.html');
    const attendanceBefore = await page.textContent('figure[data-chart="attendance"]');
    // Act
    await page.selectOption('#filter-group', 'support');
    await page.selectOption('#filter-instrument', 'phq9');
    await waitForCharts(page);
    const charts = await page.$$eval('figure.chart', (els) => els.map((el) => el.getAttribute('data-chart')));
    const attendanceAfter = await page.textContent('figure[data-chart="attendance"]');
    const groups = await page.$$eval('#figures-body tr td:first-child', (els) => [...new Set(els.map((el) => el.textContent))]);
    // Assess
    expect(attendanceBefore).toContain('Psychoeducational');
    expect(attendanceAfter).not.toContain('Psychoeducational');
    expect(attendanceAfter).toContain('Support');
    expect(charts).toEqual(['mean-change-phq9', 'outcome-classes-phq9', 'session-trajectory-phq9', 'effect-sizes', 'attendance', 'retention', 'volume']);
    expect(groups).toEqual(['Support']);
    expect(page.url()).toContain('group=support');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('opens the organisation-wide page with links to every programme', async () => {
    // Prepare, Act
    const { page, problems } = await openDashboard('/dashboards/index.html');
    const links = await page.$$eval('nav a', (els) => els.map((el) => el.getAttribute('href')));
    // Assess
    expect(links).toEqual(['north/index.html', 'south/index.html']);
    expect(await page.textContent('h1')).toContain('All programmes');
    expect(problems).toEqual([]);
    await page.close();
  });
});
