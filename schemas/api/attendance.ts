import type { FromSchema } from 'json-schema-to-ts';
import { MAX_BATCH, identifier, isoDate, participantRef, sessionNumber } from './common';

export const ATTENDANCE_STATUSES = ['present', 'absent', 'late', 'excused'] as const;

/** `POST /v1/attendance`: a batch of attendance marks, written all or nothing. */
export const attendanceBatchSchema = {
  $id: 'attendance-batch',
  title: 'AttendanceBatch',
  type: 'object',
  additionalProperties: false,
  required: ['records'],
  properties: {
    records: {
      type: 'array', minItems: 1, maxItems: MAX_BATCH,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['groupId', 'participantRef', 'session', 'date', 'status'],
        properties: {
          groupId: identifier,
          participantRef,
          session: sessionNumber,
          date: isoDate,
          status: { type: 'string', enum: ATTENDANCE_STATUSES },
        },
      },
    },
  },
} as const;

export type AttendanceBatch = FromSchema<typeof attendanceBatchSchema>;
export type AttendanceRecord = AttendanceBatch['records'][number];
