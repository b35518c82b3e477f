import type { APIGatewayProxyResult } from 'aws-lambda';
import {
  ConflictError, UnprocessableError, ForbiddenError, NotFoundError, PayloadTooLargeError, ServiceUnavailableError,
  UnauthorizedError, UnsupportedMediaTypeError, ValidationError,
} from './errors';
import { Messages } from '../core/messages';

const HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

/** A JSON response with the API's standard headers. */
export const json = (statusCode: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyResult => ({
  statusCode,
  headers: { ...HEADERS, ...headers },
  body: JSON.stringify(body),
});

/**
 * The one place errors become HTTP responses. Expected errors carry their message to the caller;
 * anything else is a generic 500 whose detail goes to `logUnexpected` only.
 */
export const errorResponse = (error: unknown, logUnexpected: (error: unknown) => void): APIGatewayProxyResult => {
  if (error instanceof ValidationError) return json(400, { error: 'invalid_request', problems: error.problems });
  if (error instanceof UnsupportedMediaTypeError) return json(415, { error: 'unsupported_media_type', message: error.message });
  if (error instanceof PayloadTooLargeError) return json(413, { error: 'payload_too_large', message: error.message });
  if (error instanceof UnauthorizedError) return json(401, { error: 'unauthorized', message: error.message });
  if (error instanceof ForbiddenError) return json(403, { error: 'forbidden', message: error.message });
  if (error instanceof NotFoundError) return json(404, { error: 'not_found', message: error.message });
  if (error instanceof ConflictError) return json(409, { error: 'conflict', message: error.message });
  if (error instanceof UnprocessableError) return json(422, { error: 'unprocessable', message: error.message });
  if (error instanceof ServiceUnavailableError) {
    return json(503, { error: 'unavailable', message: Messages.unavailable }, { 'retry-after': String(error.retryAfterSeconds) });
  }
  logUnexpected(error);
  return json(500, { error: 'internal', message: Messages.internal });
};
