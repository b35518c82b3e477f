import { describe, expect, it } from 'vitest';
import { clinicalRangeWording, findInstrument } from '../../../functions/core/instruments';
import { instrumentInfo } from '../../../functions/publishing/instrument-info';
import { outcomeClassesChart } from '../../../reports/charts/index';
import { figureTableRows } from '../../../reports/dashboard/figure-table-rows';
import { methodNotes } from '../../../reports/dashboard/method-notes';
import { FIXTURE_INSTRUMENTS, fixtureContext, makeFigureRows } from '../fixtures';

const [, wemwbs, , phq9] = FIXTURE_INSTRUMENTS;
if (wemwbs === undefined || phq9 === undefined) throw new Error('fixture instruments missing');
const rows = makeFigureRows();
const scope = { period: '2026-Q2', programmeId: 'north', scopeLabel: 'North' };

const texts = (node: unknown): string[] => {
  if (typeof node === 'string') return [node];
  if (Array.isArray(node)) return node.flatMap(texts);
  if (node === null || typeof node !== 'object') return [];
  return Object.values(node).flatMap(texts);
};

describe('direction-aware clinical-range labels', () => {
  it('puts the clinical range below the cut-off for every instrument where higher is better', () => {
    // Act
    const sides = Object.fromEntries(['ors', 'wemwbs', 'gsrs', 'phq9', 'gad7', 'core10'].map((id) => {
      const def = findInstrument(id);
      return [id, clinicalRangeWording(def.cutOff?.caseWhen).side];
    }));

    // Assess
    expect(sides).toEqual({ ors: 'below', wemwbs: 'below', gsrs: 'below', phq9: 'above', gad7: 'above', core10: 'above' });
    expect(clinicalRangeWording('below')).toEqual({
      side: 'below', range: 'below cut-off (clinical range)', atStart: 'Below cut-off (clinical range) at start', still: 'Still below cut-off (clinical range)',
    });
  });

  it('labels the recovery panel of a higher-is-better instrument "below cut-off", never "above"', () => {
    // Act
    const spec = texts(outcomeClassesChart(rows, { ...scope, instrument: wemwbs })).join('\n');

    // Assess
    expect(spec).toContain('Still below cut-off (clinical range)');
    expect(spec).toContain('Recovery (of paired participants below cut-off (clinical range) at start)');
    expect(spec).not.toMatch(/above (the )?(clinical )?cut-off/i);
  });

  it('keeps "above cut-off" for a lower-is-better instrument', () => {
    const spec = texts(outcomeClassesChart(rows, { ...scope, instrument: phq9 })).join('\n');
    expect(spec).toContain('Still above cut-off (clinical range)');
  });

  it('names the clinical side in the figures table and the method notes', () => {
    // Prepare
    const ors = instrumentInfo(findInstrument('ors'));
    const row = {
      period: '2026-Q2', programme_id: 'north', group_type: 'support' as const, instrument: 'ors', metric: 'cases_at_start',
      value: 12, ci_low: null, ci_high: null, n_participants: 20, n_groups: 2, suppressed: false, suppression_reason: null,
    };

    // Act
    const [tableRow] = figureTableRows([row], [ors]);
    const notes = methodNotes(fixtureContext({ instruments: [ors] })).join('\n');

    // Assess
    expect(tableRow?.metric).toBe('Below cut-off (clinical range) at start');
    expect(notes).toContain('clinical cut-off 25 (below the clinical cut-off (adults); below cut-off (clinical range))');
    expect(ors.referenceLines?.find((l) => l.scale === 'score')?.label).toBe('Clinical cut-off 25 (clinical range below)');
  });
});
