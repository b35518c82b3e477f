import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException, DynamoDBClient, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { putIfChanged } from '../../../functions/store/conditional-put';
import type { Db } from '../../../functions/store/db';
import { StoreBusyError } from '../../../functions/store/store-errors';

const dynamo = mockClient(DynamoDBDocumentClient);
const db: Db = { client: DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-2' })), table: 't', sleep: async () => {} };
const items = (n: number) => Array.from({ length: n }, (_, i) => {
  const sk = `ATT#p#${String(i).padStart(3, '0')}`;
  return { item: { pk: 'GROUP#g', sk, contentHash: `h${i}` }, contentHash: `h${i}` };
});
const conditionFailed = () => new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });

beforeEach(() => { dynamo.reset(); });
afterAll(() => { dynamo.restore(); });

describe('putIfChanged', () => {
  it('puts each item on the condition that its content hash is not stored yet', async () => {
    // Prepare
    dynamo.on(PutCommand).resolves({});

    // Act
    const written = await putIfChanged(db, items(2));

    // Assess
    expect(written).toBe(2);
    expect(dynamo.commandCalls(PutCommand).map((c) => c.args[0].input)).toEqual([0, 1].map((i) => ({
      TableName: 't', Item: { pk: 'GROUP#g', sk: `ATT#p#00${i}`, contentHash: `h${i}` },
      ConditionExpression: 'attribute_not_exists(pk) OR contentHash <> :hash', ExpressionAttributeValues: { ':hash': `h${i}` },
    })));
  });

  it('counts only what it wrote: an item found stored with the same hash is not counted', async () => {
    // Prepare
    dynamo.on(PutCommand).resolves({});
    dynamo.on(PutCommand, { Item: { pk: 'GROUP#g', sk: 'ATT#p#001', contentHash: 'h1' } }).rejects(conditionFailed());

    // Act
    const written = await putIfChanged(db, items(3));

    // Assess
    expect(written).toBe(2);
  });

  it('sends again only the throttled puts, and gives up with StoreBusyError when throttling lasts', async () => {
    // Prepare
    dynamo.on(PutCommand).rejectsOnce(new ProvisionedThroughputExceededException({ message: 'busy', $metadata: {} })).resolves({});

    // Act
    const written = await putIfChanged(db, items(3));
    dynamo.reset();
    dynamo.on(PutCommand).rejects(new ProvisionedThroughputExceededException({ message: 'busy', $metadata: {} }));
    const busy = putIfChanged({ ...db, maxAttempts: 2 }, items(1));

    // Assess
    expect(written).toBe(3);
    await expect(busy).rejects.toThrow(StoreBusyError);
  });

  it('has at most 25 puts in flight at once', async () => {
    // Prepare
    let inFlight = 0;
    let most = 0;
    dynamo.on(PutCommand).callsFake(async () => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight -= 1;
      return {};
    });

    // Act
    const written = await putIfChanged(db, items(60));

    // Assess
    expect(written).toBe(60);
    expect(most).toBe(25);
  });
});
