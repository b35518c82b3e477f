import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** DynamoDB requests and capacity units, as dynalite reports them (table units; GSI writes are added in CAPACITY.md). */
export interface RequestCounts {
  requests: Record<string, number>;
  /** Capacity units the table consumed, by operation (dynalite's own reckoning with `ReturnConsumedCapacity`). */
  units: Record<string, number>;
}

type Capacity = { CapacityUnits?: number } | undefined;

/**
 * Counts every command a document client sends and the capacity it consumed: asks each request for
 * `ReturnConsumedCapacity: TOTAL` (which changes nothing else) and adds up the answers. `reset` starts a new count.
 */
export const countRequests = (client: DynamoDBDocumentClient): { counts: () => RequestCounts; reset: () => void } => {
  let counts: RequestCounts = { requests: {}, units: {} };
  client.middlewareStack.add((next, context) => async (args) => {
    const name = String(context.commandName ?? 'unknown').replace(/Command$/, '');
    counts.requests[name] = (counts.requests[name] ?? 0) + 1;
    const input = args.input as Record<string, unknown>;
    if (name !== 'DescribeTable' && name !== 'CreateTable') input['ReturnConsumedCapacity'] = 'TOTAL';
    const add = (capacity: Capacity) => { counts.units[name] = (counts.units[name] ?? 0) + (capacity?.CapacityUnits ?? 0); };
    try {
      const result = await next(args);
      const consumed = (result.output as { ConsumedCapacity?: Capacity | Capacity[] }).ConsumedCapacity;
      if (Array.isArray(consumed)) consumed.forEach(add); else add(consumed);
      return result;
    } catch (error) {
      // A failed conditional put still consumes a write unit in DynamoDB; dynalite does not say how many.
      counts.requests[`${name}.failed`] = (counts.requests[`${name}.failed`] ?? 0) + 1;
      throw error;
    }
  }, { step: 'initialize', name: 'benchRequestCounter' });
  return { counts: () => structuredClone(counts), reset: () => { counts = { requests: {}, units: {} }; } };
};

/** Adds up counts (e.g. several runs). */
export const sumCounts = (all: readonly RequestCounts[]): RequestCounts => {
  const total: RequestCounts = { requests: {}, units: {} };
  for (const c of all) {
    for (const [k, v] of Object.entries(c.requests)) total.requests[k] = (total.requests[k] ?? 0) + v;
    for (const [k, v] of Object.entries(c.units)) total.units[k] = (total.units[k] ?? 0) + v;
  }
  return total;
};
