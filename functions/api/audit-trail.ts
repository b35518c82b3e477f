import type { AuditAction, AuditEntry } from '../../schemas/api/audit';
import type { Principal } from '../core/access/principal';
import { db } from '../runtime/context';
import { recordAudit } from '../store/audit-store';

/**
 * Records that an admin key did `action` to `target` (ids only) now. Called after the action succeeded, so a
 * refused request leaves no entry; an entry that cannot be written fails the request (503/500), and the
 * operator retries an action that is idempotent anyway.
 */
export const recordAction = (principal: Principal, action: AuditAction, target: AuditEntry['target'], counts?: AuditEntry['counts']): Promise<void> =>
  recordAudit(db, {
    at: new Date().toISOString(), action, actor: { keyId: principal.keyId, role: 'admin' }, target, ...(counts !== undefined && { counts }),
  });
