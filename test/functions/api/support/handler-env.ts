/**
 * Environment of the API handlers under test. Import it before any handler: the handlers read their
 * configuration once at module scope, and ESM evaluates imports in order.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'outcomes-handlers-'));
/** The pseudonymisation key the handlers read (32 bytes as hex). */
export const PSEUDONYM_KEY = Buffer.alloc(32, 0x5a);
writeFileSync(join(dir, 'pseudonym.key'), `${PSEUDONYM_KEY.toString('hex')}\n`, { mode: 0o600 });

/** The table name the handlers are configured with. */
export const TABLE_NAME = 'outcomes-test';

Object.assign(process.env, {
  TABLE_NAME,
  PSEUDONYM_KEY_FILE: join(dir, 'pseudonym.key'),
  AWS_REGION: 'eu-west-2',
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
  LICENSED_INSTRUMENTS: '',
});
