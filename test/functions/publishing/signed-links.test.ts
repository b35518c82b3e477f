import { createVerify, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { S3Client } from '@aws-sdk/client-s3';
import { UnsignableKeyError, cloudFrontLink, localFileAllowed, localFileLink, presignedLink } from '../../../functions/publishing/signed-links';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signer = { domain: 'd111.cloudfront.net', keyPairId: 'K2JCJMDEHXQW5F', privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
const fromSafe = (text: string): Buffer => Buffer.from(text.replace(/-/g, '+').replace(/_/g, '=').replace(/~/g, '/'), 'base64');

describe('cloudFrontLink', () => {
  it('signs a canned policy for one object that CloudFront can verify with the public key', () => {
    // Act
    const url = new URL(cloudFrontLink(signer, 'dashboards/young-people/index.html', 1_800_000_000));

    // Assess
    const policy = JSON.stringify({ Statement: [{ Resource: 'https://d111.cloudfront.net/dashboards/young-people/index.html', Condition: { DateLessThan: { 'AWS:EpochTime': 1_800_000_000 } } }] });
    expect(url.searchParams.get('Expires')).toBe('1800000000');
    expect(url.searchParams.get('Key-Pair-Id')).toBe(signer.keyPairId);
    expect(createVerify('RSA-SHA1').update(policy).verify(publicKey, fromSafe(url.searchParams.get('Signature') ?? ''))).toBe(true);
  });

  it('signs a custom policy over a prefix, so the same signature opens every dashboard under it', () => {
    // Act
    const url = new URL(cloudFrontLink(signer, 'dashboards/index.html', 1_800_000_000, 'dashboards/'));

    // Assess
    const policy = fromSafe(url.searchParams.get('Policy') ?? '').toString('utf8');
    expect(JSON.parse(policy)).toEqual({ Statement: [{ Resource: 'https://d111.cloudfront.net/dashboards/*', Condition: { DateLessThan: { 'AWS:EpochTime': 1_800_000_000 } } }] });
    expect(url.searchParams.has('Expires')).toBe(false);
    expect(createVerify('RSA-SHA1').update(policy).verify(publicKey, fromSafe(url.searchParams.get('Signature') ?? ''))).toBe(true);
  });
});

describe('cloudFrontLink scope', () => {
  it("covers a manager's own dashboard folder and nothing beside it", () => {
    // Act
    const url = new URL(cloudFrontLink(signer, 'dashboards/adults/index.html', 1_800_000_000, 'dashboards/adults/'));

    // Assess
    const [statement] = (JSON.parse(fromSafe(url.searchParams.get('Policy') ?? '').toString('utf8')) as { Statement: { Resource: string }[] }).Statement;
    expect(statement?.Resource).toBe('https://d111.cloudfront.net/dashboards/adults/*');
    expect(url.pathname).toBe('/dashboards/adults/index.html');
  });

  it('refuses to sign a prefix with a wildcard or a dot segment, or one that does not cover the key', () => {
    // Act, Assess
    expect(() => cloudFrontLink(signer, 'dashboards/a/index.html', 1_800_000_000, 'dashboards/a*/')).toThrow(UnsignableKeyError);
    expect(() => cloudFrontLink(signer, 'dashboards/a/index.html', 1_800_000_000, 'dashboards/a/../')).toThrow(UnsignableKeyError);
    expect(() => cloudFrontLink(signer, 'dashboards/a/index.html', 1_800_000_000, 'dashboards')).toThrow(UnsignableKeyError);
    expect(() => cloudFrontLink(signer, 'dashboards/b/index.html', 1_800_000_000, 'dashboards/a/')).toThrow(UnsignableKeyError);
    expect(() => cloudFrontLink(signer, 'dashboards/a/../b/index.html', 1_800_000_000)).toThrow(UnsignableKeyError);
  });
});

describe('presignedLink', () => {
  const s3 = new S3Client({ region: 'eu-west-2', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' } });

  it("signs a GET of exactly one report file, for the link's lifetime", async () => {
    // Act
    const url = new URL(await presignedLink(s3, 'reports-bucket', 'reports/trust/2026-Q1/report.pdf'));

    // Assess
    expect(`${url.host}${url.pathname}`).toBe('reports-bucket.s3.eu-west-2.amazonaws.com/reports/trust/2026-Q1/report.pdf');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('900');
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('host');
    expect(url.searchParams.get('x-id')).toBe('GetObject');
  });

  it('refuses to sign a key outside the plain key layout', async () => {
    // Act, Assess
    await expect(presignedLink(s3, 'reports-bucket', 'reports/trust/../other/2026-Q1/report.pdf')).rejects.toThrow(UnsignableKeyError);
  });
});

describe('localFileAllowed', () => {
  const secret = 'test-secret';
  const now = 1_700_000_000;
  const query = (link: string) => new URL(link).searchParams;
  const own = query(localFileLink('http://127.0.0.1/files', secret, 'dashboards/adults/index.html', now + 60, 'dashboards/adults/'));

  it('lets a prefix policy open the files under its folder', () => {
    // Act, Assess
    expect(localFileAllowed(secret, 'dashboards/adults/index.html', own, now)).toBe(true);
    expect(localFileAllowed(secret, 'dashboards/adults/charts.json', own, now)).toBe(true);
  });

  it('refuses keys that start with the prefix but leave its folder, and neighbouring folders', () => {
    // Act, Assess
    expect(localFileAllowed(secret, 'dashboards/adults/../young/index.html', own, now)).toBe(false);
    expect(localFileAllowed(secret, 'dashboards/adults/..\\young/index.html', own, now)).toBe(false);
    expect(localFileAllowed(secret, 'dashboards/adults//index.html', own, now)).toBe(false);
    expect(localFileAllowed(secret, 'dashboards/adults-2/index.html', own, now)).toBe(false);
    expect(localFileAllowed(secret, 'dashboards/index.html', own, now)).toBe(false);
  });

  it('refuses an expired policy and a policy signed with another secret', () => {
    // Act, Assess
    expect(localFileAllowed(secret, 'dashboards/adults/index.html', own, now + 60)).toBe(false);
    expect(localFileAllowed('other-secret', 'dashboards/adults/index.html', own, now)).toBe(false);
  });
});
