import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import type { Principal } from '../../functions/core/access/principal';
import type { Db } from '../../functions/store/db';
import { getGenerationPointer } from '../../functions/store/generation-store';
import { listProgrammes } from '../../functions/store/organisation-store';
import { dashboardFolder, dashboardKeyIn, logicalDashboardKey } from '../../functions/publishing/generation';
import { reportCatalogue, type CatalogueEntry } from '../../functions/publishing/report-catalogue';
import { sessionPrefixes } from '../../functions/publishing/session-scope';

/** What a signed-in reader may open now: the catalogue entries, their physical keys, and the folders they cover. */
export interface ReaderScope {
  entries: (CatalogueEntry & { physical: Record<string, string> })[];
  prefixes: string[];
}

const listKeys = async (s3: S3Client, bucket: string, prefix: string): Promise<string[]> => {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    for (const object of page.Contents ?? []) if (object.Key !== undefined) keys.push(object.Key);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token !== undefined);
  return keys;
};

/**
 * The reader's scope in the published generation, worked out as `GET /v1/reports` does (the same catalogue), so a
 * local session follows the nightly's generations and a programme added to the key the next time it is read.
 */
export const readerScope = async (db: Db, s3: S3Client, bucket: string, principal: Principal): Promise<ReaderScope> => {
  const generation = (await getGenerationPointer(db))?.current;
  const [programmes, physicalDashboards, reportKeys] = await Promise.all([listProgrammes(db), listKeys(s3, bucket, dashboardFolder(generation)), listKeys(s3, bucket, 'reports/')]);
  const entries = reportCatalogue(principal, programmes, physicalDashboards.map((key) => logicalDashboardKey(generation, key)), reportKeys);
  return {
    entries: entries.map((entry) => ({
      ...entry,
      physical: Object.fromEntries(Object.entries(entry.files).map(([name, key]) => [name, entry.kind === 'dashboard' ? dashboardKeyIn(generation, key) : key])),
    })),
    prefixes: sessionPrefixes(entries, generation),
  };
};
