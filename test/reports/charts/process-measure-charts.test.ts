import { describe, expect, it } from 'vitest';
import type { FigureRow } from '../../../functions/core/figures/figure-row';
import { findInstrument } from '../../../functions/core/instruments';
import { instrumentInfo } from '../../../functions/publishing/instrument-info';
import { buildChartSet, outcomeClassesChart } from '../../../reports/charts/index';
import { figureTableRows } from '../../../reports/dashboard/figure-table-rows';
import { methodNotes } from '../../../reports/dashboard/method-notes';
import { fixtureContext } from '../fixtures';

const scope = { period: '2026-Q2', programmeId: 'north', scopeLabel: 'North' };
const row = (instrument: string, metric: string, value: number, n = 20): FigureRow => ({
  period: scope.period, programme_id: scope.programmeId, group_type: 'support', instrument, metric, value,
  ci_low: null, ci_high: null, n_participants: n, n_groups: 2, suppressed: false, suppression_reason: null,
});
const gsrs = instrumentInfo(findInstrument('gsrs'));
const ors = instrumentInfo(findInstrument('ors'));

describe('charts of a process measure (GSRS)', () => {
  it('draws alliance by session only, never change, outcome classes or effect sizes', () => {
    // Prepare: even a stray outcome figure of GSRS must not produce an outcome chart
    const rows = [row('gsrs', 'mean_score_s1', 33.5), row('gsrs', 'mean_score_s2', 36.1), row('gsrs', 'sessions_in_range_rate', 0.4), row('gsrs', 'cases_at_start', 9)];

    // Act
    const names = buildChartSet(rows, { ...scope, instruments: [gsrs] }).map((c) => c.name);

    // Assess
    expect(names.filter((n) => n.endsWith('-gsrs'))).toEqual(['session-trajectory-gsrs']);
    expect(gsrs.measureType).toBe('process');
  });

  it('names the share of sessions below the alliance cut-off in the figures table', () => {
    const [tableRow] = figureTableRows([row('gsrs', 'sessions_in_range_rate', 0.4)], [gsrs]);
    expect(tableRow).toMatchObject({ metric: 'Share of rated sessions below cut-off (clinical range)', value: '40.0%' });
  });


  it('says in the method notes that alliance is a process measure, not an outcome', () => {
    const notes = methodNotes(fixtureContext({ instruments: [gsrs] })).join('\n');
    expect(notes).toMatch(/Group Session Rating Scale.*a process measure of the group alliance.*never as change, recovery or reliable change/);
  });
});

describe('no empty chart panel', () => {
  it('builds no outcome-classes chart for an instrument without reliable-change or cut-off figures in scope', () => {
    const names = buildChartSet([row('ors', 'mean_score_s1', 20)], { ...scope, instruments: [ors] }).map((c) => c.name);
    expect(names.filter((n) => n.endsWith('-ors'))).toEqual(['session-trajectory-ors']);
  });

  it('draws only the recovery panel when there are cases at start but no reliable-change classes', () => {
    // Act
    const spec = outcomeClassesChart([row('ors', 'cases_at_start', 12), row('ors', 'recovered', 5), row('ors', 'recovery_rate', 5 / 12, 12)], { ...scope, instrument: ors }) as unknown as Record<string, unknown>;

    // Assess
    const body = JSON.stringify(spec);
    expect(body).not.toContain('Reliable change (of paired participants)');
    expect(body).toContain('Still below cut-off (clinical range)');
  });
});
