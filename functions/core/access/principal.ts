import type { ROLES } from '../../../schemas/api/admin';

export type Role = (typeof ROLES)[number];

/** Who is calling, as established by the authorizer from the API key. */
export type Principal =
  | { role: 'admin'; keyId: string }
  | { role: 'clinic'; keyId: string; clinicId: string }
  | { role: 'manager'; keyId: string; programmeIds: readonly string[] }
  | { role: 'funder'; keyId: string; funderId: string };

/** The flat string map API Gateway carries from the authorizer to the handler. */
export type PrincipalContext = Record<string, string>;

/** Flattens a principal for the authorizer response context (values must be strings). */
export const toContext = (principal: Principal): PrincipalContext => {
  switch (principal.role) {
    case 'admin': return { role: 'admin', keyId: principal.keyId };
    case 'clinic': return { role: 'clinic', keyId: principal.keyId, clinicId: principal.clinicId };
    case 'manager': return { role: 'manager', keyId: principal.keyId, programmeIds: principal.programmeIds.join(',') };
    case 'funder': return { role: 'funder', keyId: principal.keyId, funderId: principal.funderId };
  }
};

/** Reads the principal back from the authorizer context; null when the context is absent or malformed. */
export const fromContext = (context: unknown): Principal | null => {
  if (context === null || typeof context !== 'object') return null;
  const c = context as Record<string, unknown>;
  const keyId = c['keyId'];
  if (typeof keyId !== 'string' || keyId === '') return null;
  const text = (name: string): string | null => (typeof c[name] === 'string' && c[name] !== '' ? (c[name] as string) : null);
  switch (c['role']) {
    case 'admin': return { role: 'admin', keyId };
    case 'clinic': { const clinicId = text('clinicId'); return clinicId === null ? null : { role: 'clinic', keyId, clinicId }; }
    case 'manager': {
      const ids = text('programmeIds');
      return ids === null ? null : { role: 'manager', keyId, programmeIds: ids.split(',') };
    }
    case 'funder': { const funderId = text('funderId'); return funderId === null ? null : { role: 'funder', keyId, funderId }; }
    default: return null;
  }
};
