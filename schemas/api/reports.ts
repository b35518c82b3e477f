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
