import { describe, expect, it } from 'vitest';
import { getInstrument } from '../../../functions/core/instruments';
import { classifyChange, jacobsonTruaxThreshold, participantOutcome, reliableChangeThreshold } from '../../../functions/core/outcomes';
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
      reliableChangeThreshold: 7, cutOff: { value: 25, caseWhen: 'at-or-above', label: 'moderate or worse' },
    });
    expect(outcome).toMatchObject({ reliableChange: 'improved', recovered: true, reliablyRecovered: true });
  });

  it('measures GBO progress as the change in mean goal rating', () => {
    expect(participantOutcome(getInstrument('gbo'), [at(1, 2.5), at(6, 6)])).toMatchObject({ change: 3.5, reliableChange: 'improved' });
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
