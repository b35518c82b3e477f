import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { LocalRoute } from './http-adapter';
import { localFileAllowed } from '../../functions/publishing/signed-links';
import { objectKeyFromRawPath } from '../../functions/publishing/object-key';
import { Messages } from '../../functions/core/messages';

/**
 * `GET /files/<key>`: the local stack's stand-in for CloudFront in front of the reports bucket. It serves an
 * object only to a request with a valid, unexpired signed link from `GET /v1/reports` covering that key.
 */
export const filesRoute = (s3: S3Client, bucket: string, secret: string): LocalRoute => async (request, response, url) => {
  if (!url.pathname.startsWith('/files/')) return false;
  // The path as sent, not url.pathname: the URL parser resolves `..`, `%2e%2e` and `\\` before anyone could refuse them.
  const rawPath = (request.url ?? '').split('?')[0] ?? '';
  const refuse = (status: number, error: string, message: string) => {
    response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    response.end(JSON.stringify({ error, message }));
    return true;
  };
  if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, 'method_not_allowed', Messages.fileMethodNotAllowed);
  // Dot segments, empty segments, backslashes and encoded separators name no published file: refused before the policy is read.
  const key = rawPath.startsWith('/files/') ? objectKeyFromRawPath(rawPath.slice('/files/'.length)) : undefined;
  if (key === undefined) return refuse(404, 'not_found', Messages.fileNotFound);
  if (!localFileAllowed(secret, key, url.searchParams, Math.floor(Date.now() / 1000))) {
    return refuse(403, 'forbidden', Messages.fileLinkNotValid);
  }
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    const body = Buffer.from(await object.Body!.transformToByteArray());
    response.writeHead(200, {
      'content-type': object.ContentType ?? 'application/octet-stream',
      'cache-control': 'private, no-store',
      'content-length': String(body.length),
      'x-content-type-options': 'nosniff',
    });
    response.end(request.method === 'HEAD' ? undefined : body);
  } catch (error) {
    if ((error as { name?: string }).name === 'NoSuchKey') return refuse(404, 'not_found', Messages.fileNotFound);
    throw error;
  }
  return true;
};
