import { createHmac } from 'node:crypto';

/**
 * Replaces a clinic's participant reference with a keyed hash (HMAC-SHA-256), scoped to the clinic so the
 * same reference at two clinics gives two unrelated pseudonyms. The raw reference is never stored or logged.
 * @example pseudonymise(secret, 'clinic-a', 'P-0042') // 'p_3f1c…' (64 hex digits)
 */
export const pseudonymise = (secret: Uint8Array, clinicId: string, participantRef: string): string => {
  if (secret.length < 32) throw new RangeError('The pseudonymisation secret must be at least 32 bytes');
  return 'p_' + createHmac('sha256', secret).update(`${clinicId}\u0000${participantRef}`, 'utf8').digest('hex');
};
