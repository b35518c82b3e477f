import { describe, expect, it } from 'vitest';
import { GROUP_TYPES } from '../../../functions/core/group-type';
import { trendChart } from '../../../reports/dashboard/trend-chart';
import { FIXTURE_INSTRUMENTS, makeFigureRows } from '../fixtures';

type Point = { quarter: string; group: string; measure: string; value: number | null; approx: boolean; valueText: string };
const valuesOf = (spec: unknown): Point[] => ((spec as { data?: { values?: Point[] } }).data?.values ?? []);

describe('the trend chart', () => {
  const rows = makeFigureRows({ months: ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09'] });
  const periods = [...new Set(rows.map((r) => r.period))];
  const spec = trendChart(rows, { programmeId: 'south', scopeLabel: 'South', periods, instruments: FIXTURE_INSTRUMENTS, groupTypes: GROUP_TYPES });
  const points = valuesOf(spec);

  it('draws every published quarter, never a month, per group type and all types', () => {
    expect([...new Set(points.map((p) => p.quarter))]).toEqual(['2026 Q1', '2026 Q2', '2026 Q3']);
    expect([...new Set(points.map((p) => p.group))].sort()).toEqual(['All group types', 'Psychoeducational', 'Psychotherapy', 'Skill development', 'Support']);
  });

  it('keeps each measure on one questionnaire across the quarters', () => {
    const measures = [...new Set(points.map((p) => p.measure))];
    expect(measures.filter((m) => m.startsWith('Reliably improved'))).toHaveLength(1);
    expect(measures.filter((m) => m.startsWith('Recovered'))).toHaveLength(1);
  });

  it('leaves a hidden figure out as a gap and marks a perturbed one, from the published rows', () => {
    // Prepare
    const hidden = points.filter((p) => p.value === null);
    const hiddenRows = rows.filter((r) => r.programme_id === 'south' && r.period.includes('Q') && r.instrument === '' && r.metric === 'completion_rate' && r.suppressed);
    // Assess
    for (const p of hidden) expect(p.valueText).toBe('suppressed');
    expect(hidden.filter((p) => p.measure === 'Completion')).toHaveLength(hiddenRows.length);
    for (const p of points.filter((x) => x.approx)) expect(p.valueText.startsWith('≈')).toBe(true);
  });

  it('says there is nothing to draw with fewer than two quarters', () => {
    const one = trendChart(rows, { programmeId: 'south', scopeLabel: 'South', periods: ['2026-Q1', '2026-01'], instruments: FIXTURE_INSTRUMENTS, groupTypes: GROUP_TYPES });
    expect(String((one as { description?: string }).description)).toContain('No published figures');
  });
});
