import { describe, expect, it } from 'vitest';
import { getInstrument } from '../../../functions/core/instruments';
import {
  classifyChange, groupStatistics, jacobsonTruaxThreshold, participantOutcome, reliableChangeThreshold,
} from '../../../functions/core/outcomes';
import type { ScorePoint } from '../../../functions/core/outcomes';

const at = (session: number, score: number, flags: string[] = []): ScorePoint => ({
  session, administeredOn: `2026-01-${String(session).padStart(2, '0')}`, score, rawScore: score, flags,
});

describe('participantOutcome', () => {
  it('pairs the first and last score and finds a reliable recovery on PHQ-9', () => {
    // Act: 15 → 11 → 8, given out of order
    const outcome = participantOutcome(getInstrument('phq9'), [at(8, 8), at(1, 15), at(4, 11)]);

    // Assess: change −7 ≥ 6 in the better (lower) direction; case at 15, not at 8
    expect(outcome).toMatchObject({
      paired: true, change: -7, threshold: 6, reliableChange: 'improved', caseAtStart: true, caseAtEnd: false,
      recovered: true, reliablyRecovered: true, riskFlagged: false, administrations: 3,
    });
    expect(outcome.first?.session).toBe(1);
    expect(outcome.last?.session).toBe(8);
  });

  it('leaves a single score unpaired', () => {
    expect(participantOutcome(getInstrument('phq9'), [at(1, 12, ['risk'])])).toMatchObject({
      paired: false, change: null, reliableChange: null, caseAtStart: true, caseAtEnd: null, recovered: null, riskFlagged: true,
    });
  });

  it('classifies a change of exactly the threshold as reliable, in the direction of the instrument', () => {
    // WEMWBS higher is better, threshold 8
    expect(participantOutcome(getInstrument('wemwbs'), [at(1, 40), at(6, 48)]).reliableChange).toBe('improved');
    expect(participantOutcome(getInstrument('wemwbs'), [at(1, 48), at(6, 40)]).reliableChange).toBe('deteriorated');
    expect(participantOutcome(getInstrument('wemwbs'), [at(1, 40), at(6, 47)]).reliableChange).toBe('unchanged');
    // ORS decimals: 30.3 − 25.3 = 4.999… in binary; still the 5-point threshold
    expect(participantOutcome(getInstrument('ors'), [at(1, 25.3), at(4, 30.3)]).reliableChange).toBe('improved');
  });

  it('gives no reliable-change class where the instrument has no threshold', () => {
    expect(participantOutcome(getInstrument('k10'), [at(1, 30), at(6, 12)]).reliableChange).toBeNull();
  });

  it('accepts a configured threshold and cut-off', () => {
    const outcome = participantOutcome(getInstrument('k10'), [at(1, 30), at(6, 22)], {
      reliableChangeThreshold: 7, cutOff: { value: 25, caseWhen: 'at-or-above', label: 'moderate or worse', source: { citation: 'programme setting', status: 'unverified' } },
    });
    expect(outcome).toMatchObject({ reliableChange: 'improved', recovered: true, reliablyRecovered: true });
  });

  it('measures GBO progress as the change in mean goal rating', () => {
    expect(participantOutcome(getInstrument('gbo'), [at(1, 2.5), at(6, 6)])).toMatchObject({ change: 3.5, reliableChange: 'improved' });
  });
});

describe('two forms in the same session', () => {
  const on = (session: number, administeredOn: string, score: number): ScorePoint => ({ session, administeredOn, score, rawScore: score, flags: [] });

  it('leaves a participant with two forms only in session 1 unpaired', () => {
    // Act: PHQ-9 15 then 8, both in session 1
    const outcome = participantOutcome(getInstrument('phq9'), [on(1, '2026-01-05', 15), on(1, '2026-01-05', 8)]);

    // Assess: one session scored, so no change; the later form (8) is the one that counts
    expect(outcome).toMatchObject({ administrations: 2, sessionsScored: 1, paired: false, change: null, reliableChange: null, recovered: null });
    expect(outcome.first?.score).toBe(8);
    expect(outcome.caseAtStart).toBe(false);
  });

  it('pairs the later session-1 form with session 8', () => {
    // Act: session 1 on 5 Jan (20) and again on 6 Jan (12), session 8 (7); given out of order
    const outcome = participantOutcome(getInstrument('phq9'), [on(8, '2026-02-23', 7), on(1, '2026-01-06', 12), on(1, '2026-01-05', 20)]);

    // Assess: 12 → 7 = −5, short of the 6-point threshold; case at 12 (≥ 10), not at 7, so recovered but not reliably
    expect(outcome).toMatchObject({
      administrations: 3, sessionsScored: 2, paired: true, change: -5, reliableChange: 'unchanged',
      caseAtStart: true, caseAtEnd: false, recovered: true, reliablyRecovered: false,
    });
    expect(outcome.first?.administeredOn).toBe('2026-01-06');
  });

  it('keeps a replaced form out of a group\'s pairs and recovery rate', () => {
    // Prepare: p1 has two forms in session 1 only; p2 has session 1 twice and session 8; p3 a plain pair
    const input = {
      group: { groupId: 'g1', plannedSessions: 8, ended: true },
      participants: {
        p1: { attendance: [], responses: { phq9: [on(1, '2026-01-05', 18), on(1, '2026-01-05', 9)] } },
        p2: { attendance: [], responses: { phq9: [on(1, '2026-01-05', 20), on(1, '2026-01-06', 12), on(8, '2026-02-23', 7)] } },
        p3: { attendance: [], responses: { phq9: [on(1, '2026-01-05', 16), on(8, '2026-02-23', 9)] } },
      },
    };

    // Act
    const phq9 = groupStatistics(input).instruments['phq9'];

    // Assess: 2 pairs (p2: 12 → 7, p3: 16 → 9), not 3; cases at start p2 (12) and p3 (16), p1's 9 is no case;
    // both paired cases recovered; p3 reliably (−7); mean change (−5 − 7) / 2 = −6
    expect(phq9).toMatchObject({ enrolled: 3, paired: 2, casesAtStart: 2, pairedCasesAtStart: 2, recovered: 2, reliablyRecovered: 1 });
    expect(phq9?.change.n).toBe(2);
    expect(phq9?.change.sum).toBe(-12);
    expect(phq9?.baseline.sum).toBe(28);
    expect(phq9?.bySession['1']).toMatchObject({ n: 3, sum: 9 + 12 + 16 });
  });
});

describe('reliable change thresholds', () => {
  it('derives the BRS threshold by Jacobson & Truax', () => {
    // 1.96 · 0.68 · √2 · √(1 − 0.8) = 0.8430…
    expect(reliableChangeThreshold(getInstrument('brs'))).toBeCloseTo(1.96 * 0.68 * Math.SQRT2 * Math.sqrt(0.2), 12);
    expect(jacobsonTruaxThreshold(10, 0.9)).toBeCloseTo(1.96 * 10 * Math.SQRT2 * Math.sqrt(0.1), 12);
  });

  it('uses the published threshold where there is one', () => {
    expect(reliableChangeThreshold(getInstrument('swemwbs'))).toBe(2.87);
    expect(classifyChange(-6, 6, 'lower-is-better')).toBe('improved');
  });
});
