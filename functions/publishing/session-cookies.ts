import { createHmac, timingSafeEqual } from 'node:crypto';
import { getSignedCookies } from '@aws-sdk/cloudfront-signer';
import type { Principal } from '../core/access/principal';
import { fromContext, toContext } from '../core/access/principal';
import { isPlainKeyPrefix } from './object-key';
import { UnsignableKeyError, type CloudFrontSigner } from './signed-links';

/** How long a sign-in lasts: a working day, after which the reader signs in again. */
export const SESSION_LIFETIME_SECONDS = 8 * 60 * 60;

/** The local stack's session cookie. */
export const LOCAL_SESSION_COOKIE = 'outcomes_session';

/** The custom policy of one CloudFront signed-cookie triple: everything under `prefix` until `expires`, nothing else. */
export const cloudFrontCookiePolicy = (domain: string, prefix: string, expiresEpochSeconds: number): string => {
  if (!isPlainKeyPrefix(prefix)) throw new UnsignableKeyError(`Refusing a cookie policy over the prefix "${prefix.slice(0, 200)}"`);
  return JSON.stringify({ Statement: [{ Resource: `https://${domain}/${prefix}*`, Condition: { DateLessThan: { 'AWS:EpochTime': expiresEpochSeconds } } }] });
};

/**
 * `Set-Cookie` values of a CloudFront session: per prefix one `CloudFront-Policy` / `-Signature` / `-Key-Pair-Id`
 * triple, its `Path` that prefix, so the browser sends each folder exactly its own signature (a custom policy has one
 * resource). Secure, HttpOnly, SameSite=Lax, expiring with the policy.
 */
export const cloudFrontSessionCookies = (signer: CloudFrontSigner, prefixes: readonly string[], expiresEpochSeconds: number, nowEpochSeconds: number): string[] =>
  prefixes.flatMap((prefix) => {
    const policy = cloudFrontCookiePolicy(signer.domain, prefix, expiresEpochSeconds);
    const signed = getSignedCookies({ policy, keyPairId: signer.keyPairId, privateKey: signer.privateKeyPem });
    const attributes = `Path=/${prefix}; Max-Age=${Math.max(0, expiresEpochSeconds - nowEpochSeconds)}; Secure; HttpOnly; SameSite=Lax`;
    return [
      `CloudFront-Policy=${signed['CloudFront-Policy'] ?? ''}; ${attributes}`,
      `CloudFront-Signature=${signed['CloudFront-Signature']}; ${attributes}`,
      `CloudFront-Key-Pair-Id=${signed['CloudFront-Key-Pair-Id']}; ${attributes}`,
    ];
  });

const mac = (secret: string, payload: string): Buffer => createHmac('sha256', secret).update(`session:${payload}`).digest();

/** The local stack's session token: who signed in and until when, signed with the stack's secret (HMAC-SHA-256). */
export const localSessionToken = (secret: string, principal: Principal, expiresEpochSeconds: number): string => {
  const payload = Buffer.from(JSON.stringify({ principal: toContext(principal), expires: expiresEpochSeconds })).toString('base64url');
  return `${payload}.${mac(secret, payload).toString('base64url')}`;
};

/** The `Set-Cookie` of a local session (HttpOnly, SameSite=Strict, the whole local origin); `Max-Age=0` ends one. */
export const localSessionCookie = (token: string, maxAgeSeconds: number): string =>
  `${LOCAL_SESSION_COOKIE}=${token}; Path=/; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Strict`;

/** A valid local session: who signed in, and when the session ends. */
export interface LocalSession {
  principal: Principal;
  expires: number;
}

/** Reads a local session token: the session, `expired`, or `invalid` (missing, tampered, malformed). */
export const readLocalSession = (secret: string, token: string | undefined, nowEpochSeconds: number): LocalSession | 'expired' | 'invalid' => {
  if (token === undefined) return 'invalid';
  const [payload = '', signature = ''] = token.split('.');
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(secret, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
  let parsed: { principal?: unknown; expires?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof parsed;
  } catch {
    return 'invalid';
  }
  if (typeof parsed.expires !== 'number') return 'invalid';
  if (parsed.expires <= nowEpochSeconds) return 'expired';
  const principal = fromContext(parsed.principal);
  return principal === null ? 'invalid' : { principal, expires: parsed.expires };
};

/** One cookie's value from a `Cookie` header, or undefined. */
export const cookieValue = (header: string | undefined, name: string): string | undefined => {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
};
