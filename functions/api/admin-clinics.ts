import { HANDLERS } from '../../infra/api-routes';
import { clinicSchema, type ClinicPayload } from '../../schemas/api/admin';
import { compileValidator } from '../core/validation/schema-validator';
import { authorized } from './handle';
import { recordAction } from './audit-trail';
import { parseBody } from './request';
import { json } from './http-response';
import { db } from '../runtime/context';
import { putClinic } from '../store/organisation-store';

const validate = compileValidator<ClinicPayload>(clinicSchema);

/** `POST /v1/admin/clinics`: an operator registers or renames a clinic. */
export const handler = authorized(HANDLERS.adminClinics.roles, async (event, principal) => {
  const clinic = parseBody(event, validate);
  const created = await putClinic(db, clinic, new Date().toISOString());
  await recordAction(principal, 'clinic.registered', { clinicId: clinic.clinicId, created });
  return json(created ? 201 : 200, { clinicId: clinic.clinicId, created });
});
