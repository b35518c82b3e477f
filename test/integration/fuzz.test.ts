import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { groupPayload, send, startTestStack, type TestStack } from './support/test-stack';

let t: TestStack;
beforeAll(async () => {
  t = await startTestStack();
  await t.stack.api.post('/v1/groups', t.stack.info.keys.clinic, groupPayload('ns-fuzz-1'));
});
afterAll(async () => { await t?.stop(); });

type Json = unknown;

/** Every path (list of keys) inside a JSON value, the root included. */
const pathsOf = (value: Json, at: (string | number)[] = []): (string | number)[][] => {
  if (Array.isArray(value)) return [at, ...value.flatMap((v, i) => pathsOf(v, [...at, i]))];
  if (value !== null && typeof value === 'object') return [at, ...Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...at, k]))];
  return [at];
};

/** A copy of `value` with the node at `path` replaced (or removed when `replacement` is undefined). */
const replaced = (value: Json, path: (string | number)[], replacement: Json): Json => {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  const copy = (Array.isArray(value) ? [...value] : { ...(value as Record<string, Json>) }) as Record<string | number, Json>;
  if (rest.length === 0 && replacement === undefined) delete copy[head];
  else copy[head] = replaced(copy[head], rest, replacement);
  return copy;
};

const nasty = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(undefined, '', -1, 0, 0.5, 1e308, -1e308, 201, 501, '2026-02-30', '2025-02-29', '9999-12-31', 'x'.repeat(70), 'Jane Doe', '__proto__', null, [], {}, true),
);

/** Valid payloads mutated at one random place, random JSON, random text, and now and then the valid payload. */
const bodies = (valid: Json) => fc.oneof(
  { weight: 1, arbitrary: fc.constant(JSON.stringify(valid)) },
  { weight: 3, arbitrary: fc.tuple(fc.nat(), nasty).map(([n, value]) => {
    const paths = pathsOf(valid);
    return JSON.stringify(replaced(valid, paths[n % paths.length]!, value)) ?? '';
  }) },
  { weight: 1, arbitrary: fc.anything().map((value) => JSON.stringify(value) ?? '') },
  { weight: 1, arbitrary: fc.string() },
);

const mark = { groupId: 'ns-fuzz-1', participantRef: 'FZ-1', session: 2, date: '2025-01-13', status: 'present' };
const response = { groupId: 'ns-fuzz-1', participantRef: 'FZ-1', instrument: 'swemwbs', administeredOn: '2025-01-13', session: 2, items: [3, 3, 3, 3, 3, 3, 3] };
const ROUTES: { path: string; role: 'clinic' | 'admin'; valid: Json }[] = [
  { path: '/v1/groups', role: 'clinic', valid: groupPayload('ns-fuzz-2') },
  { path: '/v1/attendance', role: 'clinic', valid: { records: [mark, { ...mark, participantRef: 'FZ-2' }] } },
  { path: '/v1/responses', role: 'clinic', valid: { responses: [response, { ...response, instrument: 'brs', items: [1, 2, 3, 4, 5, 1] }] } },
  { path: '/v1/admin/clinics', role: 'admin', valid: { clinicId: 'fuzz-clinic', name: 'Fuzz Clinic' } },
  { path: '/v1/admin/programmes', role: 'admin', valid: { programmeId: 'fuzz-programme', name: 'Fuzz', funders: [{ funderId: 'fuzz-funder', name: 'F' }], completion: { minSessions: 3 } } },
  { path: '/v1/admin/keys', role: 'admin', valid: { role: 'manager', programmeIds: ['carers'] } },
  { path: '/v1/admin/erasures', role: 'admin', valid: { clinicId: 'northside', participantRef: 'FZ-2' } },
];

describe('any body', () => {
  it.each(ROUTES)('never makes $path answer 5xx, and every refusal is JSON', async ({ path, role, valid }) => {
    const seen = new Set<number>();
    await fc.assert(fc.asyncProperty(bodies(valid), async (body) => {
      // Act
      const answer = await send(t.stack.info.apiUrl, 'POST', path, { key: t.stack.info.keys[role], body, contentType: 'application/json' });

      // Assess
      expect(answer.status, `${path} ${body.slice(0, 200)} → ${answer.text.slice(0, 300)}`).toBeLessThan(500);
      expect(answer.json, answer.text).toBeTypeOf('object');
      seen.add(Math.floor(answer.status / 100));
    }), { numRuns: 100 });
    // The run saw both sides: accepted bodies and refused ones.
    expect([...seen].sort()).toEqual([2, 4]);
  });
});

describe('a body nested thousands deep', () => {
  it.each(ROUTES)('is refused by $path with 400 naming where, not a 500', async ({ path, role, valid }) => {
    // Prepare
    const field = Object.keys(valid as object)[0] ?? 'records';
    const body = `{"${field}":${'['.repeat(5000)}${']'.repeat(5000)}}`;

    // Act
    const answer = await send(t.stack.info.apiUrl, 'POST', path, { key: t.stack.info.keys[role], body, contentType: 'application/json' });

    // Assess
    expect(answer.status, answer.text.slice(0, 300)).toBe(400);
    expect(answer.text).toContain(field);
  });
});
