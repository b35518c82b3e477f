import { createHash } from 'node:crypto';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { syntheticDataset, type ClinicSubmissions } from '../../../infra/local/seed/synthetic-dataset';
import { seedThroughApi } from '../../../infra/local/seed/seed-through-api';
import { DEMO_KEY_SCOPES } from '../../../infra/local/seed/demo-organisation';
import { startTestStack, type TestStack } from './test-stack';
import type { runLocally } from '../../../functions/nightly/run-locally';

/** One object of the reports bucket as stored: bytes, SHA-256 and the headers S3 returns. */
export interface StoredObject {
  key: string;
  body: Buffer;
  sha256: string;
  contentType: string;
  cacheControl: string;
}

/** One entry of `GET /v1/reports`. */
export interface CatalogueItem {
  kind: 'dashboard' | 'funder-report';
  title: string;
  programmeId?: string;
  funderId?: string;
  period?: string;
  files: Record<string, string>;
  links: Record<string, string>;
}

/** The body of `GET /v1/reports`. */
export interface Catalogue {
  expiresInSeconds: number;
  items: CatalogueItem[];
}

/** What `runLocally` answers: the run id, the roll-up output and how many dashboards and reports were published. */
export type NightlyResult = Awaited<ReturnType<typeof runLocally>>;

/** A test stack with a slice of the demo dataset seeded through the API and one nightly run done. */
export interface ReportsStack extends TestStack {
  run: NightlyResult;
  /** Every participantRef the seed sent (none may appear in any published object). */
  participantRefs: string[];
  /** Every object of the reports bucket, all pages. */
  objects: () => Promise<StoredObject[]>;
  /** `GET /v1/reports` with a key. */
  catalogue: (key: string) => Promise<Catalogue>;
}

/**
 * A small, realistic slice of the demo dataset: the first `perProgramme` ended groups of each programme (so
 * every programme and funder has a closed period), with their attendance and answers.
 */
export const datasetSlice = (today: string, perProgramme = 2): ClinicSubmissions[] => {
  const dataset = syntheticDataset(today);
  const taken = new Map<string, number>();
  const keep = new Set<string>();
  for (const group of dataset.flatMap((c) => c.groups).sort((a, b) => a.startDate.localeCompare(b.startDate))) {
    const count = taken.get(group.programmeId) ?? 0;
    if (group.ended !== true || count >= perProgramme) continue;
    taken.set(group.programmeId, count + 1);
    keep.add(group.groupId);
  }
  return dataset.map((c) => ({
    clinicId: c.clinicId,
    groups: c.groups.filter((g) => keep.has(g.groupId)),
    attendance: c.attendance.filter((a) => keep.has(a.groupId)),
    responses: c.responses.filter((r) => keep.has(r.groupId)),
  }));
};

/**
 * The day the seeded slice is anchored to. Fixed, so the figures, the suppression pattern and the periods that close
 * (all of them, as the clock is later) are the same on every run: its groups end in 2026-Q1, for every funder.
 */
export const DATASET_DAY = '2026-11-26';

/** Starts a test stack, seeds `datasetSlice` through the API with the clinics' keys and runs the nightly pipeline once. */
export const startReportsStack = async (): Promise<ReportsStack> => {
  const t = await startTestStack();
  try {
    const { info } = t.stack;
    const slice = datasetSlice(DATASET_DAY);
    const clinicKeys = new Map([[DEMO_KEY_SCOPES.clinic.clinicId, info.keys.clinic], [DEMO_KEY_SCOPES.clinic2.clinicId, info.keys.clinic2], [DEMO_KEY_SCOPES.clinic3.clinicId, info.keys.clinic3]]);
    await seedThroughApi(t.stack.api, slice, clinicKeys);
    // Imported after the stack set the environment: the nightly context reads it at module scope.
    const nightly = await import('../../../functions/nightly/run-locally');
    const run = await nightly.runLocally({ trigger: 'test' });
    const s3 = new S3Client({ endpoint: info.s3Endpoint, region: info.region, credentials: info.credentials, forcePathStyle: true });
    const objects = async (): Promise<StoredObject[]> => {
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const page = await s3.send(new ListObjectsV2Command({ Bucket: info.reportsBucket, ContinuationToken: token }));
        keys.push(...(page.Contents ?? []).flatMap((o) => (o.Key === undefined ? [] : [o.Key])));
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token !== undefined);
      return Promise.all(keys.sort().map(async (key) => {
        const object = await s3.send(new GetObjectCommand({ Bucket: info.reportsBucket, Key: key }));
        const body = Buffer.from((await object.Body?.transformToByteArray()) ?? []);
        return { key, body, sha256: createHash('sha256').update(body).digest('hex'), contentType: object.ContentType ?? '', cacheControl: object.CacheControl ?? '' };
      }));
    };
    return {
      ...t, run, objects,
      participantRefs: [...new Set(slice.flatMap((c) => c.attendance.map((a) => a.participantRef)))],
      catalogue: (key) => t.stack.api.get<Catalogue>('/v1/reports', key),
      stop: async () => { s3.destroy(); await t.stop(); },
    };
  } catch (error) {
    await t.stop();
    throw error;
  }
};
