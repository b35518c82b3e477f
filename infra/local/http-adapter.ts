import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type {
  APIGatewayAuthorizerResult, APIGatewayProxyEvent, APIGatewayProxyResult, APIGatewayRequestAuthorizerEvent,
} from 'aws-lambda';
import { HANDLERS, type HandlerName } from '../api-routes';
import { GATEWAY_RESPONSES } from '../gateway-responses';
import { matchRoute } from './route-match';

type ProxyHandler = (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>;
type AuthorizerHandler = (event: APIGatewayRequestAuthorizerEvent) => Promise<APIGatewayAuthorizerResult>;

/** API Gateway's own payload limit: larger bodies never reach a function. */
const GATEWAY_MAX_BODY = 10 * 1024 * 1024;
const ROOT = new URL('../../', import.meta.url);

/** Loads the `handler` export of a module listed in HANDLERS (the same module Lambda runs). */
export const loadHandler = async <T>(name: HandlerName): Promise<T> => {
  const module = (await import(new URL(HANDLERS[name].entry, ROOT).href)) as { handler: T };
  return module.handler;
};

/** Extra routes the local stack serves itself (e.g. dashboards), tried before the API routes. */
export type LocalRoute = (request: IncomingMessage, response: ServerResponse, url: URL) => Promise<boolean>;

/**
 * An HTTP server that behaves like the API Gateway REST API in front of the Lambda handlers: it routes by
 * method and path, runs the REQUEST authorizer on authorised routes (401 on refusal, as API Gateway does),
 * passes the authorizer context on, and turns proxy results into HTTP responses.
 */
export const startApiServer = async (options: { port: number; extraRoutes?: readonly LocalRoute[] }): Promise<{ server: Server; url: string }> => {
  const authorizer = await loadHandler<AuthorizerHandler>('authorizer');
  const handlers = new Map<HandlerName, ProxyHandler>();
  const handlerFor = async (name: HandlerName): Promise<ProxyHandler> => {
    let handler = handlers.get(name);
    if (handler === undefined) {
      handler = await loadHandler<ProxyHandler>(name);
      handlers.set(name, handler);
    }
    return handler;
  };

  const server = createServer((request, response) => {
    serve(request, response).catch((error: unknown) => {
      // A handler never throws (errors become responses); reaching here is an adapter bug.
      process.stderr.write(`local API adapter error: ${error instanceof Error ? error.stack : String(error)}\n`);
      if (!response.headersSent) send(response, { statusCode: 500, body: JSON.stringify({ message: 'Internal server error' }) });
    });
  });

  const serve = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    for (const route of options.extraRoutes ?? []) if (await route(request, response, url)) return;
    const method = request.method ?? 'GET';
    const match = matchRoute(method, url.pathname);
    const body = await readBody(request);
    if (body === 'too-large') return send(response, gateway('tooLarge'));
    if (match === null) return send(response, { statusCode: 404, body: JSON.stringify({ error: 'not_found', message: `No route ${method} ${url.pathname}; see GET /openapi.json.` }) });
    if (match === 'method') return send(response, { statusCode: 405, body: JSON.stringify({ error: 'method_not_allowed', message: `${method} is not allowed on ${url.pathname}` }) });

    const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v ?? '']));
    const query = Object.fromEntries(url.searchParams.entries());
    const requestId = randomUUID();
    let authorizerContext: Record<string, unknown> | null = null;
    if (match.route.authorized) {
      try {
        const result = await authorizer({
          type: 'REQUEST',
          methodArn: `arn:aws:execute-api:local:000000000000:local/local/${method}${url.pathname}`,
          resource: match.route.path, path: url.pathname, httpMethod: method, headers,
          multiValueHeaders: {}, pathParameters: match.pathParameters, queryStringParameters: query,
          multiValueQueryStringParameters: {}, stageVariables: {},
          requestContext: {} as APIGatewayRequestAuthorizerEvent['requestContext'],
        });
        const allowed = result.policyDocument.Statement.some((s) => s.Effect === 'Allow');
        if (!allowed) return send(response, gateway('accessDenied'));
        authorizerContext = { ...result.context, principalId: result.principalId };
      } catch (error) {
        // As API Gateway: the authorizer's `Unauthorized` is a 401, any other failure its AUTHORIZER_FAILURE response.
        return send(response, gateway(error instanceof Error && error.message === 'Unauthorized' ? 'unauthorized' : 'authorizerFailure'));
      }
    }
    const handler = await handlerFor(match.route.handler);
    const event = {
      resource: match.route.path, path: url.pathname, httpMethod: method, headers,
      multiValueHeaders: {}, queryStringParameters: Object.keys(query).length > 0 ? query : null,
      multiValueQueryStringParameters: null, pathParameters: Object.keys(match.pathParameters).length > 0 ? match.pathParameters : null,
      stageVariables: null, body: body.length > 0 ? body.toString('utf8') : null, isBase64Encoded: false,
      requestContext: { requestId, stage: 'local', httpMethod: method, path: url.pathname, resourcePath: match.route.path, authorizer: authorizerContext },
    } as unknown as APIGatewayProxyEvent;
    send(response, await handler(event));
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}` };
};

/** A refusal API Gateway makes itself, with the body the stack configures for it. */
const gateway = (name: keyof typeof GATEWAY_RESPONSES): { statusCode: number; body: string } =>
  ({ statusCode: GATEWAY_RESPONSES[name].status, body: JSON.stringify(GATEWAY_RESPONSES[name].body) });

const readBody = async (request: IncomingMessage): Promise<Buffer | 'too-large'> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > GATEWAY_MAX_BODY) return 'too-large';
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
};

const send = (response: ServerResponse, result: Pick<APIGatewayProxyResult, 'statusCode' | 'body'> & Partial<APIGatewayProxyResult>): void => {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...stringHeaders(result.headers) };
  response.writeHead(result.statusCode, headers);
  response.end(result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body);
};

const stringHeaders = (headers: APIGatewayProxyResult['headers']): Record<string, string> =>
  Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
