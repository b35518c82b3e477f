import type { S3Client } from '@aws-sdk/client-s3';
import type { Db } from '../store/db';

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
}

/** How long before the last watermark a run starts looking: a write in flight at the last run's start is not missed. */
export const WATERMARK_OVERLAP_MS = 5 * 60 * 1000;

/** The calendar date of an instant in the reporting time zone. */
export const localDate = (instant: Date, timeZone: string): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
