import { HANDLERS } from '../../infra/api-routes';
import type { AttendanceBatch, AttendanceRecord } from '../../schemas/api/attendance';
import { validatorOf } from '../core/validation/validation-problems';
import { validate as attendanceBatch } from './validators/attendance-batch';
import { attendanceFromCsv } from '../core/ingest/csv-batch';
import { attendanceItem } from '../core/ingest/record-items';
import { authorized } from './handle';
import { idempotent } from './idempotent';
import { parseBody } from './request';
import { json } from './http-response';
import { ingestBatch } from './ingest-batch';

// Precompiled at build time (npm run build:validators): no schema compiler loaded or run at cold start.
const validate = validatorOf<AttendanceBatch>(attendanceBatch);

/** `POST /v1/attendance`: up to 500 attendance marks, written all or nothing, idempotently. */
export const handler = authorized(HANDLERS.attendance.roles, idempotent(async (event, principal) => {
  const batch = parseBody(event, validate, attendanceFromCsv);
  const counts = await ingestBatch<AttendanceRecord>(principal.clinicId, batch.records, {
    collection: 'records',
    check: () => [],
    toItem: attendanceItem,
  });
  return json(200, counts);
}));
