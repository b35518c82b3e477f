import { HANDLERS } from '../../infra/api-routes';
import { erasureSchema, type ErasurePayload } from '../../schemas/api/admin';
import { compileValidator } from '../core/validation/schema-validator';
import { pseudonymise } from '../core/pseudonymise';
import { authorized } from './handle';
import { recordAction } from './audit-trail';
import { parseBody } from './request';
import { json } from './http-response';
import { db } from '../runtime/context';
import { logger } from '../runtime/logger';
import { pseudonymSecret } from '../runtime/pseudonym-secret';
import { eraseParticipant } from '../store/participant-store';
import { clinicExists } from '../store/organisation-store';
import { NotFoundError } from './errors';
import { Messages } from '../core/messages';

const validate = compileValidator<ErasurePayload>(erasureSchema);

/**
 * `POST /v1/admin/erasures`: erase every record of one participant of one clinic (a subject's request).
 * Their groups are recomputed on the next nightly run. The reference is hashed, never logged.
 */
export const handler = authorized(HANDLERS.adminErasures.roles, async (event, principal) => {
  const request = parseBody(event, validate);
  // A typo in the clinic id must not look like a completed erasure.
  if (!(await clinicExists(db, request.clinicId))) throw new NotFoundError(Messages.clinicNotRegistered(request.clinicId));
  const pid = pseudonymise(await pseudonymSecret(), request.clinicId, request.participantRef);
  const result = await eraseParticipant(db, pid, new Date().toISOString());
  logger.info('Participant erased', { clinicId: request.clinicId, deleted: result.deleted, groups: result.groups });
  // Who erased whom is not recorded: only the clinic and how much went (the reference would be health data).
  await recordAction(principal, 'erasure', { clinicId: request.clinicId }, { records: result.deleted, groups: result.groups });
  return json(200, { erased: result.deleted, groupsToRecompute: result.groups });
});
