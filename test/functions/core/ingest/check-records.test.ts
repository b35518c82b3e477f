import { describe, expect, it } from 'vitest';
import { checkAgainstGroups } from '../../../../functions/core/ingest/check-records';
import type { StoredGroup } from '../../../../functions/core/ingest/stored-group';

const group = (groupId: string, clinicId: string): StoredGroup => ({
  groupId, clinicId, programmeId: 'carers', groupType: 'support', startDate: '2026-01-05', plannedSessions: 8,
  instruments: ['swemwbs'], facilitatorQualification: 'counsellor', ended: false,
});
const GROUPS = new Map([['own', group('own', 'northside')], ['theirs', group('theirs', 'harbour')]]);
const TODAY = '2026-03-01';

describe('checkAgainstGroups', () => {
  it('passes records that fit their own group', () => {
    // Act
    const result = checkAgainstGroups([
      { groupId: 'own', session: 1, date: '2026-01-05' },
      { groupId: 'own', session: 8, date: TODAY },
    ], GROUPS, 'northside', TODAY, 'records');

    // Assess
    expect(result).toEqual({ problems: [] });
  });

  it('names an unregistered group, a session beyond the plan, and dates before the start or in the future', () => {
    // Act
    const result = checkAgainstGroups([
      { groupId: 'missing', session: 1, date: '2026-01-05' },
      { groupId: 'own', session: 9, date: '2026-01-04' },
      { groupId: 'own', session: 2, date: '2026-03-02' },
    ], GROUPS, 'northside', TODAY, 'records');

    // Assess
    expect(result.problems.map((p) => [p.index, p.path])).toEqual([
      [0, 'records/0/groupId'],
      [1, 'records/1/session'],
      [1, 'records/1/date'],
      [2, 'records/2/date'],
    ]);
    expect(result.problems[0]?.message).toBe('records/0/groupId: Group "missing" is not registered; register it with POST /v1/groups first.');
    expect(result.problems[1]?.message).toContain("beyond the group's 8 planned sessions");
    expect(result.problems[2]?.message).toContain("before the group's start date 2026-01-05");
    expect(result.problems[3]?.message).toContain('2026-03-02 is in the future');
  });

  it("names another clinic's group exactly as an unregistered one, and tells nothing more about it", () => {
    // Act
    const theirs = checkAgainstGroups([{ groupId: 'theirs', session: 99, date: '2020-01-01' }], GROUPS, 'northside', TODAY, 'records');
    const missing = checkAgainstGroups([{ groupId: 'theirs', session: 99, date: '2020-01-01' }], new Map(), 'northside', TODAY, 'records');

    // Assess
    expect(theirs).toEqual(missing);
    expect(theirs.problems).toEqual([{ index: 0, path: 'records/0/groupId', message: 'records/0/groupId: Group "theirs" is not registered; register it with POST /v1/groups first.' }]);
  });

  it('names the payload date field of the collection', () => {
    // Act
    const result = checkAgainstGroups([{ groupId: 'own', session: 1, date: '2025-12-01' }], GROUPS, 'northside', TODAY, 'responses', 'administeredOn');

    // Assess
    expect(result.problems.map((p) => p.path)).toEqual(['responses/0/administeredOn']);
    expect(result.problems[0]?.message).toMatch(/^responses\/0\/administeredOn: /);
  });
});
