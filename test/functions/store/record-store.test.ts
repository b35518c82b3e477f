import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { BatchGetCommand, BatchWriteCommand, DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { INGEST_WRITE_WINDOW_MS, writeRecords } from '../../../functions/store/record-store';
import { putAll } from '../../../functions/store/batch-write';
import type { Db } from '../../../functions/store/db';
import type { PlannedItem } from '../../../functions/core/ingest/record-items';
import { WATERMARK_OVERLAP_MS } from '../../../functions/nightly/nightly-context';
import { HANDLERS, type HandlerSpec } from '../../../infra/api-routes';

const dynamo = mockClient(DynamoDBDocumentClient);
const db: Db = { client: DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-2' })), table: 't', sleep: async () => {} };
const planned = (groups: readonly string[], perGroup: number): PlannedItem[] => groups.flatMap((groupId) => Array.from({ length: perGroup }, (_, i) => {
  const key = { pk: `GROUP#${groupId}`, sk: `ATT#p${i}#001` };
  return { key, groupId, contentHash: `h${i}`, item: { ...key, contentHash: `h${i}` } };
}));

beforeEach(() => { dynamo.reset(); });
afterAll(() => { dynamo.restore(); });

describe('writeRecords', () => {
  it('marks each changed group once, before the first put', async () => {
    // Prepare: a log of what was sent, in order
    const sent: string[] = [];
    dynamo.on(BatchGetCommand).callsFake(async () => { sent.push('get'); return { Responses: { t: [] } }; });
    dynamo.on(UpdateCommand).callsFake(async (input: { Key: { pk: string } }) => { sent.push(`mark ${input.Key.pk}`); return {}; });
    dynamo.on(PutCommand).callsFake(async () => { sent.push('put'); return {}; });

    // Act
    const counts = await writeRecords(db, planned(['a', 'b', 'c'], 120));

    // Assess: 360 records read in 4 chunks, 3 markers, then 360 puts
    expect(counts).toEqual({ accepted: 360, unchanged: 0 });
    expect(sent.filter((s) => s === 'get')).toHaveLength(4);
    expect(sent.filter((s) => s.startsWith('mark')).sort()).toEqual(['mark GROUP#a', 'mark GROUP#b', 'mark GROUP#c']);
    expect(sent.indexOf('put')).toBeGreaterThan(Math.max(...['a', 'b', 'c'].map((g) => sent.indexOf(`mark GROUP#${g}`))));
    expect(sent.filter((s) => s === 'put')).toHaveLength(360);
  });

  it('marks nothing and puts nothing when every record is stored as sent', async () => {
    // Prepare
    const records = planned(['a'], 3);
    dynamo.on(BatchGetCommand).resolves({ Responses: { t: records.map((r) => r.item) } });

    // Act
    const counts = await writeRecords(db, records);

    // Assess
    expect(counts).toEqual({ accepted: 0, unchanged: 3 });
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(0);
    expect(dynamo.commandCalls(PutCommand)).toHaveLength(0);
  });

  it('relies on a write window shorter than the nightly look-back: the ingest functions time out within it', () => {
    // The marker is stamped once, before the puts: every put must land within the overlap the next run looks back.
    for (const name of ['attendance', 'responses', 'groups'] as const) {
      expect(((HANDLERS[name] as HandlerSpec).timeoutSeconds ?? 29) * 1000).toBeLessThanOrEqual(INGEST_WRITE_WINDOW_MS);
    }
    expect(INGEST_WRITE_WINDOW_MS).toBeLessThan(WATERMARK_OVERLAP_MS);
  });
});

describe('batchWrite chunks in parallel', () => {
  it('has at most 4 requests in flight and starts no chunk after one failed', async () => {
    // Prepare
    let inFlight = 0;
    let most = 0;
    let calls = 0;
    dynamo.on(BatchWriteCommand).callsFake(async () => {
      calls += 1;
      const call = calls;
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight -= 1;
      if (call === 2) throw Object.assign(new Error('bad item'), { name: 'ValidationException', $metadata: { httpStatusCode: 400 } });
      return {};
    });

    // Act
    const act = putAll(db, Array.from({ length: 500 }, (_, i) => ({ pk: 'GROUP#g', sk: `ATT#p#${i}` })));

    // Assess: 20 chunks; the second fails while the first four are in flight, and no more are sent
    await expect(act).rejects.toThrow('bad item');
    expect(most).toBe(4);
    expect(calls).toBeLessThan(20);
  });
});
