/**
 * Runs the independent interval attacker on what a running local stack publishes (`npm start`), reader by reader:
 * the admin's dashboard figures as a manager of every programme, each funder's slice of the closed quarters'
 * publications, every funder's reports together, and a manager holding them. Truth comes from the store (the
 * roll-up of the stored group statistics). Prints the leaks (none expected) and the counts attacked.
 *
 *   npx tsx test/support/attack-live-demo.mts [data-dir]      (default .outcomes)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { FigureRow } from '../../functions/core/figures/figure-row';
import { publicationGrid } from '../../functions/core/figures/publication-grid';
import { figureRows, rollUp } from '../../functions/core/rollup/roll-up';
import { listProgrammes } from '../../functions/store/organisation-store';
import { listGroupStats } from '../../functions/store/stats-store';
import { attackIntervals, intervalLeaks, trueValues, type Held } from '../core/disclosure/support/interval-attacker';

const dir = process.argv[2] ?? '.outcomes';
const info = JSON.parse(readFileSync(join(dir, 'local-stack.json'), 'utf8')) as {
  apiUrl: string; dynamodbEndpoint: string; s3Endpoint: string; reportsBucket: string; region: string; credentials: { accessKeyId: string; secretAccessKey: string }; tableName: string; keys: Record<string, string>;
};
const get = async (path: string): Promise<FigureRow[]> => {
  const response = await fetch(new URL(path, info.apiUrl), { headers: { authorization: `Bearer ${info.keys['admin']}` } });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  const body = (await response.json()) as { rows: FigureRow[] };
  return body.rows;
};

const db = { client: DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: info.dynamodbEndpoint, region: info.region, credentials: info.credentials })), table: info.tableName };
const programmes = await listProgrammes(db);
const summaries = (await Promise.all(programmes.map((p) => listGroupStats(db, p.programmeId)))).flat();
const truth = trueValues(publicationGrid(figureRows(rollUp(summaries))));
const all = programmes.map((p) => p.programmeId);
const slice = (rows: readonly FigureRow[], funded: readonly string[]): FigureRow[] =>
  rows.filter((r) => (r.programme_id === '*' ? all.every((p) => funded.includes(p)) : funded.includes(r.programme_id)));

const dashboard = await get('/v1/figures');
const quarters = [...new Set(dashboard.map((r) => r.period))].filter((p) => /Q/.test(p)).sort();
// The funder publications as stored (every programme; each funder gets its slice).
const s3 = new S3Client({ endpoint: info.s3Endpoint, region: info.region, credentials: info.credentials, forcePathStyle: true });
const publications: FigureRow[] = [];
const published: string[] = [];
for (const quarter of quarters) {
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: info.reportsBucket, Key: `publications/${quarter}/figures.json` }));
    publications.push(...(JSON.parse(await object.Body?.transformToString() ?? '[]') as FigureRow[]));
    published.push(quarter);
  } catch { /* not published (an open quarter) */ }
}
process.stdout.write(`dashboard: ${dashboard.length} rows; funder publications: ${published.join(', ')}\n`);
const funders = [...new Set(programmes.flatMap((p) => p.funders.map((f) => f.funderId)))].sort();
const funderSlices = funders.map((id) => [id, slice(publications, programmes.filter((p) => p.funders.some((f) => f.funderId === id)).map((p) => p.programmeId))] as const);
const union = [...new Set(funderSlices.flatMap(([, rows]) => rows))];
const readers: [string, Held[], number][] = [
  ['manager of every programme', [{ rows: dashboard, rounding: 1 }], 1],
  ...funderSlices.map(([id, rows]): [string, Held[], number] => [`funder ${id}`, [{ rows, rounding: 5 }], 5]),
  ['every funder\'s reports', [{ rows: union, rounding: 5 }], 5],
  ['manager holding every funder\'s reports', [{ rows: dashboard, rounding: 1 }, { rows: union, rounding: 5 }], 1],
];
let failed = 0;
for (const [name, held, rounding] of readers) {
  const intervals = await attackIntervals(held, 8);
  const leaks = intervalLeaks(intervals, { k: 8, protectionWidth: 5, rounding }, truth);
  const sensitive = intervals.filter((i) => { const v = truth.get(i.name); return v !== undefined && v >= 1 && v < 8; });
  const exactComplements = intervals.filter((i) => i.low === i.high && i.low >= 8).length;
  const narrowest = Math.min(...sensitive.map((i) => i.high - i.low));
  process.stdout.write(`${name}: ${held.reduce((n, h) => n + h.rows.length, 0)} rows, ${intervals.length} counts attacked (${sensitive.length} of 1–7 people, narrowest ${narrowest}), ${leaks.length} leaks; complements of 8 or more known exactly: ${exactComplements}\n`);
  for (const leak of leaks.slice(0, 20)) process.stdout.write(`  ${leak.name} [${leak.low}, ${leak.high}] truth ${truth.get(leak.name)}\n`);
  failed += leaks.length;
}
process.exit(failed === 0 ? 0 : 1);
