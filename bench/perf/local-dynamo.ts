import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { startDynamoDb, LOCAL_REGION, type EmbeddedServer } from '../../infra/local/embedded-servers';
import { ensureTable } from '../../infra/local/provision';
import type { Db } from '../../functions/store/db';

/** The fixed pseudonymisation key of the bench (never a real one): same pseudonyms on every run. */
export const BENCH_SECRET = Buffer.alloc(32, 7);

/** The table the handlers under bench write (they read `TABLE_NAME` once, at module scope). */
export const HANDLER_TABLE = 'bench-handler';

/**
 * An in-memory dynalite on loopback, and the environment the handler modules read at import: so this must run
 * before any handler module is imported (they are imported dynamically after it).
 */
export const startBenchDynamo = async (): Promise<{ server: EmbeddedServer; db: (table: string) => Db; table: (name: string) => Promise<void> }> => {
  const server = await startDynamoDb();
  const dir = mkdtempSync(join(tmpdir(), 'outcomes-bench-'));
  writeFileSync(join(dir, 'pseudonym.key'), `${BENCH_SECRET.toString('hex')}\n`, { mode: 0o600 });
  Object.assign(process.env, {
    TABLE_NAME: HANDLER_TABLE,
    PSEUDONYM_KEY_FILE: join(dir, 'pseudonym.key'),
    AWS_ENDPOINT_URL_DYNAMODB: server.endpoint,
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    POWERTOOLS_METRICS_DISABLED: 'true',
  });
  const raw = new DynamoDBClient({ endpoint: server.endpoint, region: LOCAL_REGION, credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' }, maxAttempts: 2 });
  const client = DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false } });
  return {
    server,
    db: (table) => ({ client, table }),
    table: (name) => ensureTable(raw, name),
  };
};
