import type { ErrorObject } from 'ajv';
import type { Problem } from './problem';

/** The outcome of validating unknown input: the typed value, or every problem found. */
export type Validated<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

/** A compiled validator: call it with unknown input. */
export type SchemaValidator<T> = (input: unknown) => Validated<T>;

/** An ajv validate function, compiled at run time or precompiled to standalone code at build time. */
export interface AjvValidate {
  (input: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/**
 * A validator whose problems name the field, from an ajv validate function:
 * `{ index: 3, path: 'records/3/date', message: 'records/3/date: "2026-02-30" is not a date that exists (YYYY-MM-DD)' }`.
 * This module does not load ajv, so a handler with a precompiled validate function carries no schema compiler.
 */
export const validatorOf = <T>(validate: AjvValidate): SchemaValidator<T> => (input) => {
  if (validate(input)) return { ok: true, value: input as T };
  return { ok: false, problems: toProblems(validate.errors ?? [], input) };
};

const toProblems = (errors: readonly ErrorObject[], input: unknown): Problem[] => {
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const error of errors) {
    // if/then wrappers repeat the inner error; the inner one is clearer.
    if (error.keyword === 'if') continue;
    const path = pathOf(error);
    const problem = { index: indexOf(path), path, message: `${path || 'body'}: ${describe(error, valueAt(input, error.instancePath))}` };
    const key = `${problem.path}|${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return problems;
};

const pathOf = (error: ErrorObject): string => {
  const base = error.instancePath.replace(/^\//, '');
  if (error.keyword === 'required') return joinPath(base, String(error.params['missingProperty']));
  if (error.keyword === 'additionalProperties') return joinPath(base, String(error.params['additionalProperty']));
  return base;
};

const joinPath = (base: string, leaf: string): string => (base === '' ? leaf : `${base}/${leaf}`);

/** The record index of a batch path such as `records/3/date`. */
const indexOf = (path: string): number | null => {
  const match = /^[A-Za-z]+\/(\d+)(\/|$)/.exec(path);
  return match === null ? null : Number(match[1]);
};

const valueAt = (input: unknown, pointer: string): unknown => {
  let current = input;
  for (const part of pointer.split('/').slice(1)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return current;
};

const show = (value: unknown): string => {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    // A value nested thousands deep overflows the stack; it is wrong whatever it holds.
    return 'a value nested too deeply to show';
  }
  if (text === undefined) return String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
};

const describe = (error: ErrorObject, value: unknown): string => {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required': return 'is required';
    case 'additionalProperties': return 'is not an allowed field (unknown fields are rejected so no personal data slips in)';
    case 'type': return `must be ${String(p['type']).replace(',', ' or ')}, got ${show(value)}`;
    case 'enum': return `must be one of ${(p['allowedValues'] as unknown[]).map(show).join(', ')}, got ${show(value)}`;
    case 'const': return `must be ${show(p['allowedValue'])}`;
    case 'format':
      return p['format'] === 'date'
        ? `${show(value)} is not a date that exists (YYYY-MM-DD)`
        : `${show(value)} is not a valid ${String(p['format'])}`;
    case 'pattern': return `${show(value)} has characters or a length that are not allowed (pattern ${String(p['pattern'])})`;
    case 'minimum': return `must be at least ${String(p['limit'])}, got ${show(value)}`;
    case 'maximum': return `must be at most ${String(p['limit'])}, got ${show(value)}`;
    case 'exclusiveMinimum': return `must be greater than ${String(p['limit'])}, got ${show(value)}`;
    case 'exclusiveMaximum': return `must be less than ${String(p['limit'])}, got ${show(value)}`;
    case 'minLength': return `must be at least ${String(p['limit'])} characters long`;
    case 'maxLength': return `must be at most ${String(p['limit'])} characters long`;
    case 'minItems': return `must have at least ${String(p['limit'])} entries`;
    case 'maxItems': return `must have at most ${String(p['limit'])} entries (got ${Array.isArray(value) ? value.length : '?'}); split the batch`;
    case 'uniqueItems': {
      // Ajv's order of i and j depends on the item type; the caller wants them in list order.
      const [first, second] = [Number(p['i']), Number(p['j'])].sort((a, b) => a - b);
      return `must not repeat entries (entries ${String(first)} and ${String(second)} are the same)`;
    }
    default: return error.message ?? 'is not valid';
  }
};
