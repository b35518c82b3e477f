import { HANDLERS } from '../../infra/api-routes';
import type { GroupRiskFlags } from '../../schemas/api/risk-flags';
import { countRiskFlagged } from '../core/ingest/batch-risk-flags';
import { Messages } from '../core/messages';
import { ScoreFlag } from '../core/scoring/score-flag';
import { authorized } from './handle';
import { pathParameter } from './request';
import { json } from './http-response';
import { NotFoundError } from './errors';
import { db } from '../runtime/context';
import { getGroup } from '../store/group-store';
import { readResponseFlags } from '../store/group-records';

/**
 * `GET /v1/groups/{groupId}/risk-flags`: how many stored responses of the group raised a risk flag, for the clinic
 * that owns the group only. Every other caller (another clinic, a manager, a funder, an operator) and an unknown id
 * get the same 404, so the answer says nothing about whose group it is or whether it exists.
 */
export const handler = authorized(HANDLERS.groupRiskFlags.roles, async (event, principal) => {
  const groupId = pathParameter(event, 'groupId');
  const group = principal.role === 'clinic' ? await getGroup(db, groupId) : undefined;
  if (group === undefined || principal.role !== 'clinic' || group.clinicId !== principal.clinicId) {
    throw new NotFoundError(Messages.groupNotVisible(groupId));
  }
  const counts = countRiskFlagged(await readResponseFlags(db, groupId), ScoreFlag.risk);
  const body: GroupRiskFlags = { groupId, ...counts, note: Messages.riskFlagsNote };
  return json(200, body);
});
