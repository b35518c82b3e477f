import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { GetObjectCommand, HeadBucketCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import type { LocalStackInfo } from '../../infra/local/local-stack';

const ROOT = new URL('../../', import.meta.url).pathname;

/** The demo CLI running as a child process, as `npm start` runs it. */
interface Demo {
  child: ChildProcess;
  output: () => string;
  info: LocalStackInfo;
  /** Sends SIGINT and resolves with the exit code. */
  interrupt: () => Promise<number | null>;
}

const startDemo = async (dataDir: string, extra: string[] = []): Promise<Demo> => {
  const child = spawn(process.execPath, ['functions/cli/bin.mjs', 'demo', '--port', '0', '--data-dir', dataDir, ...extra], {
    // DEBUG: every log line the pipeline can write is in the output the privacy scan reads.
    cwd: ROOT, env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'DEBUG' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => { output += chunk.toString('utf8'); });
  child.stderr?.on('data', (chunk: Buffer) => { output += chunk.toString('utf8'); });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const poll = setInterval(() => {
      if (output.includes('Press Ctrl-C to stop')) { clearInterval(poll); resolve(); }
    }, 100);
    void exited.then((code) => { clearInterval(poll); reject(new Error(`demo exited with ${String(code)} before running:\n${output}`)); });
  });
  const info = JSON.parse(await readFile(join(dataDir, 'local-stack.json'), 'utf8')) as LocalStackInfo;
  return {
    child, output: () => output, info,
    interrupt: async () => {
      if (child.exitCode === null) child.kill('SIGINT');
      return exited;
    },
  };
};

/** Clients pointed at the endpoints and credentials local-stack.json records, as any AWS tool would be. */
const awsClients = (info: LocalStackInfo) => ({
  dynamo: DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: info.dynamodbEndpoint, region: info.region, credentials: info.credentials })),
  s3: new S3Client({ endpoint: info.s3Endpoint, region: info.region, credentials: info.credentials, forcePathStyle: true }),
});

const scanAll = async (info: LocalStackInfo): Promise<Record<string, unknown>[]> => {
  const { dynamo } = awsClients(info);
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(new ScanCommand({ TableName: info.tableName, ExclusiveStartKey: startKey }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  dynamo.destroy();
  return items;
};

const call = async (info: LocalStackInfo, method: string, path: string, key: string | undefined, body?: unknown) => {
  const response = await fetch(new URL(path, info.apiUrl), {
    method,
    headers: { 'content-type': 'application/json', ...(key !== undefined && { authorization: `Bearer ${key}` }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

let dataDir: string;
let demo: Demo;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'outcomes-e2e-'));
  demo = await startDemo(dataDir);
}, 600_000);
afterAll(async () => {
  await demo?.interrupt();
  await rm(dataDir, { recursive: true, force: true });
});

describe('outcomes demo', () => {
  it('prints the API and writes local-stack.json with a key for every demo role', async () => {
    // Assess
    expect(demo.output()).toContain(`API            ${demo.info.apiUrl}`);
    expect(demo.output()).toMatch(/Seeded \d+ groups, \d+ attendance marks, \d+ questionnaire responses/);
    expect(Object.keys(demo.info.keys)).toEqual(expect.arrayContaining(['admin', 'clinic', 'clinic2', 'manager', 'funder']));
    for (const key of Object.values(demo.info.keys)) expect(key).toMatch(/^ro_[A-Za-z0-9_-]{43}$/);
    expect(demo.info).toMatchObject({ region: expect.any(String), credentials: { accessKeyId: expect.any(String), secretAccessKey: expect.any(String) } });
  });

  it('runs a nightly pass after seeding and prints links to the dashboards and at least one funder report', async () => {
    // Assess
    expect(demo.output()).toMatch(/Nightly run run-\S+: \d+ figures published, \d+ suppressed, \d+ dashboards and reports/);
    // The link names the published generation of the dashboards (the run that published it).
    expect(demo.output()).toMatch(/Organisation dashboard \(all programmes\): http:\/\/127\.0\.0\.1:\d+\/\S+\/dashboards\/_gen\/run-[^/]+\/index\.html\?/);
    expect(demo.output()).toMatch(/report, [^:]+: http:\/\/127\.0\.0\.1:\d+\/\S+\/reports\/[a-z-]+\/\d{4}-(\d{2}|Q\d)\/report\.html\?/);
  });

  it('leaves no raw participant reference, answer vector or API key in its logs and bucket, and none but answers in its store', async () => {
    // Prepare: what the seed sent (the seed records the day it was anchored to)
    const items = await scanAll(demo.info);
    const anchoredTo = String(items.find((i) => i['pk'] === 'STATE' && i['sk'] === 'SEED')?.['anchoredTo'] ?? '');
    const { syntheticDataset } = await import('../../infra/local/seed/synthetic-dataset');
    const sent = syntheticDataset(anchoredTo);
    const refs = [...new Set(sent.flatMap((c) => c.attendance.map((a) => a.participantRef)))];
    const vectors = [...new Set(sent.flatMap((c) => c.responses.map((r) => JSON.stringify(r.items))).filter((v) => v.length >= 15))];
    const keys = Object.values(demo.info.keys);
    const { s3 } = awsClients(demo.info);
    const texts: { where: string; text: string }[] = [];
    let token: string | undefined;
    do {
      const page = await s3.send(new ListObjectsV2Command({ Bucket: demo.info.reportsBucket, ContinuationToken: token }));
      for (const { Key } of page.Contents ?? []) {
        const object = await s3.send(new GetObjectCommand({ Bucket: demo.info.reportsBucket, Key }));
        texts.push({ where: `bucket ${Key}`, text: Buffer.from((await object.Body?.transformToByteArray()) ?? []).toString('latin1') });
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
    s3.destroy();
    const store = JSON.stringify(items);

    // Assess: the demo's banner prints its keys on purpose (the operator's terminal); no log line may hold one
    expect(anchoredTo).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(refs.length).toBeGreaterThan(300);
    expect(vectors.length).toBeGreaterThan(100);
    const found = (text: string, needles: readonly string[]): string[] => needles.filter((n) => text.includes(n));
    const lines = demo.output().split('\n');
    expect(found(demo.output(), refs)).toEqual([]);
    expect(found(demo.output(), vectors)).toEqual([]);
    // Any line holding a key is a line of the banner's key table ("  clinic   ro_…"), one per demo role
    const keyLines = lines.filter((line) => keys.some((k) => line.includes(k)));
    expect(keyLines.every((line) => /^\s+\w+\s+ro_[A-Za-z0-9_-]{43}\s*$/.test(line))).toBe(true);
    expect(keyLines.length).toBe(keys.length);
    expect(texts.flatMap(({ where, text }) => [...found(text, refs), ...found(text, vectors), ...found(text, keys)].map((n) => `${n} in ${where}`))).toEqual([]);
    expect(found(store, refs)).toEqual([]);
    expect(found(store, keys)).toEqual([]);
    expect(texts.length).toBeGreaterThan(10);
  });

  it('seeds data the AWS SDK sees at the recorded endpoints: groups of all four types, attendance, responses, the bucket', async () => {
    // Act
    const items = await scanAll(demo.info);
    const { s3 } = awsClients(demo.info);
    const bucket = await s3.send(new HeadBucketCommand({ Bucket: demo.info.reportsBucket }));
    const objects = await s3.send(new ListObjectsV2Command({ Bucket: demo.info.reportsBucket }));
    s3.destroy();

    // Assess
    const groups = items.filter((i) => i['type'] === 'group');
    expect(new Set(groups.map((g) => g['groupType']))).toEqual(new Set(['psychoeducational', 'support', 'skill_development', 'psychotherapy']));
    expect(new Set(groups.map((g) => g['clinicId'])).size).toBeGreaterThanOrEqual(3);
    expect(items.filter((i) => i['type'] === 'attendance').length).toBeGreaterThan(500);
    expect(items.filter((i) => i['type'] === 'response').length).toBeGreaterThan(500);
    expect(items.filter((i) => i['type'] === 'attendance').some((i) => i['status'] === 'absent')).toBe(true);
    expect(bucket.$metadata.httpStatusCode).toBe(200);
    expect(objects.$metadata.httpStatusCode).toBe(200);
  });

  it('answers valid and invalid requests of both clinic keys over HTTP, writing only the valid ones', async () => {
    // Prepare
    const { info } = demo;
    const group = { groupId: 'e2e-northside-1', programmeId: 'carers', groupType: 'skill_development', startDate: '2025-03-03', plannedSessions: 6, instruments: ['swemwbs'], facilitatorQualification: 'occupational_therapist' };
    const mark = { groupId: 'e2e-northside-1', participantRef: 'E2E-001', session: 1, date: '2025-03-03', status: 'present' };
    // Records and groups; the retention schedule item the two marks add is checked on its own.
    const stored = async () => (await scanAll(info)).filter((i) => i['type'] !== 'expirySchedule');
    const before = (await stored()).length;

    // Act
    const registered = await call(info, 'POST', '/v1/groups', info.keys.clinic, group);
    const written = await call(info, 'POST', '/v1/attendance', info.keys.clinic, { records: [mark, { ...mark, participantRef: 'E2E-002' }] });
    const repeated = await call(info, 'POST', '/v1/attendance', info.keys.clinic, { records: [mark, { ...mark, participantRef: 'E2E-002' }] });
    const foreign = await call(info, 'POST', '/v1/attendance', info.keys.clinic2, { records: [{ ...mark, participantRef: 'E2E-003' }] });
    const takeover = await call(info, 'POST', '/v1/groups', info.keys.clinic2, group);
    const invalid = await call(info, 'POST', '/v1/attendance', info.keys.clinic, { records: [{ ...mark, participantRef: 'E2E-004' }, { ...mark, date: '2026-02-30' }] });
    const ownOfClinic2 = await call(info, 'POST', '/v1/groups', info.keys.clinic2, { ...group, groupId: 'e2e-harbour-1' });
    const noKey = await call(info, 'POST', '/v1/attendance', undefined, { records: [mark] });

    // Assess
    expect(registered).toMatchObject({ status: 200, body: { outcome: 'created' } });
    expect(written).toEqual({ status: 200, body: { accepted: 2, unchanged: 0 } });
    expect(repeated).toEqual({ status: 200, body: { accepted: 0, unchanged: 2 } });
    // Another clinic's group reads as unregistered; taking its id over is a 409 that names no owner.
    expect([foreign.status, takeover.status]).toEqual([400, 409]);
    expect(invalid).toMatchObject({ status: 400, body: { problems: [{ index: 1, path: 'records/1/date' }] } });
    expect(ownOfClinic2.status).toBe(200);
    expect(noKey.status).toBe(401);
    expect((await stored()).length).toBe(before + 4);
    expect((await scanAll(info)).filter((i) => i['type'] === 'expirySchedule' && i['groupId'] === 'e2e-northside-1')).toHaveLength(1);
  });

  it('stops on SIGINT, and a restart on the same data dir keeps the data and the keys without seeding again', async () => {
    // Prepare
    const before = await scanAll(demo.info);
    const { dynamo } = awsClients(demo.info);
    const seedMarker = (await dynamo.send(new GetCommand({ TableName: demo.info.tableName, Key: { pk: 'STATE', sk: 'SEED' } }))).Item;
    dynamo.destroy();
    const keys = demo.info.keys;

    // Act
    const code = await demo.interrupt();
    const stopped = demo.output();
    demo = await startDemo(dataDir);
    const after = await scanAll(demo.info);

    // Assess
    expect(code).toBe(0);
    expect(stopped).toContain('Stopping...');
    expect(demo.output()).toContain('not seeding again');
    expect(demo.output()).not.toContain('Seeding the synthetic dataset');
    // Every record survives; the restart adds only the nightly run that the previous test's writes call for.
    const records = (items: typeof before) => items
      .filter((i) => ['group', 'attendance', 'response', 'apiKey', 'clinic', 'programme'].includes(String(i['type'])))
      .map((i) => `${String(i['pk'])}|${String(i['sk'])}|${String(i['contentHash'] ?? '')}`).sort();
    expect(records(after)).toEqual(records(before));
    expect(demo.output()).toContain('Running the nightly aggregation');
    expect(demo.info.keys).toEqual(keys);
    expect(after.find((i) => i['pk'] === 'STATE' && i['sk'] === 'SEED')).toEqual(seedMarker);
    expect((await call(demo.info, 'GET', '/health', undefined)).status).toBe(200);
  }, 600_000);

  it('with --no-seed starts an empty dataset that still has every demo key', async () => {
    // Prepare
    const emptyDir = await mkdtemp(join(tmpdir(), 'outcomes-e2e-empty-'));

    // Act
    const empty = await startDemo(emptyDir, ['--no-seed']);
    const items = await scanAll(empty.info);
    const refused = await call(empty.info, 'POST', '/v1/attendance', empty.info.keys.clinic, { records: [{ groupId: 'none', participantRef: 'E-1', session: 1, date: '2025-01-01', status: 'present' }] });
    const code = await empty.interrupt();
    await rm(emptyDir, { recursive: true, force: true });

    // Assess
    expect(items.filter((i) => ['group', 'attendance', 'response'].includes(String(i['type'])))).toEqual([]);
    expect(items.filter((i) => i['type'] === 'apiKey').length).toBeGreaterThanOrEqual(5);
    expect(Object.keys(empty.info.keys)).toEqual(expect.arrayContaining(['admin', 'clinic', 'clinic2', 'manager', 'funder']));
    expect(refused.status).toBe(400);
    expect(empty.output()).not.toContain('Seeded');
    expect(code).toBe(0);
  }, 600_000);
});
