import type { FromSchema } from 'json-schema-to-ts';
import { identifier, participantRef } from './common';

/** `POST /v1/admin/clinics`. */
export const clinicSchema = {
  $id: 'clinic',
  title: 'Clinic',
  type: 'object',
  additionalProperties: false,
  required: ['clinicId', 'name'],
  properties: {
    clinicId: identifier,
    name: { type: 'string', minLength: 1, maxLength: 120 },
  },
} as const;
export type ClinicPayload = FromSchema<typeof clinicSchema>;

/** `POST /v1/admin/programmes`, with the funders that receive its reports. */
export const programmeSchema = {
  $id: 'programme',
  title: 'Programme',
  type: 'object',
  additionalProperties: false,
  required: ['programmeId', 'name', 'funders'],
  properties: {
    programmeId: identifier,
    name: { type: 'string', minLength: 1, maxLength: 120 },
    funders: {
      type: 'array', maxItems: 20,
      items: {
        type: 'object', additionalProperties: false, required: ['funderId', 'name'],
        properties: { funderId: identifier, name: { type: 'string', minLength: 1, maxLength: 120 } },
      },
    },
    completion: {
      type: 'object', additionalProperties: false,
      description: 'When a participant counts as having completed: at least minSessions attended, or else at least minShare of planned sessions (default 0.5).',
      properties: {
        minSessions: { type: 'integer', minimum: 1, maximum: 200 },
        minShare: { type: 'number', exclusiveMinimum: 0, maximum: 1 },
      },
    },
    outcomeSets: {
      type: 'object', additionalProperties: false,
      description: 'Optional outcome sets beside the per-instrument outcomes. nhsTalkingTherapies (default false): the NHS Talking Therapies set on PHQ-9 and GAD-7 jointly (caseness, finished course of two sessions, reliable improvement and deterioration, recovery, reliable recovery).',
      properties: { nhsTalkingTherapies: { type: 'boolean' } },
    },
    targets: {
      type: 'object', additionalProperties: false,
      description: 'The programme\'s own targets, shown beside its headline figures: shares in 0..1 (dropoutRate is a ceiling, the rest are floors); mainInstrument is the questionnaire its headline outcomes are read on (default: the one with the most paired participants).',
      properties: {
        mainInstrument: identifier,
        attendanceRate: { type: 'number', minimum: 0, maximum: 1 },
        completionRate: { type: 'number', minimum: 0, maximum: 1 },
        dropoutRate: { type: 'number', minimum: 0, maximum: 1 },
        reliableImprovementRate: { type: 'number', minimum: 0, maximum: 1 },
        recoveryRate: { type: 'number', minimum: 0, maximum: 1 },
      },
    },
  },
} as const;
export type ProgrammePayload = FromSchema<typeof programmeSchema>;

export const ROLES = ['admin', 'clinic', 'manager', 'funder'] as const;

/** `POST /v1/admin/keys`: issue a key for a role and its scope. */
export const keyRequestSchema = {
  $id: 'key-request',
  title: 'KeyRequest',
  type: 'object',
  additionalProperties: false,
  required: ['role'],
  properties: {
    role: { type: 'string', enum: ROLES },
    clinicId: { ...identifier, description: 'Required for role clinic.' },
    programmeIds: { type: 'array', minItems: 1, maxItems: 100, uniqueItems: true, items: identifier, description: 'Required for role manager.' },
    funderId: { ...identifier, description: 'Required for role funder.' },
    label: { type: 'string', maxLength: 80 },
  },
  allOf: [
    { if: { properties: { role: { const: 'clinic' } } }, then: { required: ['clinicId'], properties: { clinicId: true } } },
    { if: { properties: { role: { const: 'manager' } } }, then: { required: ['programmeIds'], properties: { programmeIds: true } } },
    { if: { properties: { role: { const: 'funder' } } }, then: { required: ['funderId'], properties: { funderId: true } } },
  ],
} as const;
export type KeyRequest = FromSchema<typeof keyRequestSchema>;

/** `POST /v1/admin/erasures`: erase every record of one participant of one clinic. */
export const erasureSchema = {
  $id: 'erasure',
  title: 'Erasure',
  type: 'object',
  additionalProperties: false,
  required: ['clinicId', 'participantRef'],
  properties: { clinicId: identifier, participantRef },
} as const;
export type ErasurePayload = FromSchema<typeof erasureSchema>;
