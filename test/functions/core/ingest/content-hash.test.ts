import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalJson, contentHash } from '../../../../functions/core/ingest/content-hash';

/** The same object with its keys in reverse order, at every depth. */
const reversed = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(reversed);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversed(v)]));
  }
  return value;
};

describe('canonicalJson', () => {
  it('sorts keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1], c: null } })).toBe('{"a":{"c":null,"d":[3,1]},"b":1}');
  });

  it('leaves out undefined properties as JSON does', () => {
    expect(canonicalJson({ a: 1, b: undefined })).toBe('{"a":1}');
  });
});

describe('contentHash', () => {
  it('gives equal hashes for equal content in any key order', () => {
    // Prepare
    const record = { groupId: 'g1', pid: 'p_1', session: 2, date: '2026-03-02', status: 'present' };
    const shuffled = { status: 'present', date: '2026-03-02', session: 2, pid: 'p_1', groupId: 'g1' };

    // Act & Assess
    expect(contentHash(shuffled)).toBe(contentHash(record));
    expect(contentHash({ ...record, status: 'late' })).not.toBe(contentHash(record));
  });

  it('does not depend on key order for any JSON value (property)', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => contentHash(reversed(value)) === contentHash(value)), { numRuns: 200 });
  });

  it('tells apart values whose canonical JSON differs (property)', () => {
    fc.assert(fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
      fc.pre(canonicalJson(a) !== canonicalJson(b));
      return contentHash(a) !== contentHash(b);
    }), { numRuns: 200 });
  });
});
