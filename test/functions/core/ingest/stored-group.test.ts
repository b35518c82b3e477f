import { describe, expect, it } from 'vitest';
import { groupEndDate } from '../../../../functions/core/ingest/stored-group';

describe('groupEndDate', () => {
  it('uses the end date when the clinic sent one', () => {
    expect(groupEndDate({ startDate: '2026-01-05', endDate: '2026-02-01', plannedSessions: 8 })).toBe('2026-02-01');
  });

  it('assumes weekly sessions from the start date otherwise', () => {
    expect(groupEndDate({ startDate: '2026-01-05', plannedSessions: 8 })).toBe('2026-02-23');
  });

  it('ends a one-session group on its start date', () => {
    expect(groupEndDate({ startDate: '2026-01-05', plannedSessions: 1 })).toBe('2026-01-05');
  });

  it('crosses month, leap-day and year boundaries', () => {
    expect(groupEndDate({ startDate: '2028-02-22', plannedSessions: 2 })).toBe('2028-02-29');
    expect(groupEndDate({ startDate: '2026-12-21', plannedSessions: 3 })).toBe('2027-01-04');
  });
});
