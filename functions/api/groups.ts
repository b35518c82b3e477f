import { HANDLERS } from '../../infra/api-routes';
import { groupSchema, type GroupPayload } from '../../schemas/api/group';
import { compileValidator } from '../core/validation/schema-validator';
import { checkGroup } from '../core/ingest/check-group';
import { contentHash } from '../core/ingest/content-hash';
import { Messages } from '../core/messages';
import { authorized } from './handle';
import { idempotent } from './idempotent';
import { parseBody } from './request';
import { json } from './http-response';
import { ConflictError, ValidationError } from './errors';
import { instrumentProblem } from './instrument-access';
import { db } from '../runtime/context';
import { putGroup } from '../store/group-store';
import { programmeExists } from '../store/organisation-store';
import { ConditionFailedError } from '../store/store-errors';

const validate = compileValidator<GroupPayload>(groupSchema);

/** `POST /v1/groups`: a clinic registers or updates one of its groups. */
export const handler = authorized(HANDLERS.groups.roles, idempotent(async (event, principal) => {
  const payload = parseBody(event, validate);
  const problems = checkGroup(payload, await programmeExists(db, payload.programmeId), instrumentProblem);
  if (problems.length > 0) throw new ValidationError(problems);
  const group = { ...payload, instruments: [...payload.instruments], ended: payload.ended ?? false, clinicId: principal.clinicId };
  try {
    const outcome = await putGroup(db, group, contentHash(group), new Date().toISOString());
    return json(200, { groupId: group.groupId, accepted: outcome === 'unchanged' ? 0 : 1, unchanged: outcome === 'unchanged' ? 1 : 0, outcome });
  } catch (error) {
    // Ids are one namespace across the organisation: the caller learns only that this one is in use, not by whom.
    if (error instanceof ConditionFailedError) throw new ConflictError(Messages.groupIdInUse(group.groupId), { cause: error });
    throw error;
  }
}));
