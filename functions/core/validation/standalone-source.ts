import standaloneModule from 'ajv/dist/standalone/index.js';
import { newAjv } from './schema-validator';

// ajv's standalone entry is CommonJS with a default export; under ESM it may arrive wrapped once more.
const standalone = ((standaloneModule as unknown as { default?: unknown }).default ?? standaloneModule) as (ajv: unknown, validate: unknown) => string;

const RUNTIME = {
  'require("ajv/dist/runtime/ucs2length").default': 'ucs2length',
  'require("ajv-formats/dist/formats").fullFormats': 'fullFormats',
} as const;

/**
 * The TypeScript module of a schema's validate function, precompiled with ajv's standalone code (same options and
 * formats as `compileValidator`), so a handler validates without compiling a schema at cold start. Its runtime
 * helpers come from `standalone-runtime.ts`; anything else it would `require` is refused.
 */
export const standaloneSource = (schema: object, schemaModule: string): string => {
  const ajv = newAjv({ code: { source: true, esm: true } });
  let code = standalone(ajv, ajv.compile(schema)).replace(/^"use strict";/, '').replace('export default validate10;', '');
  for (const [from, to] of Object.entries(RUNTIME)) code = code.split(from).join(to);
  if (code.includes('require(')) throw new Error(`Standalone code of ${schemaModule} needs a runtime module not provided: ${/require\([^)]*\)/.exec(code)?.[0]}`);
  return [
    '// @ts-nocheck',
    `// Generated from ${schemaModule} by \`npm run build:validators\` (ajv standalone code): do not edit.`,
    "import { fullFormats, ucs2length } from '../../core/validation/standalone-runtime';",
    code.trim(),
    '',
  ].join('\n');
};
