import fc from 'fast-check';
import { buildOpenApi } from '../../../schemas/openapi';

type Json = unknown;
type Schema = Record<string, unknown>;

/** One operation of the OpenAPI document, as the fuzzer needs it. */
export interface FuzzOperation {
  id: string;
  method: string;
  path: string;
  pathParameters: { name: string; schema: Schema }[];
  query: { name: string; schema: Schema }[];
  headers: { name: string; schema: Schema }[];
  bodySchema?: Schema;
  takesCsv: boolean;
  /** Roles the description says the operation admits (empty: no key needed). */
  roles: string[];
}

/** One generated request: raw bytes and headers, so invalid UTF-8 and wrong content types are possible. */
export interface FuzzRequest {
  operation: string;
  kind: string;
  caller: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

const doc = buildOpenApi() as unknown as { paths: Record<string, Record<string, Schema>>; components: { schemas: Record<string, Schema> } };

/** Follows `$ref`s into the document's components. */
export const resolve = (schema: unknown): Schema => {
  let at = (schema ?? {}) as Schema;
  while (typeof at['$ref'] === 'string') at = doc.components.schemas[String(at['$ref']).split('/').pop() ?? ''] ?? {};
  return at;
};

/** Every operation of the document. */
export const operationsOf = (): FuzzOperation[] => Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => {
  const parameters = (op['parameters'] ?? []) as { name: string; in: string; schema: Schema }[];
  const content = ((op['requestBody'] as Schema | undefined)?.['content'] ?? {}) as Record<string, { schema: Schema }>;
  const who = /Who may call it: ([^.;]*)/.exec(String(op['description']))?.[1] ?? '';
  return {
    id: `${method.toUpperCase()} ${path}`, method: method.toUpperCase(), path,
    pathParameters: parameters.filter((p) => p.in === 'path'),
    query: parameters.filter((p) => p.in === 'query'),
    headers: parameters.filter((p) => p.in === 'header'),
    ...(content['application/json'] && { bodySchema: resolve(content['application/json'].schema) }),
    takesCsv: content['text/csv'] !== undefined,
    roles: who.startsWith('anyone') ? [] : who.replace(/ keys$/, '').split(', '),
  };
}));

/** The schema of the node at `path` inside a value of `schema` (objects' properties, arrays' items), if declared. */
export const schemaAt = (schema: Schema | undefined, path: readonly (string | number)[]): Schema | undefined => {
  let at: Schema | undefined = schema === undefined ? undefined : resolve(schema);
  for (const step of path) {
    if (at === undefined) return undefined;
    if (typeof step === 'number') at = at['items'] === undefined ? undefined : resolve(at['items']);
    else at = (at['properties'] as Record<string, Schema> | undefined)?.[step] === undefined ? undefined : resolve((at['properties'] as Record<string, Schema>)[step]);
  }
  return at;
};

/** Every path (list of keys) inside a JSON value, the root included. */
export const pathsOf = (value: Json, at: (string | number)[] = []): (string | number)[][] => {
  if (Array.isArray(value)) return [at, ...value.flatMap((v, i) => pathsOf(v, [...at, i]))];
  if (value !== null && typeof value === 'object') return [at, ...Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...at, k]))];
  return [at];
};

/** A copy of `value` with the node at `path` replaced (or removed when `replacement` is undefined). */
export const replaced = (value: Json, path: readonly (string | number)[], replacement: Json): Json => {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  const copy = (Array.isArray(value) ? [...value] : { ...(value as Record<string, Json>) }) as Record<string | number, Json>;
  if (rest.length === 0 && replacement === undefined) {
    if (Array.isArray(copy)) (copy as unknown as Json[]).splice(Number(head), 1);
    else delete copy[head];
  } else copy[head] = replaced(copy[head], rest, replacement);
  return copy;
};

// A token placed in JSON and swapped for raw text afterwards: JSON.stringify cannot write 1e999 or NaN.
const RAW = '\u0000raw:';
const raw = (text: string): string => `${RAW}${text}`;
const serialise = (value: Json): string =>
  (JSON.stringify(value) ?? '').replace(new RegExp(`"\\\\u0000raw:((?:[^"\\\\]|\\\\.)*)"`, 'g'), (_, text: string) => JSON.parse(`"${text}"`) as string);

/** Values that are wrong for a node, chosen from what its schema declares (bounds, lengths, formats, enums). */
const wrongValuesFor = (schema: Schema | undefined, current: Json): Json[] => {
  const values: Json[] = [null, true, {}, [], 'x', 0, -1, 0.5, '', ' ', '__proto__', { constructor: { prototype: { polluted: 1 } } },
    raw('1e999'), raw('-1e999'), raw('NaN'), raw('Infinity'), raw('-0'), 5e-324, 1e-300, 1.00000001, Number.MAX_SAFE_INTEGER + 2, -1e308,
    'é'.repeat(50), '\u202e\u0000\uffff', '😀'.repeat(30), 'x'.repeat(100_000), Array(5_000).fill(current ?? 1),
    JSON.parse(`${'['.repeat(3000)}${']'.repeat(3000)}`) as Json, '2026-02-30', '2025-02-29', '2025-13-01', '0000-00-00', '9999-12-31', '2026-01-01T25:00:00Z',
    'phq99', 'SWEMWBS', '../../etc/passwd', '%2e%2e%2f', 'Jane Doe', '1; DROP TABLE'];
  if (schema === undefined) return values;
  for (const bound of ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'] as const) {
    const b = schema[bound];
    if (typeof b === 'number') values.push(b - 1, b, b + 1, b - 0.5, b + 0.5, String(b));
  }
  for (const bound of ['minLength', 'maxLength'] as const) {
    const n = schema[bound];
    if (typeof n === 'number') values.push('a'.repeat(Math.max(0, n - 1)), 'a'.repeat(n + 1), 'é'.repeat(n + 1));
  }
  for (const bound of ['minItems', 'maxItems'] as const) {
    const n = schema[bound];
    if (typeof n === 'number' && n <= 1000) values.push(Array(Math.max(0, n - 1)).fill(Array.isArray(current) ? current[0] ?? 1 : 1), Array(n + 1).fill(Array.isArray(current) ? current[0] ?? 1 : 1));
  }
  // Answer vectors: one too few, one too many.
  if (Array.isArray(current)) values.push(current.slice(1), [...current, current[0] ?? 1], current.map(String), current.map(() => null));
  if (Array.isArray(schema['enum'])) values.push(...schema['enum'].map((v) => (typeof v === 'string' ? v.toUpperCase() + '_' : v)));
  if (typeof current === 'string') values.push(current.toUpperCase(), ` ${current}`, `${current}\u0000`, current.normalize('NFD') + '\u0301');
  return values;
};

/** Operation-specific valid bodies and path values: what the fuzz mutates. Each valid body is checked against the document by the test. */
export interface FuzzSeeds {
  bodies: Record<string, Json[]>;
  csv: Record<string, string[]>;
  pathValues: Record<string, string[]>;
  callers: string[];
}

const TAMPERED_SEGMENTS = [
  '..', '%2e%2e', '..%2F..%2Fadmin', '%2E%2E%2Fkeys', 'a%2Fb', 'a%5Cb', '%00', '%C3%A9', '%F0%9F%98%80', 'é', '😀', 'x'.repeat(3000),
  '%252e%252e%252f', '%ff%fe', '..;', '.', ' ', '%20', 'null', 'undefined', '0', '-1', 'ZZZZZZZZZZZZZZZZZZZZ', 'AAAAAAAAAAAAAAAAAAAA',
];
const CONTENT_TYPES = ['application/json', 'application/json; charset=utf-8', 'text/csv', 'application/xml', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'text/plain', 'image/png', ''];

const brokenCsv = (valid: string): string[] => {
  const [head = '', ...rows] = valid.split('\n');
  return [
    '', '\n', head, `${head}\n`, `${head},${head.split(',')[0]}\n${rows[0] ?? ''},x`, `"${valid}`, valid.replace(/,/g, ';'), valid.replace(/\n/g, '\r'),
    `\uFEFF${valid}`, `${head}\n${rows[0] ?? ''},extra,extra`, `${head}\n${(rows[0] ?? '').split(',').slice(1).join(',')}`, `${head}\n${'"a""b'},1`,
    `${head}\n${Array(600).fill(rows[0] ?? '').join('\n')}`, valid.replace(/\d{4}-\d{2}-\d{2}/, '2026-02-30'), valid.replace(/\d{4}-\d{2}-\d{2}/, '31/01/2025'),
    `${head}\n${(rows[0] ?? '').replace(/,[^,]*$/, ',1e999')}`, `${head}\n${(rows[0] ?? '')}\u0000`, `${head.toUpperCase()}\n${rows.join('\n')}`,
  ];
};

/**
 * Requests for every operation of the document: from every caller (admitted or not, and no key), with path
 * parameters tampered (traversal, encoded separators, unicode, huge), query parameters wrong or unknown, the
 * body mutated where its schema says what is wrong (types, bounds, lengths, missing and unknown fields,
 * non-finite numbers, huge strings and arrays, deep nesting, impossible dates, wrong answer counts), invalid
 * JSON and UTF-8, broken CSV and wrong content types.
 */
export const fuzzRequests = (operations: readonly FuzzOperation[], seeds: FuzzSeeds): fc.Arbitrary<FuzzRequest> =>
  fc.constantFrom(...operations).chain((op) => {
    const admitted = op.roles.length === 0 ? seeds.callers : seeds.callers.filter((c) => op.roles.includes(c.replace(/\d+$/, '')));
    const caller = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...(admitted.length > 0 ? admitted : seeds.callers)) }, { weight: 1, arbitrary: fc.constantFrom(...seeds.callers) });
    const pathValue = (name: string) => fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...(seeds.pathValues[name] ?? ['x'])) },
      { weight: 2, arbitrary: fc.constantFrom(...TAMPERED_SEGMENTS) },
      { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }).map(encodeURIComponent) },
    );
    const path = fc.tuple(...op.pathParameters.map((p) => pathValue(p.name))).map((values) => {
      let at = op.path;
      op.pathParameters.forEach((p, i) => { at = at.replace(`{${p.name}}`, values[i] ?? ''); });
      return at;
    });
    const queryValue = (schema: Schema) => fc.oneof(
      ...(Array.isArray(schema['enum']) ? [fc.constantFrom(...(schema['enum'] as string[]))] : []),
      fc.constantFrom('', '2026-Q1', '2026-02-30', '2026-13', 'carers', '*', 'csv', 'json', '1', '0', '1001', '-5', 'x'.repeat(5000), '%00', '../..', '😀', 'key.issued', '2025-01-01T00:00:00Z'),
      fc.string({ maxLength: 30 }),
    );
    const query = op.query.length === 0
      ? fc.constantFrom('', '?unknown=1', `?x=${'y'.repeat(2000)}`)
      : fc.array(fc.oneof(
        fc.constantFrom(...op.query).chain((q) => queryValue(q.schema).map((v) => `${q.name}=${encodeURIComponent(v)}`)),
        fc.constantFrom('unknown=1', 'format=csv&format=json', '=', '&&', 'period'),
      ), { maxLength: 4 }).map((parts) => (parts.length === 0 ? '' : `?${parts.join('&')}`));
    const validBodies = seeds.bodies[op.id] ?? [{}];
    const body: fc.Arbitrary<{ kind: string; text: string | Buffer; contentType: string }> = fc.oneof(
      { weight: 1, arbitrary: fc.constantFrom(...validBodies).map((v) => ({ kind: 'valid', text: serialise(v), contentType: 'application/json' })) },
      {
        weight: 8,
        arbitrary: fc.tuple(fc.constantFrom(...validBodies), fc.nat(), fc.nat()).map(([valid, n, m]) => {
          const paths = pathsOf(valid);
          const at = paths[n % paths.length] ?? [];
          const wrong = wrongValuesFor(schemaAt(op.bodySchema, at), at.reduce<Json>((v, k) => (v as Record<string | number, Json>)?.[k], valid));
          return { kind: 'mutated', text: serialise(replaced(valid, at, wrong[m % wrong.length])), contentType: 'application/json' };
        }),
      },
      {
        weight: 2,
        arbitrary: fc.tuple(fc.constantFrom(...validBodies), fc.nat(), fc.boolean()).map(([valid, n, remove]) => {
          const objects = pathsOf(valid).filter((p) => p.length > 0);
          const at = objects[n % Math.max(1, objects.length)] ?? [];
          if (remove) return { kind: 'missing-field', text: serialise(replaced(valid, at, undefined)), contentType: 'application/json' };
          const parent = at.slice(0, -1);
          const holder = parent.reduce<Json>((v, k) => (v as Record<string | number, Json>)?.[k], valid);
          const extended = holder !== null && typeof holder === 'object' && !Array.isArray(holder) ? { ...holder, notes: 'Jane Doe, born 1970-01-01' } : holder;
          return { kind: 'unknown-field', text: serialise(replaced(valid, parent, extended)), contentType: 'application/json' };
        }),
      },
      {
        weight: 2,
        arbitrary: fc.tuple(fc.constantFrom(...validBodies), fc.nat()).map(([valid, n]) => {
          const text = serialise(valid);
          const broken = [text.slice(0, Math.max(1, text.length - 1)), `${text},`, text.replace(/"/g, "'"), `${text}${text}`, text.replace(/:/, '::'), `\uFEFF${text}`, '{', 'null', '[]', '""', '1e999', ''];
          return { kind: 'invalid-json', text: broken[n % broken.length] ?? '', contentType: 'application/json' };
        }),
      },
      {
        weight: 1,
        arbitrary: fc.tuple(fc.constantFrom(...validBodies), fc.nat()).map(([valid, n]) => {
          const bytes = Buffer.from(serialise(valid));
          const at = bytes.indexOf('"', n % Math.max(1, bytes.length)) + 1;
          const bad = [Buffer.from([0xff, 0xfe]), Buffer.from([0xc3, 0x28]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xf8, 0x88, 0x80, 0x80, 0x80])][n % 4] ?? Buffer.alloc(0);
          return { kind: 'invalid-utf8', text: Buffer.concat([bytes.subarray(0, at), bad, bytes.subarray(at)]), contentType: 'application/json' };
        }),
      },
      {
        weight: 1,
        arbitrary: fc.tuple(fc.constantFrom(...validBodies), fc.constantFrom(...CONTENT_TYPES)).map(([valid, contentType]) => ({ kind: 'content-type', text: serialise(valid), contentType })),
      },
      {
        weight: op.takesCsv ? 3 : 1,
        arbitrary: fc.tuple(fc.constantFrom(...(seeds.csv[op.id] ?? ['a,b\n1,2'])), fc.nat()).map(([valid, n]) => {
          const broken = brokenCsv(valid);
          return { kind: 'csv', text: n % 5 === 0 ? valid : broken[n % broken.length] ?? '', contentType: 'text/csv' };
        }),
      },
    );
    const idempotency = op.headers.some((h) => h.name === 'Idempotency-Key')
      ? fc.option(fc.oneof(fc.uuid(), fc.constantFrom('short', 'x'.repeat(200), 'has space here!', 'caf\u00e9-key-\u00ff\u00ff-12345')), { freq: 3 })
      : fc.constant(null);
    return fc.tuple(caller, path, query, body, idempotency, fc.nat(9)).map(([who, at, q, b, key, dice]): FuzzRequest => {
      // Routes without a body get one now and then all the same; their body arbitrary is only a source of bytes.
      const sendsBody = op.bodySchema !== undefined || op.takesCsv || dice === 0;
      return {
        operation: op.id, kind: sendsBody ? b.kind : 'no-body', caller: who, method: op.method, path: `${at}${q}`,
        headers: {
          ...(sendsBody && b.contentType !== '' && { 'content-type': b.contentType }),
          ...(key !== null && { 'idempotency-key': key }),
        },
        ...(sendsBody && { body: Buffer.isBuffer(b.text) ? b.text : Buffer.from(b.text) }),
      };
    });
  });
