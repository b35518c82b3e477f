import { HANDLERS } from '../../infra/api-routes';
import { randomBytes } from 'node:crypto';
import { keyRequestSchema, type KeyRequest } from '../../schemas/api/admin';
import { compileValidator } from '../core/validation/schema-validator';
import { formatApiKey, hashApiKey } from '../core/access/api-key';
import type { Principal } from '../core/access/principal';
import { Messages } from '../core/messages';
import { authorized } from './handle';
import { recordAction } from './audit-trail';
import { parseBody, pathParameter } from './request';
import { json } from './http-response';
import { NotFoundError, ValidationError } from './errors';
import { db } from '../runtime/context';
import { putKey, revokeKey } from '../store/key-store';
import { clinicExists, listProgrammes, programmeExists } from '../store/organisation-store';

const validate = compileValidator<KeyRequest>(keyRequestSchema);

/** Scope fields and the one role each belongs to: a key request never carries a scope it would not get. */
const STRAY_SCOPE = [
  { field: 'clinicId', role: 'clinic' },
  { field: 'programmeIds', role: 'manager' },
  { field: 'funderId', role: 'funder' },
] as const;

/**
 * `POST /v1/admin/keys` issues a key for a role and scope (the raw key is in this response only; the
 * store keeps its hash). `DELETE /v1/admin/keys/{keyId}` revokes one.
 */
export const handler = authorized(HANDLERS.adminKeys.roles, async (event, caller) => {
  const now = new Date().toISOString();
  if (event.httpMethod === 'DELETE') {
    // A malformed id (even one longer than a DynamoDB key may be) is a 400 before the store is asked.
    const keyId = pathParameter(event, 'keyId');
    if (!(await revokeKey(db, keyId, now))) throw new NotFoundError(Messages.keyNotFound(keyId));
    await recordAction(caller, 'key.revoked', { keyId });
    return json(200, { keyId, revoked: true });
  }
  const request = parseBody(event, validate);
  const stray = STRAY_SCOPE.filter(({ field, role }) => request[field] !== undefined && request.role !== role);
  if (stray.length > 0) {
    throw new ValidationError(stray.map(({ field, role }) => ({ index: null, path: field, message: `${field}: ${Messages.scopeOfOtherRole(field, role, request.role)}` })));
  }
  const principal = await scopeOf(request);
  const key = formatApiKey(randomBytes(32));
  const stored = await putKey(db, hashApiKey(key), principal, now, request.label);
  await recordAction(caller, 'key.issued', { keyId: stored.keyId, ...scopeTarget(stored.principal) });
  return json(201, { keyId: stored.keyId, key, role: principal.role, scope: stored.principal, note: 'Store this key now: it is not shown again.' });
});

/** The issued key's role and scope, as ids, for the audit trail. */
const scopeTarget = (issued: Principal) => ({
  role: issued.role,
  ...(issued.role === 'clinic' && { clinicId: issued.clinicId }),
  ...(issued.role === 'manager' && { programmeIds: [...issued.programmeIds] }),
  ...(issued.role === 'funder' && { funderId: issued.funderId }),
});

const scopeOf = async (request: KeyRequest): Promise<Principal> => {
  const keyId = 'pending';
  switch (request.role) {
    case 'clinic': {
      const clinicId = request.clinicId ?? '';
      if (!(await clinicExists(db, clinicId))) throw new ValidationError([{ index: null, path: 'clinicId', message: `clinicId: ${Messages.clinicNotRegistered(clinicId)}` }]);
      return { role: 'clinic', keyId, clinicId };
    }
    case 'manager': {
      const programmeIds = [...(request.programmeIds ?? [])];
      const missing = [];
      for (const [i, id] of programmeIds.entries()) {
        if (!(await programmeExists(db, id))) missing.push({ index: null, path: `programmeIds/${i}`, message: `programmeIds/${i}: ${Messages.programmeNotRegistered(id)}` });
      }
      if (missing.length > 0) throw new ValidationError(missing);
      return { role: 'manager', keyId, programmeIds };
    }
    case 'funder': {
      const funderId = request.funderId ?? '';
      const known = (await listProgrammes(db)).some((p) => p.funders.some((f) => f.funderId === funderId));
      if (!known) throw new ValidationError([{ index: null, path: 'funderId', message: `funderId: ${Messages.funderNotRegistered(funderId)}` }]);
      return { role: 'funder', keyId, funderId };
    }
    case 'admin': return { role: 'admin', keyId };
  }
};
