import type { JSONSchemaType } from 'ajv';
import type { InstrumentDefinition } from './instrument-definition';

const range = {
  type: 'object',
  properties: { min: { type: 'number' }, max: { type: 'number' } },
  required: ['min', 'max'],
  additionalProperties: false,
} as const;

// Every value that rests on a source carries it: citation plus how far it has been checked.
const source = {
  type: 'object',
  properties: {
    citation: { type: 'string', minLength: 1 },
    status: { type: 'string', enum: ['verified', 'secondary', 'unverified'] },
  },
  required: ['citation', 'status'],
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
        source,
      },
      required: ['method', 'source'],
      additionalProperties: false,
    },
    rawRange: range,
    scoreRange: range,
    direction: { type: 'string', enum: ['higher-is-better', 'lower-is-better'] },
    measureType: { type: 'string', enum: ['outcome', 'process'] },
    cutOff: {
      type: 'object',
      nullable: true,
      properties: {
        value: { type: 'number' },
        caseWhen: { type: 'string', enum: ['at-or-above', 'above', 'below', 'at-or-below'] },
        label: { type: 'string', minLength: 1 },
        source,
      },
      required: ['value', 'caseWhen', 'label', 'source'],
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
          source,
        },
        required: ['label', 'min', 'max', 'minExclusive', 'maxExclusive', 'source'],
        additionalProperties: false,
      },
    },
    reliableChange: {
      type: 'object',
      properties: {
        threshold: { type: 'number', exclusiveMinimum: 0, nullable: true },
        sd: { type: 'number', exclusiveMinimum: 0, nullable: true },
        reliability: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1, nullable: true },
        confidence: { type: 'number', enum: [0.9, 0.95] },
        source,
      },
      required: ['confidence', 'source'],
      additionalProperties: false,
    },
    missing: {
      type: 'object',
      properties: {
        maxMissing: { type: 'integer', minimum: 0 },
        handling: { type: 'string', enum: ['prorate', 'invalid'] },
        source,
      },
      required: ['maxMissing', 'handling', 'source'],
      additionalProperties: false,
    },
    riskItems: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          item: { type: 'integer', minimum: 1 },
          flagAbove: { type: 'number' },
          flag: { type: 'string', pattern: '^[a-z0-9-]+$' },
          meaning: { type: 'string', minLength: 1 },
          source,
        },
        required: ['item', 'flagAbove', 'flag', 'meaning', 'source'],
        additionalProperties: false,
      },
    },
    licence: {
      type: 'object',
      properties: {
        status: { type: 'string', enum: ['free', 'free-with-registration', 'free-non-commercial', 'paid-per-use'] },
        requiresRecordedLicence: { type: 'boolean' },
        note: { type: 'string' },
        source,
      },
      required: ['status', 'requiresRecordedLicence', 'note', 'source'],
      additionalProperties: false,
    },
    provenance: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          field: { type: 'string', minLength: 1 },
          citation: { type: 'string', minLength: 1 },
          status: { type: 'string', enum: ['verified', 'secondary', 'unverified'] },
        },
        required: ['field', 'citation', 'status'],
        additionalProperties: false,
      },
    },
  },
  required: [
    'id', 'version', 'name', 'items', 'minItems', 'answers', 'reversedItems', 'scoring', 'rawRange', 'scoreRange',
    'direction', 'measureType', 'bands', 'reliableChange', 'missing', 'riskItems', 'licence', 'provenance',
  ],
  additionalProperties: false,
};
