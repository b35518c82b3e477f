import { Readable } from 'node:stream';

/** The part of a smithy HttpRequest the faults look at and rewrite. */
interface HttpRequestLike {
  method: string;
  hostname: string;
  path: string;
  headers: Record<string, string>;
  body?: unknown;
}
interface HttpResponseLike { statusCode: number; reason?: string; headers: Record<string, string>; body: unknown }
/** A smithy request handler (what `requestHandler` in an SDK client's config is). */
export interface RequestHandlerLike {
  handle: (request: HttpRequestLike, options?: unknown) => Promise<{ response: HttpResponseLike }>;
  [other: string]: unknown;
}

/** Shares of calls that fail, by kind; `random` is a seeded PRNG so a run is reproducible. */
export interface FaultPlan {
  /** DynamoDB calls answered `ThrottlingException` (400) without reaching the server. */
  throttle: number;
  /** BatchWriteItem / BatchGetItem calls of which only the first half reaches the server; the rest comes back unprocessed. */
  unprocessed: number;
  /** S3 calls answered 500 InternalError / 503 SlowDown without reaching the server. */
  s3ServerError: number;
  random: () => number;
}

/** What was injected, by kind (a test asserts faults really happened). */
export type FaultCounts = Record<'throttled' | 'unprocessed' | 's3ServerErrors' | 'passed', number>;

const dynamoError = (type: string, message: string, statusCode: number): { response: HttpResponseLike } => ({
  response: {
    statusCode, reason: 'injected',
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'injected' },
    body: Readable.from([Buffer.from(JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${type}`, message }))]),
  },
});

const s3Error = (statusCode: number): { response: HttpResponseLike } => {
  const code = statusCode === 503 ? 'SlowDown' : 'InternalError';
  return {
    response: {
      statusCode, reason: 'injected', headers: { 'content-type': 'application/xml', 'x-amz-request-id': 'injected' },
      body: Readable.from([Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>injected</Message><RequestId>injected</RequestId></Error>`)]),
    },
  };
};

const bodyText = (body: unknown): string | undefined =>
  typeof body === 'string' ? body : body instanceof Uint8Array ? Buffer.from(body).toString('utf8') : undefined;

const readAll = async (body: unknown): Promise<Buffer> => {
  if (body instanceof Uint8Array) return Buffer.from(body);
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Uint8Array>) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
};

/**
 * A request handler that sits below the SDK (the SDK's own retry, signing and deserialisation all run above
 * it) and makes DynamoDB throttle or leave batch items unprocessed and S3 fail with 5xx, on a share of calls.
 * Faults are injected before the call reaches the server (a throttled write is not applied), as the services
 * do it; everything else passes through to the real handler.
 */
export const faultInjectingHandler = (inner: RequestHandlerLike, plan: FaultPlan, counts: FaultCounts): RequestHandlerLike => {
  const handler: RequestHandlerLike = Object.create(inner) as RequestHandlerLike;
  handler.handle = async (request, options) => {
    const target = request.headers['x-amz-target'] ?? request.headers['X-Amz-Target'];
    if (target?.startsWith('DynamoDB_')) {
      if (plan.random() < plan.throttle) {
        counts.throttled += 1;
        return dynamoError('ThrottlingException', 'Rate of requests exceeds the allowed throughput.', 400);
      }
      const operation = target.split('.')[1];
      const text = bodyText(request.body);
      if ((operation === 'BatchWriteItem' || operation === 'BatchGetItem') && text !== undefined && plan.random() < plan.unprocessed) {
        return splitBatch(inner, request, options, operation, text, counts);
      }
    } else if (plan.random() < plan.s3ServerError) {
      counts.s3ServerErrors += 1;
      return s3Error(plan.random() < 0.5 ? 500 : 503);
    }
    counts.passed += 1;
    return inner.handle(request, options);
  };
  return handler;
};

/** Sends the first half of a batch on, and answers the second half as unprocessed (as DynamoDB does under load). */
const splitBatch = async (
  inner: RequestHandlerLike, request: HttpRequestLike, options: unknown, operation: string, text: string, counts: FaultCounts,
): Promise<{ response: HttpResponseLike }> => {
  const input = JSON.parse(text) as { RequestItems: Record<string, unknown> };
  const sent: Record<string, unknown> = {};
  const withheld: Record<string, unknown> = {};
  for (const [table, items] of Object.entries(input.RequestItems)) {
    if (operation === 'BatchWriteItem') {
      const list = items as unknown[];
      const half = Math.ceil(list.length / 2);
      sent[table] = list.slice(0, half);
      if (list.length > half) withheld[table] = list.slice(half);
    } else {
      const entry = items as { Keys: unknown[] } & Record<string, unknown>;
      const half = Math.ceil(entry.Keys.length / 2);
      sent[table] = { ...entry, Keys: entry.Keys.slice(0, half) };
      if (entry.Keys.length > half) withheld[table] = { ...entry, Keys: entry.Keys.slice(half) };
    }
  }
  if (Object.keys(withheld).length === 0) {
    counts.passed += 1;
    return inner.handle(request, options);
  }
  counts.unprocessed += 1;
  const body = JSON.stringify({ ...input, RequestItems: sent });
  const forwarded = { ...request, body, headers: { ...request.headers, 'content-length': String(Buffer.byteLength(body)) } };
  const { response } = await inner.handle(Object.assign(Object.create(Object.getPrototypeOf(request) as object) as object, forwarded) as HttpRequestLike, options);
  const answer = JSON.parse((await readAll(response.body)).toString('utf8') || '{}') as Record<string, unknown>;
  const field = operation === 'BatchWriteItem' ? 'UnprocessedItems' : 'UnprocessedKeys';
  const merged = { ...answer, [field]: { ...(answer[field] as Record<string, unknown> | undefined), ...withheld } };
  const out = Buffer.from(JSON.stringify(merged));
  const headers = Object.fromEntries(Object.entries(response.headers).filter(([name]) => !/^(content-length|x-amz-crc32)$/i.test(name)));
  return { response: { ...response, headers: { ...headers, 'content-length': String(out.length) }, body: Readable.from([out]) } };
};

/** Puts `handler` under an SDK client (its `config.requestHandler`, read on every send); returns the undo. */
export const injectFaults = (client: { config: unknown }, plan: FaultPlan, counts: FaultCounts): (() => void) => {
  const config = client.config as { requestHandler: RequestHandlerLike };
  const original = config.requestHandler;
  config.requestHandler = faultInjectingHandler(original, plan, counts);
  return () => { config.requestHandler = original; };
};

/** The seed generator's PRNG (mulberry32): fault plans are reproducible like the synthetic dataset. */
export { seededRandom } from '../../../infra/local/seed/random';
