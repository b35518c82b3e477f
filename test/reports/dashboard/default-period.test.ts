import { describe, expect, it } from 'vitest';
import { defaultPeriod } from '../../../reports/dashboard/dashboard-page';

describe('defaultPeriod', () => {
  it('opens on the latest quarter that has ended, not one groups are planned to end in next year', () => {
    expect(defaultPeriod(['2026-07', '2026-Q3', '2026-10', '2026-11', '2027-01', '2026-Q4', '2027-Q1'], '2026-11-26T02:00:00Z')).toBe('2026-Q3');
  });

  it('falls back to the latest ended month, then to the latest period', () => {
    expect(defaultPeriod(['2026-10', '2026-11', '2026-Q4'], '2026-11-26T02:00:00Z')).toBe('2026-10');
    expect(defaultPeriod(['2026-11', '2026-Q4'], '2026-11-26T02:00:00Z')).toBe('2026-Q4');
    expect(defaultPeriod([], '2026-11-26T02:00:00Z')).toBe('');
  });
});

describe('links between dashboards', () => {
  it('carry a CloudFront custom-policy signature on from the page that was opened with one', async () => {
    // Prepare
    const { dashboardPage } = await import('../../../reports/dashboard/dashboard-page');
    const { loadDashboardAssets } = await import('../../../reports/dashboard/dashboard-assets');
    const context = { generatedAt: '2026-11-26T02:00:00Z', watermark: '2026-11-26T02:00:00Z', programmes: [], funders: [], policy: { k: 8, rounding: 1 }, instruments: [], suppressionNotes: [] };

    // Act
    const html = dashboardPage({ context, rows: [], programmeId: '*', links: [{ href: 'young-people/index.html', label: 'Young people' }] }, loadDashboardAssets());

    // Assess
    expect(html).toContain('<a data-dashboard-link href="young-people/index.html">');
    expect(html).toMatch(/Key-Pair-Id=.*querySelectorAll\('a\[data-dashboard-link\]'\)/s);
  });
});
