import { describe, expect, it } from 'vitest';
import type { FigureRow } from '../../../functions/core/figures/figure-row';
import { headlineFigures, mainInstruments, previousPeriod } from '../../../reports/headline/headline-figures';
import type { HeadlineFigure } from '../../../reports/headline/headline-figures';
import { changeText, headlineValueText, targetMet, targetText } from '../../../reports/headline/headline-text';
import { headlineHtml } from '../../../reports/dashboard/headline-html';
import { FIXTURE_INSTRUMENTS, makeFigureRows } from '../fixtures';

const row = (period: string, group: string, instrument: string, metric: string, value: number | null, extra: Partial<FigureRow> = {}): FigureRow => ({
  period, programme_id: 'p', group_type: group as FigureRow['group_type'], instrument, metric, value, ci_low: null, ci_high: null,
  n_participants: value === null ? null : 40, n_groups: value === null ? null : 4, suppressed: false, suppression_reason: null, ...extra,
});
const hidden = (period: string, group: string, instrument: string, metric: string): FigureRow =>
  row(period, group, instrument, metric, null, { suppressed: true, n_groups: null });

const rows: FigureRow[] = [
  row('2026-Q2', '*', '', 'participants', 120), row('2026-Q1', '*', '', 'participants', 100),
  row('2026-Q2', '*', '', 'completion_rate', 0.62), row('2026-Q1', '*', '', 'completion_rate', 0.55),
  row('2026-Q2', '*', '', 'dropout_rate', 0.25),
  row('2026-Q2', '*', 'phq9', 'paired', 80), row('2026-Q2', '*', 'phq9', 'reliably_improved', 40),
  row('2026-Q1', '*', 'phq9', 'paired', 60), row('2026-Q1', '*', 'phq9', 'reliably_improved', 30),
  row('2026-Q2', '*', 'phq9', 'recovery_rate', 0.48),
  row('2026-Q2', '*', 'swemwbs', 'paired', 90), row('2026-Q2', '*', 'swemwbs', 'reliably_improved', 9, { perturbed: true }),
  row('2026-Q2', '*', 'swemwbs', 'mean_final', 24.1),
  row('2026-Q2', 'support', '', 'participants', 60), hidden('2026-Q2', 'support', '', 'completion_rate'),
  hidden('2026-Q2', 'support', 'phq9', 'reliably_improved'), row('2026-Q2', 'support', 'phq9', 'paired', 30),
];
const of = (figures: readonly HeadlineFigure[], id: string): HeadlineFigure => {
  const found = figures.find((f) => f.id === id);
  if (found === undefined) throw new Error(`no ${id}`);
  return found;
};

describe('the headline figures', () => {
  it('step back one month or quarter, across a year end', () => {
    expect(previousPeriod('2026-Q1')).toBe('2025-Q4');
    expect(previousPeriod('2026-Q3')).toBe('2026-Q2');
    expect(previousPeriod('2026-01')).toBe('2025-12');
    expect(previousPeriod('2026-10')).toBe('2026-09');
  });

  it('read outcomes on the instrument with the most paired people, recovery on one with a cut-off, unless the programme names one', () => {
    // Prepare
    const options = { programmeId: 'p', period: '2026-Q2', instruments: FIXTURE_INSTRUMENTS };
    // Act
    const chosen = mainInstruments(rows, options);
    const named = mainInstruments(rows, { ...options, targets: { mainInstrument: 'phq9' } });
    // Assess
    expect([chosen.main?.id, chosen.clinical?.id]).toEqual(['swemwbs', 'phq9']);
    expect([named.main?.id, named.clinical?.id]).toEqual(['phq9', 'phq9']);
  });

  it('give each figure its previous period, target and benchmark, from published rows only', () => {
    // Prepare, Act
    const h = headlineFigures(rows, { programmeId: 'p', period: '2026-Q2', instruments: FIXTURE_INSTRUMENTS, targets: { mainInstrument: 'phq9', completionRate: 0.7, dropoutRate: 0.2, recoveryRate: 0.45 } });
    const all = h.rows[0]?.figures ?? [];
    // Assess
    expect(h.rows.map((r) => r.group)).toEqual(['*', 'support']);
    expect(h.previousPeriod).toBe('2026-Q1');
    expect(of(all, 'participants').current).toEqual({ state: 'shown', value: 120, n: 40, groups: 4 });
    expect(changeText(of(all, 'participants'), h.previousPeriod)).toBe('up 20 from 100 (Jan–Mar 2026 (Q1))');
    expect(changeText(of(all, 'completion'), h.previousPeriod)).toBe('up 7 points from 55% (Jan–Mar 2026 (Q1))');
    expect(targetText(of(all, 'completion'))).toBe('Target: at least 70% (not met)');
    expect(targetText(of(all, 'dropout'))).toBe('Target: at most 20% (not met)');
    expect(changeText(of(all, 'dropout'), h.previousPeriod)).toBe('Jan–Mar 2026 (Q1): no figures');
    expect(of(all, 'reliable-improvement').current.value).toBe(0.5);
    expect(of(all, 'reliable-improvement').benchmark?.value).toBe(0.67);
    expect(changeText(of(all, 'reliable-improvement'), h.previousPeriod)).toBe('same as Jan–Mar 2026 (Q1) (50%)');
    expect(targetMet(of(all, 'recovery'))).toBe(true);
    expect(of(all, 'recovery').benchmark?.value).toBe(0.5);
    expect(all.map((f) => f.id)).not.toContain('mean-final');
  });

  it('never show a value for a hidden figure, and mark a share resting on a perturbed count', () => {
    // Prepare, Act
    const h = headlineFigures(rows, { programmeId: 'p', period: '2026-Q2', instruments: FIXTURE_INSTRUMENTS });
    const all = h.rows[0]?.figures ?? [];
    const support = h.rows[1]?.figures ?? [];
    const html = headlineHtml(h, 'support');
    // Assess
    expect(of(all, 'reliable-improvement').current).toMatchObject({ state: 'perturbed', value: 0.1 });
    expect(headlineValueText('rate', of(all, 'reliable-improvement').current)).toBe('≈ 10%');
    expect(targetMet({ ...of(all, 'reliable-improvement'), target: 0.05 })).toBeUndefined();
    expect(of(all, 'mean-final').benchmark?.value).toBe(23.5);
    expect(of(support, 'completion').current).toEqual({ state: 'hidden', value: null, n: null, groups: null });
    expect(of(support, 'reliable-improvement').current.state).toBe('missing');
    expect(of(headlineFigures(rows, { programmeId: 'p', period: '2026-Q2', instruments: FIXTURE_INSTRUMENTS, targets: { mainInstrument: 'phq9' } }).rows[1]?.figures ?? [], 'reliable-improvement').current.state).toBe('hidden');
    expect(headlineValueText('rate', of(support, 'completion').current)).toBe('suppressed');
    expect(html).toContain('data-kpi="completion" data-state="hidden"><p class="kpi-label"><a href="#term-completion">Completion</a></p><p class="kpi-value">suppressed</p>');
  });

  it('find every figure of a realistic release in its rows, hidden ones never with a value', () => {
    // Prepare
    const fixture = makeFigureRows();
    // Act
    const h = headlineFigures(fixture, { programmeId: 'south', period: '2026-Q2', instruments: FIXTURE_INSTRUMENTS });
    const figures = h.rows.flatMap((r) => r.figures);
    // Assess
    expect(h.rows.length).toBe(5);
    expect(figures.filter((f) => f.current.state === 'hidden' && f.current.value !== null)).toEqual([]);
    expect(figures.filter((f) => f.current.state === 'shown').length).toBeGreaterThan(20);
  });
});
