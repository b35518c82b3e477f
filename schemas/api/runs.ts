import type { FromSchema } from 'json-schema-to-ts';

/** `POST /v1/admin/runs`: start a nightly run now (the body may be empty or `{}`). */
export const runRequestSchema = {
  $id: 'run-request',
  title: 'RunRequest',
  type: 'object',
  additionalProperties: false,
  properties: {
    full: { type: 'boolean', description: 'Recompute every group, not only those changed since the last run.' },
  },
} as const;
export type RunRequest = FromSchema<typeof runRequestSchema>;
