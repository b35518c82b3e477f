import type { IncomingMessage, ServerResponse } from 'node:http';
import type { S3Client } from '@aws-sdk/client-s3';
import { hashApiKey } from '../../functions/core/access/api-key';
import { Messages } from '../../functions/core/messages';
import type { Db } from '../../functions/store/db';
import { findKeyByHash } from '../../functions/store/key-store';
import {
  LOCAL_SESSION_COOKIE, SESSION_LIFETIME_SECONDS, cookieValue, localSessionCookie, localSessionToken, readLocalSession,
} from '../../functions/publishing/session-cookies';
import type { LocalRoute } from './http-adapter';
import { readerScope } from './reader-scope';
import { catalogueHtml, signInForm } from './sign-in-page';

/** Where the local stack's readers sign in, and what the `/files/` route sends a browser to when it has no session. */
export const SIGN_IN_PATH = '/signin';

const MAX_FORM_BYTES = 4096;

/** Only a path of the `/files/` route is a place to return to after signing in (no open redirect). */
export const safeNext = (next: string | null | undefined): string | undefined =>
  (next !== null && next !== undefined && /^\/files\/[A-Za-z0-9._~/%-]*(\?[A-Za-z0-9._~=&%-]*)?(#.*)?$/.test(next) && !next.includes('//') ? next : undefined);

const html = (response: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): true => {
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...headers });
  response.end(body);
  return true;
};

const redirect = (response: ServerResponse, location: string, headers: Record<string, string> = {}): true => {
  response.writeHead(303, { location, 'cache-control': 'no-store', ...headers });
  response.end();
  return true;
};

const readForm = async (request: IncomingMessage): Promise<URLSearchParams | undefined> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_FORM_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
};

/**
 * `GET /signin` (the form, or the reader's dashboards and reports when signed in), `POST /signin` (a key exchanged
 * once for an HttpOnly session cookie, checked as the API's authorizer checks a key) and `POST /signout`. The local
 * stand-in for CloudFront signed cookies: the `/files/` route accepts the session for everything in the reader's scope.
 */
export const signInRoute = (db: Db, s3: S3Client, bucket: string, secret: string): LocalRoute => async (request, response, url) => {
  if (url.pathname !== SIGN_IN_PATH && url.pathname !== '/signout') return false;
  const now = Math.floor(Date.now() / 1000);
  if (url.pathname === '/signout') {
    if (request.method !== 'POST') return html(response, 405, signInForm({}), { allow: 'POST' });
    return redirect(response, SIGN_IN_PATH, { 'set-cookie': localSessionCookie('', 0) });
  }
  if (request.method === 'GET' || request.method === 'HEAD') {
    const session = readLocalSession(secret, cookieValue(request.headers.cookie, LOCAL_SESSION_COOKIE), now);
    const next = safeNext(url.searchParams.get('next'));
    if (typeof session === 'object') {
      if (next !== undefined) return redirect(response, next);
      const scope = await readerScope(db, s3, bucket, session.principal);
      return html(response, 200, catalogueHtml(session.principal, scope, new Date(session.expires * 1000).toISOString()));
    }
    const ended = session === 'expired' || url.searchParams.get('reason') === 'expired';
    return html(response, 200, signInForm({ ...(next !== undefined && { next }), ...(ended && { notice: Messages.signIn.expired }) }));
  }
  if (request.method !== 'POST') return html(response, 405, signInForm({}), { allow: 'GET, POST' });
  const form = await readForm(request);
  const next = safeNext(form?.get('next'));
  const key = form?.get('key')?.trim() ?? '';
  const again = (status: number, error: string): true => html(response, status, signInForm({ ...(next !== undefined && { next }), error }));
  if (key === '') return again(400, Messages.signIn.keyMissing);
  const stored = await findKeyByHash(db, hashApiKey(key));
  if (stored === undefined || stored.revokedAt !== undefined) return again(401, Messages.signIn.keyNotValid);
  if (stored.principal.role === 'clinic') return again(403, Messages.signIn.clinicKey);
  const token = localSessionToken(secret, stored.principal, now + SESSION_LIFETIME_SECONDS);
  return redirect(response, next ?? SIGN_IN_PATH, { 'set-cookie': localSessionCookie(token, SESSION_LIFETIME_SECONDS) });
};
