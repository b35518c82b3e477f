import { documentClient } from './dynamo-client';
import { readRetentionDays, readSettings } from './config';
import type { Db } from '../store/db';

/** Deployment settings, read once at cold start (fails fast when TABLE_NAME is missing). */
export const settings = readSettings();

/** The table, as every handler of this process uses it. */
export const db: Db = { client: documentClient, table: settings.tableName };

/** Records are kept this many days after the date they describe (configurable; default 8 years). */
export const retentionDays = readRetentionDays();
