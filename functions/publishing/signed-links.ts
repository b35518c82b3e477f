import { createHmac, createSign, timingSafeEqual } from 'node:crypto';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

/** How long a link handed out by `GET /v1/reports` stays valid. */
export const LINK_LIFETIME_SECONDS = 900;

/** A short-lived presigned S3 GET link to one object of the reports bucket. */
export const presignedLink = (s3: S3Client, bucket: string, key: string, seconds = LINK_LIFETIME_SECONDS): Promise<string> =>
  getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: key }), { expiresIn: seconds });

/** What CloudFront needs to check a signed URL: the distribution's domain, the key pair id, the private key. */
export interface CloudFrontSigner {
  domain: string;
  keyPairId: string;
  privateKeyPem: string;
}

/**
 * A CloudFront signed URL with a canned policy (RSA-SHA1, CloudFront's URL-safe base64), so dashboards are
 * served through the distribution with origin access control and only to holders of a fresh link.
 */
export const cloudFrontLink = (signer: CloudFrontSigner, key: string, expiresEpochSeconds: number, coveringPrefix?: string): string => {
  const url = `https://${signer.domain}/${key.split('/').map(encodeURIComponent).join('/')}`;
  if (coveringPrefix === undefined) {
    const policy = JSON.stringify({ Statement: [{ Resource: url, Condition: { DateLessThan: { 'AWS:EpochTime': expiresEpochSeconds } } }] });
    return `${url}?Expires=${expiresEpochSeconds}&Signature=${cloudFrontSafe(sign(signer, policy))}&Key-Pair-Id=${signer.keyPairId}`;
  }
  // A custom policy over a prefix: the page can pass the same signature on to the dashboards it links to.
  const resource = `https://${signer.domain}/${coveringPrefix.split('/').map(encodeURIComponent).join('/')}*`;
  const policy = JSON.stringify({ Statement: [{ Resource: resource, Condition: { DateLessThan: { 'AWS:EpochTime': expiresEpochSeconds } } }] });
  return `${url}?Policy=${cloudFrontSafe(Buffer.from(policy).toString('base64'))}&Signature=${cloudFrontSafe(sign(signer, policy))}&Key-Pair-Id=${signer.keyPairId}`;
};

const sign = (signer: CloudFrontSigner, policy: string): string => createSign('RSA-SHA1').update(policy).sign(signer.privateKeyPem, 'base64');

/** CloudFront's URL-safe base64: `+` → `-`, `=` → `_`, `/` → `~`. */
const cloudFrontSafe = (base64: string): string => base64.replace(/\+/g, '-').replace(/=/g, '_').replace(/\//g, '~');

/**
 * The local stack's stand-in for CloudFront signed URLs: the same query parameters (`Policy`, `Signature`,
 * `Key-Pair-Id`), an HMAC-SHA-256 instead of RSA, checked by the local stack's `/files/` route. A policy over
 * a prefix covers every object under it, as a CloudFront custom policy does.
 */
export const localFileLink = (baseUrl: string, secret: string, key: string, expiresEpochSeconds: number, coveringPrefix?: string): string => {
  const policy = Buffer.from(JSON.stringify({ resource: coveringPrefix === undefined ? key : `${coveringPrefix}*`, expires: expiresEpochSeconds })).toString('base64url');
  const signature = createHmac('sha256', secret).update(policy).digest('base64url');
  return `${baseUrl}/${key.split('/').map(encodeURIComponent).join('/')}?Policy=${policy}&Signature=${signature}&Key-Pair-Id=local`;
};

/** Whether a `/files/` request for `key` carries a valid, unexpired local signature covering that key. */
export const localFileAllowed = (secret: string, key: string, query: URLSearchParams, nowEpochSeconds: number): boolean => {
  const policy = query.get('Policy') ?? '';
  const signature = Buffer.from(query.get('Signature') ?? '', 'base64url');
  const expected = createHmac('sha256', secret).update(policy).digest();
  if (signature.length !== expected.length || !timingSafeEqual(signature, expected)) return false;
  let parsed: { resource?: unknown; expires?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(policy, 'base64url').toString('utf8')) as typeof parsed;
  } catch {
    return false;
  }
  if (typeof parsed.resource !== 'string' || typeof parsed.expires !== 'number' || parsed.expires <= nowEpochSeconds) return false;
  return parsed.resource.endsWith('*') ? key.startsWith(parsed.resource.slice(0, -1)) : key === parsed.resource;
};
