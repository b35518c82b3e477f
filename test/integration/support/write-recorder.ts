import type { RequestHandlerLike } from './fault-injecting-handler';

/** One write that reached a server and succeeded: the service, the operation and what it wrote to (a key's pk, an object key). */
export interface RecordedWrite {
  service: 'dynamodb' | 's3';
  operation: string;
  target: string;
}

const DYNAMO_WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems']);

const textOf = (body: unknown): string => (typeof body === 'string' ? body : body instanceof Uint8Array ? Buffer.from(body).toString('utf8') : '');

/** The partition keys a DynamoDB write request names. */
const partitionsOf = (operation: string, text: string): string[] => {
  try {
    const input = JSON.parse(text) as Record<string, unknown>;
    const pk = (item: unknown) => String(((item as Record<string, { S?: string }> | undefined)?.['pk'])?.S ?? '?');
    if (operation === 'PutItem') return [pk(input['Item'])];
    if (operation === 'UpdateItem' || operation === 'DeleteItem') return [pk(input['Key'])];
    return Object.values((input['RequestItems'] ?? {}) as Record<string, { PutRequest?: { Item: unknown }; DeleteRequest?: { Key: unknown } }[]>)
      .flat().map((request) => pk(request.PutRequest?.Item ?? request.DeleteRequest?.Key));
  } catch {
    return ['?'];
  }
};

/**
 * Records every successful write an SDK client sends (below the SDK, as the fault handler sits), so a test can
 * tell which request wrote what without scanning the store after each one. Returns the undo.
 */
export const recordWrites = (client: { config: unknown }, service: RecordedWrite['service'], writes: RecordedWrite[]): (() => void) => {
  const config = client.config as { requestHandler: RequestHandlerLike };
  const inner = config.requestHandler;
  const recording = Object.create(inner) as RequestHandlerLike;
  recording.handle = async (request, options) => {
    const result = await inner.handle(request, options);
    if (result.response.statusCode >= 300) return result;
    if (service === 'dynamodb') {
      const operation = (request.headers['x-amz-target'] ?? request.headers['X-Amz-Target'] ?? '').split('.')[1] ?? '';
      if (DYNAMO_WRITES.has(operation)) for (const target of partitionsOf(operation, textOf(request.body))) writes.push({ service, operation, target });
    } else if (request.method !== 'GET' && request.method !== 'HEAD') {
      writes.push({ service, operation: request.method, target: request.path });
    }
    return result;
  };
  config.requestHandler = recording;
  return () => { config.requestHandler = inner; };
};
