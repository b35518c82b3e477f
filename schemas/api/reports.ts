import type { FromSchema } from 'json-schema-to-ts';
import { identifier } from './common';

/** `POST /v1/admin/reports`: build the funder report of a closed period on demand. */
export const reportRequestSchema = {
  $id: 'report-request',
  title: 'ReportRequest',
  type: 'object',
  additionalProperties: false,
  required: ['funderId', 'period'],
  properties: {
    funderId: identifier,
    period: { type: 'string', pattern: '^[0-9]{4}-(0[1-9]|1[0-2]|Q[1-4])$', description: 'A month (2026-09) or quarter (2026-Q3).' },
  },
} as const;
export type ReportRequest = FromSchema<typeof reportRequestSchema>;

/** A report build (`POST /v1/admin/reports` answers it with 202, `GET /v1/admin/reports/{jobId}` reads it). */
export const reportJobSchema = {
  $id: 'report-job',
  title: 'ReportJob',
  type: 'object',
  required: ['jobId', 'status', 'funderId', 'period'],
  properties: {
    jobId: { type: 'string' },
    status: { enum: ['queued', 'running', 'succeeded', 'failed'], description: 'Poll until succeeded or failed.' },
    funderId: { type: 'string' },
    period: { type: 'string' },
    requestedAt: { type: 'string', format: 'date-time' },
    startedAt: { type: 'string', format: 'date-time' },
    finishedAt: { type: 'string', format: 'date-time' },
    objects: { type: 'array', items: { type: 'string' }, description: 'Once succeeded: the bucket keys written (links come from GET /v1/reports).' },
    error: {
      type: 'object',
      required: ['error', 'message'],
      description: 'Once failed: conflict / not_found name what was wrong with the request, internal a fault on our side (request it again).',
      properties: { error: { enum: ['conflict', 'not_found', 'internal'] }, message: { type: 'string' } },
    },
    links: { type: 'object', required: ['self'], properties: { self: { type: 'string' } }, description: 'In the 202 answer: where to poll.' },
  },
} as const;
