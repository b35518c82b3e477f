import { describe, expect, it } from 'vitest';
import type { FigureRow } from '../../../functions/core/figures/figure-row';
import { findInstrument } from '../../../functions/core/instruments';
import { instrumentInfo } from '../../../functions/publishing/instrument-info';
import { reportContext } from '../../../functions/publishing/report-context';
import { figureTableRows } from '../../../reports/dashboard/figure-table-rows';
import { methodNotes } from '../../../reports/dashboard/method-notes';
import { funderReportContent } from '../../../reports/funder/index';

const row = (instrument: string, metric: string, value: number): FigureRow => ({
  period: '2026-Q2', programme_id: 'north', group_type: 'support', instrument, metric, value, ci_low: null, ci_high: null,
  n_participants: 12, n_groups: 3, suppressed: false, suppression_reason: null,
});

describe('the NHS Talking Therapies set in reports', () => {
  it('is labelled as the set, beside the per-instrument PHQ-9 figures', () => {
    // Act
    const table = figureTableRows([row('phq9', 'recovery_rate', 0.5), row('nhs_tt', 'recovery_rate', 0.45), row('nhs_tt', 'cases_at_start', 12)], [instrumentInfo(findInstrument('phq9'))]);

    // Assess
    expect(table.map((r) => [r.instrument, r.metric, r.value])).toEqual([
      ['Patient Health Questionnaire-9', 'Recovery rate', '50.0%'],
      ['NHS Talking Therapies set (PHQ-9 and GAD-7 jointly)', 'Recovery rate', '45.0%'],
      ['NHS Talking Therapies set (PHQ-9 and GAD-7 jointly)', 'Case at start (PHQ-9 ≥ 10 and/or GAD-7 ≥ 8)', '12'],
    ]);
  });

  it('adds its definitions to the method notes only where its figures are published, and is no instrument of the context', () => {
    // Act
    const withSet = reportContext([], [row('phq9', 'paired', 12), row('nhs_tt', 'paired', 10)], '2026-07-01T00:00:00Z', { k: 8, rounding: 1 });
    const without = reportContext([], [row('phq9', 'paired', 12)], '2026-07-01T00:00:00Z', { k: 8, rounding: 1 });

    // Assess
    expect(withSet.instruments.map((i) => i.id)).toEqual(['phq9']);
    expect(methodNotes(withSet).join('\n')).toContain('reliable improvement is PHQ-9 down by at least 6 or GAD-7 down by at least 4 points with no reliable deterioration on the other');
    expect(methodNotes(without).join('\n')).not.toContain('NHS Talking Therapies set');
  });

  it('defines the alliance–outcome relation in the method notes where a process measure is reported', () => {
    const withGsrs = reportContext([], [row('gsrs', 'mean_score_s3', 33), row('phq9', 'alliance_outcome_r', 0.31)], '2026-07-01T00:00:00Z', { k: 8, rounding: 1 });
    const table = figureTableRows([row('phq9', 'alliance_outcome_r', 0.314)], withGsrs.instruments);
    expect(methodNotes(withGsrs).join('\n')).toContain('the correlation over groups (Pearson r, each group one point)');
    expect(table.map((r) => [r.metric, r.value])).toEqual([['Correlation of group alliance (GSRS) with group improvement', '0.31']]);
  });
});

describe('the NHS Talking Therapies headline of a funder report', () => {
  it('gives the set\'s recovery and reliable improvement beside the NHS standards', () => {
    // Prepare
    const all = (instrument: string, metric: string, value: number): FigureRow => ({ ...row(instrument, metric, value), group_type: '*' });
    const rows = [all('nhs_tt', 'recovery_rate', 0.52), all('nhs_tt', 'reliable_improvement_rate', 0.7), all('nhs_tt', 'paired', 40)];
    const context = reportContext([], rows, '2026-07-01T00:00:00Z', { k: 8, rounding: 1 });

    // Act
    const content = funderReportContent({ context, funder: { id: 'f', name: 'Fund', programmeIds: ['north'] }, period: '2026-Q2', rows });

    // Assess
    const headline = content.sections[0]?.headlines.find((h) => h.label.startsWith('NHS Talking Therapies'));
    expect(headline).toEqual({
      label: 'NHS Talking Therapies set (PHQ-9 and GAD-7 jointly): recovery', value: '52%',
      note: 'NHS standard 50%; reliable improvement 70% (standard 67%); 40 finished courses assessed',
    });
  });
});
