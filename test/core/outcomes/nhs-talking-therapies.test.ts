import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getInstrument } from '../../../functions/core/instruments';
import {
  addNhsTtOutcome, emptyGroupStatistics, emptyNhsTtStats, groupStatistics, isNhsTtCase, mergeGroupStatistics, NHS_TT,
  nhsTtOutcome, pairedScores, reliableDirection, summariseCell,
} from '../../../functions/core/outcomes';
import type { GroupStatisticsInput, MetricValue, NhsTtInput, NhsTtOutcome, ScorePoint } from '../../../functions/core/outcomes';

const finished = (phq9: [number, number] | null, gad7: [number, number] | null, sessionsAttended = 2, ended = true): NhsTtInput => ({
  sessionsAttended, ended,
  phq9: phq9 === null ? null : { first: phq9[0], last: phq9[1] }, gad7: gad7 === null ? null : { first: gad7[0], last: gad7[1] },
});

describe('NHS Talking Therapies caseness and reliable change', () => {
  it('is a case on PHQ-9 ≥ 10 and/or GAD-7 ≥ 8, jointly', () => {
    expect([isNhsTtCase(10, 0), isNhsTtCase(0, 8), isNhsTtCase(9, 7), isNhsTtCase(27, 21), isNhsTtCase(9, 8), isNhsTtCase(10, 7)])
      .toEqual([true, true, false, true, true, true]);
  });

  it('counts a change of exactly the threshold as reliable, one point less as not', () => {
    expect([
      reliableDirection({ first: 15, last: 9 }, 6), reliableDirection({ first: 15, last: 10 }, 6),
      reliableDirection({ first: 9, last: 15 }, 6), reliableDirection({ first: 10, last: 15 }, 6),
      reliableDirection({ first: 8, last: 4 }, 4), reliableDirection({ first: 8, last: 5 }, 4),
    ]).toEqual([-1, 0, 1, 0, -1, 0]);
  });

  it('uses the manual values, which are also the instrument files\' cut-offs and thresholds', () => {
    // The set's values are fixed by the manual; the instrument files state the same ones (PHQ-9 10 / 6, GAD-7 8 / 4).
    expect(NHS_TT).toMatchObject({ phq9: { caseness: 10, reliableChange: 6 }, gad7: { caseness: 8, reliableChange: 4 }, finishedSessions: 2 });
    for (const m of [NHS_TT.phq9, NHS_TT.gad7]) {
      const def = getInstrument(m.instrument);
      expect([def.cutOff?.value, def.cutOff?.caseWhen, def.reliableChange.threshold, def.direction]).toEqual([m.caseness, 'at-or-above', m.reliableChange, 'lower-is-better']);
    }
  });
});

describe('one participant\'s NHS Talking Therapies outcome', () => {
  const outside: NhsTtOutcome = { finished: false, assessed: false, caseAtStart: null, reliablyImproved: null, reliablyDeteriorated: null, recovered: null, reliablyRecovered: null };

  it.each<[string, NhsTtInput, Partial<NhsTtOutcome>]>([
    // worked by hand from the manual's definitions
    ['recovered and reliably improved on both', finished([15, 5], [12, 4]), { caseAtStart: true, reliablyImproved: true, reliablyDeteriorated: false, recovered: true, reliablyRecovered: true }],
    ['recovered without reliable change (PHQ-9 −2, GAD-7 −1)', finished([10, 8], [8, 7]), { caseAtStart: true, reliablyImproved: false, recovered: true, reliablyRecovered: false }],
    ['a case on GAD-7 alone, still a case on it', finished([5, 3], [12, 9]), { caseAtStart: true, reliablyImproved: false, recovered: false, reliablyRecovered: false }],
    ['reliably improved on PHQ-9 only, still a case', finished([20, 14], [10, 10]), { caseAtStart: true, reliablyImproved: true, reliablyDeteriorated: false, recovered: false, reliablyRecovered: false }],
    ['improved on one and deteriorated on the other: neither', finished([20, 10], [5, 9]), { reliablyImproved: false, reliablyDeteriorated: false, recovered: false }],
    ['reliable deterioration on GAD-7, PHQ-9 unchanged', finished([5, 6], [3, 7]), { caseAtStart: false, reliablyImproved: false, reliablyDeteriorated: true, recovered: null, reliablyRecovered: null }],
    ['not a case at start: outside the recovery base, inside the improvement base', finished([9, 2], [7, 1]), { caseAtStart: false, reliablyImproved: true, recovered: null, reliablyRecovered: null }],
  ])('%s', (_name, input, expected) => {
    expect(nhsTtOutcome(input)).toMatchObject({ finished: true, assessed: true, ...expected });
  });

  it('needs two attended sessions in an ended group for a finished course', () => {
    expect(nhsTtOutcome(finished([15, 5], [12, 4], 1))).toEqual(outside);
    expect(nhsTtOutcome(finished([15, 5], [12, 4], 5, false))).toEqual(outside);
    expect(nhsTtOutcome(finished([15, 5], [12, 4], 2)).finished).toBe(true);
  });

  it('leaves a finished course without paired scores on both measures unassessed (missing data)', () => {
    expect(nhsTtOutcome(finished([15, 5], null))).toEqual({ ...outside, finished: true });
    expect(nhsTtOutcome(finished(null, [12, 4]))).toEqual({ ...outside, finished: true });
  });

  it('agrees with the definitions on every pair of PHQ-9 and GAD-7 first and last scores (exhaustive)', () => {
    // Prepare: a literal transcription of the manual, independent of the code's helpers
    let checked = 0;
    for (let p0 = 0; p0 <= 27; p0 += 1) for (let p1 = 0; p1 <= 27; p1 += 1) for (let g0 = 0; g0 <= 21; g0 += 1) for (let g1 = 0; g1 <= 21; g1 += 1) {
      const phqUp = p1 - p0 >= 6; const phqDown = p0 - p1 >= 6; const gadUp = g1 - g0 >= 4; const gadDown = g0 - g1 >= 4;
      const improved = (phqDown || gadDown) && !phqUp && !gadUp;
      const deteriorated = (phqUp || gadUp) && !phqDown && !gadDown;
      const caseStart = p0 >= 10 || g0 >= 8;
      const caseEnd = p1 >= 10 || g1 >= 8;
      // Act
      const o = nhsTtOutcome(finished([p0, p1], [g0, g1]));
      // Assess (one comparison per combination, so the loop stays fast)
      const ok = o.reliablyImproved === improved && o.reliablyDeteriorated === deteriorated && o.caseAtStart === caseStart
        && o.recovered === (caseStart ? !caseEnd : null) && o.reliablyRecovered === (caseStart ? !caseEnd && improved : null);
      if (!ok) expect({ p0, p1, g0, g1, o }).toEqual({ p0, p1, g0, g1, o: { improved, deteriorated, caseStart, caseEnd } });
      checked += 1;
    }
    expect(checked).toBe(28 * 28 * 22 * 22);
  });

  it('satisfies the set\'s invariants for any scores (property, seeded)', () => {
    const scores = (max: number) => fc.tuple(fc.integer({ min: 0, max }), fc.integer({ min: 0, max }));
    fc.assert(
      fc.property(scores(27), scores(21), fc.integer({ min: 0, max: 12 }), fc.boolean(), (phq, gad, attended, ended) => {
        const o = nhsTtOutcome(finished(phq, gad, attended, ended));
        const reversed = nhsTtOutcome(finished([phq[1], phq[0]], [gad[1], gad[0]], attended, ended));
        expect(o.finished).toBe(ended && attended >= 2);
        expect(o.reliablyImproved === true && o.reliablyDeteriorated === true).toBe(false);
        if (o.reliablyRecovered === true) expect([o.recovered, o.reliablyImproved, o.caseAtStart]).toEqual([true, true, true]);
        if (o.recovered !== null) expect(o.caseAtStart).toBe(true);
        // running the course backwards swaps improvement and deterioration
        expect([reversed.reliablyImproved, reversed.reliablyDeteriorated]).toEqual([o.reliablyDeteriorated, o.reliablyImproved]);
      }),
      { numRuns: 500, seed: 101 },
    );
  });
});

describe('pairing for the set', () => {
  const point = (session: number, score: number, administeredOn = `2026-01-${String(session).padStart(2, '0')}`): ScorePoint => ({ session, administeredOn, score, rawScore: score, flags: [] });

  it('pairs the first and last session; two forms in one session are no pair and the later one counts', () => {
    expect(pairedScores([point(1, 14), point(4, 9), point(8, 6)])).toEqual({ first: 14, last: 6 });
    expect(pairedScores([point(1, 14), point(1, 9, '2026-01-03')])).toBeNull();
    expect(pairedScores([point(1, 14), point(1, 12, '2026-01-03'), point(6, 5)])).toEqual({ first: 12, last: 5 });
    expect(pairedScores(undefined)).toBeNull();
  });
});

// ---- a cell's figures, by hand ----

const session = (s: number, score: number): ScorePoint => ({ session: s, administeredOn: `2026-03-${String(s).padStart(2, '0')}`, score, rawScore: score, flags: [] });
const attended = (sessions: number) => Array.from({ length: 8 }, (_, i) => ({ session: i + 1, date: '2026-03-01', status: i < sessions ? 'present' as const : 'absent' as const }));
type Person = { sessions: number; phq9?: [number, number]; gad7?: [number, number] };
const groupOf = (groupId: string, people: readonly Person[], ended = true): GroupStatisticsInput => ({
  group: { groupId, plannedSessions: 8, ended },
  participants: Object.fromEntries(people.map((p, i) => [`${groupId}-${i}`, {
    attendance: attended(p.sessions),
    responses: {
      ...(p.phq9 === undefined ? {} : { phq9: [session(1, p.phq9[0]), session(8, p.phq9[1])] }),
      ...(p.gad7 === undefined ? {} : { gad7: [session(1, p.gad7[0]), session(8, p.gad7[1])] }),
    },
  }])),
});

// Ten people: 8 assessed (finished, both measures paired), 1 finished with PHQ-9 only, 1 who attended once.
// By hand: cases at start 6 (p0–p5); recovered p0, p1, p3 = 3; reliably improved p0, p2, p3, p6 = 4 (p4 improved on
// PHQ-9 but deteriorated on GAD-7: neither); reliably deteriorated p5, p7 = 2; reliably recovered p0, p3 = 2.
const TEN: Person[] = [
  { sessions: 6, phq9: [15, 5], gad7: [12, 4] }, //   p0 case → recovered, improved
  { sessions: 4, phq9: [11, 8], gad7: [9, 7] }, //    p1 case → recovered, no reliable change
  { sessions: 8, phq9: [20, 13], gad7: [14, 12] }, // p2 case, improved (PHQ −7), still a case
  { sessions: 2, phq9: [12, 6], gad7: [6, 5] }, //    p3 case → recovered, improved
  { sessions: 5, phq9: [18, 9], gad7: [3, 8] }, //    p4 case, PHQ −9 but GAD +5: neither; GAD 8 still a case
  { sessions: 7, phq9: [10, 16], gad7: [5, 6] }, //   p5 case, deteriorated
  { sessions: 3, phq9: [8, 2], gad7: [4, 3] }, //     p6 not a case, improved
  { sessions: 3, phq9: [4, 5], gad7: [2, 6] }, //     p7 not a case, deteriorated
  { sessions: 6, phq9: [16, 4] }, //                  p8 finished, GAD-7 missing: unassessed
  { sessions: 1, phq9: [14, 3], gad7: [10, 2] }, //   p9 attended once: not a finished course
];

const nhsRows = (rows: readonly MetricValue[] | undefined): Record<string, number | null> =>
  Object.fromEntries((rows ?? []).map((r) => [r.metric, r.value]));

describe('the NHS Talking Therapies figures of a cell', () => {
  it('gives the hand-counted figures of one group, with no interval for one group', () => {
    // Act
    const summary = summariseCell(groupStatistics(groupOf('g1', TEN), { nhsTalkingTherapies: true }));

    // Assess
    expect(nhsRows(summary.instruments.nhs_tt)).toEqual({
      finished_course: 9, paired: 8, cases_at_start: 6, reliably_improved: 4, no_reliable_change: 2, reliably_deteriorated: 2,
      recovered: 3, reliably_recovered: 2,
      reliable_improvement_rate: 4 / 8, reliable_deterioration_rate: 2 / 8, recovery_rate: 3 / 6, reliable_recovery_rate: 2 / 6,
    });
    const rate = summary.instruments.nhs_tt?.find((r) => r.metric === 'recovery_rate');
    expect(rate).toMatchObject({ n_participants: 6, n_groups: 1, ci_low: null, ci_high: null, ci_unavailable: 'one-group' });
  });

  it('is absent unless the programme switches it on, and keeps the per-instrument outcomes beside it', () => {
    const off = summariseCell(groupStatistics(groupOf('g1', TEN)));
    const on = summariseCell(groupStatistics(groupOf('g1', TEN), { nhsTalkingTherapies: true }));
    expect(off.instruments.nhs_tt).toBeUndefined();
    expect(Object.keys(on.instruments).sort()).toEqual(['gad7', 'nhs_tt', 'phq9']);
    expect(on.instruments.phq9).toEqual(off.instruments.phq9);
  });

  it('gives the rates of four equal groups a cluster-robust Wilson interval (worked by hand, t from R)', () => {
    // Prepare: four groups of the same 10 people, except that p1 does not recover in groups 3 and 4
    const notRecovered = TEN.map((p, i) => (i === 1 ? { ...p, phq9: [11, 10] as [number, number] } : p));
    const inputs = [groupOf('a', TEN), groupOf('b', TEN), groupOf('c', notRecovered), groupOf('d', notRecovered)];
    const cell = inputs.map((g) => groupStatistics(g, { nhsTalkingTherapies: true })).reduce(mergeGroupStatistics, emptyGroupStatistics());

    // Act
    const rate = summariseCell(cell).instruments.nhs_tt?.find((r) => r.metric === 'recovery_rate');

    // Assess: group shares 3/6, 3/6, 2/6, 2/6 of equal groups of 6 cases: p = 10/24; the CR2 variance of equal groups
    // is the variance of the group shares over m: Σ(p_g − p)² / (m (m − 1)); df = m − 1 = 3, t = qt(0.975, 3) in R.
    const p = 10 / 24;
    const shares = [3 / 6, 3 / 6, 2 / 6, 2 / 6];
    const v = shares.reduce((s, x) => s + (x - p) ** 2, 0) / (4 * 3);
    const n = (p * (1 - p)) / v;
    const t = 3.182446305284263; // R: qt(0.975, 3)
    const centre = (p + (t * t) / (2 * n)) / (1 + (t * t) / n);
    const half = (t * Math.sqrt((p * (1 - p)) / n + (t * t) / (4 * n * n))) / (1 + (t * t) / n);
    expect(rate?.value).toBeCloseTo(p, 12);
    expect(rate?.ci_method).toBe('cluster-robust-wilson');
    expect(rate?.ci_low).toBeCloseTo(centre - half, 9);
    expect(rate?.ci_high).toBeCloseTo(centre + half, 9);
    expect(rate).toMatchObject({ n_participants: 24, n_groups: 4 });
  });

  it('merges like every other statistic: order-free, and equal to the pooled counts (property, seeded)', () => {
    const person: fc.Arbitrary<Person> = fc.record({
      sessions: fc.integer({ min: 0, max: 8 }),
      phq9: fc.option(fc.tuple(fc.integer({ min: 0, max: 27 }), fc.integer({ min: 0, max: 27 })), { nil: undefined }),
      gad7: fc.option(fc.tuple(fc.integer({ min: 0, max: 21 }), fc.integer({ min: 0, max: 21 })), { nil: undefined }),
    }, { requiredKeys: ['sessions'] });
    const group = fc.tuple(fc.array(person, { maxLength: 10 }), fc.boolean());
    fc.assert(
      fc.property(fc.array(group, { minLength: 1, maxLength: 5 }), (groups) => {
        // Prepare
        const inputs = groups.map(([people, ended], i) => groupOf(`g${i}`, people, ended));
        const stats = inputs.map((g) => groupStatistics(g, { nhsTalkingTherapies: true }));
        // Act
        const forward = stats.reduce(mergeGroupStatistics, emptyGroupStatistics());
        const backward = [...stats].reverse().reduce(mergeGroupStatistics, emptyGroupStatistics());
        // Assess: the same JSON either way, and the counts of everyone's own outcome
        expect(JSON.stringify(forward.nhsTalkingTherapies)).toBe(JSON.stringify(backward.nhsTalkingTherapies));
        const pooled = emptyNhsTtStats();
        for (const [people, ended] of groups) {
          for (const p of people) {
            addNhsTtOutcome(pooled, nhsTtOutcome({ sessionsAttended: p.sessions, ended, phq9: p.phq9 === undefined ? null : { first: p.phq9[0], last: p.phq9[1] }, gad7: p.gad7 === undefined ? null : { first: p.gad7[0], last: p.gad7[1] } }));
          }
        }
        const { clusters: _c, groups: g, ...counts } = forward.nhsTalkingTherapies ?? emptyNhsTtStats();
        const { clusters: _p, groups: _g, ...expected } = pooled;
        expect(counts).toEqual(expected);
        expect(g).toBe(groups.length);
        expect(forward.nhsTalkingTherapies?.clusters).toHaveLength(groups.length);
        const rows = nhsRows(summariseCell(forward).instruments.nhs_tt);
        expect(rows.recovery_rate).toBe(expected.casesAtStart > 0 ? expected.recovered / expected.casesAtStart : null);
        expect(rows.reliable_improvement_rate).toBe(expected.assessed > 0 ? expected.reliablyImproved / expected.assessed : null);
      }),
      { numRuns: 150, seed: 102 },
    );
  });

  it('leaves groups of programmes without the set out of its figures', () => {
    const cell = mergeGroupStatistics(groupStatistics(groupOf('on', TEN), { nhsTalkingTherapies: true }), groupStatistics(groupOf('off', TEN)));
    expect(cell.nhsTalkingTherapies).toMatchObject({ groups: 1, assessed: 8 });
    expect(cell.groups).toBe(2);
  });
});
