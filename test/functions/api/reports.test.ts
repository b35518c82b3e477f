import './support/handler-env';
import { SIGNING_KEYS, DISTRIBUTION_DOMAIN, REPORTS_BUCKET } from './support/cloudfront-env';
import { createVerify } from 'node:crypto';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { handler } from '../../../functions/api/reports';
import type { Principal } from '../../../functions/core/access/principal';
import { bodyOf, proxyEvent } from './support/events';
import { dynamo } from './support/fake-table';

const s3 = mockClient(S3Client);
const secrets = mockClient(SecretsManagerClient);
const PROGRAMMES = [
  { pk: 'PROGRAMMES', sk: 'adults', programmeId: 'adults', name: 'Adults', funders: [{ funderId: 'council', name: 'City Council' }] },
  { pk: 'PROGRAMMES', sk: 'young', programmeId: 'young', name: 'Young People', funders: [{ funderId: 'trust', name: 'Wellbeing Trust' }] },
];
const KEYS: Record<string, string[]> = {
  'dashboards/': ['dashboards/index.html', 'dashboards/adults/index.html', 'dashboards/young/index.html', 'dashboards/manifest.json'],
  // The published generation run-7 (the pointer names it) and a newer one still being written.
  'dashboards/_gen/run-7/': ['index.html', 'adults/index.html', 'young/index.html', 'manifest.json'].map((file) => `dashboards/_gen/run-7/${file}`),
  'dashboards/_gen/run-8/': ['dashboards/_gen/run-8/index.html'],
  // A report is listed once its publication manifest (written last) exists.
  'reports/': ['council', 'trust'].flatMap((funder) => ['report.html', 'report.pdf', 'publication.json'].map((file) => `reports/${funder}/2026-Q1/${file}`)),
};
const fromSafe = (text: string): Buffer => Buffer.from(text.replace(/-/g, '+').replace(/_/g, '=').replace(/~/g, '/'), 'base64');

beforeEach(() => {
  dynamo.reset();
  dynamo.on(QueryCommand).resolves({ Items: PROGRAMMES });
  dynamo.on(GetCommand).resolves({});
  s3.reset();
  s3.on(ListObjectsV2Command).callsFake((input: { Prefix?: string }) => ({ Contents: (KEYS[input.Prefix ?? ''] ?? []).map((Key) => ({ Key })) }));
  secrets.reset();
  secrets.on(GetSecretValueCommand).resolves({ SecretString: SIGNING_KEYS.privateKeyPem });
});
afterAll(() => { dynamo.restore(); s3.restore(); secrets.restore(); });

/** Every link the handler gives `principal`, with what each one is signed to cover. */
const linksOf = async (principal: Principal) => {
  const result = await handler(proxyEvent({ principal, method: 'GET', path: '/v1/reports' }));
  expect(result.statusCode).toBe(200);
  const items = bodyOf(result)['items'] as { links: Record<string, string> }[];
  return items.flatMap((item) => Object.values(item.links)).map((link) => {
    const url = new URL(link);
    const policy = url.searchParams.get('Policy');
    const statement = policy === null ? undefined : (JSON.parse(fromSafe(policy).toString('utf8')) as { Statement: { Resource: string }[] }).Statement;
    const signatureOk = policy === null ? undefined : createVerify('RSA-SHA1').update(fromSafe(policy).toString('utf8')).verify(SIGNING_KEYS.publicKey, fromSafe(url.searchParams.get('Signature') ?? ''));
    return { host: url.host, path: url.pathname, resources: statement?.map((s) => s.Resource), signatureOk, amzSignedHeaders: url.searchParams.get('X-Amz-SignedHeaders') };
  });
};

describe('GET /v1/reports links in AWS', () => {
  it("signs a manager's dashboard for its own programme's folder only", async () => {
    // Act
    const links = await linksOf({ role: 'manager', keyId: 'm', programmeIds: ['adults'] });

    // Assess
    const dashboards = links.filter((link) => link.host === DISTRIBUTION_DOMAIN);
    expect(dashboards).toEqual([{ host: DISTRIBUTION_DOMAIN, path: '/dashboards/adults/index.html', resources: [`https://${DISTRIBUTION_DOMAIN}/dashboards/adults/*`], signatureOk: true, amzSignedHeaders: null }]);
  });

  it("gives a manager presigned links to exactly the report files of funders whose programmes it holds", async () => {
    // Act
    const links = await linksOf({ role: 'manager', keyId: 'm', programmeIds: ['adults'] });

    // Assess
    const files = links.filter((link) => link.host !== DISTRIBUTION_DOMAIN);
    expect(files.map((link) => `${link.host}${link.path}`)).toEqual([
      `${REPORTS_BUCKET}.s3.eu-west-2.amazonaws.com/reports/council/2026-Q1/report.html`,
      `${REPORTS_BUCKET}.s3.eu-west-2.amazonaws.com/reports/council/2026-Q1/report.pdf`,
      `${REPORTS_BUCKET}.s3.eu-west-2.amazonaws.com/reports/council/2026-Q1/publication.json`,
    ]);
    expect(files.every((link) => link.amzSignedHeaders === 'host')).toBe(true);
  });

  it('gives a funder presigned links to its own report files and no dashboard', async () => {
    // Act
    const links = await linksOf({ role: 'funder', keyId: 'f', funderId: 'trust' });

    // Assess
    expect(links.map((link) => `${link.host}${link.path}`)).toEqual([
      `${REPORTS_BUCKET}.s3.eu-west-2.amazonaws.com/reports/trust/2026-Q1/report.html`,
      `${REPORTS_BUCKET}.s3.eu-west-2.amazonaws.com/reports/trust/2026-Q1/report.pdf`,
      `${REPORTS_BUCKET}.s3.eu-west-2.amazonaws.com/reports/trust/2026-Q1/publication.json`,
    ]);
    expect(links.some((link) => link.resources !== undefined)).toBe(false);
  });

  it('signs the whole dashboards folder only for a manager who holds every programme', async () => {
    // Act
    const all = await linksOf({ role: 'manager', keyId: 'm', programmeIds: ['adults', 'young'] });
    const some = await linksOf({ role: 'manager', keyId: 'm', programmeIds: ['young'] });

    // Assess
    expect(new Set(all.flatMap((link) => link.resources ?? []))).toEqual(new Set([`https://${DISTRIBUTION_DOMAIN}/dashboards/*`]));
    expect(some.flatMap((link) => link.resources ?? [])).toEqual([`https://${DISTRIBUTION_DOMAIN}/dashboards/young/*`]);
  });
});

describe('GET /v1/reports links to the published generation', () => {
  beforeEach(() => {
    dynamo.on(GetCommand).resolves({ Item: { pk: 'GENERATION#dashboards', sk: 'META', current: 'run-7', previous: 'run-6', switchedAt: '2026-01-05T02:10:00.000Z' } });
  });

  it("signs a manager's dashboard of the published generation for its own programme's folder of it only", async () => {
    // Act
    const links = await linksOf({ role: 'manager', keyId: 'm', programmeIds: ['adults'] });

    // Assess
    expect(links.filter((link) => link.host === DISTRIBUTION_DOMAIN)).toEqual([{
      host: DISTRIBUTION_DOMAIN, path: '/dashboards/_gen/run-7/adults/index.html',
      resources: [`https://${DISTRIBUTION_DOMAIN}/dashboards/_gen/run-7/adults/*`], signatureOk: true, amzSignedHeaders: null,
    }]);
  });

  it('signs the whole folder of the published generation, and nothing of another, for a manager of every programme', async () => {
    // Act
    const all = await linksOf({ role: 'manager', keyId: 'm', programmeIds: ['adults', 'young'] });

    // Assess
    expect(new Set(all.flatMap((link) => link.resources ?? []))).toEqual(new Set([`https://${DISTRIBUTION_DOMAIN}/dashboards/_gen/run-7/*`]));
    expect(all.filter((link) => link.host === DISTRIBUTION_DOMAIN).map((link) => link.path).sort()).toEqual(
      ['/dashboards/_gen/run-7/adults/index.html', '/dashboards/_gen/run-7/index.html', '/dashboards/_gen/run-7/young/index.html'],
    );
  });

  it('names the logical file of each dashboard in the catalogue, whatever the generation', async () => {
    // Act
    const result = await handler(proxyEvent({ principal: { role: 'admin', keyId: 'a' }, method: 'GET', path: '/v1/reports' }));

    // Assess
    const items = bodyOf(result)['items'] as { kind: string; files: Record<string, string> }[];
    expect(items.filter((i) => i.kind === 'dashboard').map((i) => i.files['index.html'])).toEqual(['dashboards/index.html', 'dashboards/adults/index.html', 'dashboards/young/index.html']);
  });
});
