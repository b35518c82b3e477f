import type { FromSchema } from 'json-schema-to-ts';
import { identifier, sessionNumber } from './common';

/** One risk item answered above its threshold in one submitted administration (by position, never by participant). */
export const recordRiskFlagSchema = {
  title: 'RecordRiskFlag',
  type: 'object',
  additionalProperties: false,
  required: ['index', 'groupId', 'session', 'instrument', 'item', 'flag', 'meaning'],
  properties: {
    index: { type: 'integer', minimum: 0, description: 'Position of the record in the batch (CSV: the data row, counting from 0).' },
    groupId: identifier,
    session: sessionNumber,
    instrument: { type: 'string' },
    item: { type: 'integer', minimum: 1, description: 'The risk item, 1-based as on the form.' },
    flag: { type: 'string', description: 'Machine-readable name from the instrument file, e.g. phq9-item9-self-harm.' },
    meaning: { type: 'string' },
  },
} as const;
export type RecordRiskFlag = FromSchema<typeof recordRiskFlagSchema>;

/** The answer of `POST /v1/responses`: write counts and the risk flags of the submitted records. */
export const responsesReceiptSchema = {
  $id: 'responses-receipt',
  title: 'ResponsesReceipt',
  type: 'object',
  additionalProperties: false,
  required: ['accepted', 'unchanged', 'riskFlags'],
  properties: {
    accepted: { type: 'integer', minimum: 0, description: 'Records this request wrote (new or corrected).' },
    unchanged: { type: 'integer', minimum: 0, description: 'Records already stored exactly as sent.' },
    riskFlags: {
      type: 'array', items: recordRiskFlagSchema,
      description: 'Every risk item answered above its threshold (PHQ-9 item 9 > 0, CORE-10 item 6 > 0), by record index. '
        + 'Returned to the submitting clinic only and NOT monitored by anyone: the pipeline is not a crisis service; act on these flags under your own clinical risk procedures.',
    },
  },
} as const;
export type ResponsesReceipt = FromSchema<typeof responsesReceiptSchema>;

/** The answer of `GET /v1/groups/{groupId}/risk-flags`: how many stored responses of the group raised a risk flag. */
export const groupRiskFlagsSchema = {
  $id: 'group-risk-flags',
  title: 'GroupRiskFlags',
  type: 'object',
  additionalProperties: false,
  required: ['groupId', 'flaggedResponses', 'byInstrument', 'note'],
  properties: {
    groupId: identifier,
    flaggedResponses: { type: 'integer', minimum: 0, description: 'Stored responses of the group with at least one risk item above its threshold.' },
    byInstrument: { type: 'object', additionalProperties: { type: 'integer', minimum: 0 } },
    note: { type: 'string' },
  },
} as const;
export type GroupRiskFlags = FromSchema<typeof groupRiskFlagsSchema>;
