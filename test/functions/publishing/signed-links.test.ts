import { createVerify, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cloudFrontLink } from '../../../functions/publishing/signed-links';

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
