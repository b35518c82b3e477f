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

/** The answer to starting or resuming a run (202): poll `links.self` until `status` is no longer `running`. */
export const runStartedSchema = {
  $id: 'run-started',
  title: 'RunStarted',
  type: 'object',
  required: ['runId', 'status', 'links'],
  properties: {
    runId: { type: 'string' },
    status: { const: 'running' },
    resumed: { type: 'boolean', description: 'Present on a resume: the run continues with the window it chose first.' },
    links: { type: 'object', required: ['self'], properties: { self: { type: 'string' } } },
  },
} as const;

/** A run record as `GET /v1/admin/runs/{runId}` (and abandoning) answers it. */
export const runRecordSchema = {
  $id: 'run-record',
  title: 'RunRecord',
  type: 'object',
  required: ['runId', 'trigger', 'status', 'startedAt'],
  properties: {
    runId: { type: 'string' },
    trigger: { type: 'string', description: 'What started it: api, schedule, demo.' },
    status: {
      enum: ['running', 'succeeded', 'failed', 'abandoned'],
      description: 'abandoned: the run stopped without finishing (taken over after its lease expired, or abandoned by an operator); the next run covers its window.',
    },
    stalled: {
      type: 'boolean',
      description: 'Only on a running run: true when its lease is no longer renewed (its process stopped). Resume it (POST …/resume) or abandon it (POST …/abandon); the next run also takes over.',
    },
    leaseExpiresAt: { type: 'string', format: 'date-time', description: 'Only on a running run holding the lease: until when, unless its heartbeat renews it.' },
    startedAt: { type: 'string', format: 'date-time' },
    finishedAt: { type: 'string', format: 'date-time' },
    from: { type: 'string', format: 'date-time' },
    to: { type: 'string', format: 'date-time' },
    error: { type: 'string' },
  },
} as const;
