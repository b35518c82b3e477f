import { describe, expect, it } from 'vitest';
import {
  emptyGroupStatistics, groupStatistics, mergeGroupStatistics, MIN_ALLIANCE_PAIRED, summariseCell,
} from '../../../functions/core/outcomes';
import type { GroupStatisticsInput, ScorePoint } from '../../../functions/core/outcomes';
import { figureRows } from '../../../functions/core/rollup/roll-up';

const point = (session: number, score: number, administeredOn = `2026-02-${String(session).padStart(2, '0')}`): ScorePoint => ({ session, administeredOn, score, rawScore: score, flags: [] });

// Group i: three people rate GSRS at sessions 1 and 2 (x − 1 and x + 1: mean x per rated session, with a second
// form at session 1 that replaces the first) and improve on PHQ-9 by d, d + 1, d + 2 (mean d + 1).
const X = [30.0, 37.5, 35.0, 33.5, 31.0, 38.5, 36.0, 34.5, 32.0, 30.5, 37.0, 35.5];
const Y = [1, 6, 3, 8, 5, 2, 7, 4, 1, 6, 3, 8];
const group = (i: number, x: number, meanImprovement: number, paired = 3, gsrs = true): GroupStatisticsInput => ({
  group: { groupId: `a${i}`, plannedSessions: 4, ended: true },
  participants: Object.fromEntries([0, 1, 2].map((j) => [`a${i}-${j}`, {
    attendance: [],
    responses: {
      ...(gsrs && { gsrs: [point(1, 0, '2026-02-01'), point(1, x - 1, '2026-02-03'), point(2, x + 1)] }),
      phq9: j < paired ? [point(1, 20), point(4, 20 - (meanImprovement - 1 + j))] : [point(1, 20)],
    },
  }])),
});

const cellOf = (inputs: readonly GroupStatisticsInput[]) =>
  inputs.map((g) => groupStatistics(g)).reduce(mergeGroupStatistics, emptyGroupStatistics());
const relation = (inputs: readonly GroupStatisticsInput[]) =>
  summariseCell(cellOf(inputs)).instruments.phq9?.find((r) => r.metric === 'alliance_outcome_r');

describe('the alliance–outcome relation (GSRS against an outcome, groups as units)', () => {
  it('is Pearson r of group mean alliance with group mean improvement, with R\'s Fisher interval', () => {
    // Act
    const r = relation(X.map((x, i) => group(i, x, Y[i] ?? 0)));

    // Assess — R: x <- c(30,37.5,35,33.5,31,38.5,36,34.5,32,30.5,37,35.5); y <- c(1,6,3,8,5,2,7,4,1,6,3,8); cor.test(x, y)
    expect(r?.value).toBeCloseTo(0.131535474584573, 12);
    expect(r?.ci_low).toBeCloseTo(-0.478486319416784, 12);
    expect(r?.ci_high).toBeCloseTo(0.655922534780655, 12);
    expect(r).toMatchObject({ ci_method: 'fisher-z', n_groups: 12, n_participants: 36 });
  });

  it('signs the change so that positive is better (PHQ-9: a fall), so a positive r means more alliance, more improvement', () => {
    // Prepare: improvement rises with alliance, one group at a time
    const r = relation(X.map((x, i) => group(i, x, Math.round(x - 29))));
    expect(r?.value).toBeGreaterThan(0.9);
  });

  it('leaves out groups without alliance ratings or with fewer than two paired people', () => {
    // Prepare: the 12 groups, plus one without GSRS and one with a single paired person
    const extra = [group(12, 40, 20, 3, false), group(13, 20, 20, 1)];
    const r = relation([...X.map((x, i) => group(i, x, Y[i] ?? 0)), ...extra]);
    expect(MIN_ALLIANCE_PAIRED).toBe(2);
    expect(r?.value).toBeCloseTo(0.131535474584573, 12);
    expect(r).toMatchObject({ n_groups: 12, n_participants: 36 });
  });

  it('is not published with fewer than 10 such groups', () => {
    // Act
    const cells = new Map([['k', { key: { period: '2026-Q1', programmeId: 'p', groupType: 'support' as const }, stats: cellOf(X.slice(0, 9).map((x, i) => group(i, x, Y[i] ?? 0))) }]]);
    const rows = figureRows(cells);

    // Assess
    expect(relation(X.slice(0, 9).map((x, i) => group(i, x, Y[i] ?? 0)))?.value).toBeNull();
    expect(rows.some((r) => r.metric === 'alliance_outcome_r')).toBe(false);
  });

  it('is published through the roll-up under the outcome instrument, never under GSRS', () => {
    const cells = new Map([['k', { key: { period: '2026-Q1', programmeId: 'p', groupType: 'support' as const }, stats: cellOf(X.map((x, i) => group(i, x, Y[i] ?? 0))) }]]);
    const rows = figureRows(cells).filter((r) => r.metric === 'alliance_outcome_r');
    expect(rows.map((r) => [r.instrument, r.n_groups])).toEqual([['phq9', 12]]);
  });

  it('does not depend on the order the groups are merged in', () => {
    const inputs = X.map((x, i) => group(i, x, Y[i] ?? 0));
    expect(JSON.stringify(cellOf([...inputs].reverse()))).toBe(JSON.stringify(cellOf(inputs)));
  });
});
