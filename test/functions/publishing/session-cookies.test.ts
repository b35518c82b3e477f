import { createVerify, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Principal } from '../../../functions/core/access/principal';
import type { StoredProgramme } from '../../../functions/store/organisation-store';
import { reportCatalogue } from '../../../functions/publishing/report-catalogue';
import { prefixesCover, sessionPrefixes } from '../../../functions/publishing/session-scope';
import {
  cloudFrontSessionCookies, cookieValue, localSessionCookie, localSessionToken, readLocalSession,
} from '../../../functions/publishing/session-cookies';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signer = { domain: 'd111.cloudfront.net', keyPairId: 'K2JCJMDEHXQW5F', privateKeyPem: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString() };
const GEN = 'run-7';
const programmes: StoredProgramme[] = [
  { programmeId: 'adults', name: 'Adults', funders: [{ funderId: 'trust', name: 'Trust' }, { funderId: 'council', name: 'Council' }] },
  { programmeId: 'young', name: 'Young', funders: [{ funderId: 'trust', name: 'Trust' }] },
  { programmeId: 'carers', name: 'Carers', funders: [{ funderId: 'fund', name: 'Fund' }] },
];
const dashboardKeys = ['dashboards/index.html', 'dashboards/adults/index.html', 'dashboards/young/index.html', 'dashboards/carers/index.html'];
const reportKeys = ['trust', 'council', 'fund'].flatMap((f) => ['report.html', 'publication.json'].map((file) => `reports/${f}/2026-Q3/${file}`));
const prefixesOf = (principal: Principal): string[] => sessionPrefixes(reportCatalogue(principal, programmes, dashboardKeys, reportKeys), GEN);
const every = [
  ...dashboardKeys.map((k) => k.replace('dashboards/', `dashboards/_gen/${GEN}/`)), ...reportKeys,
  'figures/dashboard/generations/run-7/figures.json', 'dashboards/_gen/run-6/adults/index.html', 'dashboards/adults/index.html',
];

// CloudFront's URL-safe base64: - _ ~ for + = /
const fromCloudFront = (value: string): Buffer => Buffer.from(value.replace(/-/g, '+').replace(/_/g, '=').replace(/~/g, '/'), 'base64');
const parse = (setCookie: string): { name: string; value: string; attributes: string[] } => {
  const [pair = '', ...attributes] = setCookie.split('; ');
  const at = pair.indexOf('=');
  return { name: pair.slice(0, at), value: pair.slice(at + 1), attributes };
};

describe('a sign-in session’s scope', () => {
  it('covers exactly a manager’s own programme folders of the generation, and the reports of funders it holds wholly', () => {
    // Prepare, Act
    const prefixes = prefixesOf({ role: 'manager', keyId: 'm', programmeIds: ['adults', 'young'] });
    // Assess
    expect(prefixes).toEqual(['dashboards/_gen/run-7/adults/', 'dashboards/_gen/run-7/young/', 'reports/council/', 'reports/trust/']);
    expect(every.filter((key) => prefixesCover(prefixes, key))).toEqual([
      'dashboards/_gen/run-7/adults/index.html', 'dashboards/_gen/run-7/young/index.html',
      'reports/trust/2026-Q3/report.html', 'reports/trust/2026-Q3/publication.json', 'reports/council/2026-Q3/report.html', 'reports/council/2026-Q3/publication.json',
    ]);
  });

  it('covers a funder’s own reports only, and every dashboard for a reader of the organisation page', () => {
    expect(prefixesOf({ role: 'funder', keyId: 'f', funderId: 'council' })).toEqual(['reports/council/']);
    expect(prefixesOf({ role: 'manager', keyId: 'm', programmeIds: ['adults', 'young', 'carers'] })).toEqual(['dashboards/_gen/run-7/', 'reports/council/', 'reports/fund/', 'reports/trust/']);
    expect(prefixesOf({ role: 'clinic', keyId: 'c', clinicId: 'north' })).toEqual([]);
  });

  it('never covers a key the catalogue does not list for the reader, nor nests one prefix in another (any manager scope)', () => {
    fc.assert(fc.property(fc.subarray(['adults', 'young', 'carers'], { minLength: 1 }), (ids) => {
      // Prepare
      const principal: Principal = { role: 'manager', keyId: 'm', programmeIds: ids };
      const listed = reportCatalogue(principal, programmes, dashboardKeys, reportKeys).flatMap((e) => Object.values(e.files))
        .map((k) => k.replace(/^dashboards\//, `dashboards/_gen/${GEN}/`));
      // Act
      const prefixes = prefixesOf(principal);
      // Assess
      for (const key of every) if (prefixesCover(prefixes, key)) expect(listed).toContain(key);
      for (const a of prefixes) for (const b of prefixes) if (a !== b) expect(b.startsWith(a)).toBe(false);
    }), { seed: 20261208, numRuns: 50 });
  });
});

describe('CloudFront session cookies', () => {
  it('sign one custom policy per prefix, its resource that folder of the distribution only, sent only under that path', () => {
    // Prepare
    const prefixes = prefixesOf({ role: 'manager', keyId: 'm', programmeIds: ['adults', 'young'] });
    // Act
    const cookies = cloudFrontSessionCookies(signer, prefixes, 1_800_000_000, 1_799_990_000).map(parse);
    // Assess
    expect(cookies).toHaveLength(12);
    prefixes.forEach((prefix, i) => {
      const [policy, signature, keyPair] = cookies.slice(i * 3, i * 3 + 3);
      expect([policy?.name, signature?.name, keyPair?.name]).toEqual(['CloudFront-Policy', 'CloudFront-Signature', 'CloudFront-Key-Pair-Id']);
      const text = fromCloudFront(policy?.value ?? '').toString('utf8');
      expect(JSON.parse(text)).toEqual({ Statement: [{ Resource: `https://d111.cloudfront.net/${prefix}*`, Condition: { DateLessThan: { 'AWS:EpochTime': 1_800_000_000 } } }] });
      expect(createVerify('RSA-SHA1').update(text).verify(publicKey, fromCloudFront(signature?.value ?? ''))).toBe(true);
      expect(keyPair?.value).toBe('K2JCJMDEHXQW5F');
      for (const cookie of [policy, signature, keyPair]) expect(cookie?.attributes).toEqual([`Path=/${prefix}`, 'Max-Age=10000', 'Secure', 'HttpOnly', 'SameSite=Lax']);
    });
  });

  it('refuses to sign a prefix that is not a plain folder', () => {
    expect(() => cloudFrontSessionCookies(signer, ['dashboards/../'], 1_800_000_000, 0)).toThrow(/Refusing a cookie policy/);
    expect(() => cloudFrontSessionCookies(signer, ['dashboards'], 1_800_000_000, 0)).toThrow(/Refusing a cookie policy/);
  });
});

describe('the local session cookie', () => {
  const manager: Principal = { role: 'manager', keyId: 'k1', programmeIds: ['adults', 'young'] };

  it('reads back who signed in until it expires, HttpOnly and SameSite=Strict', () => {
    // Prepare
    const token = localSessionToken('s3cret', manager, 2000);
    const header = localSessionCookie(token, 3600);
    // Act
    const value = cookieValue(`other=1; ${header.split(';')[0] ?? ''}`, 'outcomes_session');
    // Assess
    expect(header).toBe(`outcomes_session=${token}; Path=/; Max-Age=3600; HttpOnly; SameSite=Strict`);
    expect(readLocalSession('s3cret', value, 1999)).toEqual({ principal: manager, expires: 2000 });
    expect(readLocalSession('s3cret', value, 2000)).toBe('expired');
  });

  it('is refused when tampered with, signed with another secret, or missing', () => {
    // Prepare
    const token = localSessionToken('s3cret', manager, 2000);
    const [payload = '', signature = ''] = token.split('.');
    const widened = Buffer.from(JSON.stringify({ principal: { role: 'admin', keyId: 'k1' }, expires: 2000 })).toString('base64url');
    // Assess
    expect(readLocalSession('s3cret', `${widened}.${signature}`, 1000)).toBe('invalid');
    expect(readLocalSession('other', token, 1000)).toBe('invalid');
    expect(readLocalSession('s3cret', `${payload}.`, 1000)).toBe('invalid');
    expect(readLocalSession('s3cret', undefined, 1000)).toBe('invalid');
  });
});
