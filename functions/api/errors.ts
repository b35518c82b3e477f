import type { Problem } from '../core/validation/problem';

export type { Problem };

/** The request is malformed or breaks a rule: 400 with every problem listed. */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  constructor(readonly problems: readonly Problem[], options?: { cause?: unknown }) {
    super(problems.map((problem) => `${problem.path || 'body'}: ${problem.message}`).join('; '), options);
  }
}

/** No key, an unknown key or a revoked key: 401. */
export class UnauthorizedError extends Error {
  override readonly name = 'UnauthorizedError';
}

/** The key is valid but its role or scope does not allow this: 403. */
export class ForbiddenError extends Error {
  override readonly name = 'ForbiddenError';
}

/** The addressed resource does not exist: 404. */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
}

/** The request conflicts with the stored state (e.g. an id owned by someone else): 409. */
export class ConflictError extends Error {
  override readonly name = 'ConflictError';
}

/** The request is well-formed but cannot be processed as sent (an Idempotency-Key reused for another request): 422. */
export class UnprocessableError extends Error {
  override readonly name = 'UnprocessableError';
}

/** The body is larger than the API accepts: 413. */
export class PayloadTooLargeError extends Error {
  override readonly name = 'PayloadTooLargeError';
}

/** The body is not JSON, or not sent as JSON: 400 / 415. */
export class UnsupportedMediaTypeError extends Error {
  override readonly name = 'UnsupportedMediaTypeError';
}

/** The store stayed throttled or unavailable after retries: 503 with Retry-After; retrying the request is safe. */
export class ServiceUnavailableError extends Error {
  override readonly name = 'ServiceUnavailableError';
  constructor(message: string, readonly retryAfterSeconds = 5, options?: { cause?: unknown }) {
    super(message, options);
  }
}
