import { op, table } from 'arquero';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getInstrument } from '../../../functions/core/instruments';
import {
  emptyGroupStatistics, groupStatistics, mergeGroupStatistics, participantOutcome, participation, summariseCell,
} from '../../../functions/core/outcomes';
import type { AttendanceMark, GroupStatistics, GroupStatisticsInput, ScorePoint } from '../../../functions/core/outcomes';
import { histogramMedian } from '../../../functions/core/stats';

const STATUSES = ['present', 'absent', 'late', 'excused'] as const;

const scorePoint = (max: number): fc.Arbitrary<ScorePoint> =>
  fc.record({
    session: fc.integer({ min: 1, max: 12 }),
    administeredOn: fc.constantFrom('2026-01-05', '2026-02-10', '2026-03-15'),
    score: fc.integer({ min: 0, max }),
    rawScore: fc.constant(0),
    flags: fc.constantFrom<string[]>([], ['risk']),
  });

const attendance: fc.Arbitrary<AttendanceMark[]> = fc
  .uniqueArray(fc.integer({ min: 1, max: 12 }), { maxLength: 12 })
  .chain((sessions) => fc.tuple(...sessions.map((session) =>
    fc.constantFrom(...STATUSES).map((status): AttendanceMark => ({ session, date: '2026-01-01', status })))));

const groupInput = (groupId: string): fc.Arbitrary<GroupStatisticsInput> =>
  fc.record({
    plannedSessions: fc.integer({ min: 4, max: 12 }),
    ended: fc.boolean(),
    people: fc.array(fc.record({
      attendance,
      phq9: fc.array(scorePoint(27), { maxLength: 4 }),
      k10: fc.array(scorePoint(40).map((p) => ({ ...p, score: p.score + 10 })), { maxLength: 3 }),
    }), { maxLength: 9 }),
  }).map(({ plannedSessions, ended, people }) => ({
    group: { groupId, plannedSessions, ended },
    participants: Object.fromEntries(people.map((p, i) => [`${groupId}-p${i}`, { attendance: p.attendance, responses: { phq9: p.phq9, k10: p.k10 } }])),
  }));

const groups = fc.array(fc.nat(), { minLength: 1, maxLength: 6 }).chain((ids) => fc.tuple(...ids.map((_, i) => groupInput(`g${i}`))));
// Deep equality up to float rounding (Σ S_j²/n_j is a sum of fractions, so its last bits depend on the order).
const expectClose = (actual: unknown, expected: unknown, path = '$'): void => {
  if (typeof actual === 'number' && typeof expected === 'number') {
    expect(Math.abs(actual - expected), path).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
  } else if (actual !== null && expected !== null && typeof actual === 'object' && typeof expected === 'object') {
    expect(Object.keys(actual).sort(), path).toEqual(Object.keys(expected).sort());
    for (const [key, value] of Object.entries(actual)) expectClose(value, (expected as Record<string, unknown>)[key], `${path}.${key}`);
  } else {
    expect(actual, path).toEqual(expected);
  }
};

const fold = (stats: readonly GroupStatistics[]): GroupStatistics => stats.reduce(mergeGroupStatistics, emptyGroupStatistics());

describe('mergeable group statistics', () => {
  it('merges associatively and commutatively with the empty statistics as identity', () => {
    fc.assert(
      fc.property(groupInput('a'), groupInput('b'), groupInput('c'), (a, b, c) => {
        const [sa, sb, sc] = [groupStatistics(a), groupStatistics(b), groupStatistics(c)];
        // Float addition is commutative, so the JSON is byte-identical; regrouping may move the last bits
        expectClose(mergeGroupStatistics(mergeGroupStatistics(sa, sb), sc), mergeGroupStatistics(sa, mergeGroupStatistics(sb, sc)));
        expect(JSON.stringify(mergeGroupStatistics(sa, sb))).toBe(JSON.stringify(mergeGroupStatistics(sb, sa)));
        expect(mergeGroupStatistics(sa, emptyGroupStatistics())).toEqual(mergeGroupStatistics(emptyGroupStatistics(), sa));
        expect(summariseCell(mergeGroupStatistics(emptyGroupStatistics(), sa))).toEqual(summariseCell(sa));
      }),
      { numRuns: 60 },
    );
  });

  it('equals the statistics of the union of the groups, computed directly from every participant', () => {
    const def = getInstrument('phq9');
    fc.assert(
      fc.property(groups, (inputs) => {
        // Act
        const merged = fold(inputs.map((input) => groupStatistics(input)));

        // Assess: a reference built from the pooled participants with table verbs
        const people = inputs.flatMap((input) => {
          const delivered = new Set(Object.values(input.participants).flatMap((p) => p.attendance.map((m) => m.session))).size;
          return Object.values(input.participants).map((p) => ({ input, p, part: participation(p.attendance, { ...input.group, sessionsDelivered: delivered }) }));
        });
        const participationRef = table({
          offered: people.map(({ part }) => part.sessionsOffered),
          attended: people.map(({ part }) => part.sessionsAttended),
          completed: people.map(({ part }) => (part.completed ? 1 : 0)),
          dropped: people.map(({ part }) => (part.droppedOut ? 1 : 0)),
          finished: people.map(({ input, part }) => (part.started && input.group.ended ? 1 : 0)),
        }).rollup({
          n: op.count(), offered: op.sum('offered'), attended: op.sum('attended'), completed: op.sum('completed'),
          dropped: op.sum('dropped'), finished: op.sum('finished'),
        }).objects()[0] as Record<'n' | 'offered' | 'attended' | 'completed' | 'dropped' | 'finished', number | undefined>;
        expect(merged.participation).toMatchObject({
          participants: participationRef.n ?? 0, sessionsOffered: participationRef.offered ?? 0,
          sessionsAttended: participationRef.attended ?? 0, completed: participationRef.completed ?? 0,
          droppedOut: participationRef.dropped ?? 0, finishedStarters: participationRef.finished ?? 0,
        });

        const outcomes = people.filter(({ p }) => (p.responses.phq9 ?? []).length > 0)
          .map(({ p }) => participantOutcome(def, p.responses.phq9 ?? []));
        const paired = outcomes.filter((o) => o.paired);
        const stats = merged.instruments.phq9;
        expect(stats?.enrolled ?? 0).toBe(outcomes.length);
        if (stats === undefined) return;
        const changes = paired.map((o) => o.change ?? 0);
        const ref = table({ change: changes }).rollup({ n: op.count(), sum: op.sum('change'), sumSq: (d: { change: number }) => op.sum(d.change * d.change) }).objects()[0];
        expect(stats.change).toEqual(paired.length === 0 ? { n: 0, sum: 0, sumSq: 0 } : ref);
        expect(stats.improved).toBe(paired.filter((o) => o.reliableChange === 'improved').length);
        expect(stats.recovered).toBe(paired.filter((o) => o.recovered === true).length);
        expect(stats.casesAtStart).toBe(outcomes.filter((o) => o.caseAtStart === true).length);
        expect(stats.riskFlagged).toBe(outcomes.filter((o) => o.riskFlagged).length);
        const baselines = paired.map((o) => o.first?.score ?? 0).sort((x, y) => x - y);
        const middle = (baselines.length - 1) / 2;
        const median = baselines.length === 0 ? null : ((baselines[Math.floor(middle)] ?? 0) + (baselines[Math.ceil(middle)] ?? 0)) / 2;
        expect(histogramMedian(stats.baselineHistogram)).toBe(median);
      }),
      { numRuns: 80 },
    );
  });

  it('keeps one entry of group totals per group, adding up to the cell totals', () => {
    fc.assert(
      fc.property(groups, (inputs) => {
        // Act
        const perGroup = inputs.map((input) => groupStatistics(input));
        const merged = fold(perGroup);

        // Assess: a group's entry holds its own sums only (what its Moments hold), and the entries add up
        for (const stats of perGroup) {
          const o = stats.instruments.phq9;
          if (o !== undefined) {
            expect(o.clusters).toEqual([{
              enrolled: o.enrolled, paired: o.paired, pairedCasesAtStart: o.pairedCasesAtStart, recovered: o.recovered,
              baselineSum: o.baseline.sum, baselineSumSq: o.baseline.sumSq, finalSum: o.final.sum, changeSum: o.change.sum, changeSumSq: o.change.sumSq,
              ratedSessions: o.ratedSessions, ratedSessionsInRange: o.ratedSessionsInRange,
            }]);
          }
          expect(stats.participation.clusters).toHaveLength(1);
        }
        const phq9 = merged.instruments.phq9;
        expect(merged.participation.clusters).toHaveLength(inputs.length);
        expect(merged.participation.clusters.reduce((s, c) => s + c.finishedStarters, 0)).toBe(merged.participation.finishedStarters);
        if (phq9 === undefined) return;
        expect(phq9.clusters).toHaveLength(phq9.groups);
        expect(phq9.clusters.reduce((s, c) => s + c.paired, 0)).toBe(phq9.paired);
        expect(phq9.clusters.reduce((s, c) => s + c.changeSum, 0)).toBe(phq9.change.sum);
        expect(phq9.clusters.reduce((s, c) => s + c.ratedSessions, 0)).toBe(phq9.ratedSessions);
        expect(phq9.clusters.reduce((s, c) => s + c.ratedSessionsInRange, 0)).toBe(phq9.ratedSessionsInRange);
        for (const m of Object.values(phq9.bySession)) {
          expect(m.clusters).toHaveLength(m.groups);
          expect(m.clusters.reduce((s, c) => s + c.n, 0)).toBe(m.n);
        }
      }),
      { numRuns: 60, seed: 14 },
    );
  });

  it('keeps improved + unchanged + deteriorated = paired wherever a threshold exists', () => {
    fc.assert(
      fc.property(groups, (inputs) => {
        const merged = fold(inputs.map((input) => groupStatistics(input)));
        const phq9 = merged.instruments.phq9;
        if (phq9 !== undefined) expect(phq9.improved + phq9.unchanged + phq9.deteriorated).toBe(phq9.paired);
        // K10 has no threshold: nothing is classified, and the summary says so with null rather than 0
        const k10 = merged.instruments.k10;
        if (k10 !== undefined && k10.paired > 0) {
          expect(k10.classified).toBe(0);
          expect(summariseCell(merged).instruments.k10?.find((r) => r.metric === 'reliably_improved')?.value).toBeNull();
        }
        expect(merged.participation.completedFinished + merged.participation.droppedOut).toBe(merged.participation.finishedStarters);
      }),
      { numRuns: 80 },
    );
  });
});
