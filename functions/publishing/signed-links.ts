import { createHmac, createSign, timingSafeEqual } from 'node:crypto';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { isPlainKeyPrefix, isPlainObjectKey } from './object-key';

/** A link was asked for a key or prefix that is not plain (see object-key.ts): a bug in the caller, never signed. */
export class UnsignableKeyError extends Error {
  override readonly name = 'UnsignableKeyError';
}

// Only plain keys and prefixes are ever signed, so no policy's `*` can reach past the folder it names.
const plainKey = (key: string): string => {
  if (!isPlainObjectKey(key)) throw new UnsignableKeyError(`Refusing to sign a link to the key "${key.slice(0, 200)}"`);
  return key;
};
const plainPrefix = (prefix: string): string => {
  if (!isPlainKeyPrefix(prefix)) throw new UnsignableKeyError(`Refusing to sign a policy over the prefix "${prefix.slice(0, 200)}"`);
  return prefix;
};

/** How long a link handed out by `GET /v1/reports` stays valid. */
export const LINK_LIFETIME_SECONDS = 900;

/** A short-lived presigned S3 GET link to one object of the reports bucket. */
export const presignedLink = async (s3: S3Client, bucket: string, key: string, seconds = LINK_LIFETIME_SECONDS): Promise<string> =>
  getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: plainKey(key) }), { expiresIn: seconds });

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
  // Plain keys are unreserved characters only: the URL and the policy's resource need no escaping.
  const url = `https://${signer.domain}/${plainKey(key)}`;
  if (coveringPrefix === undefined) {
    const policy = JSON.stringify({ Statement: [{ Resource: url, Condition: { DateLessThan: { 'AWS:EpochTime': expiresEpochSeconds } } }] });
    return `${url}?Expires=${expiresEpochSeconds}&Signature=${cloudFrontSafe(sign(signer, policy))}&Key-Pair-Id=${signer.keyPairId}`;
  }
  // A custom policy over a prefix: the page can pass the same signature on to the dashboards it links to.
  if (!key.startsWith(plainPrefix(coveringPrefix))) throw new UnsignableKeyError(`The prefix "${coveringPrefix}" does not cover "${key}"`);
  const resource = `https://${signer.domain}/${coveringPrefix}*`;
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
  const resource = coveringPrefix === undefined ? plainKey(key) : `${plainPrefix(coveringPrefix)}*`;
  if (!plainKey(key).startsWith(resource.replace(/\*$/, ''))) throw new UnsignableKeyError(`The prefix "${coveringPrefix}" does not cover "${key}"`);
  const policy = Buffer.from(JSON.stringify({ resource, expires: expiresEpochSeconds })).toString('base64url');
  const signature = createHmac('sha256', secret).update(policy).digest('base64url');
  return `${baseUrl}/${key}?Policy=${policy}&Signature=${signature}&Key-Pair-Id=local`;
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
  // A key with dot segments or encoded separators could start with a prefix and still leave it: never allowed.
  if (!isPlainObjectKey(key)) return false;
  if (!parsed.resource.endsWith('*')) return key === parsed.resource;
  const prefix = parsed.resource.slice(0, -1);
  return isPlainKeyPrefix(prefix) && key.startsWith(prefix);
};
