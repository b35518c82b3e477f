import { createHash } from 'node:crypto';

/** One object to write to the reports bucket, with its headers and SHA-256 (hex). */
export interface PublishedObject {
  key: string;
  body: Buffer;
  contentType: string;
  cacheControl: string;
  sha256: string;
}

/** Content types by file ending. */
export const CONTENT_TYPE: Readonly<Record<string, string>> = {
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json',
  svg: 'image/svg+xml',
  png: 'image/png',
};

/**
 * Cache policy: everything is private (served behind authorisation or presigned links). Dashboards and the
 * manifest change nightly and must be revalidated; period artefacts are rewritten only with identical bytes.
 */
export const CACHE_CONTROL = {
  live: 'private, no-cache',
  period: 'private, max-age=86400',
} as const;

/** Makes a published object from a key and body; the content type follows the key's ending. */
export const publishedObject = (key: string, body: string | Buffer, cacheControl: string): PublishedObject => {
  const buffer = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const ending = key.slice(key.lastIndexOf('.') + 1);
  return { key, body: buffer, contentType: CONTENT_TYPE[ending] ?? 'application/octet-stream', cacheControl, sha256: createHash('sha256').update(buffer).digest('hex') };
};
