import { describe, expect, it } from 'vitest';
import { reportCatalogue } from '../../../functions/publishing/report-catalogue';
import type { StoredProgramme } from '../../../functions/store/organisation-store';

const programmes: StoredProgramme[] = [
  { programmeId: 'adults', name: 'Adults', funders: [{ funderId: 'council', name: 'City Council' }, { funderId: 'trust', name: 'Wellbeing Trust' }] },
  { programmeId: 'young', name: 'Young People', funders: [{ funderId: 'trust', name: 'Wellbeing Trust' }] },
  { programmeId: 'carers', name: 'Carers', funders: [{ funderId: 'fund', name: 'Community Fund' }] },
];
const dashboards = ['dashboards/index.html', 'dashboards/adults/index.html', 'dashboards/young/index.html', 'dashboards/carers/index.html', 'dashboards/manifest.json'];
const files = ['figures.csv', 'manifest.json', 'publication.json', 'report.html', 'report.pdf'];
const reports = ['council/2026-Q1', 'trust/2026-03', 'trust/2026-Q1', 'fund/2026-Q1', 'former/2025-Q4'].flatMap((r) => files.map((f) => `reports/${r}/${f}`));

const summary = (principal: Parameters<typeof reportCatalogue>[0]) =>
  reportCatalogue(principal, programmes, dashboards, reports).map((e) => (e.kind === 'dashboard' ? e.files['index.html'] : `${e.funderId}/${e.period}`));

describe('the report catalogue', () => {
  it("gives a manager its programmes' dashboards and the reports of funders all of whose programmes it holds", () => {
    // Act
    const seen = summary({ role: 'manager', keyId: 'm', programmeIds: ['adults', 'young'] });
    // Assess
    expect(seen).toEqual(['dashboards/adults/index.html', 'dashboards/young/index.html', 'council/2026-Q1', 'trust/2026-03', 'trust/2026-Q1']);
  });

  it('gives a manager of only part of a funder\'s programmes none of its reports, and never those of a funder of no programme', () => {
    // Act
    const seen = summary({ role: 'manager', keyId: 'm', programmeIds: ['young'] });
    // Assess
    expect(seen).toEqual(['dashboards/young/index.html']);
  });

  it('gives the organisation page only to a manager who holds every programme', () => {
    // Act
    const seen = summary({ role: 'manager', keyId: 'm', programmeIds: ['adults', 'young', 'carers'] });
    // Assess
    expect(seen.slice(0, 1)).toEqual(['dashboards/index.html']);
    expect(seen).not.toContain('former/2025-Q4');
  });

  it('gives a funder its own reports only, and a clinic nothing', () => {
    // Act, Assess
    expect(summary({ role: 'funder', keyId: 'f', funderId: 'trust' })).toEqual(['trust/2026-03', 'trust/2026-Q1']);
    expect(summary({ role: 'clinic', keyId: 'c', clinicId: 'north' })).toEqual([]);
  });

  it("lists a report's files with the report first and titles it with the funder's name and the period", () => {
    // Act
    const entry = reportCatalogue({ role: 'admin', keyId: 'a' }, programmes, dashboards, reports).find((e) => e.funderId === 'trust' && e.period === '2026-Q1');
    // Assess
    expect(Object.keys(entry?.files ?? {})).toEqual(['report.html', 'report.pdf', 'figures.csv', 'manifest.json', 'publication.json']);
    expect(entry?.title).toBe('Wellbeing Trust report, Jan–Mar 2026 (Q1)');
  });

  it('lists no funder report whose publication manifest is not written yet (a build in progress or cut short)', () => {
    // Prepare
    const partial = [...reports, 'reports/council/2026-Q2/report.html', 'reports/council/2026-Q2/report.pdf'];

    // Act
    const entries = reportCatalogue({ role: 'admin', keyId: 'a' }, programmes, dashboards, partial);

    // Assess
    expect(entries.filter((e) => e.funderId === 'council').map((e) => e.period)).toEqual(['2026-Q1']);
  });
});
