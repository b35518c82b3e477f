import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../../functions/runtime/config';
import { localDate, readCloseAfterDays } from '../../../functions/nightly/nightly-context';

describe('readCloseAfterDays', () => {
  it('defaults to 7 days and accepts 0', () => {
    // Act / Assess
    expect(readCloseAfterDays({})).toBe(7);
    expect(readCloseAfterDays({ CLOSE_AFTER_DAYS: '0' })).toBe(0);
    expect(readCloseAfterDays({ CLOSE_AFTER_DAYS: '14' })).toBe(14);
  });

  it('fails fast on a value that is not a whole number of days', () => {
    // Act / Assess
    for (const text of ['seven', '-1', '1.5']) expect(() => readCloseAfterDays({ CLOSE_AFTER_DAYS: text })).toThrow(ConfigurationError);
  });
});

describe('localDate', () => {
  it('gives the calendar date in the reporting time zone, not in UTC', () => {
    // Act / Assess
    expect(localDate(new Date('2026-06-30T23:30:00Z'), 'Europe/London')).toBe('2026-07-01');
    expect(localDate(new Date('2026-12-31T23:30:00Z'), 'Europe/London')).toBe('2026-12-31');
  });
});
