import type { JSONSchemaType } from 'ajv';
import type { InstrumentDefinition } from './instrument-definition';

const range = {
  type: 'object',
  properties: { min: { type: 'number' }, max: { type: 'number' } },
  required: ['min', 'max'],
  additionalProperties: false,
} as const;

/**
 * JSON Schema of an instrument definition, type-checked against `InstrumentDefinition` so the two cannot drift.
 * `schemas/instrument.schema.json` is this object written out; a test keeps them equal.
 */
export const instrumentSchema: JSONSchemaType<InstrumentDefinition> = {
  $id: 'https://resilience-outcomes.example/schemas/instrument.schema.json',
  title: 'Instrument definition',
  description: 'Item ids and scoring rules of one questionnaire (never item wording), with the provenance of every number.',
  type: 'object',
  properties: {
    $schema: { type: 'string', nullable: true },
    id: { type: 'string', pattern: '^[a-z][a-z0-9-]*$' },
    version: { type: 'string', pattern: '^[0-9]+\\.[0-9]+\\.[0-9]+$' },
    name: { type: 'string', minLength: 1 },
    items: { type: 'array', items: { type: 'string', pattern: '^[a-z0-9_-]+$' }, minItems: 1, uniqueItems: true },
    minItems: { type: 'integer', minimum: 1 },
    answers: {
      type: 'object',
      properties: { min: { type: 'number' }, max: { type: 'number' }, decimals: { type: 'integer', minimum: 0, maximum: 2 } },
      required: ['min', 'max', 'decimals'],
      additionalProperties: false,
    },
    reversedItems: { type: 'array', items: { type: 'integer', minimum: 1 }, uniqueItems: true },
    scoring: {
      type: 'object',
      properties: {
        method: { type: 'string', enum: ['sum', 'mean', 'table'] },
        table: { type: 'array', items: { type: 'number' }, nullable: true, minItems: 2 },
      },
      required: ['method'],
      additionalProperties: false,
    },
    rawRange: range,
    scoreRange: range,
    direction: { type: 'string', enum: ['higher-is-better', 'lower-is-better'] },
    cutOff: {
      type: 'object',
      nullable: true,
      properties: {
        value: { type: 'number' },
        caseWhen: { type: 'string', enum: ['at-or-above', 'above', 'below', 'at-or-below'] },
        label: { type: 'string', minLength: 1 },
      },
      required: ['value', 'caseWhen', 'label'],
      additionalProperties: false,
    },
    bands: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          label: { type: 'string', minLength: 1 },
          min: { type: 'number' },
          max: { type: 'number' },
          minExclusive: { type: 'boolean' },
          maxExclusive: { type: 'boolean' },
        },
        required: ['label', 'min', 'max', 'minExclusive', 'maxExclusive'],
        additionalProperties: false,
      },
    },
    reliableChange: {
      type: 'object',
      properties: {
        threshold: { type: 'number', exclusiveMinimum: 0, nullable: true },
        sd: { type: 'number', exclusiveMinimum: 0, nullable: true },
        reliability: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1, nullable: true },
      },
      required: [],
      additionalProperties: false,
    },
    missing: {
      type: 'object',
      properties: {
        maxMissing: { type: 'integer', minimum: 0 },
        handling: { type: 'string', enum: ['prorate', 'invalid'] },
      },
      required: ['maxMissing', 'handling'],
      additionalProperties: false,
    },
    riskItems: {
      type: 'array',
      items: {
        type: 'object',
        properties: { item: { type: 'integer', minimum: 1 }, flagAbove: { type: 'number' } },
        required: ['item', 'flagAbove'],
        additionalProperties: false,
      },
    },
    licence: {
      type: 'object',
      properties: {
        status: { type: 'string', enum: ['free', 'free-with-registration', 'free-non-commercial', 'paid-per-use'] },
        requiresRecordedLicence: { type: 'boolean' },
        note: { type: 'string' },
      },
      required: ['status', 'requiresRecordedLicence', 'note'],
      additionalProperties: false,
    },
    provenance: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        properties: {
          field: { type: 'string', minLength: 1 },
          source: { type: 'string', minLength: 1 },
          verified: { type: 'boolean' },
        },
        required: ['field', 'source', 'verified'],
        additionalProperties: false,
      },
    },
  },
  required: [
    'id', 'version', 'name', 'items', 'minItems', 'answers', 'reversedItems', 'scoring', 'rawRange', 'scoreRange',
    'direction', 'bands', 'reliableChange', 'missing', 'riskItems', 'licence', 'provenance',
  ],
  additionalProperties: false,
};
