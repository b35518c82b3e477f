import type { FromSchema } from 'json-schema-to-ts';
import { GROUP_TYPE_VALUES, identifier, isoDate } from './common';

export const FACILITATOR_QUALIFICATIONS = [
  'clinical_psychologist', 'counselling_psychologist', 'psychotherapist', 'counsellor',
  'cbt_therapist', 'mental_health_nurse', 'social_worker', 'occupational_therapist',
  'psychological_wellbeing_practitioner', 'peer_facilitator', 'trainee', 'other',
] as const;

/** `POST /v1/groups`: register or update a group of the caller's clinic. */
export const groupSchema = {
  $id: 'group',
  title: 'Group',
  type: 'object',
  additionalProperties: false,
  required: ['groupId', 'programmeId', 'groupType', 'startDate', 'plannedSessions', 'instruments', 'facilitatorQualification'],
  properties: {
    groupId: { ...identifier, description: 'Unique across the deployment; owned by the clinic that registers it first.' },
    programmeId: { ...identifier, description: 'A programme registered by an operator.' },
    groupType: { type: 'string', enum: GROUP_TYPE_VALUES },
    startDate: isoDate,
    endDate: { ...isoDate, description: 'Last session date when known; otherwise weekly sessions from startDate are assumed.' },
    plannedSessions: { type: 'integer', minimum: 1, maximum: 200 },
    instruments: {
      type: 'array', minItems: 1, maxItems: 12, uniqueItems: true,
      items: { type: 'string', pattern: '^[a-z0-9-]{2,32}$' },
    },
    facilitatorQualification: { type: 'string', enum: FACILITATOR_QUALIFICATIONS },
    ended: { type: 'boolean', description: 'True once the group has held its last session (or closed early).' },
  },
} as const;

export type GroupPayload = FromSchema<typeof groupSchema>;
