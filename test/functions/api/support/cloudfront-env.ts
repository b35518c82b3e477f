/**
 * Environment of the reports handler as the AWS stack deploys it with a CloudFront distribution: dashboards
 * behind CloudFront signed URLs, report files as presigned S3 links. Import it after handler-env and before the handler.
 */
import { generateKeyPairSync } from 'node:crypto';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
/** The distribution's signing key pair (the handler reads the private half from Secrets Manager). */
export const SIGNING_KEYS = { privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicKey };
export const DISTRIBUTION_DOMAIN = 'd111.cloudfront.net';
export const REPORTS_BUCKET = 'outcomes-reports-test';

Object.assign(process.env, {
  REPORTS_BUCKET,
  DASHBOARD_DISTRIBUTION_DOMAIN: DISTRIBUTION_DOMAIN,
  DASHBOARD_SIGNING_KEY_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-2:000000000000:secret:signing',
  DASHBOARD_KEY_PAIR_ID: 'K2JCJMDEHXQW5F',
});
delete process.env['LOCAL_FILES_URL'];
delete process.env['LOCAL_FILES_SECRET'];
