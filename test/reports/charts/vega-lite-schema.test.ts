import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import { compileSpec } from '../../../reports/render/render-svg';
import { fixtureChartCatalogue } from '../spec-catalogue';

// The schema shipped in the vega-lite package is JSON Schema draft-07, Ajv's default draft.
const schemaPath = createRequire(import.meta.url).resolve('vega-lite/vega-lite-schema.json');
const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as { $schema: string };
const ajv = new Ajv({ strict: false, allErrors: false });
const validate = ajv.compile(schema);
const charts = fixtureChartCatalogue();

describe('every emitted chart spec', () => {
  it('uses the draft-07 schema of the installed vega-lite', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(charts.length).toBeGreaterThan(60);
  });

  it.each(charts.map((c) => [c.name, c] as const))('%s validates against the Vega-Lite schema and compiles cleanly', (_name, chart) => {
    // Prepare
    const warnings: string[] = [];
    // Act
    const valid = validate(chart.spec);
    compileSpec(chart.spec, warnings);
    // Assess
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(warnings).toEqual([]);
  });
});
