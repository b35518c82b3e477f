import { describe, expect, it } from 'vitest';
import { ALL } from '../../../../functions/core/figures/figure-row';
import { emptyGroupStatistics, groupStatistics, mergeGroupStatistics, type GroupStatistics } from '../../../../functions/core/outcomes';
import type { GroupType } from '../../../../functions/core/group-type';
import { dataWatermark, figureRows, rollUp } from '../../../../functions/core/rollup/roll-up';
import type { GroupSummary } from '../../../../functions/core/rollup/group-summary';
import { findInstrument } from '../../../../functions/core/instruments';

const phq9 = findInstrument('phq9');
const point = (session: number, score: number) => ({ session, administeredOn: `2026-01-${String(session).padStart(2, '0')}`, score, rawScore: score, flags: [] });
const present = (sessions: number[]) => sessions.map((session) => ({ session, date: `2026-01-${String(session).padStart(2, '0')}`, status: 'present' as const }));

/** One group's statistics from literal PHQ-9 first/last scores and attended sessions. */
const stats = (groupId: string, people: [number, number, number[]][]): GroupStatistics => groupStatistics({
  group: { groupId, plannedSessions: 4, ended: true },
  participants: Object.fromEntries(people.map(([first, last, sessions], i) => [`${groupId}-p${i}`, {
    attendance: present(sessions), responses: { phq9: [point(1, first), point(4, last)] },
  }])),
}, { definitionOf: () => phq9 });

const summary = (groupId: string, programmeId: string, groupType: GroupType, endDate: string, changedAt: string, people: [number, number, number[]][]): GroupSummary =>
  ({ groupId, programmeId, groupType, endDate, changedAt, stats: stats(groupId, people) });

const GROUPS: GroupSummary[] = [
  summary('g1', 'p1', 'support', '2026-01-20', '2026-02-01T09:00:00.000Z', [[15, 6, [1, 2, 3, 4]], [12, 11, [1, 2]]]),
  summary('g2', 'p1', 'psychotherapy', '2026-02-10', '2026-02-11T08:00:00.000Z', [[20, 9, [1, 2, 3]], [9, 3, [1, 4]], [14, 14, [1]]]),
  summary('g3', 'p2', 'support', '2026-01-31', '2026-02-03T23:59:59.999Z', [[11, 4, [1, 2, 3, 4]]]),
  summary('g4', 'p2', 'skill_development', '2026-04-01', '2026-04-02T00:00:00.000Z', [[7, 8, [2, 3]], [18, 10, [1, 2, 3, 4]]]),
];

const merged = (groups: readonly GroupSummary[]): GroupStatistics => groups.reduce((acc, g) => mergeGroupStatistics(acc, g.stats), emptyGroupStatistics());

describe('rollUp', () => {
  it('puts each group into the month and quarter of its end date, per programme and type and their margins', () => {
    // Act
    const cells = rollUp(GROUPS);

    // Assess
    expect(cells.get('2026-01|p1|support')?.stats).toEqual(GROUPS[0]!.stats);
    expect(cells.get('2026-Q1|p1|psychotherapy')?.stats).toEqual(GROUPS[1]!.stats);
    expect(cells.get('2026-04|p2|skill_development')?.stats).toEqual(GROUPS[3]!.stats);
    expect(cells.get('2026-Q2|*|*')?.stats).toEqual(GROUPS[3]!.stats);
    expect(cells.has('2026-02|p1|support')).toBe(false);
    expect(cells.has('2026-03|*|*')).toBe(false);
    expect(cells.get('2026-01|p2|support')?.key).toEqual({ period: '2026-01', programmeId: 'p2', groupType: 'support' });
  });

  it('makes every margin the merge of its children (types within a programme, programmes within a type, both)', () => {
    // Act
    const cells = rollUp(GROUPS);

    // Assess
    const at = (id: string) => cells.get(id)?.stats;
    expect(at('2026-Q1|p1|*')).toEqual(mergeGroupStatistics(at('2026-Q1|p1|support')!, at('2026-Q1|p1|psychotherapy')!));
    expect(at('2026-Q1|*|support')).toEqual(mergeGroupStatistics(at('2026-Q1|p1|support')!, at('2026-Q1|p2|support')!));
    expect(at('2026-Q1|*|*')).toEqual(mergeGroupStatistics(at('2026-Q1|p1|*')!, at('2026-Q1|p2|*')!));
    expect(at('2026-Q1|*|*')).toEqual(merged(GROUPS.slice(0, 3)));
    expect(at('2026-Q1|*|*')).toEqual(mergeGroupStatistics(at('2026-01|*|*')!, at('2026-02|*|*')!));
    expect(at('2026-01|*|*')?.groups).toBe(2);
    expect(at('2026-Q1|*|*')?.participation.participants).toBe(6);
  });

  it('gives no cells for no groups', () => {
    // Act / Assess
    expect(rollUp([]).size).toBe(0);
  });
});

describe('figureRows', () => {
  it('lists rows cell by cell in sorted key order, participation before instruments, whatever the input order', () => {
    // Act
    const rows = figureRows(rollUp(GROUPS));
    const shuffled = figureRows(rollUp([GROUPS[2]!, GROUPS[0]!, GROUPS[3]!, GROUPS[1]!]));

    // Assess
    expect(JSON.stringify(shuffled)).toBe(JSON.stringify(rows));
    const cellOrder = [...new Set(rows.map((r) => `${r.period}|${r.programme_id}|${r.group_type}`))];
    expect(cellOrder).toEqual([...cellOrder].sort());
    expect(cellOrder[0]).toBe(`2026-01|${ALL}|${ALL}`);
    const first = rows.filter((r) => r.period === '2026-01' && r.programme_id === ALL && r.group_type === ALL);
    expect(first[0]?.metric).toBe('participants');
    expect(first.findIndex((r) => r.instrument === 'phq9')).toBeGreaterThan(first.findLastIndex((r) => r.instrument === ''));
  });

  it('gives unsuppressed rows with the cell coordinates and the numbers they rest on', () => {
    // Act
    const rows = figureRows(rollUp(GROUPS));

    // Assess
    expect(rows.every((r) => !r.suppressed && r.suppression_reason === null)).toBe(true);
    const paired = rows.find((r) => r.period === '2026-Q1' && r.programme_id === ALL && r.group_type === 'support' && r.instrument === 'phq9' && r.metric === 'paired');
    expect(paired).toMatchObject({ value: 3, n_participants: 3, n_groups: 2 });
    // Changes −9, −1, −7 of the support groups: mean −17/3.
    const change = rows.find((r) => r.period === '2026-Q1' && r.programme_id === ALL && r.group_type === 'support' && r.instrument === 'phq9' && r.metric === 'mean_change');
    expect(change?.value).toBeCloseTo(-17 / 3, 12);
  });
});

describe('dataWatermark', () => {
  it('is the newest changedAt of the groups', () => {
    // Act / Assess
    expect(dataWatermark(GROUPS)).toBe('2026-04-02T00:00:00.000Z');
    expect(dataWatermark(GROUPS.slice(0, 3))).toBe('2026-02-11T08:00:00.000Z');
  });

  it('is the epoch for no groups, so an empty release is still deterministic', () => {
    // Act / Assess
    expect(dataWatermark([])).toBe('1970-01-01T00:00:00.000Z');
  });
});

describe('group statistics stored before per-group totals were kept', () => {
  // What an item written by the previous version holds: the same statistics without any `clusters`.
  const withoutTotals = (s: GroupStatistics): GroupStatistics => JSON.parse(JSON.stringify(s, (key, value) => (key === 'clusters' ? undefined : value)));

  it('roll up to the same figures as freshly computed ones', () => {
    // Prepare
    const old = GROUPS.map((g) => ({ ...g, stats: withoutTotals(g.stats) }));

    // Act
    const rows = figureRows(rollUp(old));

    // Assess
    expect(JSON.stringify(old[0]?.stats)).not.toContain('clusters');
    expect(rows).toEqual(figureRows(rollUp(GROUPS)));
  });
});
