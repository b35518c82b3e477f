import { HANDLERS } from '../../infra/api-routes';
import { programmeSchema, type ProgrammePayload } from '../../schemas/api/admin';
import { compileValidator } from '../core/validation/schema-validator';
import { authorized } from './handle';
import { recordAction } from './audit-trail';
import { parseBody } from './request';
import { json } from './http-response';
import { db } from '../runtime/context';
import { putProgramme } from '../store/organisation-store';
import { markGroupsChanged } from '../store/group-store';
import { listGroupStats } from '../store/stats-store';
import { contentHash } from '../core/ingest/content-hash';

const validate = compileValidator<ProgrammePayload>(programmeSchema);

/** `POST /v1/admin/programmes`: an operator registers a programme with its funders and completion rule. */
export const handler = authorized(HANDLERS.adminProgrammes.roles, async (event, principal) => {
  const payload = parseBody(event, validate);
  const programme = { ...payload, funders: payload.funders.map((f) => ({ ...f })) };
  const now = new Date().toISOString();
  const { created, previous } = await putProgramme(db, programme, now);
  // A new completion rule changes every group's completion and drop-out figures, and switching an outcome set on or
  // off adds or removes its figures: recompute them tonight.
  let groupsToRecompute = 0;
  const settings = (p: { completion?: unknown; outcomeSets?: { nhsTalkingTherapies?: boolean } }) =>
    contentHash({ completion: p.completion ?? null, nhsTalkingTherapies: p.outcomeSets?.nhsTalkingTherapies === true });
  if (previous !== undefined && settings(previous) !== settings(programme)) {
    const groupIds = (await listGroupStats(db, programme.programmeId)).map((g) => g.groupId);
    await markGroupsChanged(db, groupIds, now);
    groupsToRecompute = groupIds.length;
  }
  await recordAction(principal, 'programme.registered', { programmeId: programme.programmeId, created }, { groups: groupsToRecompute });
  return json(created ? 201 : 200, { programmeId: programme.programmeId, created, groupsToRecompute });
});
