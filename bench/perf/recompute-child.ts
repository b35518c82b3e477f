/**
 * One measured pass in a process of its own (as a Lambda would run it), against the parent's dynalite:
 *   recompute: list every group (the full rebuild's Scan), then recompute them in batches of 50, 4 at a time,
 *              with the nightly's own step (read → summariseGroup → put statistics), as runNightly does;
 *   scan:      a 4-segment parallel Scan of the whole table (the baseline: reading every item once).
 * Prints one JSON line: seconds, items, peak RSS and the request counts.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { listAllGroupIds } from '../../functions/store/group-store';
import { recomputeGroupsStep } from '../../functions/nightly/steps/recompute-groups';
import type { NightlyContext } from '../../functions/nightly/nightly-context';
import { countRequests } from './request-counter';

const [mode, endpoint, table, runId] = process.argv.slice(2);
const client = DynamoDBDocumentClient.from(
  new DynamoDBClient({ endpoint, region: 'eu-west-2', credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' }, maxAttempts: 2 }),
  { marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false } },
);
const db = { client, table: String(table) };
const counter = countRequests(client);

const scan = async (): Promise<number> => {
  const segment = async (Segment: number): Promise<number> => {
    let items = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const page = await client.send(new ScanCommand({ TableName: db.table, Segment, TotalSegments: 4, ExclusiveStartKey: start }));
      items += page.Items?.length ?? 0;
      start = page.LastEvaluatedKey;
    } while (start !== undefined);
    return items;
  };
  return (await Promise.all([0, 1, 2, 3].map(segment))).reduce((a, b) => a + b, 0);
};

let listSeconds = 0;
const recompute = async (): Promise<number> => {
  const ctx = { db } as unknown as NightlyContext;
  const listStart = performance.now();
  const ids = await listAllGroupIds(db);
  listSeconds = (performance.now() - listStart) / 1000;
  const batches: string[][] = [];
  for (let i = 0; i < ids.length; i += 50) batches.push(ids.slice(i, i + 50));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const batch = batches[next]!;
      next += 1;
      await recomputeGroupsStep(ctx, { Items: batch, BatchInput: { runId: String(runId) } });
    }
  };
  await Promise.all([0, 1, 2, 3].map(worker));
  return ids.length;
};

const start = performance.now();
const count = mode === 'scan' ? await scan() : await recompute();
const seconds = (performance.now() - start) / 1000;
process.stdout.write(`${JSON.stringify({ seconds, listSeconds, count, maxRssMB: process.resourceUsage().maxRSS / 1024, counts: counter.counts() })}\n`);
client.destroy();
