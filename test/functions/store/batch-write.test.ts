import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { BatchGetCommand, BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { RETRY_BUDGET_MS, batchGet, putAll } from '../../../functions/store/batch-write';
import { backoffMs, type Db } from '../../../functions/store/db';
import { StoreBusyError, isRetryable } from '../../../functions/store/store-errors';

const dynamo = mockClient(DynamoDBDocumentClient);
const sleeps: number[] = [];
const db: Db = { client: DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-2' })), table: 't', sleep: async (ms) => { sleeps.push(ms); } };
const items = (n: number) => Array.from({ length: n }, (_, i) => ({ pk: `GROUP#g`, sk: `ATT#p#${String(i).padStart(3, '0')}` }));

beforeEach(() => { dynamo.reset(); sleeps.length = 0; });
afterAll(() => { dynamo.restore(); });

describe('putAll', () => {
  it('writes in chunks of 25', async () => {
    // Prepare
    dynamo.on(BatchWriteCommand).resolves({});

    // Act
    await putAll(db, items(60));

    // Assess
    expect(dynamo.commandCalls(BatchWriteCommand).map((c) => c.args[0].input.RequestItems?.['t']?.length)).toEqual([25, 25, 10]);
    expect(sleeps).toEqual([]);
  });

  it('gives up with StoreBusyError after the configured attempts, backing off in between', async () => {
    // Prepare
    dynamo.on(BatchWriteCommand).rejects(new ProvisionedThroughputExceededException({ message: 'busy', $metadata: {} }));

    // Act
    const act = putAll({ ...db, maxAttempts: 3 }, items(2));

    // Assess
    await expect(act).rejects.toThrow(StoreBusyError);
    expect(dynamo.commandCalls(BatchWriteCommand)).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
  });

  it('gives up once its time budget is spent, well inside API Gateway\'s 29 s, even with attempts left', async () => {
    // Prepare: every wait takes the whole budget
    dynamo.on(BatchWriteCommand).rejects(new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} }));
    vi.useFakeTimers({ toFake: ['Date'] });
    const slow: Db = { ...db, maxAttempts: 100, sleep: async () => { vi.setSystemTime(Date.now() + RETRY_BUDGET_MS); } };

    // Act
    const attempt = putAll(slow, items(1));

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(StoreBusyError);
    expect(dynamo.commandCalls(BatchWriteCommand)).toHaveLength(2);
    expect(RETRY_BUDGET_MS).toBeLessThan(29_000);
    vi.useRealTimers();
  });

  it('does not retry an error that retrying cannot fix', async () => {
    // Prepare
    dynamo.on(BatchWriteCommand).rejects(Object.assign(new Error('bad item'), { name: 'ValidationException', $metadata: { httpStatusCode: 400 } }));

    // Act & Assess
    await expect(putAll(db, items(2))).rejects.toThrow('bad item');
    expect(dynamo.commandCalls(BatchWriteCommand)).toHaveLength(1);
  });
});

describe('batchGet', () => {
  it('asks once per distinct key and again for UnprocessedKeys', async () => {
    // Prepare
    const [a, b] = items(2) as [{ pk: string; sk: string }, { pk: string; sk: string }];
    dynamo.on(BatchGetCommand)
      .resolvesOnce({ Responses: { t: [{ ...a, contentHash: 'h1' }] }, UnprocessedKeys: { t: { Keys: [b] } } })
      .resolves({ Responses: { t: [{ ...b, contentHash: 'h2' }] } });

    // Act
    const found = await batchGet(db, [a, b, a], ['contentHash']);

    // Assess
    expect([...found.keys()]).toEqual([`${a.pk}|${a.sk}`, `${b.pk}|${b.sk}`]);
    expect(dynamo.commandCalls(BatchGetCommand).map((c) => c.args[0].input.RequestItems?.['t']?.Keys?.length)).toEqual([2, 1]);
  });
});

describe('retry policy', () => {
  it('retries throttling and server faults but not client errors', () => {
    expect(isRetryable({ name: 'ThrottlingException' })).toBe(true);
    expect(isRetryable({ name: 'Whatever', $metadata: { httpStatusCode: 503 } })).toBe(true);
    expect(isRetryable({ name: 'ConditionalCheckFailedException', $metadata: { httpStatusCode: 400 } })).toBe(false);
    expect(isRetryable('ThrottlingException')).toBe(false);
  });

  it('backs off exponentially with full jitter, capped at 2 s', () => {
    expect([1, 2, 3, 10].map((attempt) => backoffMs(attempt, () => 0.999999))).toEqual([49, 99, 199, 1999]);
    expect(backoffMs(4, () => 0)).toBe(0);
  });
});
