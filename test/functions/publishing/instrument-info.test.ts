import { describe, expect, it } from 'vitest';
import { findInstrument } from '../../../functions/core/instruments';
import { classifyChange, reliableChangeWording } from '../../../functions/core/outcomes';
import { instrumentInfo } from '../../../functions/publishing/instrument-info';
import { figureTableRows } from '../../../reports/dashboard/figure-table-rows';
import { methodNotes } from '../../../reports/dashboard/method-notes';
import { funderReportContent } from '../../../reports/funder/index';
import { fixtureContext } from '../../reports/fixtures';

const core10 = instrumentInfo(findInstrument('core10'));
const phq9 = instrumentInfo(findInstrument('phq9'));

describe('reliable-change wording taken from the instrument file', () => {
  it('carries the confidence level of the file: CORE-10 at 90 %, PHQ-9 at 95 %', () => {
    expect(core10.reliableChange).toEqual({ points: 6, confidence: 0.9 });
    expect(phq9.reliableChange).toEqual({ points: 6, confidence: 0.95 });
  });

  it('says "at least", as the classification counts a change of exactly the threshold', () => {
    // Prepare: CORE-10 is lower-is-better, a drop of exactly 6 is a reliable improvement
    const exactly = classifyChange(-6, 6, 'lower-is-better');

    // Assess
    expect(exactly).toBe('improved');
    expect(reliableChangeWording(6, 0.9)).toBe('a change of at least 6 points (90% confidence)');
  });

  it('labels the reference line, the method notes and the figure table with the same wording', () => {
    // Prepare
    const context = fixtureContext({ instruments: [core10] });
    const row = {
      period: '2026-Q3', programme_id: 'north', group_type: 'support' as const, instrument: 'core10', metric: 'reliably_improved',
      value: 10, ci_low: null, ci_high: null, n_participants: 20, n_groups: 2, suppressed: false, suppression_reason: null,
    };

    // Act
    const line = core10.referenceLines?.find((l) => l.scale === 'change')?.label;
    const notes = methodNotes(context).join('\n');
    const [tableRow] = figureTableRows([row], [core10]);

    // Assess
    const wording = 'a change of at least 6 points (90% confidence)';
    expect(line).toBe(`Reliable change: ${wording}`);
    expect(notes).toContain(`reliable change: ${wording}`);
    expect(notes).not.toMatch(/more than 6 points/);
    expect(tableRow?.metric).toBe(`Reliably improved — ${wording}`);
  });

  it('gives the confidence beside the funder headline share of reliably improved', () => {
    // Prepare
    const figure = (metric: string, value: number) => ({
      period: '2026-Q3', programme_id: 'north', group_type: '*' as const, instrument: 'core10', metric,
      value, ci_low: null, ci_high: null, n_participants: 20, n_groups: 2, suppressed: false, suppression_reason: null,
    });
    const context = fixtureContext({ instruments: [core10] });
    const funder = { id: 'lottery', name: 'Community Lottery Fund', programmeIds: ['north'] };

    // Act
    const content = funderReportContent({ context, funder, period: '2026-Q3', rows: [figure('mean_change', -4), figure('reliably_improved', 10), figure('paired', 20)] });

    // Assess
    const headline = content.sections[0]?.headlines.find((h) => h.label.startsWith('CORE-10'));
    expect(headline?.note).toBe('50% reliably improved (90% confidence); 20 paired');
  });
});
