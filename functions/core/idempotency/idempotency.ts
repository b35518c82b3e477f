import { createHash } from 'node:crypto';

/**
 * Whole-request replay for clinic writes (`Idempotency-Key`, as in the IETF httpapi draft and Stripe's API): a client
 * that did not get an answer sends the same request with the same key again and gets the first answer, never a
 * second write. Keys are scoped per clinic; a key with another body is refused (422); a request still being
 * answered under the key is refused (409) until it ends or goes stale.
 */

/** The request header (HTTP header names are case-insensitive; API Gateway keeps the client's spelling). */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/** 8 to 128 characters of letters, digits and `._:-` (a UUID fits). */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9._:-]{8,128}$/;

/** How long an answer is kept for replay (the item's TTL in AWS; the local sweep removes it after). */
export const IDEMPOTENCY_RETENTION_SECONDS = 24 * 60 * 60;

/** A request still marked in flight after this long died with its process: the next one under the key takes over. */
export const IN_FLIGHT_STALE_MS = 5 * 60 * 1000;

/** The first answer, as replayed. */
export interface StoredAnswer {
  statusCode: number;
  body: string;
  contentType: string;
}

/** What the store holds under one clinic's key. */
export interface IdempotencyRecord {
  fingerprint: string;
  state: 'in_flight' | 'done';
  startedAt: string;
  answer?: StoredAnswer;
}

/** What to do with a request whose key is already stored. */
export type Decision =
  | { kind: 'replay'; answer: StoredAnswer }
  | { kind: 'mismatch' }
  | { kind: 'in_flight' }
  | { kind: 'take_over' };

/** The request as the key binds it: method, path, content type and body (SHA-256, hex). */
export const requestFingerprint = (method: string, path: string, contentType: string, body: string): string =>
  createHash('sha256').update([method.toUpperCase(), path, contentType.split(';')[0]?.trim().toLowerCase() ?? '', body].join('\u001f')).digest('hex');

/** Decides on a request under a key already stored: same request → its answer or wait; another request → refuse. */
export const decide = (stored: IdempotencyRecord, fingerprint: string, nowMs: number): Decision => {
  if (stored.fingerprint !== fingerprint) return { kind: 'mismatch' };
  if (stored.state === 'done' && stored.answer !== undefined) return { kind: 'replay', answer: stored.answer };
  const started = Date.parse(stored.startedAt);
  return Number.isFinite(started) && nowMs - started < IN_FLIGHT_STALE_MS ? { kind: 'in_flight' } : { kind: 'take_over' };
};

/** The largest answer kept for replay: a DynamoDB item holds at most 400 KB with its other attributes. */
export const MAX_KEPT_ANSWER_BYTES = 300_000;

/**
 * Whether an answer is kept for replay: every answer but a server error (5xx), which a retry must be free to
 * redo, and one too large to store (a refusal listing thousands of problems): its key is freed instead, and the
 * same request again is answered the same way by running again.
 */
export const keepsAnswer = (statusCode: number, bodyBytes = 0): boolean => statusCode < 500 && bodyBytes <= MAX_KEPT_ANSWER_BYTES;
