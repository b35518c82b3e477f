import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startReportsStack, type Catalogue, type ReportsStack } from '../integration/support/reports-stack';
import { chartStates, launchChromium, openDashboard, waitForCharts } from '../support/chromium';

let t: ReportsStack;
let browser: Browser;
let manager: Catalogue;
beforeAll(async () => {
  // Chromium first: without it the file fails at once, before a stack is started that nothing would stop.
  browser = await launchChromium();
  t = await startReportsStack();
  manager = await t.catalogue(t.stack.info.keys.manager);
}, 600_000);
afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

const linkOf = (catalogue: Catalogue, key: string): string => {
  const item = catalogue.items.find((i) => i.files['index.html'] === key);
  if (item?.links['index.html'] === undefined) throw new Error(`no link to ${key} in the catalogue`);
  return item.links['index.html'];
};
const tableGroups = (page: Page): Promise<string[]> =>
  page.$$eval('#figures-body tr td:first-child', (els) => [...new Set(els.map((el) => el.textContent ?? ''))]);

describe('the dashboards the local stack publishes, opened in Chromium through the links of GET /v1/reports', () => {
  it("renders every chart of a manager's programme dashboard without console errors", async () => {
    // Prepare, Act
    const { page, problems } = await openDashboard(browser, linkOf(manager, 'dashboards/adult-resilience/index.html'), t.stack.info.apiUrl);
    const charts = await chartStates(page);

    // Assess
    expect(await page.textContent('h1')).toContain('Adult Resilience Programme');
    expect(charts.length).toBeGreaterThanOrEqual(7);
    expect(charts.filter((c) => c.rendered !== 'true' || !c.svg)).toEqual([]);
    expect(await page.$$eval('#figures-body tr', (els) => els.length)).toBeGreaterThan(10);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows only the chosen group type in the charts and the table when the filter changes', async () => {
    // Prepare
    const { page, problems } = await openDashboard(browser, linkOf(manager, 'dashboards/young-people/index.html'), t.stack.info.apiUrl);
    const groupsBefore = await tableGroups(page);
    const chosen = groupsBefore.find((g) => g !== 'All group types') ?? '';
    const value = await page.$eval('#filter-group', (select, label) => [...(select as HTMLSelectElement).options].find((o) => o.textContent === label)?.value ?? '', chosen);
    const others = groupsBefore.filter((g) => g !== chosen && g !== 'All group types');
    const attendanceBefore = await page.textContent('figure[data-chart="attendance"]');

    // Act
    await page.selectOption('#filter-group', value);
    await waitForCharts(page);
    const attendanceAfter = await page.textContent('figure[data-chart="attendance"]');
    const groupsAfter = await tableGroups(page);

    // Assess
    expect(others.length).toBeGreaterThan(0);
    expect(groupsAfter).toEqual([chosen]);
    expect(attendanceAfter).not.toBe(attendanceBefore);
    for (const other of others) expect(attendanceAfter).not.toContain(other);
    expect(page.url()).toContain(`group=${value}`);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('opens the organisation page for the admin, with a working link to every programme', async () => {
    // Prepare
    const admin = await t.catalogue(t.stack.info.keys.admin);

    // Act
    const { page, problems } = await openDashboard(browser, linkOf(admin, 'dashboards/index.html'), t.stack.info.apiUrl);
    const charts = await chartStates(page);
    const links = await page.$$eval('nav a', (els) => els.map((el) => el.textContent));
    const heading = await page.textContent('h1');
    await page.click('nav a >> text=Carers Together');
    await waitForCharts(page);

    // Assess
    expect(heading).toContain('All programmes');
    expect(charts.filter((c) => c.rendered !== 'true' || !c.svg)).toEqual([]);
    expect(links).toEqual(['Adult Resilience Programme', 'Carers Together', "Young People's Resilience"]);
    expect(await page.textContent('h1')).toContain('Carers Together');
    expect(problems).toEqual([]);
    await page.close();
  });
});
