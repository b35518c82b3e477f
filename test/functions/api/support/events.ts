import type { APIGatewayProxyEvent } from 'aws-lambda';
import { toContext, type Principal } from '../../../../functions/core/access/principal';

/** The principals the tests call with. */
export const NORTHSIDE: Principal = { role: 'clinic', keyId: 'k-northside', clinicId: 'northside' };
export const HARBOUR: Principal = { role: 'clinic', keyId: 'k-harbour', clinicId: 'harbour' };
export const ADMIN: Principal = { role: 'admin', keyId: 'k-admin' };

/** An API Gateway proxy event as the REST API sends it after the authorizer allowed the call. */
export const proxyEvent = (options: {
  body?: unknown;
  /** A raw body text, sent as is. */
  text?: string;
  principal?: Principal | null;
  contentType?: string | null;
  method?: string;
  path?: string;
  pathParameters?: Record<string, string>;
}): APIGatewayProxyEvent => {
  const principal = options.principal === undefined ? NORTHSIDE : options.principal;
  const contentType = options.contentType === undefined ? 'application/json' : options.contentType;
  const body = options.text ?? (options.body === undefined ? null : JSON.stringify(options.body));
  return {
    resource: options.path ?? '/v1/attendance', path: options.path ?? '/v1/attendance', httpMethod: options.method ?? 'POST',
    headers: contentType === null ? {} : { 'Content-Type': contentType },
    multiValueHeaders: {}, queryStringParameters: null, multiValueQueryStringParameters: null,
    pathParameters: options.pathParameters ?? null, stageVariables: null, body, isBase64Encoded: false,
    requestContext: {
      requestId: 'test', stage: 'test',
      authorizer: principal === null ? null : { ...toContext(principal), principalId: principal.keyId },
    },
  } as unknown as APIGatewayProxyEvent;
};

/** The parsed JSON body of a handler result. */
export const bodyOf = (result: { body: string }): Record<string, unknown> => JSON.parse(result.body) as Record<string, unknown>;
