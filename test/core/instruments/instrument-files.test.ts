import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { definitionProblems, instrumentSchema, listInstruments, valueSources } from '../../../functions/core/instruments';
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

  it.each(files)('gives every sourced value of %s a citation and a status', (name) => {
    // Act
    const sources = valueSources(read(name) as InstrumentDefinition);

    // Assess: scoring, reliable change, missing items and licence always; cut-off, bands, risk items where present
    expect(sources.map((s) => s.value)).toEqual(expect.arrayContaining(['reliable change', 'missing items', 'licence']));
    for (const s of sources) {
      expect(s.citation.length).toBeGreaterThan(0);
      expect(['verified', 'secondary', 'unverified']).toContain(s.status);
    }
  });
});

describe('honest source statuses', () => {
  const status = (id: string, value: string): string | undefined =>
    valueSources(read(`${id}.json`) as InstrumentDefinition).find((s) => s.value === value)?.status;

  it('marks values resting on secondary evidence as secondary, not verified', () => {
    expect(status('swemwbs', 'conversion table')).toBe('secondary');
    expect(status('swemwbs', 'licence')).toBe('secondary');
    expect(status('wemwbs', 'licence')).toBe('secondary');
    expect(status('brs', "band 'low'")).toBe('secondary');
  });

  it('marks the thresholds nobody has checked as unverified', () => {
    expect(status('wemwbs', 'reliable change')).toBe('unverified');
    expect(status('gbo', 'reliable change')).toBe('unverified');
    expect(status('gsrs', 'cut-off')).toBe('unverified');
  });

  it('attributes the K10 bands to CRUfAD (Coombs 2011), not Andrews & Slade 2001', () => {
    const k10 = read('k10.json') as InstrumentDefinition;
    for (const band of k10.bands) expect(band.source.citation).toMatch(/^Bands .*CRUfAD bands \(Coombs 2011\), not Andrews & Slade 2001/);
  });

  it('states the confidence level of every reliable-change threshold: CORE-10 at 90 %, the others at 95 %', () => {
    const confidence = Object.fromEntries(files.map((name) => {
      const def = read(name) as InstrumentDefinition;
      return [def.id, def.reliableChange.confidence];
    }));
    expect(confidence).toMatchObject({ core10: 0.9, phq9: 0.95, gad7: 0.95, ors: 0.95, swemwbs: 0.95, brs: 0.95 });
    expect(Object.entries(confidence).filter(([, c]) => c !== 0.95).map(([id]) => id)).toEqual(['core10']);
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
    ['a cut-off without a source', { ...phq9, cutOff: { value: 10, caseWhen: 'at-or-above', label: 'case' } }],
    ['a band without a source', { ...phq9, bands: phq9.bands.map(({ source: _, ...band }) => band) }],
    ['a source status outside verified / secondary / unverified', { ...phq9, licence: { ...phq9.licence, source: { citation: 'x', status: 'published' } } }],
    ['a reliable change without a confidence level', { ...phq9, reliableChange: { threshold: 6, source: phq9.reliableChange.source } }],
    ['a licence without a source', { ...phq9, licence: { status: 'free', requiresRecordedLicence: false, note: '' } }],
    ['a risk item without its meaning', { ...phq9, riskItems: [{ item: 9, flagAbove: 0, flag: 'x', source: phq9.reliableChange.source }] }],
    ['a cut-off without its side', { ...phq9, cutOff: { value: 10, label: 'case' } }],
    ['a band without bounds', { ...phq9, bands: [{ label: 'all' }] }],
    ['a version that is not semantic', { ...phq9, version: 'v1' }],
  ];

  it.each(broken)('rejects a definition with %s', (_, def) => {
    expect(validate(def)).toBe(false);
  });

  const inconsistent: [string, InstrumentDefinition, RegExp][] = [
    ['a short conversion table', { ...swemwbs, scoring: { ...swemwbs.scoring, table: swemwbs.scoring.table?.slice(1) ?? [] } }, /28 rows/],
    ['a reversed item beyond the form', { ...phq9, reversedItems: [10] }, /reversed item 10/],
    ['a risk item beyond the form', { ...phq9, riskItems: phq9.riskItems.map((r) => ({ ...r, item: 12 })) }, /risk item 12/],
    ['a process measure with a reliable-change threshold', { ...(read('gsrs.json') as InstrumentDefinition), reliableChange: { ...phq9.reliableChange, threshold: 5 } }, /process measure/],
    ['a reverse-scored risk item', { ...phq9, reversedItems: [9] }, /risk item 9 is reverse-scored/],
    ['a derived reliable change at 90 %', { ...phq9, reliableChange: { ...phq9.reliableChange, threshold: null, sd: 5, reliability: 0.8, confidence: 0.9 } }, /95 %/],
    ['a raw range that does not follow from the items', { ...phq9, rawRange: { min: 0, max: 30 } }, /rawRange/],
    ['bands with a gap', { ...phq9, bands: phq9.bands.filter((b) => b.label !== 'mild') }, /gap or overlap/],
    ['bands that stop short', { ...phq9, bands: phq9.bands.slice(0, -1) }, /maximum score/],
    ['no item left to score', { ...phq9, missing: { ...phq9.missing, maxMissing: 9, handling: 'prorate' } }, /no item/],
  ];

  it.each(inconsistent)('finds %s inconsistent', (_, def, message) => {
    expect(definitionProblems(def).join('\n')).toMatch(message);
  });
});
