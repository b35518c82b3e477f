import { describe, expect, it } from 'vitest';
import { bearerKey, formatApiKey, hashApiKey, keyIdOf, sameHash } from '../../../../functions/core/access/api-key';

const BYTES = new Uint8Array(32).map((_, i) => i);
const KEY = formatApiKey(BYTES);

describe('formatApiKey', () => {
  it('formats 32 bytes as ro_ and 43 base64url characters', () => {
    // Act
    const key = formatApiKey(BYTES);

    // Assess
    expect(key).toBe('ro_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8');
    expect(key).toMatch(/^ro_[A-Za-z0-9_-]{43}$/);
  });

  it('refuses fewer than 32 random bytes', () => {
    expect(() => formatApiKey(new Uint8Array(31))).toThrow(RangeError);
  });
});

describe('hashApiKey', () => {
  it('hashes a key to 64 hex digits that never contain the key', () => {
    // Act
    const hash = hashApiKey(KEY);

    // Assess
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).toBe(hashApiKey(KEY));
    expect(hash).not.toContain(KEY.slice(3));
    expect(hashApiKey(`${KEY}x`)).not.toBe(hash);
  });

  it('derives a 20-digit key id from the hash', () => {
    expect(keyIdOf(hashApiKey(KEY))).toBe(hashApiKey(KEY).slice(0, 20));
  });
});

describe('sameHash', () => {
  it('tells equal hashes from different ones and different lengths', () => {
    // Prepare
    const hash = hashApiKey(KEY);

    // Act & Assess
    expect(sameHash(hash, hash)).toBe(true);
    expect(sameHash(hash, hashApiKey('ro_other'))).toBe(false);
    expect(sameHash(hash, hash.slice(0, 62))).toBe(false);
  });
});

describe('bearerKey', () => {
  it('reads the key of a Bearer header, whatever the scheme case and trailing space', () => {
    expect(bearerKey(`Bearer ${KEY}`)).toBe(KEY);
    expect(bearerKey(`bearer   ${KEY}  `)).toBe(KEY);
  });

  it.each([
    ['no header', undefined],
    ['an empty header', ''],
    ['another scheme', `Basic ${KEY}`],
    ['a key without the prefix', `Bearer ${KEY.slice(3)}`],
    ['a key that is too short', 'Bearer ro_abc'],
    ['a key with foreign characters', `Bearer ${KEY.slice(0, -1)}!`],
    ['two keys', `Bearer ${KEY} ${KEY}`],
  ])('returns null for %s', (_, header) => {
    expect(bearerKey(header)).toBeNull();
  });
});
