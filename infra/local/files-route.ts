import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { LocalRoute } from './http-adapter';
import { localFileAllowed } from '../../functions/publishing/signed-links';
import { objectKeyFromRawPath } from '../../functions/publishing/object-key';
import { Messages } from '../../functions/core/messages';
import type { Db } from '../../functions/store/db';
import { LOCAL_SESSION_COOKIE, cookieValue, readLocalSession } from '../../functions/publishing/session-cookies';
import { prefixesCover } from '../../functions/publishing/session-scope';
import { readerScope } from './reader-scope';
import { SIGN_IN_PATH } from './sign-in-route';
import { outOfScopePage } from './sign-in-page';

// A browser (it asks for HTML) is sent to the sign-in page, never shown JSON; an API client keeps the JSON refusal.
const wantsPage = (accept: string | undefined): boolean => (accept ?? '').includes('text/html');

/**
 * `GET /files/<key>`: the local stack's stand-in for CloudFront in front of the reports bucket. It serves an
 * object to a request with a valid, unexpired signed link from `GET /v1/reports` covering that key, or with a
 * sign-in session (see sign-in-route.ts) whose reader's scope covers it. A browser without either is redirected
 * to the sign-in page (and back here after it).
 */
export const filesRoute = (s3: S3Client, bucket: string, secret: string, db: Db): LocalRoute => async (request, response, url) => {
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
  const now = Math.floor(Date.now() / 1000);
  const page = wantsPage(request.headers.accept);
  const toSignIn = (): true => {
    const next = `${url.pathname}${url.hash}`;
    response.writeHead(303, { location: `${SIGN_IN_PATH}?reason=expired&next=${encodeURIComponent(next)}`, 'cache-control': 'no-store' });
    response.end();
    return true;
  };
  if (url.searchParams.has('Signature')) {
    if (!localFileAllowed(secret, key, url.searchParams, now)) return page ? toSignIn() : refuse(403, 'forbidden', Messages.fileLinkNotValid);
  } else {
    const session = readLocalSession(secret, cookieValue(request.headers.cookie, LOCAL_SESSION_COOKIE), now);
    if (typeof session !== 'object') return page ? toSignIn() : refuse(403, 'forbidden', Messages.fileLinkNotValid);
    if (!prefixesCover((await readerScope(db, s3, bucket, session.principal)).prefixes, key)) {
      if (!page) return refuse(403, 'forbidden', Messages.fileLinkNotValid);
      response.writeHead(403, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      response.end(outOfScopePage());
      return true;
    }
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
