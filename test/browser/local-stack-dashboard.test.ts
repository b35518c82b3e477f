import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startReportsStack, type Catalogue, type ReportsStack } from '../integration/support/reports-stack';
import { chartStates, launchChromium, openDashboard, waitForCharts } from '../support/chromium';
import { AxeBuilder } from '@axe-core/playwright';
import { localSessionToken } from '../../functions/publishing/session-cookies';

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

describe('signing in without curl: a key exchanged once for a session on the local stack', () => {
  const pathOf = (catalogue: Catalogue, key: string): string => new URL(linkOf(catalogue, key)).pathname;
  const signIn = async (page: Page, key: string): Promise<void> => {
    await page.fill('#key', key);
    await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
  };

  it('sends a browser without a session to sign-in, then back to the dashboard, and opens everything in scope', async () => {
    // Prepare
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    const adults = pathOf(manager, 'dashboards/adult-resilience/index.html');
    const young = pathOf(manager, 'dashboards/young-people/index.html');
    // Act: open the dashboard straight away, sign in on the page it redirects to
    const first = await page.goto(`${t.stack.info.apiUrl}${adults}`);
    const formUrl = page.url();
    const axe = await new AxeBuilder({ page }).analyze();
    await signIn(page, t.stack.info.keys.manager);
    await waitForCharts(page);
    const landed = new URL(page.url()).pathname;
    const allProgrammesShown = await page.$eval('a[data-needs-scope]', (a) => (a as HTMLElement).offsetParent !== null);
    const cookies = await context.cookies();
    const scriptSees = await page.evaluate(() => document.cookie);
    await page.goto(`${t.stack.info.apiUrl}/signin`);
    const listed = await page.$$eval('ul.catalogue a', (els) => els.map((el) => new URL((el as HTMLAnchorElement).href).pathname));
    await page.click(`ul.catalogue a[href="${young}"]`);
    await waitForCharts(page);
    const heading = await page.textContent('h1');
    // Assess
    expect(first?.status()).toBe(200);
    expect(formUrl).toContain('/signin?reason=expired&next=');
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    expect(landed).toBe(adults);
    expect(allProgrammesShown).toBe(false);
    expect(cookies.find((c) => c.name === 'outcomes_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(scriptSees).not.toContain('outcomes_session');
    expect(listed).toEqual(expect.arrayContaining([adults, young]));
    expect(listed.some((p) => p.startsWith('/files/reports/wellbeing-trust/'))).toBe(true);
    expect(listed.some((p) => p.includes('/carers/'))).toBe(false);
    expect(heading).toContain("Young People's Resilience");
    await context.close();
  });

  it('answers a page outside the scope, a wrong key and an expired session with pages, never JSON', async () => {
    // Prepare
    const context = await browser.newContext();
    const page = await context.newPage();
    const admin = await t.catalogue(t.stack.info.keys.admin);
    const carers = pathOf(admin, 'dashboards/carers/index.html');
    const adults = pathOf(manager, 'dashboards/adult-resilience/index.html');
    // Act
    await page.goto(`${t.stack.info.apiUrl}/signin`);
    await signIn(page, 'ro_live_not-a-real-key');
    const refusal = await page.textContent('#sign-in-error');
    await signIn(page, t.stack.info.keys.clinic);
    const clinicRefusal = await page.textContent('#sign-in-error');
    await signIn(page, t.stack.info.keys.manager);
    const outside = await page.goto(`${t.stack.info.apiUrl}${carers}`);
    const outsideType = outside?.headers()['content-type'];
    const outsideText = await page.textContent('h1');
    const expired = localSessionToken(process.env['LOCAL_FILES_SECRET'] ?? '', { role: 'manager', keyId: 'x', programmeIds: ['adult-resilience'] }, Math.floor(Date.now() / 1000) - 1);
    await context.addCookies([{ name: 'outcomes_session', value: expired, url: t.stack.info.apiUrl }]);
    await page.goto(`${t.stack.info.apiUrl}${adults}`);
    const expiredNotice = await page.textContent('.notice');
    const expiredUrl = page.url();
    // Assess
    expect(refusal).toContain('This key is not valid');
    expect(clinicRefusal).toContain('A clinic key');
    expect(outside?.status()).toBe(403);
    expect(outsideType).toContain('text/html');
    expect(outsideText).toContain('not among the dashboards and reports your key may open');
    expect(expiredUrl).toContain('/signin?reason=expired');
    expect(expiredNotice).toContain('Your session or link has ended');
    await context.close();
  });

  it('lets a funder open its own reports through the session, and nothing else', async () => {
    // Prepare
    const context = await browser.newContext();
    const page = await context.newPage();
    const admin = await t.catalogue(t.stack.info.keys.admin);
    const other = admin.items.find((i) => i.kind === 'funder-report' && i.files['report.html']?.startsWith('reports/community-fund/') === true);
    await page.goto(`${t.stack.info.apiUrl}/signin`);
    // Act
    await signIn(page, t.stack.info.keys.funder);
    const listed = await page.$$eval('ul.catalogue a', (els) => els.map((el) => new URL((el as HTMLAnchorElement).href).pathname));
    const html = listed.find((p) => p.endsWith('/report.html')) ?? '';
    const own = await page.goto(`${t.stack.info.apiUrl}${html}`);
    const ownTitle = await page.textContent('h1');
    const foreign = await page.goto(`${t.stack.info.apiUrl}/files/${other?.files['report.html'] ?? ''}`);
    const dashboard = await page.goto(`${t.stack.info.apiUrl}${pathOf(manager, 'dashboards/young-people/index.html')}`);
    // Assess
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.every((p) => p.startsWith('/files/reports/wellbeing-trust/'))).toBe(true);
    expect(own?.status()).toBe(200);
    expect(ownTitle).toContain('Outcomes report for Wellbeing Trust');
    expect(other).toBeDefined();
    expect(foreign?.status()).toBe(403);
    expect(dashboard?.status()).toBe(403);
    await context.close();
  });

  it('lets a reader of every programme follow the "All programmes" link, and signs out', async () => {
    // Prepare
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${t.stack.info.apiUrl}/signin`);
    // Act
    await signIn(page, t.stack.info.keys.admin);
    await page.click('ul.catalogue li:has-text("Carers Together") a');
    await waitForCharts(page);
    const linkShown = await page.$eval('a[data-needs-scope]', (a) => (a as HTMLElement).offsetParent !== null);
    await page.click('a[data-needs-scope]');
    await waitForCharts(page);
    const heading = await page.textContent('h1');
    await page.goto(`${t.stack.info.apiUrl}/signin`);
    await Promise.all([page.waitForNavigation(), page.click('text=Sign out')]);
    const afterSignOut = await page.$('#key');
    // Assess
    expect(linkShown).toBe(true);
    expect(heading).toContain('All programmes');
    expect(afterSignOut).not.toBeNull();
    await context.close();
  });
});
