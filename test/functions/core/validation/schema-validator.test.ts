import { describe, expect, it } from 'vitest';
import { compileValidator } from '../../../../functions/core/validation/schema-validator';
import { attendanceBatchSchema, type AttendanceBatch } from '../../../../schemas/api/attendance';
import { groupSchema, type GroupPayload } from '../../../../schemas/api/group';
import { keyRequestSchema, type KeyRequest } from '../../../../schemas/api/admin';

const attendance = compileValidator<AttendanceBatch>(attendanceBatchSchema);
const group = compileValidator<GroupPayload>(groupSchema);
const keyRequest = compileValidator<KeyRequest>(keyRequestSchema);

const RECORD = { groupId: 'northside-support-001', participantRef: 'N001-01', session: 1, date: '2026-01-05', status: 'present' };
const GROUP = {
  groupId: 'northside-support-001', programmeId: 'carers', groupType: 'support', startDate: '2026-01-05',
  plannedSessions: 8, instruments: ['swemwbs'], facilitatorQualification: 'counsellor',
};

/** The problems of one invalid record in an attendance batch. */
const problemsOf = (record: Record<string, unknown>) => {
  const result = attendance({ records: [RECORD, record] });
  if (result.ok) throw new Error('expected the batch to be refused');
  return result.problems;
};

describe('compileValidator', () => {
  it('returns the typed value of a valid batch', () => {
    // Act
    const result = attendance({ records: [RECORD] });

    // Assess
    expect(result).toEqual({ ok: true, value: { records: [RECORD] } });
  });

  it('names an unknown property, so personal data cannot slip in', () => {
    expect(problemsOf({ ...RECORD, name: 'Jane Doe' })).toEqual([{
      index: 1, path: 'records/1/name',
      message: 'records/1/name: is not an allowed field (unknown fields are rejected so no personal data slips in)',
    }]);
  });

  it('names a field of the wrong type with the value received', () => {
    expect(problemsOf({ ...RECORD, session: '2' })).toEqual([
      { index: 1, path: 'records/1/session', message: 'records/1/session: must be integer, got "2"' },
    ]);
  });

  it('names an out-of-range value with its limit', () => {
    expect(problemsOf({ ...RECORD, session: 0 })[0]?.message).toBe('records/1/session: must be at least 1, got 0');
    expect(problemsOf({ ...RECORD, session: 201 })[0]?.message).toBe('records/1/session: must be at most 200, got 201');
  });

  it.each(['2026-02-30', '2025-02-29', '2026-13-01', '2026-1-5'])('refuses the date %s that does not exist', (date) => {
    expect(problemsOf({ ...RECORD, date })).toEqual([
      { index: 1, path: 'records/1/date', message: `records/1/date: "${date}" is not a date that exists (YYYY-MM-DD)` },
    ]);
  });

  it('accepts 29 February of a leap year', () => {
    expect(attendance({ records: [{ ...RECORD, date: '2028-02-29' }] }).ok).toBe(true);
  });

  it('names a value outside the allowed set', () => {
    expect(problemsOf({ ...RECORD, status: 'sick' })[0]?.message)
      .toBe('records/1/status: must be one of "present", "absent", "late", "excused", got "sick"');
  });

  it('names a reference that breaks the pattern, such as a name with a space', () => {
    // Act
    const [problem] = problemsOf({ ...RECORD, participantRef: 'Jane Doe' });

    // Assess
    expect(problem?.path).toBe('records/1/participantRef');
    expect(problem?.message).toMatch(/^records\/1\/participantRef: "Jane Doe" has characters or a length that are not allowed \(pattern /);
  });

  it('names a missing required field', () => {
    const { status: _status, ...withoutStatus } = RECORD;
    expect(problemsOf(withoutStatus)).toEqual([{ index: 1, path: 'records/1/status', message: 'records/1/status: is required' }]);
  });

  it('refuses a batch of 501 records and says to split it', () => {
    // Act
    const result = attendance({ records: Array.from({ length: 501 }, (_, i) => ({ ...RECORD, session: (i % 200) + 1 })) });

    // Assess
    expect(result).toEqual({ ok: false, problems: [{ index: null, path: 'records', message: 'records: must have at most 500 entries (got 501); split the batch' }] });
  });

  it('lists every problem of every record, not only the first', () => {
    // Act
    const result = attendance({ records: [{ ...RECORD, session: 0 }, RECORD, { ...RECORD, date: '2026-02-30', status: 'x' }] });

    // Assess
    expect(result.ok ? [] : result.problems.map((p) => p.path)).toEqual(['records/0/session', 'records/2/date', 'records/2/status']);
  });

  it('names the body itself when it is not an object', () => {
    expect(attendance([])).toEqual({ ok: false, problems: [{ index: null, path: '', message: 'body: must be object, got []' }] });
  });

  it('names repeated entries of a unique list', () => {
    // Act
    const result = group({ ...GROUP, instruments: ['swemwbs', 'swemwbs'] });

    // Assess
    expect(result.ok ? [] : result.problems).toEqual([
      { index: null, path: 'instruments', message: 'instruments: must not repeat entries (entries 0 and 1 are the same)' },
    ]);
  });

  it('names a field a role needs without repeating the conditional wrapper', () => {
    // Act
    const result = keyRequest({ role: 'clinic' });

    // Assess
    expect(result).toEqual({ ok: false, problems: [{ index: null, path: 'clinicId', message: 'clinicId: is required' }] });
  });
});
