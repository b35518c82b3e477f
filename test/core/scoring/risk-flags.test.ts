import { describe, expect, it } from 'vitest';
import { getInstrument } from '../../../functions/core/instruments';
import { riskFlags, scoreAdministration } from '../../../functions/core/scoring';

describe('riskFlags', () => {
  it('flags PHQ-9 item 9 answered above 0, with what it means', () => {
    expect(riskFlags(getInstrument('phq9'), [0, 0, 0, 0, 0, 0, 0, 0, 1])).toEqual([
      { item: 9, flag: 'phq9-item9-self-harm', meaning: expect.stringContaining('self-harm') },
    ]);
  });

  it('flags CORE-10 item 6 above 0 and not item 6 at 0', () => {
    const core10 = getInstrument('core10');
    expect(riskFlags(core10, [0, 4, 4, 0, 0, 1, 0, 0, 0, 0]).map((f) => f.item)).toEqual([6]);
    expect(riskFlags(core10, [4, 0, 0, 4, 4, 0, 4, 4, 4, 4])).toEqual([]);
  });

  it('raises nothing for a missing risk item or an instrument without risk items', () => {
    expect(riskFlags(getInstrument('core10'), [0, 4, 4, 0, 0, null, 0, 0, 0, 0])).toEqual([]);
    expect(riskFlags(getInstrument('gad7'), [3, 3, 3, 3, 3, 3, 3])).toEqual([]);
  });

  it('agrees with the risk flag of the scored administration', () => {
    const phq9 = getInstrument('phq9');
    expect(scoreAdministration(phq9, [0, 0, 0, 0, 0, 0, 0, 0, 2]).flags).toContain('risk');
    expect(scoreAdministration(phq9, [3, 3, 3, 3, 3, 3, 3, 3, 0]).flags).not.toContain('risk');
  });
});
