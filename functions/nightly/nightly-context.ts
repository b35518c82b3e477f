import type { S3Client } from '@aws-sdk/client-s3';
import type { Db } from '../store/db';
import { ConfigurationError } from '../runtime/config';
import type { LeaseTiming } from './lease-heartbeat';

/** What the nightly steps need from their shell: the store, the bucket, the settings and the time. */
export interface NightlyContext {
  db: Db;
  s3: S3Client;
  bucket: string;
  /** Disclosure threshold k and funder rounding base. */
  k: number;
  funderRounding: number;
  /** Days after a period's end before it is closed and published to funders. */
  closeAfterDays: number;
  timeZone: string;
  now: () => Date;
  /** The run lease's length and renewal interval (default 2 minutes, renewed every 30 s). */
  lease?: LeaseTiming;
}

/** How long before the last watermark a run starts looking: a write in flight at the last run's start is not missed. */
export const WATERMARK_OVERLAP_MS = 5 * 60 * 1000;

/** The calendar date of an instant in the reporting time zone. */
export const localDate = (instant: Date, timeZone: string): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);

/** Days after a period's end before it closes (`CLOSE_AFTER_DAYS`, default 7; 0 allowed); fails fast when not a whole number. */
export const readCloseAfterDays = (env: NodeJS.ProcessEnv = process.env): number => {
  const text = env['CLOSE_AFTER_DAYS'];
  if (text === undefined || text === '') return 7;
  const days = Number(text);
  // An invalid value made every run fail later with "Invalid time value" while closing periods.
  if (!Number.isInteger(days) || days < 0) throw new ConfigurationError(`CLOSE_AFTER_DAYS must be a whole number of days, not "${text}"`);
  return days;
};
