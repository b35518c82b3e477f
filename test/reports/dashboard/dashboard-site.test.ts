import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildDashboards, loadDashboardAssets } from '../../../reports/dashboard/index';
import { bundleDashboardScript } from '../../../reports/dashboard/build-dashboard-script';
import { DASHBOARD_SCRIPT_FILE } from '../../../reports/dashboard/dashboard-script-file';
import { fixtureContext, makeFigureRows } from '../fixtures';

const rows = makeFigureRows();
const context = fixtureContext({ suppressionNotes: ['Note with <b>markup</b> & "quotes"'] });
const assets = loadDashboardAssets();
const pages = buildDashboards(rows, context, assets);

describe('the dashboards', () => {
  it('build an organisation page and one page per programme', () => {
    expect(pages.map((p) => p.key)).toEqual(['dashboards/index.html', 'dashboards/north/index.html', 'dashboards/south/index.html']);
  });

  it('are self-contained: vega, vega-lite, vega-embed inlined and no external script or stylesheet', () => {
    // Prepare
    const html = pages[1]?.html ?? '';
    // Assess
    expect(html).toContain(assets.vega.slice(0, 200));
    expect(html).toContain(assets.vegaEmbed.slice(0, 200));
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/<link[^>]+stylesheet/);
    expect(html).not.toMatch(/https?:\/\/(cdn|unpkg|fonts)/);
  });

  it('escape programme names and notes inserted into the page', () => {
    // Prepare: the organisation page links every programme by name
    const html = pages[0]?.html ?? '';
    // Assess
    expect(html).toContain('North Resilience &lt;Groups&gt; &amp; Co');
    expect(html).not.toContain('North Resilience <Groups>');
    expect(html).toContain('Note with &lt;b&gt;markup&lt;/b&gt; &amp; &quot;quotes&quot;');
  });

  it('link a programme page to the organisation page only, never to (or naming) another programme', () => {
    // Prepare
    const html = pages[2]?.html ?? '';
    const nav = /<nav aria-label="Dashboards">(.*?)<\/nav>/s.exec(html)?.[1] ?? '';

    // Assess
    expect(nav).toContain('href="../index.html"');
    expect(nav.match(/<a /g)).toHaveLength(1);
  });

  it('stamp the page with the run time, not the clock, and render identically twice', () => {
    // Prepare, Act
    const again = buildDashboards(rows, context, assets);
    // Assess
    expect(pages[0]?.html).toContain('Last updated: <time datetime="2026-07-02T02:15:00.000Z">2 Jul 2026, 02:15 UTC</time>');
    expect(again.map((p) => p.html)).toEqual(pages.map((p) => p.html));
  });

  it('inline only the figures of their own programme', () => {
    // Prepare
    const json = /<script type="application\/json" id="dashboard-data">(.*?)<\/script>/s.exec(pages[1]?.html ?? '')?.[1] ?? '{}';
    // Act
    const data = JSON.parse(json) as { programmeId: string; rows: unknown[][] };
    // Assess
    expect(data.programmeId).toBe('north');
    expect(data.rows.every((row) => row[1] === 'north')).toBe(true);
    expect(data.rows.length).toBe(rows.filter((r) => r.programme_id === 'north').length);
  });

  it('offer only the group types a page has figures for', () => {
    // Prepare
    const [, north] = buildDashboards(makeFigureRows({ groupTypes: ['support', 'psychotherapy'] }), context, assets);
    // Act
    const options = [...(/<select id="filter-group">(.*?)<\/select>/.exec(north?.html ?? '')?.[1] ?? '').matchAll(/value="([^"]*)"/g)].map((m) => m[1]);
    // Assess
    expect(options).toEqual(['', 'support', 'psychotherapy']);
  });

  it('word reliable-change thresholds in the method notes as the rule the code applies, with their confidence level', () => {
    // Prepare
    const precise = fixtureContext({ instruments: [{ id: 'brs', name: 'Brief Resilience Scale', direction: 'higher-is-better', scoreRange: { min: 1, max: 5 }, reliableChange: { points: 0.8429367330944831, confidence: 0.95 }, cutOff: null }] });
    // Act
    const [organisation] = buildDashboards(rows, precise, assets);
    // Assess
    expect(organisation?.html).toContain('Brief Resilience Scale, scores 1–5 (higher is better); reliable change: a change of at least 0.843 points (95% confidence).');
    expect(organisation?.html).not.toMatch(/more than [0-9.]+ points/);
  });

  it('ship a committed browser bundle that matches the current sources', async () => {
    // Act
    const fresh = await bundleDashboardScript();
    // Assess (on failure run: npx tsx reports/dashboard/build-dashboard-script.ts)
    expect(readFileSync(DASHBOARD_SCRIPT_FILE, 'utf8')).toBe(fresh);
  });
});
