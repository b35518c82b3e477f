import { describe, expect, it } from 'vitest';
import { attendanceItem, dedupeByKey, expiryAfter, type Stamp } from '../../../../functions/core/ingest/record-items';

const STAMP: Stamp = { clinicId: 'northside', receivedAt: '2026-03-01T10:00:00.000Z', expiresAt: 2_000_000_000 };
const mark = (pid: string, session: number, status: 'present' | 'absent') =>
  attendanceItem({ groupId: 'g1', participantRef: 'RAW-REF', session, date: '2026-02-02', status }, pid, STAMP);

describe('attendanceItem', () => {
  it('keys the mark by group, pseudonym and padded session and leaves the raw reference out', () => {
    // Act
    const planned = mark('p_abc', 3, 'present');

    // Assess
    expect(planned.key).toEqual({ pk: 'GROUP#g1', sk: 'ATT#p_abc#003' });
    expect(planned.item).toMatchObject({ gsi2pk: 'P#p_abc', gsi2sk: 'GROUP#g1#ATT#p_abc#003', type: 'attendance', status: 'present', clinicId: 'northside' });
    expect(JSON.stringify(planned)).not.toContain('RAW-REF');
  });

  it('hashes content only, so a re-send at another time has the same hash', () => {
    expect(attendanceItem({ groupId: 'g1', participantRef: 'x', session: 3, date: '2026-02-02', status: 'present' }, 'p_abc', { ...STAMP, receivedAt: '2027-01-01T00:00:00.000Z' }).contentHash)
      .toBe(mark('p_abc', 3, 'present').contentHash);
  });
});

describe('dedupeByKey', () => {
  it('keeps distinct records and counts identical repeats as duplicates', () => {
    // Act
    const result = dedupeByKey([mark('p_a', 1, 'present'), mark('p_b', 1, 'present'), mark('p_a', 1, 'present')], 'records');

    // Assess
    expect(result.unique.map((p) => p.key.sk)).toEqual(['ATT#p_a#001', 'ATT#p_b#001']);
    expect(result.duplicates).toBe(1);
    expect(result.problems).toEqual([]);
  });

  it('names a record that repeats a key with other content, and the first index', () => {
    // Act
    const result = dedupeByKey([mark('p_a', 1, 'present'), mark('p_b', 1, 'present'), mark('p_a', 1, 'absent')], 'records');

    // Assess
    expect(result.problems).toEqual([
      { index: 2, path: 'records/2', message: 'records/2: Same record as index 0 but with different content; send one version.' },
    ]);
  });
});

describe('expiryAfter', () => {
  it('counts whole days from midnight UTC of the record date', () => {
    expect(expiryAfter('2026-01-01', 1)).toBe(Date.UTC(2026, 0, 2) / 1000);
  });
});
