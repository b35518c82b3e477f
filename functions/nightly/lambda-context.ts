import { readCloseAfterDays, type NightlyContext } from './nightly-context';
import { Env } from '../../infra/api-routes';
import { s3Client } from '../runtime/aws-clients';
import { required } from '../runtime/config';
import { db, settings } from '../runtime/context';

/** The nightly steps' context in a Lambda function or the local stack: module scope, read once. */
export const nightlyContext: NightlyContext = {
  db,
  s3: s3Client,
  bucket: required(Env.reportsBucket),
  k: settings.suppressionK,
  funderRounding: settings.funderRounding,
  closeAfterDays: readCloseAfterDays(),
  timeZone: settings.timeZone,
  now: () => new Date(),
};
