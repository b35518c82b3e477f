import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Messages } from '../../functions/core/messages';
import { periodLabel } from '../../reports/period-label';
import { pdfText } from '../reports/funder/pdf-text';
import { send } from './support/test-stack';
import { runReportJob } from '../../functions/publishing/run-report-job';
import { dashboardKeyIn, generationFigureKeys } from '../../functions/publishing/generation';
import { createReportJob, getReportJob } from '../../functions/store/report-job-store';
import { failingS3, stackClients, testContext } from './nightly/support/nightly-harness';
import { startReportsStack, type Catalogue, type CatalogueItem, type ReportsStack, type StoredObject } from './support/reports-stack';

const ROOT = new URL('../../', import.meta.url).pathname;
const CONTENT_TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8', pdf: 'application/pdf', csv: 'text/csv; charset=utf-8', json: 'application/json', svg: 'image/svg+xml', png: 'image/png',
};

let t: ReportsStack;
let admin: Catalogue;
let before: StoredObject[];
beforeAll(async () => {
  t = await startReportsStack();
  admin = await t.catalogue(t.stack.info.keys.admin);
  before = await t.objects();
}, 600_000);
afterAll(async () => { await t?.stop(); });

const dashboards = (catalogue: Catalogue): string[] => catalogue.items.filter((i) => i.kind === 'dashboard').map((i) => i.files['index.html'] ?? '');
const reportFunders = (catalogue: Catalogue): string[] => [...new Set(catalogue.items.filter((i) => i.kind === 'funder-report').map((i) => i.funderId ?? ''))];
const quarterReport = (funderId: string): CatalogueItem => {
  const item = admin.items.find((i) => i.kind === 'funder-report' && i.funderId === funderId && /Q\d$/.test(i.period ?? ''));
  if (item === undefined) throw new Error(`the nightly run published no quarterly report for ${funderId}`);
  return item;
};
const post = (key: string, body: unknown) => send(t.stack.info.apiUrl, 'POST', '/v1/admin/reports', { key, body: JSON.stringify(body), contentType: 'application/json' });
interface ReportJob { jobId: string; status: string; funderId: string; period: string; objects?: string[]; error?: { error: string; message: string }; requestedAt: string; startedAt?: string; finishedAt?: string }
/** Polls a report build until it has ended (the test's own timeout bounds it). */
const ended = async (jobId: string): Promise<ReportJob> => {
  for (;;) {
    // The API client sends a read again on a connection the busy server reset (it builds in this process).
    const job = await t.stack.api.get<ReportJob>(`/v1/admin/reports/${jobId}`, t.stack.info.keys.admin);
    if (job.status !== 'queued' && job.status !== 'running') return job;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};
const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
const currentMonth = (): string => new Date().toISOString().slice(0, 7);

/** Runs `outcomes <args>` as a child process, as a user would. */
const outcomes = (args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> => new Promise((resolve) => {
  const child = spawn(process.execPath, ['functions/cli/bin.mjs', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString('utf8'); });
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString('utf8'); });
  child.once('exit', (code) => resolve({ code, stdout, stderr }));
});

describe('GET /v1/reports', () => {
  it('gives the admin every dashboard and the reports of every funder', () => {
    // Assess
    expect(dashboards(admin)).toEqual(['dashboards/index.html', 'dashboards/adult-resilience/index.html', 'dashboards/carers/index.html', 'dashboards/young-people/index.html']);
    expect(reportFunders(admin)).toEqual(['city-council', 'community-fund', 'wellbeing-trust']);
  });

  it("gives a manager only its programmes' dashboards and the reports of funders whose programmes it holds", async () => {
    // Act
    const manager = await t.catalogue(t.stack.info.keys.manager);

    // Assess
    expect(dashboards(manager)).toEqual(['dashboards/adult-resilience/index.html', 'dashboards/young-people/index.html']);
    expect(reportFunders(manager)).toEqual(['city-council', 'wellbeing-trust']);
    expect(JSON.stringify(manager)).not.toContain('carers');
    expect(JSON.stringify(manager)).not.toContain('community-fund');
  });

  it('gives the organisation page to a manager who holds every programme', async () => {
    // Prepare
    const { key } = await t.stack.api.post<{ key: string }>('/v1/admin/keys', t.stack.info.keys.admin, { role: 'manager', programmeIds: ['adult-resilience', 'carers', 'young-people'], label: 'all programmes' });

    // Act
    const manager = await t.catalogue(key);

    // Assess
    expect(dashboards(manager)).toEqual(dashboards(admin));
    expect(reportFunders(manager)).toEqual(['city-council', 'community-fund', 'wellbeing-trust']);
  });

  it('gives a funder key only its own reports, and no dashboard', async () => {
    // Act
    const funder = await t.catalogue(t.stack.info.keys.funder);

    // Assess
    expect(dashboards(funder)).toEqual([]);
    expect(reportFunders(funder)).toEqual(['wellbeing-trust']);
    expect(funder.items.length).toBe(admin.items.filter((i) => i.funderId === 'wellbeing-trust').length);
  });

  it('answers 403 to a clinic key and 401 without a key', async () => {
    // Act
    const clinic = await send(t.stack.info.apiUrl, 'GET', '/v1/reports', { key: t.stack.info.keys.clinic });
    const anonymous = await send(t.stack.info.apiUrl, 'GET', '/v1/reports');

    // Assess
    expect(clinic.status).toBe(403);
    expect(anonymous.status).toBe(401);
  });

  it('hands out 15-minute links that download the stored bytes with the right Content-Type', async () => {
    // Prepare
    const manager = await t.catalogue(t.stack.info.keys.manager);
    const stored = new Map(before.map((o) => [o.key, o]));
    // Dashboards are named by their logical key; the link reads the published generation's object.
    const links = manager.items.flatMap((item) => Object.entries(item.links).map(([name, link]) => ({ key: dashboardKeyIn(t.run.runId, item.files[name] ?? ''), link })));

    // Act
    const downloads = await Promise.all(links.map(async ({ key, link }) => {
      const response = await fetch(link);
      return { key, link, status: response.status, contentType: response.headers.get('content-type'), sha256: sha256(Buffer.from(await response.arrayBuffer())) };
    }));

    // Assess
    expect(manager.expiresInSeconds).toBe(900);
    expect(links.length).toBeGreaterThan(10);
    for (const download of downloads) {
      const policy = JSON.parse(Buffer.from(new URL(download.link).searchParams.get('Policy') ?? '', 'base64url').toString('utf8')) as { expires: number };
      expect(policy.expires - Math.floor(Date.now() / 1000)).toBeGreaterThan(880);
      expect(policy.expires - Math.floor(Date.now() / 1000)).toBeLessThanOrEqual(900);
      expect(download).toMatchObject({ status: 200, contentType: CONTENT_TYPES[download.key.slice(download.key.lastIndexOf('.') + 1)], sha256: stored.get(download.key)?.sha256 });
    }
  });
});

describe('the local stack\'s /files/ route', () => {
  it('serves a file only with a valid, unexpired link that covers it', async () => {
    // Prepare
    const manager = await t.catalogue(t.stack.info.keys.manager);
    const dashboard = manager.items.find((item) => item.files['index.html'] === 'dashboards/adult-resilience/index.html');
    const link = new URL(dashboard?.links['index.html'] ?? '');
    const sibling = new URL(link.href.replace('adult-resilience', 'carers'));
    const organisation = new URL(link.href.replace('adult-resilience/index.html', 'index.html'));
    const tampered = new URL(link.href);
    tampered.searchParams.set('Signature', 'A'.repeat(43));
    const unsigned = new URL(`${link.origin}${link.pathname}`);

    // Act
    const answers = await Promise.all([link, sibling, organisation, tampered, unsigned].map(async (url) => (await fetch(url)).status));

    // Assess: the manager's signature covers its own programme's folder only
    expect(answers).toEqual([200, 403, 403, 403, 403]);
  });
});

describe('POST /v1/admin/reports', () => {
  it('answers 409 for a period that is not closed and published yet', async () => {
    // Act
    const response = await post(t.stack.info.keys.admin, { funderId: 'wellbeing-trust', period: currentMonth() });

    // Assess
    expect(response.status).toBe(409);
    expect(response.json).toMatchObject({ message: Messages.periodNotPublished(currentMonth()) });
  });

  it('answers 404 for a funder of no programme', async () => {
    // Act
    const response = await post(t.stack.info.keys.admin, { funderId: 'no-such-funder', period: quarterReport('wellbeing-trust').period });

    // Assess
    expect(response.status).toBe(404);
    expect(response.json).toMatchObject({ message: Messages.funderNotRegistered('no-such-funder') });
  });

  it('answers 403 to manager, funder and clinic keys', async () => {
    // Prepare
    const { keys } = t.stack.info;

    // Act
    const statuses = await Promise.all([keys.manager, keys.funder, keys.clinic].map(async (key) => (await post(key, { funderId: 'wellbeing-trust', period: quarterReport('wellbeing-trust').period })).status));

    // Assess
    expect(statuses).toEqual([403, 403, 403]);
  });

  it('answers 202 with a job id and its Location at once, and the job ends succeeded with the keys it wrote', async () => {
    // Prepare
    const item = quarterReport('wellbeing-trust');

    // Act
    const response = await post(t.stack.info.keys.admin, { funderId: 'wellbeing-trust', period: item.period });
    const accepted = response.json as { jobId: string; status: string; links: { self: string } };
    const job = await ended(accepted.jobId);

    // Assess
    expect(response.status).toBe(202);
    expect(accepted).toEqual({ jobId: expect.stringMatching(/^report-\d{8}T\d{6}Z-[0-9a-f]{8}$/), status: 'queued', funderId: 'wellbeing-trust', period: item.period, links: { self: `/v1/admin/reports/${accepted.jobId}` } });
    expect(response.headers.get('location')).toBe(accepted.links.self);
    expect(job).toMatchObject({ jobId: accepted.jobId, status: 'succeeded', funderId: 'wellbeing-trust', period: item.period });
    expect(job.objects).toEqual(expect.arrayContaining(Object.values(item.files)));
    expect(job.error).toBeUndefined();
    expect(job.requestedAt <= (job.startedAt ?? '') && (job.startedAt ?? '') <= (job.finishedAt ?? '')).toBe(true);
  }, 600_000);

  it('records a build that fails part-way as failed with the error, and one of an unpublished period as a conflict', async () => {
    // Prepare: the third report object's write fails, as S3 might.
    const clients = stackClients(t);
    const ctx = testContext(clients, { table: t.stack.info.tableName, bucket: t.stack.info.reportsBucket }, () => new Date());
    const broken = { ...ctx, s3: failingS3(ctx.s3, (c) => c.constructor.name === 'PutObjectCommand', 3, new Error('injected S3 failure')) };
    const item = quarterReport('wellbeing-trust');
    const now = new Date().toISOString();
    await createReportJob(t.db, { jobId: 'report-broken', funderId: 'wellbeing-trust', period: item.period ?? '', status: 'queued', requestedAt: now });
    await createReportJob(t.db, { jobId: 'report-empty', funderId: 'wellbeing-trust', period: '2019-Q1', status: 'queued', requestedAt: now });
    const logged: unknown[] = [];

    // Act
    await runReportJob(broken, 'report-broken', (error) => logged.push(error));
    await runReportJob(ctx, 'report-empty');
    await runReportJob(ctx, 'report-broken');

    // Assess
    expect(await getReportJob(t.db, 'report-broken')).toMatchObject({ status: 'failed', error: { error: 'internal', message: Messages.reportBuildFailed } });
    expect((logged[0] as Error).message).toBe('injected S3 failure');
    expect(await getReportJob(t.db, 'report-empty')).toMatchObject({ status: 'failed', error: { error: 'conflict', message: Messages.periodNotPublished('2019-Q1') } });
  }, 600_000);

  it('answers 404 for an unknown job and 400 naming jobId for a malformed one', async () => {
    // Act
    const unknown = await send(t.stack.info.apiUrl, 'GET', '/v1/admin/reports/report-19990101T000000Z-00000000', { key: t.stack.info.keys.admin });
    const malformed = await send(t.stack.info.apiUrl, 'GET', `/v1/admin/reports/${'j'.repeat(200)}`, { key: t.stack.info.keys.admin });
    const forbidden = await send(t.stack.info.apiUrl, 'GET', '/v1/admin/reports/report-19990101T000000Z-00000000', { key: t.stack.info.keys.funder });

    // Assess
    expect(unknown.status).toBe(404);
    expect(unknown.json).toEqual({ error: 'not_found', message: Messages.reportJobNotFound('report-19990101T000000Z-00000000') });
    expect(malformed.status).toBe(400);
    expect(malformed.json).toMatchObject({ error: 'invalid_request', problems: [{ path: 'jobId' }] });
    expect(forbidden.status).toBe(403);
  });

  it('rebuilds every published report with byte-identical objects under the same keys', async () => {
    // Prepare
    const reports = admin.items.filter((i) => i.kind === 'funder-report');

    // Act
    const responses = await Promise.all(reports.map((r) => post(t.stack.info.keys.admin, { funderId: r.funderId, period: r.period })));
    const jobs = await Promise.all(responses.map((r) => ended((r.json as { jobId: string }).jobId)));
    const after = await t.objects();

    // Assess
    expect(responses.map((r) => r.status)).toEqual(reports.map(() => 202));
    expect(jobs.map((j) => j.status)).toEqual(reports.map(() => 'succeeded'));
    expect(after.map((o) => [o.key, o.sha256])).toEqual(before.map((o) => [o.key, o.sha256]));
  }, 600_000);
});

describe('the published objects', () => {
  it('list every object of a publication in its manifest with its SHA-256 and the run watermark', () => {
    // Prepare
    const stored = new Map(before.map((o) => [o.key, o]));
    const manifests = before.filter((o) => o.key === dashboardKeyIn(t.run.runId, 'dashboards/manifest.json') || o.key.endsWith('/publication.json'));

    // Act
    const listed = manifests.map((m) => ({ key: m.key, ...(JSON.parse(m.body.toString('utf8')) as { watermark: string; objects: { key: string; sha256: string; contentType: string }[] }) }));

    // Assess
    expect(manifests.length).toBe(1 + admin.items.filter((i) => i.kind === 'funder-report').length);
    for (const manifest of listed) {
      const folder = manifest.key.slice(0, manifest.key.lastIndexOf('/') + 1);
      const inFolder = before.filter((o) => o.key.startsWith(folder) && o.key !== manifest.key && (folder !== 'dashboards/' || o.key.endsWith('.html'))).map((o) => o.key);
      expect(manifest.watermark).toBe(t.run.rollUp.dataAsOf);
      expect(manifest.objects.map((o) => o.key)).toEqual(expect.arrayContaining(inFolder));
      for (const object of manifest.objects) {
        expect(object.sha256).toBe(stored.get(object.key)?.sha256);
        expect(stored.get(object.key)?.contentType).toBe(object.contentType);
      }
    }
    expect(listed.find((m) => m.key.startsWith('reports/'))?.objects.some((o) => o.key.startsWith('charts/') && o.key.endsWith('.png'))).toBe(true);
  });

  it('store every report and dashboard with its content type and a private cache policy', () => {
    // Prepare
    const published = before.filter((o) => /^(dashboards|reports|charts)\//.test(o.key));

    // Assess
    expect(published.length).toBeGreaterThan(20);
    for (const object of published) {
      expect(object.contentType).toBe(CONTENT_TYPES[object.key.slice(object.key.lastIndexOf('.') + 1)]);
      expect(object.cacheControl).toMatch(/^private, /);
    }
  });

  it('include a paginated PDF with a title page, one section per programme, and the notes and method last', () => {
    // Prepare
    const item = quarterReport('wellbeing-trust');
    const pdf = before.find((o) => o.key === item.files['report.pdf']);

    // Act
    const { header, pages } = pdfText(pdf?.body ?? Buffer.alloc(0));
    const flat = pages.map((p) => p.replace(/\s+/g, ' '));

    // Assess
    expect(header.startsWith('%PDF-')).toBe(true);
    expect(pages.length).toBeGreaterThanOrEqual(4);
    flat.forEach((page, i) => {
      expect(page).toContain(`Page ${i + 1} of ${pages.length}`);
      expect(page).toContain(`Wellbeing Trust · ${periodLabel(item.period ?? '')}`);
    });
    expect(flat[0]).toContain('Outcomes report for Wellbeing Trust');
    expect(flat[0]).toContain('Programmes: Adult Resilience Programme, Young People\'s Resilience');
    // The board summary first (a page per programme at most), then the appendix with one section per programme.
    expect(flat[0]).toContain('Summary for the board');
    const appendix = flat.findIndex((p) => p.includes('Appendix: detail by programme'));
    expect(appendix).toBeGreaterThan(0);
    expect(appendix).toBeLessThanOrEqual(4);
    expect(flat[appendix]).toMatch(/Appendix: detail by programme.*Adult Resilience Programme.*Headline figures.*Participation by group type/);
    expect(flat.findIndex((p) => p.includes('Young People\'s Resilience Headline figures'))).toBeGreaterThan(appendix);
    // The suppression notes and the method close the report (the notes may start on the page before).
    expect(flat.slice(-2).join(' ')).toMatch(/Suppression notes.*Method/);
  });

  it('never contain a participant reference', () => {
    // Prepare
    const texts = before.map((o) => ({ key: o.key, text: o.key.endsWith('.pdf') ? pdfText(o.body).pages.join('\n') : o.body.toString('latin1') }));

    // Assess
    expect(t.participantRefs.length).toBeGreaterThan(20);
    const leaks = texts.flatMap(({ key, text }) => t.participantRefs.filter((ref) => text.includes(ref)).map((ref) => `${ref} in ${key}`));
    expect(leaks).toEqual([]);
  });
});

describe('outcomes report', () => {
  it('builds a report against the local stack and prints a link to each file', async () => {
    // Prepare
    const item = quarterReport('city-council');

    // Act
    const run = await outcomes(['report', '--funder', 'city-council', '--period', item.period ?? '', '--data-dir', t.dataDir]);
    const links = [...run.stdout.matchAll(/^\s+(\S+)\s+(http\S+)$/gm)].map((m) => ({ name: m[1], link: m[2] ?? '' }));
    const statuses = await Promise.all(links.map(async ({ link }) => (await fetch(link)).status));

    // Assess
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^Report build report-\S+ queued\n$/);
    expect(run.stdout).toContain(`for city-council, ${item.period ?? ''}`);
    expect(links.map((l) => l.name)).toEqual(expect.arrayContaining(['report.html', 'report.pdf', 'figures.csv', 'manifest.json']));
    expect(statuses.every((s) => s === 200)).toBe(true);
  });

  it('exits 2 with the reason on one line for a period not closed yet', async () => {
    // Act
    const run = await outcomes(['report', '--funder', 'city-council', '--period', currentMonth(), '--data-dir', t.dataDir]);

    // Assess
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(Messages.periodNotPublished(currentMonth()));
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('GET /v1/figures', () => {
  const get = (key: string | undefined, query: string) => send(t.stack.info.apiUrl, 'GET', `/v1/figures${query}`, key === undefined ? {} : { key });
  const rowsOf = (answer: Awaited<ReturnType<typeof get>>) => (answer.json as { rows: { programme_id: string; period: string; suppressed: boolean; value: number | null }[] }).rows;

  it("gives a manager the dashboard figures of its own programmes only, equal to the published figures.csv", async () => {
    // Prepare
    const { keys } = t.stack.info;
    const published = before.find((o) => o.key === generationFigureKeys(t.run.runId).json);
    const all = JSON.parse(published?.body.toString('utf8') ?? '[]') as { programme_id: string }[];

    // Act
    const answer = await get(keys.manager, '');
    const carers = await get(keys.manager, '?programmeId=carers');
    const margin = await get(keys.manager, '?programmeId=*');

    // Assess
    expect(answer.status).toBe(200);
    expect(new Set(rowsOf(answer).map((r) => r.programme_id))).toEqual(new Set(['adult-resilience', 'young-people']));
    const sorted = (rows: readonly object[]) => rows.map((r) => JSON.stringify(r)).sort();
    expect(sorted(rowsOf(answer))).toEqual(sorted(all.filter((r) => r.programme_id === 'adult-resilience' || r.programme_id === 'young-people')));
    expect([carers.status, margin.status]).toEqual([403, 403]);
  });

  it('gives a funder the frozen publication of a closed period, its own programmes and no margin over others, as JSON or CSV', async () => {
    // Prepare
    const { keys } = t.stack.info;
    const period = quarterReport('wellbeing-trust').period ?? '';
    const csvObject = before.find((o) => o.key === `publications/${period}/figures.csv`)?.body.toString('utf8') ?? '';

    // Act
    const answer = await get(keys.funder, `?period=${period}`);
    const csv = await get(keys.funder, `?period=${period}&format=csv`);
    const noPeriod = await get(keys.funder, '');
    const open = await get(keys.funder, `?period=${currentMonth()}`);

    // Assess
    expect(answer.status).toBe(200);
    // The all-programmes margin minus its own programmes would give the carers programme's figures.
    expect(new Set(rowsOf(answer).map((r) => r.programme_id))).toEqual(new Set(['adult-resilience', 'young-people']));
    expect(rowsOf(answer).every((r) => r.period === period)).toBe(true);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.text.split('\r\n')[0]).toBe(csvObject.split('\r\n')[0]);
    expect(csv.text.split('\r\n').filter((line) => line.includes(',carers,'))).toEqual([]);
    expect(noPeriod.status).toBe(400);
    expect(open.status).toBe(404);
  });

  it('refuses clinic keys, no key, and a malformed query naming the field', async () => {
    // Act
    const answers = await Promise.all([get(t.stack.info.keys.clinic, ''), get(undefined, ''), get(t.stack.info.keys.admin, '?period=2026-13')]);

    // Assess
    expect(answers.map((a) => a.status)).toEqual([403, 401, 400]);
    expect(answers[2]?.text).toContain('period');
  });
});
