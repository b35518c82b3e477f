import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NightlyContext } from '../../../functions/nightly/nightly-context';
import { runNightly } from '../../../functions/nightly/run-nightly';
import { renderReportsStep } from '../../../functions/nightly/steps/render-reports';
import { dashboardKeyIn } from '../../../functions/publishing/generation';
import { getGenerationPointer } from '../../../functions/store/generation-store';
import { getObjectBody } from '../../../functions/store/object-store';
import { send, startTestStack, type TestStack } from '../support/test-stack';
import { ingestGolden } from './support/golden-ingest';
import { failingS3, readBucket, stackClients, testContext, type StackClients } from './support/nightly-harness';

type Command = { constructor: { name: string }; input: Record<string, unknown> };

let t: TestStack;
let clients: StackClients;
const INJECTED = 'injected failure';
const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
const context = (): NightlyContext => testContext(clients, { table: t.stack.info.tableName, bucket: t.stack.info.reportsBucket }, () => new Date(), { k: 3 });
const night = (ctx: NightlyContext, runId: string) => runNightly(ctx, { runId, trigger: 'test', render: renderReportsStep });

/** What readers see: every dashboard through the links of GET /v1/reports, the figures of GET /v1/figures, and the manifest. */
const readerView = async () => {
  const { apiUrl, keys } = t.stack.info;
  const catalogue = (await send(apiUrl, 'GET', '/v1/reports', { key: keys.admin })).json as { items: { kind: string; files: Record<string, string>; links: Record<string, string> }[] };
  const dashboards = new Map<string, string>();
  for (const item of catalogue.items.filter((i) => i.kind === 'dashboard')) {
    const response = await fetch(item.links['index.html'] ?? '');
    expect(response.status).toBe(200);
    dashboards.set(item.files['index.html'] ?? '', sha256(Buffer.from(await response.arrayBuffer())));
  }
  const figures = (await send(apiUrl, 'GET', '/v1/figures', { key: keys.admin })).text;
  const generation = (await getGenerationPointer(t.db))?.current;
  const manifestBody = await getObjectBody(clients.s3, t.stack.info.reportsBucket, dashboardKeyIn(generation, 'dashboards/manifest.json'));
  const manifest = JSON.parse(manifestBody?.toString('utf8') ?? '{"objects":[]}') as { objects: { key: string; sha256: string }[] };
  return { generation, dashboards, figures, manifest: new Map(manifest.objects.map((o) => [o.key, o.sha256])) };
};
type ReaderView = Awaited<ReturnType<typeof readerView>>;

/** Every dashboard a reader got matches the manifest of the generation it was read from. */
const manifestMismatches = (view: ReaderView): string[] =>
  [...view.dashboards].filter(([logical, sha]) => view.manifest.get(dashboardKeyIn(view.generation, logical)) !== sha).map(([logical]) => logical);

const generationsInBucket = async (): Promise<string[]> =>
  [...new Set([...(await readBucket(clients.s3, t.stack.info.reportsBucket)).keys()]
    .map((key) => /^(?:dashboards\/_gen|figures\/dashboard\/generations)\/([^/]+)\//.exec(key)?.[1])
    .filter((g): g is string => g !== undefined))].sort();

let first: ReaderView;
beforeAll(async () => {
  t = await startTestStack();
  clients = stackClients(t);
  await ingestGolden(t.stack.api, t.stack.info.keys.clinic);
  await night(context(), 'run-night-1');
  first = await readerView();
  // Tonight's data differs: a late attendance mark of one more participant (the totals change) and a corrected
  // answer, so tonight's dashboards and figures differ from last night's.
  await t.stack.api.post('/v1/attendance', t.stack.info.keys.clinic, { records: [{ groupId: 'gold-a', participantRef: 'A5', session: 1, date: '2025-01-06', status: 'present' }] });
  await t.stack.api.post('/v1/responses', t.stack.info.keys.clinic, { responses: [
    { groupId: 'gold-a', participantRef: 'A2', instrument: 'phq9', session: 3, administeredOn: '2025-01-20', items: [1, 1, 1, 1, 1, 1, 1, 1, 0] },
  ] });
}, 600_000);
afterAll(async () => { await t?.stop(); });

describe('a nightly run that crashes while publishing its dashboards', () => {
  let crashed: ReaderView;
  let resumed: ReaderView;

  it('leaves readers seeing exactly the previous generation', async () => {
    // Prepare: the second dashboard object of tonight's generation fails to write.
    const tonight = 'dashboards/_gen/run-night-2/';
    const failing = failingS3(context().s3, (c: Command) => c.constructor.name === 'PutObjectCommand' && String(c.input['Key']).startsWith(tonight), 2, new Error(INJECTED));

    // Act
    const outcome = await night({ ...context(), s3: failing }, 'run-night-2').then(() => 'succeeded', (error: unknown) => (error as Error).message);
    crashed = await readerView();

    // Assess
    expect(outcome).toBe(INJECTED);
    expect(await generationsInBucket()).toEqual(['run-night-1', 'run-night-2']);
    expect(crashed.generation).toBe('run-night-1');
    expect(crashed.dashboards).toEqual(first.dashboards);
    expect(crashed.figures).toBe(first.figures);
    expect(manifestMismatches(crashed)).toEqual([]);
    expect(first.dashboards.size).toBe(4);
  }, 600_000);

  it('publishes the new generation whole when resumed, with the checksums its manifest lists', async () => {
    // Act
    await night(context(), 'run-night-2');
    resumed = await readerView();

    // Assess
    expect(resumed.generation).toBe('run-night-2');
    expect(manifestMismatches(resumed)).toEqual([]);
    expect([...resumed.dashboards.keys()]).toEqual([...first.dashboards.keys()]);
    expect([...resumed.dashboards].filter(([key, sha]) => first.dashboards.get(key) !== sha).length).toBeGreaterThan(0);
    expect(resumed.figures).not.toBe(first.figures);
    expect((await getGenerationPointer(t.db))?.previous).toBe('run-night-1');
  }, 600_000);

  it('keeps the previous generation and deletes older ones at the next switch', async () => {
    // Act
    await night(context(), 'run-night-3');
    const third = await readerView();

    // Assess
    expect(third.generation).toBe('run-night-3');
    expect(await generationsInBucket()).toEqual(['run-night-2', 'run-night-3']);
    expect(manifestMismatches(third)).toEqual([]);
    expect([...third.dashboards.keys()]).toEqual([...resumed.dashboards.keys()]);
  }, 600_000);
});
