/**
 * Refusals API Gateway makes itself, before any function runs, in the API's error shape
 * `{ "error", "message" }`. The CDK stack installs them as gateway responses; the local adapter answers with
 * the same bodies, so clients see one shape whoever refused.
 */
export const GATEWAY_RESPONSES = {
  unauthorized: { status: 401, type: 'UNAUTHORIZED', body: { error: 'unauthorized', message: 'Send a valid API key as "Authorization: Bearer <key>"; this one is missing, unknown or revoked.' } },
  accessDenied: { status: 403, type: 'ACCESS_DENIED', body: { error: 'forbidden', message: 'This key may not call this route.' } },
  tooLarge: { status: 413, type: 'REQUEST_TOO_LARGE', body: { error: 'payload_too_large', message: 'The request body is too large; send smaller batches.' } },
  throttled: { status: 429, type: 'THROTTLED', body: { error: 'throttled', message: 'Too many requests; retry after a short wait. Retrying is safe.' } },
  // The authorizer could not read the key (the store stayed throttled): the client should retry, not drop its key.
  authorizerFailure: { status: 503, type: 'AUTHORIZER_FAILURE', body: { error: 'unavailable', message: 'The service is busy; retry after a short wait. Retrying is safe.' } },
  notFound: { status: 404, type: 'MISSING_AUTHENTICATION_TOKEN', body: { error: 'not_found', message: 'No such route; see GET /openapi.json.' } },
} as const;
