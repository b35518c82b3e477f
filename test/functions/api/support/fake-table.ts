import { BatchGetCommand, BatchWriteCommand, DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
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
 * Answers Get, BatchGet and Update from an in-memory map of items (by `pk|sk`); BatchWrite is left to
 * each test so it can inject throttling. Returns the map.
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
  return table;
};

/** Every item sent in BatchWrite calls so far. */
export const writtenItems = (): Item[] =>
  dynamo.commandCalls(BatchWriteCommand).flatMap((call) =>
    Object.values(call.args[0].input.RequestItems ?? {}).flat().flatMap((request) => (request.PutRequest?.Item ? [request.PutRequest.Item] : [])));
