import type { FromSchema } from 'json-schema-to-ts';

/** What the audit trail records: administrative actions, never health data or participant references. */
export const AUDIT_ACTIONS = [
  'clinic.registered', 'programme.registered', 'key.issued', 'key.revoked', 'erasure',
  'run.started', 'run.resumed', 'run.abandoned', 'report.requested',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

const instant = '^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,3})?)?Z)?$';

/** Query of `GET /v1/admin/audit`: a time window (newest first), one kind of action, how many entries. */
export const auditQuerySchema = {
  $id: 'audit-query',
  title: 'AuditQuery',
  type: 'object',
  additionalProperties: false,
  properties: {
    from: { type: 'string', pattern: instant, maxLength: 24, description: 'Earliest entry (a UTC date or date-time, inclusive); default 31 days before `to`.' },
    to: { type: 'string', pattern: instant, maxLength: 24, description: 'Latest entry (a UTC date or date-time; a date includes its whole day); default now.' },
    action: { type: 'string', enum: AUDIT_ACTIONS },
    limit: { type: 'string', pattern: '^([1-9][0-9]{0,2}|1000)$', description: 'At most this many entries, 1–1000 (default 100).' },
  },
} as const;
export type AuditQuery = FromSchema<typeof auditQuerySchema>;

const id = { type: 'string', minLength: 1, maxLength: 128 } as const;

/** One entry of the audit trail: who (key id and role), when, what (ids and counts only). */
export const auditEntrySchema = {
  $id: 'audit-entry',
  title: 'AuditEntry',
  type: 'object',
  additionalProperties: false,
  required: ['at', 'action', 'actor', 'target'],
  properties: {
    at: { type: 'string', format: 'date-time' },
    action: { enum: AUDIT_ACTIONS },
    actor: {
      type: 'object', additionalProperties: false, required: ['role'],
      description: 'The key that acted (its id and role), or `nightly` for a run that took over a dead one.',
      properties: { keyId: id, role: { enum: ['admin', 'nightly'] } },
    },
    target: {
      type: 'object', additionalProperties: false,
      description: 'What was acted on, by id: never a participant reference or its pseudonym.',
      properties: {
        keyId: id, role: id, clinicId: id, programmeId: id, programmeIds: { type: 'array', items: id }, funderId: id,
        runId: id, jobId: id, period: id, full: { type: 'boolean' }, takenOverBy: id, created: { type: 'boolean' },
      },
    },
    counts: {
      type: 'object', additionalProperties: false,
      properties: { records: { type: 'integer', minimum: 0 }, groups: { type: 'integer', minimum: 0 } },
    },
  },
} as const;
export type AuditEntry = FromSchema<typeof auditEntrySchema>;

/** The answer of `GET /v1/admin/audit`. */
export const auditTrailSchema = {
  $id: 'audit-trail',
  title: 'AuditTrail',
  type: 'object',
  required: ['from', 'to', 'items', 'truncated'],
  properties: {
    from: { type: 'string', format: 'date-time' },
    to: { type: 'string', format: 'date-time' },
    items: { type: 'array', items: { $ref: '#/components/schemas/AuditEntry' } },
    truncated: { type: 'boolean', description: 'More entries lie in the window: ask again with `to` before the last entry shown.' },
  },
} as const;
