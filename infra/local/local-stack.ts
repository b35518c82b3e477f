import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Server } from 'node:http';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { Env } from '../api-routes';
import { REPORTS_BUCKET, TABLE } from '../table-definition';
import { LOCAL_CREDENTIALS, LOCAL_REGION, startDynamoDb, startS3, type EmbeddedServer } from './embedded-servers';
import { ensureBucket, ensureTable } from './provision';
import { startApiServer, type LocalRoute } from './http-adapter';
import { filesRoute } from './files-route';
import { signInRoute } from './sign-in-route';
import { PRIVATE_FILE_MODE, ensurePrivateDirectory, holdOwnerOnlyUmask, tightenTree } from './private-files';
import { apiClient, type ApiClient } from './api-client';
import { DEMO_CLINICS, DEMO_KEY_SCOPES, DEMO_PROGRAMMES } from './seed/demo-organisation';
import { formatApiKey, hashApiKey } from '../../functions/core/access/api-key';
import { putKey, findKeyByHash } from '../../functions/store/key-store';

/** The demo keys by role, as written to local-stack.json. */
export type DemoKeys = Record<'admin' | keyof typeof DEMO_KEY_SCOPES, string>;

/** Everything a client needs to reach the local stack; written to `<data-dir>/local-stack.json`. */
export interface LocalStackInfo {
  apiUrl: string;
  dynamodbEndpoint: string;
  s3Endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  tableName: string;
  reportsBucket: string;
  keys: DemoKeys;
}

export interface LocalStackOptions {
  /** API port (0 picks a free one). */
  port: number;
  dataDir: string;
  /** Seed the synthetic dataset on first start. */
  seed: boolean;
  /** Progress lines (the demo prints them; tests pass nothing). */
  log?: (line: string) => void;
  /** Extra routes served before the API (dashboards). */
  extraRoutes?: readonly LocalRoute[];
  /** Runs after seeding (the nightly pass and report publishing). */
  afterSeed?: (stack: RunningLocalStack) => Promise<void>;
  /** The day the synthetic dataset is anchored to (default today). */
  today?: string;
  /** How often the retention sweep runs while the stack is up (default hourly; it also runs at start). */
  sweepEveryMs?: number;
}

/** The local retention sweep's period: dynalite never expires items, so the stack deletes expired records itself. */
export const LOCAL_SWEEP_EVERY_MS = 60 * 60 * 1000;

/** A running local stack. */
export interface RunningLocalStack {
  info: LocalStackInfo;
  api: ApiClient;
  stop: () => Promise<void>;
}

const SEED_MARKER = { pk: 'STATE', sk: 'SEED' };

/**
 * Brings up the whole pipeline on loopback with no AWS account: dynalite and s3rver with their data
 * under `dataDir`, the table and bucket from the CDK definitions, and an HTTP server in front of the
 * same Lambda handlers. The SDK reaches the embedded servers through its standard endpoint variables.
 */
export const startLocalStack = async (options: LocalStackOptions): Promise<RunningLocalStack> => {
  const log = options.log ?? (() => {});
  const dataDir = resolve(options.dataDir);
  // Health data and the pseudonymisation key: owner-only (0700 / 0600), including what the servers write later
  // and what an earlier start left readable.
  const releaseUmask = holdOwnerOnlyUmask();
  const keyFile = join(dataDir, 'pseudonym.key');
  try {
    await ensurePrivateDirectory(dataDir);
    for (const owned of ['dynamodb', 's3', 'local-stack.json', 'pseudonym.key']) await tightenTree(join(dataDir, owned));
    await ensurePrivateDirectory(join(dataDir, 's3'));
    if (!existsSync(keyFile)) await writeFile(keyFile, randomBytes(32).toString('hex') + '\n', { mode: PRIVATE_FILE_MODE });
  } catch (error) {
    releaseUmask();
    throw error;
  }

  const servers: EmbeddedServer[] = [];
  let api: Server | undefined;
  let sweepTimer: NodeJS.Timeout | undefined;
  const stop = async () => {
    clearInterval(sweepTimer);
    await new Promise<void>((done) => (api ? api.close(() => done()) : done()));
    api?.closeAllConnections();
    for (const server of servers.reverse()) await server.close();
    releaseUmask();
  };
  try {
    const dynamo = await startDynamoDb({ path: join(dataDir, 'dynamodb') });
    servers.push(dynamo);
    const s3 = await startS3({ directory: join(dataDir, 's3') });
    servers.push(s3);
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      AWS_ENDPOINT_URL_S3: s3.endpoint,
      AWS_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      POWERTOOLS_LOG_LEVEL: process.env['POWERTOOLS_LOG_LEVEL'] ?? 'WARN',
      [Env.tableName]: TABLE.name,
      [Env.reportsBucket]: REPORTS_BUCKET,
      [Env.pseudonymKeyFile]: keyFile,
    });
    delete process.env['AWS_SESSION_TOKEN'];
    delete process.env['AWS_PROFILE'];
    const dynamoClient = new DynamoDBClient({});
    await ensureTable(dynamoClient, TABLE.name);
    await ensureBucket(new S3Client({ forcePathStyle: true }), REPORTS_BUCKET);
    log(`Embedded DynamoDB on ${dynamo.endpoint}, S3 on ${s3.endpoint}`);

    // Nobody else can run on this data directory while this process holds it: a live lease is a killed
    // earlier start's. End it now, so a new run need not wait for its expiry; the run stays resumable.
    const { expireRunLease } = await import('../../functions/store/run-lease');
    const { getRun } = await import('../../functions/store/run-store');
    const leaseDb = { client: DynamoDBDocumentClient.from(dynamoClient), table: TABLE.name };
    const interrupted = await expireRunLease(leaseDb, new Date());
    if (interrupted !== undefined && (await getRun(leaseDb, interrupted))?.status === 'running') log(`Run ${interrupted} was interrupted by an earlier stop: \`npx outcomes nightly --resume ${interrupted}\` resumes it, the next run takes over otherwise.`);

    // Retention: dynalite never expires items (DynamoDB's TTL does, in AWS), so the stack sweeps at start and
    // then hourly; each nightly run sweeps first as well. Swept groups are recomputed by the next nightly.
    const { sweepExpiredRecords } = await import('../../functions/store/retention-store');
    const sweep = async () => {
      const swept = await sweepExpiredRecords(leaseDb, { now: new Date() });
      if (swept.deleted > 0) log(`Retention: deleted ${swept.deleted} expired records of ${swept.groups.length} groups; the next nightly run recomputes them.`);
    };
    await sweep();
    sweepTimer = setInterval(() => {
      void sweep().catch((error: unknown) => log(`Retention sweep failed (the next one retries): ${error instanceof Error ? error.message : String(error)}`));
    }, options.sweepEveryMs ?? LOCAL_SWEEP_EVERY_MS);
    sweepTimer.unref();

    // POST /v1/admin/runs runs the nightly steps in this process (in AWS: a Step Functions execution).
    const { registerLocalRunStarter } = await import('../../functions/nightly/run-starter');
    registerLocalRunStarter((input) => {
      // Fire and forget: the caller follows the run record, and a failure is recorded there.
      void import('../../functions/nightly/run-locally')
        .then(({ runLocally }) => runLocally(input))
        .catch((error: unknown) => log(`Nightly run ${input.runId} failed: ${error instanceof Error ? error.message : String(error)}`));
    });
    // POST /v1/admin/reports builds in this process in the background (in AWS: a report-build execution).
    const { registerLocalReportJobStarter } = await import('../../functions/publishing/report-job-starter');
    registerLocalReportJobStarter((jobId) => {
      void Promise.all([import('../../functions/publishing/run-report-job'), import('../../functions/nightly/lambda-context')])
        .then(([{ runReportJob }, { nightlyContext }]) => runReportJob(nightlyContext, jobId, (error) => log(`Report build ${jobId} failed: ${error instanceof Error ? error.message : String(error)}`)))
        .catch((error: unknown) => log(`Report build ${jobId} could not be recorded: ${error instanceof Error ? error.message : String(error)}`));
    });
    const filesSecret = randomBytes(32).toString('hex');
    const s3Client = new S3Client({ forcePathStyle: true });
    const readerDb = { client: DynamoDBDocumentClient.from(dynamoClient), table: TABLE.name };
    const started = await startApiServer({
      port: options.port,
      extraRoutes: [signInRoute(readerDb, s3Client, REPORTS_BUCKET, filesSecret), filesRoute(s3Client, REPORTS_BUCKET, filesSecret, readerDb), ...(options.extraRoutes ?? [])],
    });
    // Report links point at the local stack's /files/ route (CloudFront's place), signed with this start's secret.
    Object.assign(process.env, { LOCAL_FILES_URL: `${started.url}/files`, LOCAL_FILES_SECRET: filesSecret });
    api = started.server;
    const client = apiClient(started.url);
    const db = { client: DynamoDBDocumentClient.from(dynamoClient), table: TABLE.name };

    const statePath = join(dataDir, 'local-stack.json');
    const previous = await readPrevious(statePath);
    const admin = await ensureAdminKey(db, previous?.keys.admin);
    for (const clinic of DEMO_CLINICS) await client.post('/v1/admin/clinics', admin, clinic);
    for (const programme of DEMO_PROGRAMMES) await client.post('/v1/admin/programmes', admin, programme);
    const keys = { admin } as DemoKeys;
    for (const [name, scope] of Object.entries(DEMO_KEY_SCOPES) as [keyof typeof DEMO_KEY_SCOPES, object][]) {
      const existing = previous?.keys[name];
      keys[name] = existing !== undefined && (await isLive(db, existing)) ? existing : (await client.post<{ key: string }>('/v1/admin/keys', admin, scope)).key;
    }
    const info: LocalStackInfo = {
      apiUrl: started.url, dynamodbEndpoint: dynamo.endpoint, s3Endpoint: s3.endpoint, region: LOCAL_REGION,
      credentials: { ...LOCAL_CREDENTIALS }, tableName: TABLE.name, reportsBucket: REPORTS_BUCKET, keys,
    };
    await writeFile(statePath, JSON.stringify(info, null, 2) + '\n', { mode: PRIVATE_FILE_MODE });
    const stack: RunningLocalStack = { info, api: client, stop };

    const seeded = (await db.client.send(new GetCommand({ TableName: TABLE.name, Key: SEED_MARKER }))).Item !== undefined;
    if (options.seed && !seeded) {
      const { syntheticDataset } = await import('./seed/synthetic-dataset');
      const { seedThroughApi } = await import('./seed/seed-through-api');
      const today = options.today ?? new Date().toISOString().slice(0, 10);
      const clinicKeys = new Map([[DEMO_KEY_SCOPES.clinic.clinicId, keys.clinic], [DEMO_KEY_SCOPES.clinic2.clinicId, keys.clinic2], [DEMO_KEY_SCOPES.clinic3.clinicId, keys.clinic3]]);
      log('Seeding the synthetic dataset through the API...');
      const report = await seedThroughApi(client, syntheticDataset(today), clinicKeys);
      await db.client.send(new PutCommand({ TableName: TABLE.name, Item: { ...SEED_MARKER, anchoredTo: today, ...report } }));
      log(`Seeded ${report.groups} groups, ${report.attendance} attendance marks, ${report.responses} questionnaire responses`);
    } else if (options.seed) {
      log('Data from an earlier start is in place; not seeding again.');
    }
    if (options.afterSeed) await options.afterSeed(stack);
    return stack;
  } catch (error) {
    await stop();
    throw error;
  }
};

const readPrevious = async (path: string): Promise<LocalStackInfo | undefined> => {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as LocalStackInfo;
  } catch {
    return undefined;
  }
};

type LocalDb = Parameters<typeof putKey>[0];

const isLive = async (db: LocalDb, key: string): Promise<boolean> => {
  const stored = await findKeyByHash(db, hashApiKey(key));
  return stored !== undefined && stored.revokedAt === undefined;
};

/** The first admin key cannot come through the API: it is written straight to the table, as `outcomes keys bootstrap` does in AWS. */
const ensureAdminKey = async (db: LocalDb, previous: string | undefined): Promise<string> => {
  if (previous !== undefined && (await isLive(db, previous))) return previous;
  const key = formatApiKey(randomBytes(32));
  await putKey(db, hashApiKey(key), { role: 'admin', keyId: '' }, new Date().toISOString(), 'local stack admin');
  return key;
};
