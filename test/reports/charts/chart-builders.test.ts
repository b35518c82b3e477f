import { describe, expect, it } from 'vitest';
import { attendanceChart, effectSizesChart, meanChangeChart, outcomeClassesChart, retentionChart, sessionTrajectoryChart, volumeChart } from '../../../reports/charts/index';
import type { TopLevelSpec } from 'vega-lite';
import type { FigureRow } from '../../../functions/core/figures/figure-row';
import type { ChartScope } from '../../../reports/charts/chart-options';
import { lineByGroup, type LinePoint } from '../../../reports/charts/line-by-group';
import { FIXTURE_INSTRUMENTS, makeFigureRows } from '../fixtures';

const [swemwbs, , , phq9] = FIXTURE_INSTRUMENTS;
if (swemwbs === undefined || phq9 === undefined) throw new Error('fixture instruments missing');

const scope = { period: '2026-Q2', programmeId: 'south', scopeLabel: 'South Coast Wellbeing' };
const builders: Record<string, (rows: readonly FigureRow[], extra?: Partial<ChartScope>) => TopLevelSpec> = {
  meanChange: (rows, extra) => meanChangeChart(rows, { ...scope, ...extra, instrument: swemwbs }),
  outcomeClasses: (rows, extra) => outcomeClassesChart(rows, { ...scope, ...extra, instrument: phq9 }),
  sessionTrajectory: (rows, extra) => sessionTrajectoryChart(rows, { ...scope, ...extra, instrument: swemwbs }),
  attendance: (rows, extra) => attendanceChart(rows, { ...scope, ...extra }),
  retention: (rows, extra) => retentionChart(rows, { ...scope, ...extra }),
  volume: (rows, extra) => volumeChart(rows, { ...scope, ...extra }),
  effectSizes: (rows, extra) => effectSizesChart(rows, { ...scope, ...extra, instruments: FIXTURE_INSTRUMENTS }),
};

/** Every inline data value of a spec, wherever it sits in the view tree. */
const inlineValues = (node: unknown): Record<string, unknown>[] => {
  if (Array.isArray(node)) return node.flatMap(inlineValues);
  if (node === null || typeof node !== 'object') return [];
  const record = node as Record<string, unknown>;
  const own = (record.data as { values?: Record<string, unknown>[] } | undefined)?.values ?? [];
  return [...own, ...Object.entries(record).filter(([key]) => key !== 'data').flatMap(([, value]) => inlineValues(value))];
};

const footnoteText = (spec: TopLevelSpec): string => JSON.stringify((spec as { vconcat?: { title?: unknown }[] }).vconcat?.[0]?.title ?? '');

const rows = makeFigureRows();
const allSuppressed = makeFigureRows({ allSuppressed: true });
const single = makeFigureRows({ groupTypes: ['support'], programmes: ['north'] });

describe.each(Object.entries(builders))('the %s chart', (_name, build) => {
  it('describes itself, carries a title and inlines its data', () => {
    // Prepare, Act
    const spec = build(rows) as unknown as Record<string, unknown>;
    // Assess
    expect(typeof spec.description).toBe('string');
    expect((spec.description as string).length).toBeGreaterThan(40);
    expect((spec.title as { text: string }).text.length).toBeGreaterThan(5);
    expect(inlineValues(spec).length).toBeGreaterThan(0);
    expect((spec.config as { font: string }).font).toBe('DejaVu Sans');
  });

  it('marks every value as suppressed, never as zero, when all figures are suppressed', () => {
    // Prepare, Act
    const spec = build(allSuppressed);
    const values = inlineValues(spec).filter((v) => 'suppressed' in v);
    // Assess
    expect(values.length).toBeGreaterThan(0);
    expect(values.every((v) => v.suppressed === true && (v.value === null || v.value === undefined))).toBe(true);
    expect(values.some((v) => v.value === 0)).toBe(false);
    expect(footnoteText(spec)).toContain('fewer than 8 participants');
  });

  it('shows a single group type without the all-types margin', () => {
    // Prepare
    const extra = { programmeId: 'north', groupTypes: ['support'] as const };
    // Act
    const spec = build(single, extra);
    const groups = new Set(inlineValues(spec).map((v) => v.group).filter((g) => g !== undefined));
    // Assess
    expect(groups.size).toBeGreaterThan(0);
    expect([...groups].every((g) => String(g).startsWith('Support'))).toBe(true);
  });
});

describe('the chart builders', () => {
  it('draw the SWEMWBS population norm on the score-by-session chart only', () => {
    // Prepare, Act
    const trajectory = JSON.stringify(sessionTrajectoryChart(rows, { ...scope, instrument: swemwbs }));
    const change = JSON.stringify(meanChangeChart(rows, { ...scope, instrument: swemwbs }));
    // Assess
    expect(trajectory).toContain('Population norm 23.5');
    expect(change).not.toContain('Population norm 23.5');
    expect(change).toContain('Meaningful change (3 points)');
  });

  it('reverse the sign of lower-is-better effect sizes', () => {
    // Prepare
    const raw = rows.find((r) => r.period === '2026-Q2' && r.programme_id === 'south' && r.group_type === '*' && r.instrument === 'phq9' && r.metric === 'hedges_g');
    // Act
    const values = inlineValues(effectSizesChart(rows, { ...scope, instruments: [phq9] }));
    const shown = values.find((v) => v.group === 'All group types' && String(v.measure).startsWith('Hedges'));
    // Assess
    expect(raw?.value).toBeLessThan(0);
    expect(shown?.value).toBe(-(raw?.value ?? 0));
  });

  it('say so when there are no figures for the selection', () => {
    // Prepare, Act
    const spec = meanChangeChart(rows, { ...scope, period: '1999-01', instrument: swemwbs });
    // Assess
    expect(JSON.stringify(spec)).toContain('No published figures for this selection.');
  });

  it('explain suppression reasons in the tooltip data and footnote', () => {
    // Prepare, Act
    const spec = outcomeClassesChart(rows, { ...scope, instrument: phq9 });
    // Assess
    expect(footnoteText(spec)).toMatch(/cannot be worked out/);
    expect(inlineValues(spec).some((v) => v.status === 'suppressed' || String(v.cls).startsWith('Suppressed'))).toBe(true);
  });
});

describe('a figure with too few groups for an interval', () => {
  // The estimate is published with null bounds (see functions/core/stats/README.md): charts say so, never "– to –".
  const withoutInterval = rows.map((r) => (r.period === '2026-Q2' && r.programme_id === 'south' && !r.suppressed
    && ['mean_change', 'hedges_g', 'mean_score_s1'].includes(r.metric) ? { ...r, ci_low: null, ci_high: null } : r));

  it('reads "interval not available" on the mean-change chart, labelled beside the point', () => {
    // Act
    const spec = meanChangeChart(withoutInterval, { ...scope, instrument: swemwbs });
    const shown = inlineValues(spec).filter((v) => 'ciText' in v && v.suppressed === false);
    // Assess
    expect(shown.length).toBeGreaterThan(0);
    for (const v of shown) {
      expect(v.ciText).toBe('interval not available');
      expect(String(v.label)).toContain('(interval not available)');
      expect(v.labelAt).toBe(v.value);
    }
    expect(spec.description).toContain('interval not available');
    expect(spec.description).not.toContain('– to –');
  });

  it('reads "interval not available" on the effect-size and score-by-session charts', () => {
    // Act
    const effects = inlineValues(effectSizesChart(withoutInterval, { ...scope, instruments: FIXTURE_INSTRUMENTS }));
    const trajectory = inlineValues(sessionTrajectoryChart(withoutInterval, { ...scope, instrument: swemwbs }));
    // Assess
    const g = effects.filter((v) => String(v.measure).startsWith('Hedges') && v.suppressed === false);
    expect(g.length).toBeGreaterThan(0);
    expect(g.every((v) => String(v.valueText).endsWith('(interval not available)'))).toBe(true);
    expect(trajectory.some((v) => v.x === 1 && String(v.valueText).endsWith('(interval not available)'))).toBe(true);
  });
});

describe('a perturbed count in the outcome classes chart', () => {
  it('shows its share, and the share it leaves to no reliable change, with ≈', () => {
    // Prepare: the all-types reliably improved count is published perturbed
    const perturbed = rows.map((r) => (r.period === scope.period && r.programme_id === scope.programmeId && r.group_type === '*' && r.instrument === phq9.id && r.metric === 'reliably_improved' && !r.suppressed
      ? { ...r, perturbed: true } : r));

    // Act
    const values = inlineValues(outcomeClassesChart(perturbed, { ...scope, instrument: phq9 })).filter((v) => v.group === 'All group types' && v.bar === 'Reliable change');

    // Assess
    const improved = values.find((v) => v.cls === 'Reliably improved');
    expect(improved?.shareText).toMatch(/^≈\d+%$/);
    expect(values.find((v) => v.cls === 'No reliable change')?.shareText).toMatch(/^≈/);
    expect(String(improved?.status)).toContain('perturbed');
  });
});

describe('a line chart in small multiples with one visible value', () => {
  it('widens the shared y domain around it instead of scaling to a single point', () => {
    // Prepare: two group types, one point each, the same value, no interval
    const point = (group: string, key: 'support' | '*'): LinePoint => ({
      x: 3, xLabel: 'Session 3', group, key, value: 3.09, lo: null, hi: null, suppressed: false, valueText: '3.09', status: '', reason: null,
    });

    // Act
    const body = JSON.stringify(lineByGroup([point('Support', 'support'), point('All group types', '*')], {
      x: { field: 'x', type: 'quantitative' }, yTitle: 'Mean', xTooltipTitle: 'Session', valueTitle: 'Mean', band: true, smallMultiples: true,
    }));

    // Assess
    expect(body).toContain('"domain":[2.09,4.09]');
  });
});
