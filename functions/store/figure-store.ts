import { gunzipSync, gzipSync } from 'node:zlib';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { queryAll } from './query-all';
import type { Db } from './db';
import type { FigureRow } from '../core/figures/figure-row';
import { contentHash } from '../core/ingest/content-hash';
import { batchGet, deleteAll } from './batch-write';

/**
 * Dashboard figures, one item per (programme or `*`, period) holding that slice's rows gzipped: the
 * dashboards and the API read a programme's figures with one Query, and a night that changes nothing
 * writes nothing.
 */
const figuresKey = (programmeId: string, period: string) => ({ pk: `FIGURES#${programmeId}`, sk: period });

/**
 * Replaces the dashboard figures with `rows`; slices whose content is unchanged are not rewritten. Slices of
 * `programmeIds` (every programme and `*`) that `rows` no longer has are removed, including those of a
 * programme left with no figures at all.
 */
export const replaceDashboardFigures = async (
  db: Db, rows: readonly FigureRow[], dataAsOf: string, programmeIds: readonly string[],
): Promise<{ written: number; unchanged: number }> => {
  const slices = new Map<string, FigureRow[]>();
  for (const row of rows) {
    const id = `${row.programme_id}|${row.period}`;
    const slice = slices.get(id) ?? [];
    slice.push(row);
    slices.set(id, slice);
  }
  const keys = [...slices.keys()].map((id) => figuresKey(id.split('|')[0]!, id.split('|')[1]!));
  const stored = await batchGet(db, keys, ['contentHash']);
  let written = 0;
  for (const [id, slice] of slices) {
    const [programmeId, period] = id.split('|') as [string, string];
    const key = figuresKey(programmeId, period);
    const hash = contentHash(slice);
    if (stored.get(`${key.pk}|${key.sk}`)?.['contentHash'] === hash) continue;
    await db.client.send(new PutCommand({
      TableName: db.table,
      Item: { ...key, type: 'figures', programmeId, period, contentHash: hash, dataAsOf, rows: gzipSync(JSON.stringify(slice)) },
    }));
    written += 1;
  }
  // Slices that no longer exist (e.g. a programme's last group moved or was erased) are removed.
  const programmes = new Set([...programmeIds, ...[...slices.keys()].map((id) => id.split('|')[0]!)]);
  for (const programmeId of programmes) {
    const existing = await listSliceKeys(db, programmeId);
    const stale = existing.filter((period) => !slices.has(`${programmeId}|${period}`));
    if (stale.length > 0) await deleteAll(db, stale.map((period) => figuresKey(programmeId, period)));
  }
  return { written, unchanged: slices.size - written };
};

const listSliceKeys = async (db: Db, programmeId: string): Promise<string[]> =>
  (await queryAll(db, { KeyConditionExpression: 'pk = :pk', ProjectionExpression: 'sk', ExpressionAttributeValues: { ':pk': `FIGURES#${programmeId}` } }))
    .map((item) => String(item['sk']));

const decode = (value: unknown): FigureRow[] => JSON.parse(gunzipSync(value as Uint8Array).toString('utf8')) as FigureRow[];

/** The dashboard figures of one programme (or `*`), every period, in period order. */
export const readDashboardFigures = async (db: Db, programmeId: string): Promise<FigureRow[]> =>
  (await queryAll(db, { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `FIGURES#${programmeId}` } }))
    .flatMap((item) => decode(item['rows']));

/** A funder publication of one closed period: frozen once written. */
export interface PublicationRecord {
  period: string;
  dataAsOf: string;
  runId: string;
  rows: number;
  suppressed: number;
  objects: { key: string; sha256: string }[];
}

const publicationKey = (period: string) => ({ pk: 'PUBLICATION', sk: period });

/** Reads the publication of a period, or undefined when it has not been published. */
export const getPublication = async (db: Db, period: string): Promise<PublicationRecord | undefined> => {
  const result = await db.client.send(new GetCommand({ TableName: db.table, Key: publicationKey(period), ConsistentRead: true }));
  if (result.Item === undefined) return undefined;
  const { pk: _pk, sk: _sk, type: _type, ...record } = result.Item;
  return record as PublicationRecord;
};

/** Records a publication; a period is published once (a second call leaves the first in place). */
export const putPublication = async (db: Db, record: PublicationRecord): Promise<void> => {
  try {
    await db.client.send(new PutCommand({
      TableName: db.table, Item: { ...publicationKey(record.period), type: 'publication', ...record },
      ConditionExpression: 'attribute_not_exists(pk)',
    }));
  } catch (error) {
    if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
  }
};

/** Periods already published to funders, with the run that published each and the data it was built from. */
export const listPublications = async (db: Db): Promise<{ period: string; runId: string; dataAsOf: string }[]> =>
  (await queryAll(db, { KeyConditionExpression: 'pk = :pk', ProjectionExpression: 'sk, runId, dataAsOf', ExpressionAttributeValues: { ':pk': 'PUBLICATION' } }))
    .map((item) => ({ period: String(item['sk']), runId: String(item['runId']), dataAsOf: String(item['dataAsOf']) }));
