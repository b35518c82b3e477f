/** Building blocks shared by the API payload schemas. */

/** An identifier chosen by a clinic or operator: letters, digits, `.`, `_`, `-`; no spaces, so names cannot pass. */
export const identifier = {
  type: 'string',
  pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$',
} as const;

/** A clinic's own participant reference; pseudonymised before anything is stored or logged. */
export const participantRef = {
  type: 'string',
  minLength: 1,
  maxLength: 64,
  pattern: '^[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}$',
  description: "The clinic's own reference for the participant. Replaced by a keyed hash at the door; never stored.",
} as const;

/** A calendar date that exists (`2026-02-30` is rejected). */
export const isoDate = { type: 'string', format: 'date' } as const;

/** A session number within a group, 1-based. */
export const sessionNumber = { type: 'integer', minimum: 1, maximum: 200 } as const;

export const GROUP_TYPE_VALUES = ['psychoeducational', 'support', 'skill_development', 'psychotherapy'] as const;

/** Most records one batch may carry. */
export const MAX_BATCH = 500;
