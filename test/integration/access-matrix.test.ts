import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES, type Route } from '../../infra/api-routes';
import { groupPayload, send, startTestStack, type TestStack } from './support/test-stack';
import { createHash, createHmac, createVerify, generateKeyPairSync } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { UnsignableKeyError, cloudFrontLink, localFileLink, presignedLink } from '../../functions/publishing/signed-links';
import { isPlainKeyPrefix, isPlainObjectKey } from '../../functions/publishing/object-key';

/**
 * The access policy, stated here apart from the handlers: which roles a route admits. Every other caller — another
 * role, a revoked, unknown or malformed key, no key — is refused (401 or 403) and changes nothing. A clinic reading
 * another clinic's group gets the same 404 as for a group that does not exist.
 */
const ADMITS: Record<Route['handler'], readonly string[]> = {
  authorizer: [], health: ['*'],
  groups: ['clinic'], attendance: ['clinic'], responses: ['clinic'], groupRiskFlags: ['clinic', 'manager', 'funder', 'admin'],
  adminClinics: ['admin'], adminProgrammes: ['admin'], adminKeys: ['admin'], adminErasures: ['admin'], adminRuns: ['admin'], adminReports: ['admin'], adminAudit: ['admin'],
  reports: ['admin', 'manager', 'funder'], figures: ['admin', 'manager', 'funder'],
};
const CALLERS = ['clinic', 'clinic2', 'manager', 'funder', 'admin', 'revoked', 'unknown', 'malformed', 'none'] as const;
type Caller = (typeof CALLERS)[number];
const roleOf = (caller: Caller): string | null =>
  caller === 'clinic2' ? 'clinic' : ['revoked', 'unknown', 'malformed', 'none'].includes(caller) ? null : caller;

let t: TestStack;
let keyOf: Record<Caller, string | undefined>;
beforeAll(async () => {
  t = await startTestStack();
  const { keys } = t.stack.info;
  await t.stack.api.post('/v1/groups', keys.clinic, groupPayload('ns-matrix-1'));
  await t.stack.api.post('/v1/attendance', keys.clinic, { records: [{ groupId: 'ns-matrix-1', participantRef: 'MX-1', session: 1, date: '2025-01-06', status: 'present' }] });
  const revoked = await t.stack.api.post<{ key: string; keyId: string }>('/v1/admin/keys', keys.admin, { role: 'clinic', clinicId: 'northside' });
  await t.stack.api.delete(`/v1/admin/keys/${revoked.keyId}`, keys.admin);
  keyOf = {
    clinic: keys.clinic, clinic2: keys.clinic2, manager: keys.manager, funder: keys.funder, admin: keys.admin,
    revoked: revoked.key, unknown: `ro_${'Z'.repeat(43)}`, malformed: 'not a key', none: undefined,
  };
});
afterAll(async () => { await t?.stop(); });

// A request per route: the path with parameters filled in (the clinic's group, a key id, ids that exist nowhere)
// and a body shaped like a valid one, aimed at the first clinic's data.
const requestOf = (route: Route): { path: string; body?: string } => {
  const path = route.path
    .replace('{groupId}', 'ns-matrix-1').replace('{keyId}', '0000000000aaaaaaaaaa')
    .replace('{runId}', 'r-00000000-0000-0000-0000-000000000000').replace('{jobId}', '00000000-0000-0000-0000-000000000000');
  const bodies: Record<string, unknown> = {
    '/v1/groups': groupPayload('ns-matrix-1'),
    '/v1/attendance': { records: [{ groupId: 'ns-matrix-1', participantRef: 'MX-2', session: 2, date: '2025-01-13', status: 'present' }] },
    '/v1/responses': { responses: [{ groupId: 'ns-matrix-1', participantRef: 'MX-2', instrument: 'swemwbs', administeredOn: '2025-01-13', session: 2, items: [3, 3, 3, 3, 3, 3, 3] }] },
    '/v1/admin/clinics': { clinicId: 'matrix-clinic', name: 'Matrix clinic' },
    '/v1/admin/keys': { role: 'clinic', clinicId: 'northside' },
    '/v1/admin/erasures': { clinicId: 'northside', participantRef: 'MX-1' },
    '/v1/admin/reports': { funderId: 'city-council', period: '2999-Q1' },
  };
  return { path, ...(route.method === 'POST' && { body: JSON.stringify(bodies[route.path] ?? {}) }) };
};

const snapshot = async (): Promise<string> => {
  const items = await t.scanAll();
  // Key records carry a last-used stamp the authorizer may touch: compare everything else.
  const stable = items.map((i): Record<string, unknown> => ({ ...i, lastUsedAt: undefined }));
  return JSON.stringify(stable.sort((a, b) => `${String(a['pk'])}${String(a['sk'])}`.localeCompare(`${String(b['pk'])}${String(b['sk'])}`)));
};

describe('every route × every caller', () => {
  it('refuses every caller the route does not admit with 401 or 403, and such a request changes nothing', { timeout: 600_000 }, async () => {
    const refused = ROUTES.filter((route) => route.authorized).flatMap((route) => CALLERS.filter((caller) => {
      const role = roleOf(caller);
      return role === null || !ADMITS[route.handler].includes(role);
    }).map((caller) => ({ route, caller })));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...refused), async ({ route, caller }) => {
        // Prepare
        const before = await snapshot();
        const { path, body } = requestOf(route);

        // Act
        const response = await send(t.stack.info.apiUrl, route.method, path, { key: keyOf[caller], body, contentType: body === undefined ? undefined : 'application/json' });

        // Assess
        expect([`${route.method} ${route.path} as ${caller}`, response.status]).toEqual([`${route.method} ${route.path} as ${caller}`, roleOf(caller) === null ? 401 : 403]);
        expect(await snapshot()).toBe(before);
      }),
      { seed: 20261208, numRuns: 120 },
    );
  });

  it('lets another clinic neither read nor write the first clinic\u2019s group, and changes nothing', async () => {
    // Prepare
    const before = await snapshot();

    // Act
    const read = await send(t.stack.info.apiUrl, 'GET', '/v1/groups/ns-matrix-1/risk-flags', { key: keyOf.clinic2 });
    const write = await send(t.stack.info.apiUrl, 'POST', '/v1/attendance', { key: keyOf.clinic2, contentType: 'application/json', body: requestOf(ROUTES.find((r) => r.path === '/v1/attendance')!).body });
    const takeOver = await send(t.stack.info.apiUrl, 'POST', '/v1/groups', { key: keyOf.clinic2, contentType: 'application/json', body: JSON.stringify({ ...groupPayload('ns-matrix-1'), programmeId: 'carers' }) });

    // Assess
    expect([read.status, write.status, takeOver.status]).toEqual([404, 400, 409]);
    // The write is refused record by record, naming the group as not the clinic's (the same for one that does not exist)
    expect(JSON.stringify(write.json)).toContain('groupId');
    expect(await snapshot()).toBe(before);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Link tampering: the local /files/ route (CloudFront's stand-in), and the CloudFront and presigned S3 builders.

/** Objects of several scopes, each body naming its key, so a 200 shows exactly which file was served. */
const FILES = [
  'dashboards/g1/adult-resilience/index.html', 'dashboards/g1/adult-resilience/figures.json', 'dashboards/g1/young-people/index.html',
  'dashboards/g1/adult-resilience-extra/index.html', 'dashboards/g1/index.html', 'figures/dashboard/figures.json',
  'reports/wellbeing-trust/2025-Q1/report.html', 'reports/city-council/2025-Q1/report.html',
];
const OWN_PREFIX = 'dashboards/g1/adult-resilience/';
const OWN_REPORT = 'reports/wellbeing-trust/2025-Q1/report.html';

/** A GET with the path exactly as written (no client-side normalisation of `..` or escapes). */
const rawGet = (base: string, rawPath: string): Promise<{ status: number; body: string }> => new Promise((resolve, reject) => {
  const outgoing = httpRequest(`${base}/`, { path: rawPath.replace(/[^\x21-\x7e]/gu, (c) => encodeURIComponent(c)) }, (incoming) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
  });
  outgoing.on('error', reject);
  outgoing.end();
});

const PATH_TAMPERINGS: readonly ((key: string) => string)[] = [
  (key) => key.replace('adult-resilience/', 'adult-resilience/..%2Fyoung-people/'),
  (key) => key.replace('adult-resilience/', 'adult-resilience/%2e%2e/young-people/'),
  (key) => key.replace('adult-resilience/', 'adult-resilience/../young-people/'),
  (key) => key.replace('adult-resilience/', 'adult-resilience/%2E%2E%2Fyoung-people%2F'),
  (key) => key.replace('adult-resilience/', 'adult-resilience/..%252Fyoung-people/'),
  (key) => key.replace('adult-resilience/', 'adult-resilience/..%5Cyoung-people/'),
  (key) => key.replace('adult-resilience/', 'adult-resilience/..\\young-people/'),
  (key) => key.replace('adult-resilience/', 'adult-resilience//../'),
  (key) => key.replace('adult-resilience/', 'adult-resilience/./../'),
  (key) => key.replace('adult-resilience/', 'adult-resilience/%2F..%2F..%2Ffigures%2Fdashboard%2F'),
  (key) => key.replace('adult-resilience/', 'adult-resilience%2F..%2F'),
  (key) => key.replace('adult-resilience/', 'adult-resilience-extra/'),
  (key) => key.replace('adult-resilience/', 'young-people/'),
  (key) => key.replace('dashboards/g1/adult-resilience/', 'reports/city-council/2025-Q1/').replace('index.html', 'report.html'),
  (key) => key.replace('dashboards/g1/adult-resilience/', 'figures/dashboard/').replace('index.html', 'figures.json'),
  (key) => key.replace('index.html', '%00index.html'),
  (key) => key.replace('index.html', 'index.html%00.json'),
  (key) => key.replace('adult-resilience', 'adult-re\u0073ilience').replace('s', '%73'),
  (key) => key.replace('adult-resilience', 'ADULT-RESILIENCE'),
  (key) => key.replace('adult-resilience', 'adult\u2010resilience'),
  (key) => `${key}/`,
  (key) => `/${key}`,
  (key) => key.replace('index.html', '..'),
  (key) => key.replace('index.html', '%ff'),
];

const REPORT_TAMPERINGS: readonly ((key: string) => string)[] = [
  (key) => key.replace('wellbeing-trust', 'city-council'),
  (key) => key.replace('wellbeing-trust/', 'wellbeing-trust/..%2F..%2Fcity-council/'),
  (key) => key.replace('wellbeing-trust/', 'wellbeing-trust/../../city-council/'),
  (key) => key.replace('report.html', '..%2F..%2F..%2Ffigures%2Fdashboard%2Ffigures.json'),
  (key) => key.replace('report.html', 'report.html%2F..%2F..%2F..%2Fcity-council%2F2025-Q1%2Freport.html'),
  (key) => key.replace('report.html', '*'),
  (key) => key.replace('2025-Q1/report.html', ''),
  (key) => key.replace('Q1', 'q1'),
];

const QUERY_TAMPERINGS: readonly { name: string; tamper: (query: URLSearchParams, other: URLSearchParams, expired: URLSearchParams) => string }[] = [
  { name: 'signature with one character changed', tamper: (q) => { const s = q.get('Signature') ?? ''; q.set('Signature', `${s.slice(0, 5)}${s[5] === 'A' ? 'B' : 'A'}${s.slice(6)}`); return q.toString(); } },
  { name: 'signature dropped', tamper: (q) => { q.delete('Signature'); return q.toString(); } },
  { name: 'empty signature', tamper: (q) => { q.set('Signature', ''); return q.toString(); } },
  { name: 'signature of another link', tamper: (q, other) => { q.set('Signature', other.get('Signature') ?? ''); return q.toString(); } },
  { name: 'policy of another link', tamper: (q, other) => { q.set('Policy', other.get('Policy') ?? ''); return q.toString(); } },
  { name: 'expiry pushed later', tamper: (q) => {
    const policy = JSON.parse(Buffer.from(q.get('Policy') ?? '', 'base64url').toString('utf8')) as { expires: number };
    q.set('Policy', Buffer.from(JSON.stringify({ ...policy, expires: policy.expires + 86_400 })).toString('base64url'));
    return q.toString();
  } },
  { name: 'resource widened', tamper: (q) => {
    const policy = JSON.parse(Buffer.from(q.get('Policy') ?? '', 'base64url').toString('utf8')) as { resource: string };
    q.set('Policy', Buffer.from(JSON.stringify({ ...policy, resource: 'dashboards/*' })).toString('base64url'));
    return q.toString();
  } },
  { name: 'an expired link', tamper: (_q, _o, expired) => expired.toString() },
  { name: 'no query at all', tamper: () => '' },
  { name: 'two policies', tamper: (q, other) => `Policy=${other.get('Policy') ?? ''}&${q.toString()}` },
];

const rfc3986 = (text: string): string => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** S3's check of a presigned GET (SigV4 in the query, unsigned payload): the signature must match the request as received. */
const sigV4QueryValid = (url: URL, secret: string): boolean => {
  const params = [...url.searchParams.entries()];
  const signature = url.searchParams.get('X-Amz-Signature');
  const date = url.searchParams.get('X-Amz-Date') ?? '';
  const [, day = '', region = '', service = ''] = (url.searchParams.get('X-Amz-Credential') ?? '').split('/');
  if (signature === null || url.searchParams.getAll('X-Amz-Signature').length !== 1) return false;
  const query = params.filter(([name]) => name !== 'X-Amz-Signature').map(([name, value]) => `${rfc3986(name)}=${rfc3986(value)}`).sort().join('&');
  const canonical = ['GET', url.pathname, query, `host:${url.host}`, '', 'host', 'UNSIGNED-PAYLOAD'].join('\n');
  const scope = `${day}/${region}/${service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', date, scope, createHash('sha256').update(canonical).digest('hex')].join('\n');
  const key = [day, region, service, 'aws4_request'].reduce<Buffer>((k, part) => createHmac('sha256', k).update(part).digest(), Buffer.from(`AWS4${secret}`));
  // S3 also refuses a link whose date does not start its scope.
  return date.startsWith(day) && createHmac('sha256', key).update(toSign).digest('hex') === signature;
};

describe('a signed link tampered with', () => {
  let base: string;
  let secret: string;
  let bucketBefore: string;
  const listing = async (s3: S3Client): Promise<string> =>
    JSON.stringify(((await s3.send(new ListObjectsV2Command({ Bucket: t.stack.info.reportsBucket }))).Contents ?? []).map((o) => [o.Key, o.ETag, o.Size]));
  let s3: S3Client;
  beforeAll(async () => {
    const { info } = t.stack;
    s3 = new S3Client({ endpoint: info.s3Endpoint, region: info.region, credentials: info.credentials, forcePathStyle: true });
    for (const key of FILES) await s3.send(new PutObjectCommand({ Bucket: info.reportsBucket, Key: key, Body: `file ${key}`, ContentType: 'text/plain' }));
    base = `${info.apiUrl}/files`;
    secret = String(process.env['LOCAL_FILES_SECRET']);
    bucketBefore = await listing(s3);
  });
  afterAll(() => s3?.destroy());

  const links = () => {
    const now = Math.floor(Date.now() / 1000);
    const dashboard = new URL(localFileLink(base, secret, `${OWN_PREFIX}index.html`, now + 600, OWN_PREFIX));
    const report = new URL(localFileLink(base, secret, OWN_REPORT, now + 600));
    const expired = new URL(localFileLink(base, secret, `${OWN_PREFIX}index.html`, now - 1, OWN_PREFIX));
    return { dashboard, report, expired };
  };

  it('serves the untampered links, and only their own files', async () => {
    // Act
    const { dashboard, report } = links();
    const page = await rawGet(t.stack.info.apiUrl, `${dashboard.pathname}${dashboard.search}`);
    const sibling = await rawGet(t.stack.info.apiUrl, `/files/${OWN_PREFIX}figures.json${dashboard.search}`);
    const file = await rawGet(t.stack.info.apiUrl, `${report.pathname}${report.search}`);

    // Assess
    expect([page, sibling, file]).toEqual([
      { status: 200, body: `file ${OWN_PREFIX}index.html` }, { status: 200, body: `file ${OWN_PREFIX}figures.json` }, { status: 200, body: `file ${OWN_REPORT}` },
    ]);
  });

  it('in its path (traversal, encoded separators, neighbouring folders, unicode) never serves a file outside its scope', async () => {
    const tamperings = [
      ...PATH_TAMPERINGS.map((tamper) => ({ report: false, tamper })),
      ...REPORT_TAMPERINGS.map((tamper) => ({ report: true, tamper })),
    ];
    await fc.assert(fc.asyncProperty(fc.constantFrom(...tamperings), async ({ report: useReport, tamper }) => {
      // Prepare
      const { dashboard, report } = links();
      const link = useReport ? report : dashboard;
      const path = `/files/${tamper(link.pathname.slice('/files/'.length))}`;

      // Act
      const answer = await rawGet(t.stack.info.apiUrl, `${path}${link.search}`);

      // Assess: refused, or (a tampering that is no tampering) a file the link covers
      const served = answer.status === 200 ? answer.body.replace(/^file /, '') : undefined;
      const covered = served === undefined || (useReport ? served === OWN_REPORT : served.startsWith(OWN_PREFIX));
      expect([path, answer.status === 200 || answer.status === 403 || answer.status === 404, covered]).toEqual([path, true, true]);
    }), { seed: 20261208, numRuns: 120 });
    expect(await listing(s3)).toBe(bucketBefore);
  });

  it('in its expiry, signature or policy is refused with 403', async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom(...QUERY_TAMPERINGS), fc.constantFrom(...FILES), async ({ name, tamper }, target) => {
      // Prepare
      const { dashboard, report, expired } = links();
      const query = tamper(new URLSearchParams(dashboard.search), new URLSearchParams(report.search), new URLSearchParams(expired.search));

      // Act
      const answer = await rawGet(t.stack.info.apiUrl, `/files/${target}?${query}`);

      // Assess
      expect([name, target, answer.status]).toEqual([name, target, 403]);
    }), { seed: 20261208, numRuns: 120 });
    expect(await listing(s3)).toBe(bucketBefore);
  });

  it('presigned for S3 (the AWS report links) fails the S3 signature check when its path, expiry or signature changes', async () => {
    // Prepare: s3rver does not check query signatures, so the check S3 makes (SigV4, query form) is made here
    const { info } = t.stack;
    const link = new URL(await presignedLink(s3, info.reportsBucket, OWN_REPORT));
    const tampered = [
      link.href.replace('wellbeing-trust', 'city-council'),
      link.href.replace('report.html', '..%2F..%2Fcity-council%2F2025-Q1%2Freport.html'),
      link.href.replace('/reports/', '/reports/../figures/dashboard/figures.json?/'),
      link.href.replace(/X-Amz-Expires=\d+/, 'X-Amz-Expires=604800'),
      link.href.replace(/X-Amz-Date=\d{8}/, 'X-Amz-Date=20991231'),
      link.href.replace(/X-Amz-Signature=([0-9a-f])/, (_, c: string) => `X-Amz-Signature=${c === '0' ? '1' : '0'}`),
      link.href.replace(/&X-Amz-Signature=[0-9a-f]+/, ''),
    ];

    // Act
    const good = await fetch(link);
    const verdicts = tampered.map((href) => sigV4QueryValid(new URL(href), info.credentials.secretAccessKey));

    // Assess: the untampered link verifies, names exactly the one key and lasts the link lifetime
    expect([good.status, await good.text()]).toEqual([200, `file ${OWN_REPORT}`]);
    expect(sigV4QueryValid(link, info.credentials.secretAccessKey)).toBe(true);
    expect(link.pathname).toBe(`/${info.reportsBucket}/${OWN_REPORT}`);
    expect(link.searchParams.get('X-Amz-Expires')).toBe('900');
    expect(link.searchParams.get('X-Amz-SignedHeaders')).toBe('host');
    expect(verdicts).toEqual(tampered.map(() => false));
  });

  it('for CloudFront: no key or prefix outside the plain layout is ever signed, and a tampered policy fails verification', () => {
    // Prepare
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const signer = { domain: 'd111111abcdef8.cloudfront.net', keyPairId: 'K2JCJMDEHXQW5F', privateKeyPem: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString() };
    const segment = fc.oneof(fc.constantFrom('..', '.', '', '%2F', '%2e%2e', 'a%2Fb', '\\', '*', 'é', 'adult-resilience', 'index.html', '?x=1', '#'), fc.string({ maxLength: 6 }));
    const keyArb = fc.array(segment, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('/'));

    fc.assert(fc.property(keyArb, keyArb, (key, prefixBody) => {
      // Act
      const prefix = `${prefixBody}/`;
      let url: URL | undefined;
      try {
        url = new URL(cloudFrontLink(signer, key, 2_000_000_000, prefix));
      } catch (error) {
        expect(error).toBeInstanceOf(UnsignableKeyError);
      }

      // Assess: signed only for plain keys under a plain prefix, and the policy's resource is exactly that prefix
      if (url === undefined) return;
      expect(isPlainObjectKey(key) && isPlainKeyPrefix(prefix) && key.startsWith(prefix)).toBe(true);
      const policy = Buffer.from((url.searchParams.get('Policy') ?? '').replace(/-/g, '+').replace(/_/g, '=').replace(/~/g, '/'), 'base64').toString('utf8');
      expect(JSON.parse(policy)).toEqual({ Statement: [{ Resource: `https://${signer.domain}/${prefix}*`, Condition: { DateLessThan: { 'AWS:EpochTime': 2_000_000_000 } } }] });
      const signature = Buffer.from((url.searchParams.get('Signature') ?? '').replace(/-/g, '+').replace(/_/g, '=').replace(/~/g, '/'), 'base64');
      const verifies = (text: string) => createVerify('RSA-SHA1').update(text).verify(publicKey, signature);
      expect(verifies(policy)).toBe(true);
      expect(verifies(policy.replace('2000000000', '2000086400'))).toBe(false);
      expect(verifies(policy.replace(`/${prefix}*`, '/*'))).toBe(false);
    }), { seed: 20261208, numRuns: 500 });
  });
});
