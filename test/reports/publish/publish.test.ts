import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { assembleObjects, ConflictingObjectError, putObjects } from '../../../reports/publish/index';
import type { PublishedObject } from '../../../reports/publish/index';
import type { DashboardFile } from '../../../reports/dashboard/index';
import { buildFunderReport } from '../../../reports/funder/index';
import type { FunderReport } from '../../../reports/funder/index';
import { fixtureContext, makeFigureRows } from '../fixtures';

const context = fixtureContext();
const dashboards: DashboardFile[] = [
  { key: 'dashboards/index.html', html: '<!doctype html><title>org</title>' },
  { key: 'dashboards/south/index.html', html: '<!doctype html><title>south</title>' },
];
let report: FunderReport;
let objects: PublishedObject[];

beforeAll(async () => {
  const council = context.funders[1];
  if (council === undefined) throw new Error('fixture funder missing');
  report = await buildFunderReport({ context, funder: council, period: '2026-05', rows: makeFigureRows({ months: ['2026-05'] }) });
  objects = assembleObjects({ context, dashboards, funderReports: [report] });
});

describe('the publication assembly', () => {
  it('lays out dashboards, report files and chart triples under the documented keys', () => {
    const keys = objects.map((o) => o.key);
    expect(keys).toContain('dashboards/index.html');
    expect(keys).toContain('dashboards/south/index.html');
    for (const name of ['report.html', 'report.pdf', 'figures.csv', 'manifest.json']) expect(keys).toContain(`reports/council/2026-05/${name}`);
    for (const ending of ['vl.json', 'svg', 'png']) expect(keys).toContain(`charts/south/2026-05/attendance.${ending}`);
    expect(keys.at(-1)).toBe('manifest.json');
  });

  it('sets content types, private cache headers and true SHA-256 checksums', () => {
    const byKey = new Map(objects.map((o) => [o.key, o]));
    expect(byKey.get('reports/council/2026-05/report.pdf')?.contentType).toBe('application/pdf');
    expect(byKey.get('charts/south/2026-05/attendance.svg')?.contentType).toBe('image/svg+xml');
    expect(byKey.get('charts/south/2026-05/attendance.vl.json')?.contentType).toBe('application/json');
    expect(byKey.get('dashboards/index.html')?.cacheControl).toBe('private, no-cache');
    expect(objects.every((o) => o.cacheControl.startsWith('private'))).toBe(true);
    expect(objects.every((o) => o.sha256 === createHash('sha256').update(o.body).digest('hex'))).toBe(true);
  });

  it('lists every other object with its checksum and the watermark in manifest.json', () => {
    // Prepare
    const manifest = JSON.parse(objects.at(-1)?.body.toString('utf8') ?? '{}') as { watermark: string; objects: { key: string; sha256: string }[] };
    // Assess
    expect(manifest.watermark).toBe(context.watermark);
    expect(manifest.objects).toEqual(objects.slice(0, -1).map((o) => expect.objectContaining({ key: o.key, sha256: o.sha256 })));
  });

  it('is idempotent: the same artefacts give the same keys and bytes', () => {
    const again = assembleObjects({ context, dashboards, funderReports: [report] });
    expect(again.map((o) => [o.key, o.sha256])).toEqual(objects.map((o) => [o.key, o.sha256]));
  });

  it('refuses two different artefacts under one key', () => {
    const clash = [...dashboards, { key: 'dashboards/index.html', html: 'other' }];
    expect(() => assembleObjects({ context, dashboards: clash, funderReports: [] })).toThrow(ConflictingObjectError);
  });
});

describe('putObjects', () => {
  it('writes every object with its content type, cache control and base64 SHA-256 checksum', async () => {
    // Prepare
    const s3 = mockClient(S3Client);
    s3.on(PutObjectCommand).resolves({});
    const few = objects.slice(0, 5);
    // Act
    await putObjects(new S3Client({ region: 'eu-west-2' }), 'reports-bucket', few, 2);
    // Assess
    const calls = s3.commandCalls(PutObjectCommand).map((c) => c.args[0].input);
    expect(calls.map((c) => c.Key).sort()).toEqual(few.map((o) => o.key).sort());
    for (const object of few) {
      const call = calls.find((c) => c.Key === object.key);
      expect(call).toMatchObject({ Bucket: 'reports-bucket', ContentType: object.contentType, CacheControl: object.cacheControl, ChecksumSHA256: createHash('sha256').update(object.body).digest('base64') });
    }
    s3.restore();
  });

  it('writes the last object (the manifest) only after every other one', async () => {
    // Prepare
    const s3 = mockClient(S3Client);
    const finished: string[] = [];
    s3.on(PutObjectCommand).callsFake(async (input: { Key: string }) => {
      await new Promise((resolve) => setTimeout(resolve, input.Key.endsWith('manifest.json') ? 0 : 5));
      finished.push(input.Key);
      return {};
    });
    const few = objects.slice(-4);

    // Act
    await putObjects(new S3Client({ region: 'eu-west-2' }), 'reports-bucket', few, 8);

    // Assess
    expect(finished.at(-1)).toBe(few.at(-1)?.key);
    expect(finished).toHaveLength(4);
    s3.restore();
  });
});
