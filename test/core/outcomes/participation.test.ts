import { describe, expect, it } from 'vitest';
import { participation } from '../../../functions/core/outcomes';
import type { AttendanceMark, AttendanceStatus } from '../../../functions/core/outcomes';

const marks = (statuses: readonly AttendanceStatus[]): AttendanceMark[] =>
  statuses.map((status, i) => ({ session: i + 1, date: `2026-02-${String(i + 1).padStart(2, '0')}`, status }));

describe('participation', () => {
  it('completes with half of the planned sessions by default', () => {
    // 4 of 8 planned attended (present or late)
    expect(participation(marks(['present', 'late', 'present', 'present', 'absent', 'absent', 'absent', 'absent']), { plannedSessions: 8, ended: true }))
      .toEqual({ sessionsOffered: 8, sessionsAttended: 4, attendanceRate: 0.5, started: true, completed: true, droppedOut: false, lastSessionAttended: 4 });
  });

  it('drops out a starter below the rule once the group has ended', () => {
    // 3 of 7 planned: 3 < 3.5
    const p = participation(marks(['present', 'present', 'present']), { plannedSessions: 7, ended: true });
    expect(p).toMatchObject({ sessionsOffered: 7, completed: false, droppedOut: true, attendanceRate: 3 / 7 });
  });

  it('does not call a participant of a running group a drop-out', () => {
    expect(participation(marks(['present', 'absent']), { plannedSessions: 8, ended: false }))
      .toMatchObject({ sessionsOffered: 2, completed: false, droppedOut: false });
  });

  it('counts excused sessions as offered but not attended, and never starts someone who never came', () => {
    expect(participation(marks(['excused', 'absent']), { plannedSessions: 8, ended: true, sessionsDelivered: 8 }))
      .toMatchObject({ sessionsOffered: 8, sessionsAttended: 0, started: false, droppedOut: false, lastSessionAttended: null });
  });

  it('applies a minimum-sessions rule (NHS Talking Therapies: 2 attended)', () => {
    expect(participation(marks(['present', 'absent', 'present']), { plannedSessions: 12, ended: true }, { minimumSessions: 2 }))
      .toMatchObject({ completed: true, droppedOut: false });
  });

  it('counts a session marked twice once', () => {
    const twice: AttendanceMark[] = [...marks(['absent']), { session: 1, date: '2026-02-01', status: 'present' }];
    expect(participation(twice, { plannedSessions: 2, ended: false })).toMatchObject({ sessionsOffered: 1, sessionsAttended: 1 });
  });
});
