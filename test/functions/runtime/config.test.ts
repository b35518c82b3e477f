import { describe, expect, it } from 'vitest';
import { ConfigurationError, readRetentionDays, readSettings } from '../../../functions/runtime/config';

describe('readSettings', () => {
  it('reads the table and defaults the rest', () => {
    expect(readSettings({ TABLE_NAME: 'outcomes' })).toEqual({
      tableName: 'outcomes', suppressionK: 8, funderRounding: 5, licensedInstruments: [], timeZone: 'Europe/London',
    });
  });

  it('reads licensed instruments as a trimmed list', () => {
    expect(readSettings({ TABLE_NAME: 't', LICENSED_INSTRUMENTS: ' cd-risc-10 , ,x ' }).licensedInstruments).toEqual(['cd-risc-10', 'x']);
  });

  it('fails fast without a table name or with a k that is not a positive integer', () => {
    expect(() => readSettings({})).toThrow(ConfigurationError);
    expect(() => readSettings({ TABLE_NAME: 't', SUPPRESSION_K: '0' })).toThrow(/SUPPRESSION_K must be a positive integer, got "0"/);
  });
});

describe('readRetentionDays', () => {
  it('defaults to eight years of days and reads a configured number', () => {
    expect(readRetentionDays({})).toBe(2928);
    expect(readRetentionDays({ RETENTION_DAYS: '365' })).toBe(365);
  });

  it('refuses a value that would give records no expiry time', () => {
    expect(() => readRetentionDays({ RETENTION_DAYS: 'eight years' })).toThrow(ConfigurationError);
  });
});
