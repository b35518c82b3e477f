import type { FromSchema } from 'json-schema-to-ts';
import { MAX_BATCH, identifier, isoDate, participantRef, sessionNumber } from './common';

/** `POST /v1/responses`: a batch of questionnaire administrations, written all or nothing. */
export const responsesBatchSchema = {
  $id: 'responses-batch',
  title: 'ResponsesBatch',
  type: 'object',
  additionalProperties: false,
  required: ['responses'],
  properties: {
    responses: {
      type: 'array', minItems: 1, maxItems: MAX_BATCH,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['groupId', 'participantRef', 'instrument', 'administeredOn', 'session', 'items'],
        properties: {
          groupId: identifier,
          participantRef,
          instrument: { type: 'string', pattern: '^[a-z0-9-]{2,32}$' },
          administeredOn: isoDate,
          session: sessionNumber,
          items: {
            type: 'array', minItems: 1, maxItems: 50,
            description: "Item answers in the instrument's item order; null for a missing answer. Checked against the instrument definition.",
            items: { type: ['number', 'null'] },
          },
        },
      },
    },
  },
} as const;

export type ResponsesBatch = FromSchema<typeof responsesBatchSchema>;
export type ResponseRecord = ResponsesBatch['responses'][number];
