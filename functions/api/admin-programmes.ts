import { programmeSchema, type ProgrammePayload } from '../../schemas/api/admin';
import { compileValidator } from '../core/validation/schema-validator';
import { authorized } from './handle';
import { parseBody } from './request';
import { json } from './http-response';
import { db } from '../runtime/context';
import { putProgramme } from '../store/organisation-store';

const validate = compileValidator<ProgrammePayload>(programmeSchema);

/** `POST /v1/admin/programmes`: an operator registers a programme with its funders and completion rule. */
export const handler = authorized(['admin'], async (event) => {
  const payload = parseBody(event, validate);
  const programme = { ...payload, funders: payload.funders.map((f) => ({ ...f })) };
  const created = await putProgramme(db, programme, new Date().toISOString());
  return json(created ? 201 : 200, { programmeId: programme.programmeId, created });
});
