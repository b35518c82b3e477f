import { HANDLERS } from '../../infra/api-routes';
import { auditQuerySchema, type AuditQuery } from '../../schemas/api/audit';
import { compileValidator } from '../core/validation/schema-validator';
import { Messages } from '../core/messages';
import { authorized } from './handle';
import { json } from './http-response';
import { ValidationError } from './errors';
import { db } from '../runtime/context';
import { listAudit } from '../store/audit-store';

const validate = compileValidator<AuditQuery>(auditQuerySchema);
const DEFAULT_DAYS = 31;

/**
 * `GET /v1/admin/audit?from=&to=&action=&limit=`: the audit trail of administrative actions (keys issued and
 * revoked, erasures, runs started, resumed and abandoned, report builds, clinics and programmes registered),
 * newest first: who (key id and role), when, what (ids and counts, never health data).
 */
export const handler = authorized(HANDLERS.adminAudit.roles, async (event) => {
  const result = validate(event.queryStringParameters ?? {});
  if (!result.ok) throw new ValidationError(result.problems.map((p) => ({ ...p, message: p.message.replace(/^body/, 'query') })));
  const query = result.value;
  const to = query.to === undefined ? new Date().toISOString() : instant(query.to, 'to', true);
  const from = query.from === undefined ? new Date(Date.parse(to) - DEFAULT_DAYS * 86_400_000).toISOString() : instant(query.from, 'from', false);
  if (from > to) throw new ValidationError([{ index: null, path: 'from', message: `from: ${Messages.windowReversed(from, to)}` }]);
  const trail = await listAudit(db, { from, to, limit: query.limit === undefined ? 100 : Number(query.limit), ...(query.action !== undefined && { action: query.action }) });
  return json(200, { from, to, ...trail });
});

/** A UTC date or date-time that exists, as a full ISO instant (a date as `to` covers its whole day). */
const instant = (text: string, field: string, endOfDay: boolean): string => {
  const full = text.length === 10 ? `${text}T${endOfDay ? '23:59:59.999' : '00:00:00.000'}Z` : text;
  const parsed = new Date(full);
  // Date accepts 2026-02-30 (as 2 March); an instant that does not exist must not move silently.
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 16) !== full.slice(0, 16)) {
    throw new ValidationError([{ index: null, path: field, message: `${field}: ${Messages.instantNotReal(text)}` }]);
  }
  return parsed.toISOString();
};
