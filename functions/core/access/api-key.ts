import { createHash, timingSafeEqual } from 'node:crypto';

const PREFIX = 'ro_';

/** Formats 32 random bytes as an API key: `ro_` + base64url. The raw key is shown once and never stored. */
export const formatApiKey = (random: Uint8Array): string => {
  if (random.length < 32) throw new RangeError('An API key needs at least 32 random bytes');
  return PREFIX + Buffer.from(random).toString('base64url');
};

/** SHA-256 of a key, hex: the only form in which keys are stored. */
export const hashApiKey = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');

/** The public id of a key: a prefix of its hash, enough to look it up and to name it when revoking. */
export const keyIdOf = (hash: string): string => hash.slice(0, 20);

/** Compares two hex hashes in constant time. */
export const sameHash = (a: string, b: string): boolean =>
  a.length === b.length && timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));

/** Extracts the key from an `Authorization: Bearer <key>` header value; null when absent or malformed. */
export const bearerKey = (authorization: string | undefined): string | null => {
  if (authorization === undefined) return null;
  const match = /^Bearer\s+(ro_[A-Za-z0-9_-]{43,})\s*$/i.exec(authorization);
  return match?.[1] ?? null;
};
