import { describe, expect, it } from 'vitest';
import type { FigureRow } from '../../../functions/core/figures/figure-row';
import { findInstrument } from '../../../functions/core/instruments';
import { groupStatistics, summariseCell } from '../../../functions/core/outcomes';
import type { GroupStatisticsInput } from '../../../functions/core/outcomes';
import { instrumentInfo } from '../../../functions/publishing/instrument-info';
import { outcomeClassesChart } from '../../../reports/charts/index';
import { recoveryBar } from '../../../reports/charts/outcome-classes';
import { methodNotes } from '../../../reports/dashboard/method-notes';
import { fixtureContext } from '../fixtures';

const phq9 = instrumentInfo(findInstrument('phq9'));
const scope = { period: '2026-Q2', programmeId: 'north', scopeLabel: 'North', groupTypes: ['support' as const], includeAllTypes: false };

// The hand example: 9 people with PHQ-9 ≥ 10 at start, 8 of them with a last score, 5 of those below 10 at the
// end; one more person starts below the cut-off. Published recovery rate 5 / 8 = 62.5 %; the old chart drew
// 5 / 9 = 55.6 % and the unpaired case as "still above cut-off".
const point = (session: number, score: number) => ({ session, administeredOn: `2026-04-${String(session).padStart(2, '0')}`, score, rawScore: score, flags: [] });
const handExample: GroupStatisticsInput = {
  group: { groupId: 'g1', plannedSessions: 8, ended: true },
  participants: Object.fromEntries([
    ...[[15, 7], [12, 9], [20, 5], [11, 8], [18, 9], [14, 12], [22, 16], [10, 10]].map(([first, last], i) => [`p${i}`, [point(1, first ?? 0), point(8, last ?? 0)]]),
    ['p8', [point(1, 16)]],
    ['p9', [point(1, 4), point(8, 3)]],
  ].map(([pid, scores]) => [pid, { attendance: [], responses: { phq9: scores } }])),
};

const rowsOf = (input: GroupStatisticsInput): FigureRow[] =>
  (summariseCell(groupStatistics(input)).instruments.phq9 ?? []).map((m) => ({
    period: scope.period, programme_id: scope.programmeId, group_type: 'support', instrument: 'phq9', metric: m.metric,
    value: m.value, ci_low: m.ci_low, ci_high: m.ci_high, n_participants: m.n_participants, n_groups: m.n_groups, suppressed: false, suppression_reason: null,
  }));

const inlineValues = (node: unknown): Record<string, unknown>[] => {
  if (Array.isArray(node)) return node.flatMap(inlineValues);
  if (node === null || typeof node !== 'object') return [];
  const record = node as Record<string, unknown>;
  const own = (record.data as { values?: Record<string, unknown>[] } | undefined)?.values ?? [];
  return [...own, ...Object.entries(record).filter(([key]) => key !== 'data').flatMap(([, value]) => inlineValues(value))];
};

describe('the recovery bar', () => {
  it('equals the published recovery rate in the hand example (5 of 8 paired cases, not 5 of 9 cases)', () => {
    // Prepare
    const rows = rowsOf(handExample);
    const rate = rows.find((r) => r.metric === 'recovery_rate');
    const cases = rows.find((r) => r.metric === 'cases_at_start');

    // Act
    const spec = outcomeClassesChart(rows, { ...scope, instrument: phq9 });
    const recovery = inlineValues(spec).filter((v) => v.bar === 'Recovery');

    // Assess: by hand, 5 recovered of 8 paired cases; 9 cases at start
    expect(rate).toMatchObject({ value: 5 / 8, n_participants: 8 });
    expect(cases?.value).toBe(9);
    expect(recovery.map((v) => [v.cls, v.share, v.count])).toEqual([
      ['Recovered', 0.625, '5 of 8'],
      ['Still above cut-off (clinical range)', 0.375, '3 of 8'],
    ]);
    expect(recovery[0]?.share).toBe(rate?.value);
    expect(recovery[0]?.shareText).toBe('63%');
    expect(String(recovery[0]?.status)).toContain('n = 8 paired of 9 at start');
    expect(String(recovery[0]?.status)).toContain('1 without a last score (missing data, not in the base)');
    const missing = 'Missing data, left out of the recovery base: participants above cut-off (clinical range) at start without a last score — Support: 1.';
    const footnote = (spec as { vconcat: { title: { text: string[] } }[] }).vconcat[0]?.title.text.map((line) => line.trim()).join(' ');
    expect(footnote).toBe(missing);
    expect(spec.description).toContain(`Support recovery: Recovered 63%, Still above cut-off (clinical range) 38%. ${missing}`);
    expect(spec.description).not.toContain('Recovered 56%');
  });

  it('shows no missing data when every case at start is paired', () => {
    // Prepare: the hand example without the unpaired case
    const { p8: _dropped, ...rest } = handExample.participants;
    const rows = rowsOf({ ...handExample, participants: rest });

    // Act
    const spec = outcomeClassesChart(rows, { ...scope, instrument: phq9 });

    // Assess
    const recovery = inlineValues(spec).filter((v) => v.bar === 'Recovery');
    expect(recovery.map((v) => v.share)).toEqual([0.625, 0.375]);
    expect(JSON.stringify(spec)).not.toContain('Missing data');
  });

  it('is a marked gap when the rate is hidden, and draws nobody when there is no rate', () => {
    // Prepare
    const rows = rowsOf(handExample);
    const rate = rows.find((r) => r.metric === 'recovery_rate');
    const cases = rows.find((r) => r.metric === 'cases_at_start');
    const hidden: { label: string; reason: string | null }[] = [];
    const suppressedRate = { ...rate!, value: null, n_participants: null, suppressed: true, suppression_reason: 'primary:n<8' };

    // Act
    const gap = recoveryBar('support', { rate: suppressedRate, recovered: undefined, cases }, ['Recovered', 'Still'], hidden);
    const none = recoveryBar('support', { rate: undefined, recovered: undefined, cases }, ['Recovered', 'Still'], []);

    // Assess
    expect(gap).toMatchObject({ bar: 'Recovery', suppressed: true, reason: 'primary:n<8' });
    expect(hidden).toEqual([{ label: 'Recovery — Support', reason: 'primary:n<8' }]);
    expect(none).toBeNull();
  });

  it('keeps the published share when the recovered count is hidden, and marks a perturbed count with ≈', () => {
    // Prepare
    const rows = rowsOf(handExample);
    const rate = rows.find((r) => r.metric === 'recovery_rate')!;
    const recovered = rows.find((r) => r.metric === 'recovered')!;

    // Act
    const hiddenCount = recoveryBar('support', { rate, recovered: { ...recovered, suppressed: true, value: null }, cases: undefined }, ['R', 'S'], []);
    const perturbed = recoveryBar('support', { rate, recovered: { ...recovered, perturbed: true }, cases: undefined }, ['R', 'S'], []);

    // Assess
    expect(Array.isArray(hiddenCount) && hiddenCount.map((s) => [s.share, s.count, s.status])).toEqual([
      [0.625, '', 'n = 8 paired at start · 1 groups'], [0.375, '', 'n = 8 paired at start · 1 groups'],
    ]);
    expect(Array.isArray(perturbed) && perturbed.map((s) => [s.count, s.approx])).toEqual([['≈5 of 8', true], ['≈3 of 8', true]]);
  });

  it('is defined in the method notes with its base and the missing data', () => {
    expect(methodNotes(fixtureContext({ instruments: [phq9] })).join('\n')).toContain(
      'the recovery rate and the recovery bar share one base, the paired participants in the clinical range at start');
  });
});
