import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { pseudonymise } from '../../../functions/core/pseudonymise';

const SECRET = Buffer.from('0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', 'hex');
const OTHER_SECRET = Buffer.alloc(32, 7);

describe('pseudonymise', () => {
  it('gives the same pseudonym for the same clinic, reference and secret', () => {
    // Act
    const first = pseudonymise(SECRET, 'northside', 'P-0042');
    const second = pseudonymise(SECRET, 'northside', 'P-0042');

    // Assess
    expect(first).toBe(second);
    expect(first).toMatch(/^p_[0-9a-f]{64}$/);
  });

  it('scopes pseudonyms to the clinic and to the secret', () => {
    // Act
    const northside = pseudonymise(SECRET, 'northside', 'P-0042');
    const harbour = pseudonymise(SECRET, 'harbour', 'P-0042');
    const rotated = pseudonymise(OTHER_SECRET, 'northside', 'P-0042');

    // Assess
    expect(harbour).not.toBe(northside);
    expect(rotated).not.toBe(northside);
  });

  it('does not confuse a clinic/reference split with another one', () => {
    expect(pseudonymise(SECRET, 'ab', 'c')).not.toBe(pseudonymise(SECRET, 'a', 'bc'));
  });

  it('never contains or equals the raw reference', () => {
    fc.assert(fc.property(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}$/), (ref) => {
      const pid = pseudonymise(SECRET, 'northside', ref);
      return pid !== ref && (ref.length < 8 || !pid.includes(ref));
    }), { numRuns: 200 });
  });

  it('refuses a secret shorter than 32 bytes', () => {
    expect(() => pseudonymise(Buffer.alloc(31, 1), 'northside', 'P-1')).toThrow(RangeError);
  });
});
