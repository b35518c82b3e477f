import { Ajv, type Options } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { validatorOf, type SchemaValidator } from './validation-problems';

export type { SchemaValidator, Validated } from './validation-problems';

// ajv-formats is CommonJS; under ESM its default import is the plugin function itself.
const addFormats = addFormatsModule as unknown as (ajv: Ajv, options: { mode: 'full'; formats: string[] }) => Ajv;

// strictRequired is off: conditional `then: { required }` names properties declared at the top level.
const OPTIONS: Options = { allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true };

/** A new ajv with the project's options and formats ("full" mode checks that dates exist: 2026-02-30 fails). */
export const newAjv = (extra: Options = {}): Ajv => addFormats(new Ajv({ ...OPTIONS, ...extra }), { mode: 'full', formats: ['date', 'date-time'] });

const ajv = newAjv();

/**
 * Compiles a JSON Schema once (call at module scope) into a validator whose problems name the field:
 * `{ index: 3, path: 'records/3/date', message: 'records/3/date: "2026-02-30" is not a date that exists (YYYY-MM-DD)' }`.
 * The hot ingest handlers use validators precompiled at build time instead (functions/api/validators/).
 */
export const compileValidator = <T>(schema: object): SchemaValidator<T> => validatorOf<T>(ajv.compile(schema));
