import { describe, expect, it } from 'vitest';
import {
  getInstrument, listInstruments, UnknownInstrumentError, UnlicensedInstrumentError,
} from '../../../functions/core/instruments';

describe('getInstrument', () => {
  it('returns the definition of a shipped instrument', () => {
    expect(getInstrument('phq9').items).toHaveLength(9);
  });

  it('rejects an unknown instrument with an error naming it', () => {
    // Act
    const act = () => getInstrument('phq8');

    // Assess
    expect(act).toThrow(UnknownInstrumentError);
    expect(act).toThrow(/unknown instrument 'phq8'/);
  });

  it('refuses cd-risc-10 until the deployment records its licence', () => {
    // Act
    const act = () => getInstrument('cd-risc-10');

    // Assess
    expect(act).toThrow(UnlicensedInstrumentError);
    expect(act).toThrow(/'cd-risc-10' needs a licence/);
    expect(getInstrument('cd-risc-10', { licensed: ['cd-risc-10'] }).id).toBe('cd-risc-10');
  });

  it('sets the error name for logs', () => {
    expect(new UnknownInstrumentError('x', []).name).toBe('UnknownInstrumentError');
    expect(new UnlicensedInstrumentError('x').name).toBe('UnlicensedInstrumentError');
  });
});

describe('listInstruments', () => {
  it('lists the free instruments and leaves out the licence-gated one by default', () => {
    // Act
    const ids = listInstruments().map((def) => def.id);

    // Assess
    expect(ids).toEqual(['swemwbs', 'wemwbs', 'brs', 'phq9', 'gad7', 'core10', 'k10', 'ors', 'gsrs', 'gbo']);
  });

  it('includes disabled instruments on request or when licensed', () => {
    expect(listInstruments({ includeDisabled: true }).map((def) => def.id)).toContain('cd-risc-10');
    expect(listInstruments({ licensed: ['cd-risc-10'] }).map((def) => def.id)).toContain('cd-risc-10');
  });
});
