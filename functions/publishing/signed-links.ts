import { createSign } from 'node:crypto';
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
