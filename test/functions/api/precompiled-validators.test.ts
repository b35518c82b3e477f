import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PRECOMPILED, precompiledSource } from '../../../functions/api/validators/build-validators';
import { validate as attendanceBatch } from '../../../functions/api/validators/attendance-batch';
import { validate as responsesBatch } from '../../../functions/api/validators/responses-batch';
import { compileValidator } from '../../../functions/core/validation/schema-validator';
import { validatorOf } from '../../../functions/core/validation/validation-problems';
import { attendanceBatchSchema } from '../../../schemas/api/attendance';
import { responsesBatchSchema } from '../../../schemas/api/responses';

const record = { groupId: 'g-1', participantRef: 'P-01', session: 1, date: '2026-03-02', status: 'present' };
const response = { groupId: 'g-1', participantRef: 'P-01', instrument: 'swemwbs', session: 1, administeredOn: '2026-03-02', items: [3, 3, 3, 3, 3, 3, 3] };

// Good and bad payloads, each checked by the precompiled and the run-time compiled validator.
const ATTENDANCE_CASES: unknown[] = [
  { records: [record] },
  { records: [] },
  { records: [{ ...record, date: '2026-02-30' }, { ...record, status: 'asleep' }] },
  { records: [{ ...record, participantRef: '😀'.repeat(40) }] },
  { records: [{ ...record, name: 'Jane Doe' }] },
  { records: Array.from({ length: 501 }, () => record) },
  { records: [{ ...record, session: 0 }], extra: true },
  'not an object',
];
const RESPONSE_CASES: unknown[] = [
  { responses: [response] },
  { responses: [{ ...response, administeredOn: '2025-02-29' }] },
  { responses: [{ ...response, items: 'none' }] },
  { responses: [{ ...response, instrument: '' }] },
  {},
];

describe('precompiled ingest validators', () => {
  it.each(PRECOMPILED.map((entry) => [entry.file, entry] as const))('%s matches what npm run build:validators writes', (file, entry) => {
    const committed = readFileSync(new URL(`../../../functions/api/validators/${file}`, import.meta.url), 'utf8');
    expect(committed).toBe(precompiledSource(entry));
  });

  it('answers attendance payloads exactly as the run-time compiled schema does', () => {
    const compiled = compileValidator(attendanceBatchSchema);
    const precompiled = validatorOf(attendanceBatch);
    for (const input of ATTENDANCE_CASES) expect(precompiled(input)).toEqual(compiled(input));
    expect(precompiled(ATTENDANCE_CASES[2]).ok).toBe(false);
    expect(precompiled(ATTENDANCE_CASES[0]).ok).toBe(true);
  });

  it('answers response payloads exactly as the run-time compiled schema does', () => {
    const compiled = compileValidator(responsesBatchSchema);
    const precompiled = validatorOf(responsesBatch);
    for (const input of RESPONSE_CASES) expect(precompiled(input)).toEqual(compiled(input));
    expect(precompiled(RESPONSE_CASES[1]).ok).toBe(false);
  });
});
