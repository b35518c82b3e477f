import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { definitionProblems, instrumentSchema, listInstruments } from '../../../functions/core/instruments';
import type { InstrumentDefinition } from '../../../functions/core/instruments';

const ROOT = join(import.meta.dirname, '../../..');
const DIR = join(ROOT, 'schemas/instruments');
const files = readdirSync(DIR).filter((name) => name.endsWith('.json')).sort();
const read = (name: string): unknown => JSON.parse(readFileSync(join(DIR, name), 'utf8'));
const schemaFile = JSON.parse(readFileSync(join(ROOT, 'schemas/instrument.schema.json'), 'utf8')) as Record<string, unknown>;
const validate = new Ajv({ allErrors: true, strict: true }).compile(instrumentSchema);

const phq9 = read('phq9.json') as InstrumentDefinition;
const swemwbs = read('swemwbs.json') as InstrumentDefinition;

describe('instrument definition files', () => {
  it('ships one file per registered instrument', () => {
    // Prepare
    const registered = listInstruments({ includeDisabled: true }).map((def) => `${def.id}.json`).sort();

    // Act & Assess
    expect(files).toEqual(registered);
    expect(files).toHaveLength(11);
  });

  it('keeps schemas/instrument.schema.json equal to the schema type-checked against InstrumentDefinition', () => {
    // Act
    const { $schema, ...published } = schemaFile;

    // Assess: regenerate the file from instrument-schema.ts if this fails
    expect($schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(published).toEqual(instrumentSchema);
  });

  it.each(files)('validates %s against the schema', (name) => {
    // Act
    const valid = validate(read(name));

    // Assess
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it.each(files)('finds %s internally consistent', (name) => {
    expect(definitionProblems(read(name) as InstrumentDefinition)).toEqual([]);
  });

  it.each(files)('gives %s a provenance and marks unverified numbers', (name) => {
    // Prepare
    const def = read(name) as InstrumentDefinition;

    // Assess: every definition names its sources; an unverified entry is explicit, never implied
    expect(def.provenance.length).toBeGreaterThan(0);
    for (const entry of def.provenance) expect(typeof entry.verified).toBe('boolean');
  });
});

describe('deliberately broken definitions', () => {
  const broken: [string, unknown][] = [
    ['a missing id', { ...phq9, id: undefined }],
    ['an unknown property (item wording must not slip in)', { ...phq9, wording: ['Little interest or pleasure'] }],
    ['an unknown direction', { ...phq9, direction: 'up' }],
    ['an unknown scoring method', { ...phq9, scoring: { method: 'median', table: null } }],
    ['a reliability of 1', { ...phq9, reliableChange: { threshold: null, sd: 5, reliability: 1 } }],
    ['a negative missing allowance', { ...phq9, missing: { maxMissing: -1, handling: 'prorate' } }],
    ['a non-integer reversed item', { ...phq9, reversedItems: [1.5] }],
    ['duplicate item ids', { ...phq9, items: ['1', '1'] }],
    ['no provenance', { ...phq9, provenance: [] }],
    ['a cut-off without its side', { ...phq9, cutOff: { value: 10, label: 'case' } }],
    ['a band without bounds', { ...phq9, bands: [{ label: 'all' }] }],
    ['a version that is not semantic', { ...phq9, version: 'v1' }],
  ];

  it.each(broken)('rejects a definition with %s', (_, def) => {
    expect(validate(def)).toBe(false);
  });

  const inconsistent: [string, InstrumentDefinition, RegExp][] = [
    ['a short conversion table', { ...swemwbs, scoring: { method: 'table', table: swemwbs.scoring.table?.slice(1) ?? [] } }, /28 rows/],
    ['a reversed item beyond the form', { ...phq9, reversedItems: [10] }, /reversed item 10/],
    ['a risk item beyond the form', { ...phq9, riskItems: [{ item: 12, flagAbove: 0 }] }, /risk item 12/],
    ['a raw range that does not follow from the items', { ...phq9, rawRange: { min: 0, max: 30 } }, /rawRange/],
    ['bands with a gap', { ...phq9, bands: phq9.bands.filter((b) => b.label !== 'mild') }, /gap or overlap/],
    ['bands that stop short', { ...phq9, bands: phq9.bands.slice(0, -1) }, /maximum score/],
    ['no item left to score', { ...phq9, missing: { maxMissing: 9, handling: 'prorate' } }, /no item/],
  ];

  it.each(inconsistent)('finds %s inconsistent', (_, def, message) => {
    expect(definitionProblems(def).join('\n')).toMatch(message);
  });
});
