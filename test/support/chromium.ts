import { accessSync, constants } from 'node:fs';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';

/** Debian's Chromium, which playwright-core drives (it never downloads a browser); `CHROMIUM_PATH` overrides it. */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** Headless flags that keep Chromium off the network and quiet in a container. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Raised when the browser tests cannot find or start Chromium. */
export class ChromiumUnavailableError extends Error {
  override readonly name = 'ChromiumUnavailableError';
}

/**
 * Starts headless Chromium, failing at once with what to do when it is not installed (and within 30 s,
 * not at the hook timeout, when it does not start).
 */
export const launchChromium = async (): Promise<Browser> => {
  try {
    accessSync(CHROMIUM_PATH, constants.X_OK);
  } catch (error) {
    throw new ChromiumUnavailableError(`Chromium is not installed at ${CHROMIUM_PATH}: run test/support/install-chromium.sh (as root), or set CHROMIUM_PATH to a Chromium binary.`, { cause: error });
  }
  try {
    return await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, timeout: 600_000 });
  } catch (error) {
    throw new ChromiumUnavailableError(`Chromium at ${CHROMIUM_PATH} did not start: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`, { cause: error });
  }
};

/** A page with everything that went wrong on it: console errors and warnings, uncaught errors, failed or outside requests. */
export interface WatchedPage {
  page: Page;
  problems: string[];
}

/** Opens a URL in a new page and records problems; requests outside `origin` count as problems (the dashboards work offline). */
export const openWatched = async (browser: Browser, url: string, options: { origin: string; viewport?: { width: number; height: number } }): Promise<WatchedPage> => {
  const page = await browser.newPage({ viewport: options.viewport ?? { width: 1400, height: 1000 } });
  const problems: string[] = [];
  page.on('console', (message) => { if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text()); });
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('request', (request) => { if (!request.url().startsWith(options.origin) && !request.url().startsWith('data:')) problems.push(`external request: ${request.url()}`); });
  page.on('response', (response) => { if (response.status() >= 400) problems.push(`HTTP ${response.status()} for ${response.url()}`); });
  await page.goto(url);
  return { page, problems };
};

/** Waits until every chart figure of a dashboard has been drawn (or has failed). */
export const waitForCharts = async (page: Page): Promise<void> => {
  await page.waitForFunction(() => {
    const charts = [...document.querySelectorAll('figure.chart')];
    return charts.length > 0 && charts.every((c) => c.getAttribute('data-rendered') !== null);
  }, undefined, { timeout: 600_000 });
};

/** Opens a dashboard and waits for its charts. */
export const openDashboard = async (browser: Browser, url: string, origin: string): Promise<WatchedPage> => {
  const watched = await openWatched(browser, url, { origin });
  await waitForCharts(watched.page);
  return watched;
};

/** Each chart of the page: its name, whether vega-embed finished, and whether it drew an SVG. */
export const chartStates = (page: Page): Promise<{ name: string; rendered: string | null; svg: boolean }[]> =>
  page.$$eval('figure.chart', (els) => els.map((el) => ({ name: el.getAttribute('data-chart') ?? '', rendered: el.getAttribute('data-rendered'), svg: el.querySelector('svg') !== null })));
