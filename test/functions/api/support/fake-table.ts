import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, BatchWriteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import type { StoredGroup } from '../../../../functions/core/ingest/stored-group';

type Item = Record<string, unknown>;

/** The document-client mock shared by a test file. */
export const dynamo = mockClient(DynamoDBDocumentClient);

/** A registered group of northside (`own`) and one of harbour (`theirs`), as stored. */
export const groupItem = (groupId: string, clinicId: string, instruments: string[] = ['swemwbs', 'brs']): Item & StoredGroup => ({
  pk: `GROUP#${groupId}`, sk: 'META', type: 'group', groupId, clinicId, programmeId: 'carers', groupType: 'support',
  startDate: '2026-01-05', plannedSessions: 10, instruments, facilitatorQualification: 'counsellor', ended: false,
});

/**
 * Answers Get, BatchGet, Update, BatchWrite and Put from an in-memory map of items (by `pk|sk`); a Put with the
 * records' condition (`contentHash <> :hash`) fails as DynamoDB does when the stored item has that hash. Tests
 * override a command to inject throttling. Returns the map.
 */
export const fakeTable = (items: readonly Item[]): Map<string, Item> => {
  const table = new Map(items.map((item) => [`${String(item['pk'])}|${String(item['sk'])}`, item]));
  const keyOf = (key: Record<string, unknown> | undefined) => `${String(key?.['pk'])}|${String(key?.['sk'])}`;
  dynamo.reset();
  dynamo.on(GetCommand).callsFake((input: { Key?: Item }) => ({ Item: table.get(keyOf(input.Key)) }));
  dynamo.on(BatchGetCommand).callsFake((input: { RequestItems: Record<string, { Keys: Item[] }> }) => ({
    Responses: Object.fromEntries(Object.entries(input.RequestItems).map(([name, request]) =>
      [name, request.Keys.map((key) => table.get(keyOf(key))).filter((item) => item !== undefined)])),
  }));
  dynamo.on(UpdateCommand).resolves({});
  dynamo.on(BatchWriteCommand).callsFake((input: { RequestItems: Record<string, { PutRequest?: { Item: Item } }[]> }) => {
    for (const requests of Object.values(input.RequestItems)) {
      for (const request of requests) if (request.PutRequest) table.set(keyOf(request.PutRequest.Item), request.PutRequest.Item);
    }
    return {};
  });
  dynamo.on(PutCommand).callsFake((input: { Item: Item; ConditionExpression?: string; ExpressionAttributeValues?: Item }) => {
    const stored = table.get(keyOf(input.Item));
    const hash = input.ExpressionAttributeValues?.[':hash'];
    if (input.ConditionExpression !== undefined && hash !== undefined && stored?.['contentHash'] === hash) {
      throw new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });
    }
    table.set(keyOf(input.Item), input.Item);
    return {};
  });
  return table;
};

/** Every item sent in BatchWrite and Put calls so far. */
export const writtenItems = (): Item[] => [
  ...dynamo.commandCalls(BatchWriteCommand).flatMap((call) =>
    Object.values(call.args[0].input.RequestItems ?? {}).flat().flatMap((request) => (request.PutRequest?.Item ? [request.PutRequest.Item] : []))),
  ...dynamo.commandCalls(PutCommand).flatMap((call) => (call.args[0].input.Item ? [call.args[0].input.Item] : [])),
  // Retention schedule items ride along with every write of records (test/integration/retention.test.ts covers them).
].filter((item) => item['type'] !== 'expirySchedule');
