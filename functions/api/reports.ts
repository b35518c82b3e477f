import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { Env, HANDLERS } from '../../infra/api-routes';
import { authorized } from './handle';
import { json } from './http-response';
import { s3Client } from '../runtime/aws-clients';
import { required } from '../runtime/config';
import { db } from '../runtime/context';
import { listProgrammes } from '../store/organisation-store';
import { reportCatalogue } from '../publishing/report-catalogue';
import { dashboardFolder, dashboardKeyIn, logicalDashboardKey } from '../publishing/generation';
import { getGenerationPointer } from '../store/generation-store';
import { LINK_LIFETIME_SECONDS, cloudFrontLink, localFileLink, presignedLink, type CloudFrontSigner } from '../publishing/signed-links';

const bucket = required(Env.reportsBucket);
const distribution = process.env['DASHBOARD_DISTRIBUTION_DOMAIN'];
// The local stack serves files itself, behind signed links checked as CloudFront checks its own.
const localFiles = process.env['LOCAL_FILES_URL'] && process.env['LOCAL_FILES_SECRET']
  ? { url: process.env['LOCAL_FILES_URL'], secret: process.env['LOCAL_FILES_SECRET'] }
  : undefined;
let signer: Promise<CloudFrontSigner> | undefined;

// Dashboards go through CloudFront (origin access control + signed URLs) where the stack set it up;
// otherwise, as in the local stack, every link is a presigned S3 link.
const dashboardSigner = (): Promise<CloudFrontSigner> | undefined => {
  if (distribution === undefined) return undefined;
  signer ??= new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: required('DASHBOARD_SIGNING_KEY_SECRET_ARN') }))
    .then((secret) => ({ domain: distribution, keyPairId: required('DASHBOARD_KEY_PAIR_ID'), privateKeyPem: secret.SecretString ?? '' }));
  return signer;
};

const listKeys = async (prefix: string): Promise<string[]> => {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3Client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    for (const object of page.Contents ?? []) if (object.Key !== undefined) keys.push(object.Key);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token !== undefined);
  return keys;
};

/**
 * `GET /v1/reports`: the dashboards and funder reports this key may see, each file with a link valid 15 minutes.
 * Dashboards come from the published generation (the pointer): every link names that generation's objects,
 * so a run publishing the next one meanwhile never mixes the two under a reader.
 */
export const handler = authorized(HANDLERS.reports.roles, async (_event, principal) => {
  const generation = (await getGenerationPointer(db))?.current;
  const folder = dashboardFolder(generation);
  const [programmes, physicalDashboards, reportKeys] = await Promise.all([listProgrammes(db), listKeys(folder), listKeys('reports/')]);
  const dashboardKeys = physicalDashboards.map((key) => logicalDashboardKey(generation, key));
  const entries = reportCatalogue(principal, programmes, dashboardKeys, reportKeys);
  const expires = Math.floor(Date.now() / 1000) + LINK_LIFETIME_SECONDS;
  const viaCloudFront = dashboardSigner();
  // A caller who may see the organisation page may see every dashboard: one signature covers them all, so
  // the links between dashboards work; anyone else's signature covers their own programme's pages only.
  const seesAll = entries.some((entry) => entry.kind === 'dashboard' && entry.programmeId === undefined);
  const items = await Promise.all(entries.map(async (entry) => {
    const links: Record<string, string> = {};
    for (const [name, logical] of Object.entries(entry.files)) {
      const key = entry.kind === 'dashboard' ? dashboardKeyIn(generation, logical) : logical;
      // The signature covers the caller's folders of this generation only (all of it for the organisation page).
      const prefix = seesAll ? folder : key.slice(0, key.lastIndexOf('/') + 1);
      const coveringPrefix = entry.kind === 'dashboard' ? prefix : undefined;
      if (localFiles !== undefined) links[name] = localFileLink(localFiles.url, localFiles.secret, key, expires, coveringPrefix);
      else if (entry.kind === 'dashboard' && viaCloudFront !== undefined) links[name] = cloudFrontLink(await viaCloudFront, key, expires, prefix);
      else links[name] = await presignedLink(s3Client, bucket, key);
    }
    return { ...entry, links };
  }));
  return json(200, { expiresInSeconds: LINK_LIFETIME_SECONDS, items });
});
