import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { filesRoute } from '../../../infra/local/files-route';
import { localFileLink } from '../../../functions/publishing/signed-links';
import { Messages } from '../../../functions/core/messages';
import type { Db } from '../../../functions/store/db';

const SECRET = 'files-route-test-secret';
const FILES = new Map([
  ['dashboards/adults/index.html', 'adults dashboard'],
  ['dashboards/young/index.html', 'young people dashboard'],
  ['dashboards/index.html', 'organisation dashboard'],
  ['figures/dashboard/figures.json', 'all figures'],
]);
const s3 = mockClient(S3Client);
let server: Server;
let base: string;

beforeAll(async () => {
  // No request here carries a session cookie, so the store behind sessions is never read.
  const noStore = { client: { send: () => Promise.reject(new Error('the store is not read without a session')) }, table: 'none' } as unknown as Db;
  const route = filesRoute(new S3Client({ region: 'eu-west-2' }), 'reports', SECRET, noStore);
  server = createServer((req, res) => {
    void route(req, res, new URL(req.url ?? '/', 'http://localhost')).then((served) => {
      if (!served) { res.writeHead(599); res.end(); }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
beforeEach(() => {
  s3.reset();
  s3.on(GetObjectCommand).callsFake((input: { Key?: string }) => {
    const text = FILES.get(input.Key ?? '');
    if (text === undefined) throw Object.assign(new Error('NoSuchKey'), { name: 'NoSuchKey' });
    return { ContentType: 'text/html', Body: { transformToByteArray: async () => new Uint8Array(Buffer.from(text)) } };
  });
});
afterAll(async () => {
  s3.restore();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** Sends the path exactly as written (no client-side normalisation of `..` or escapes). */
const get = (rawPath: string): Promise<{ status: number; body: string }> => new Promise((resolve, reject) => {
  const req = request(`${base}/`, { path: rawPath }, (res) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
  });
  req.on('error', reject);
  req.end();
});

/** The signature query of a manager's link to its own programme's dashboard folder. */
const ownSignature = (): string => {
  const link = localFileLink(`${base}/files`, SECRET, 'dashboards/adults/index.html', Math.floor(Date.now() / 1000) + 600, 'dashboards/adults/');
  return new URL(link).search;
};

describe('GET /files/<key>', () => {
  it("serves a file under the link's own folder", async () => {
    // Act
    const answer = await get(`/files/dashboards/adults/index.html${ownSignature()}`);

    // Assess
    expect(answer).toEqual({ status: 200, body: 'adults dashboard' });
  });

  it.each([
    ['..%2F into another programme', '/files/dashboards/adults/..%2Fyoung/index.html'],
    ['..%2f in lower case', '/files/dashboards/adults/..%2fyoung/index.html'],
    ['a double-encoded ..%252F', '/files/dashboards/adults/..%252Fyoung/index.html'],
    ['..%5C (an encoded backslash)', '/files/dashboards/adults/..%5Cyoung/index.html'],
    ['..%255C (a double-encoded backslash)', '/files/dashboards/adults/..%255Cyoung/index.html'],
    ['a raw backslash', '/files/dashboards/adults/..\\young/index.html'],
    ['a plain .. segment', '/files/dashboards/adults/../young/index.html'],
    ['an encoded %2e%2e segment', '/files/dashboards/adults/%2e%2e/%2e%2e/figures/dashboard/figures.json'],
    ['.. up to the organisation page', '/files/dashboards/adults/../index.html'],
    ['a . segment', '/files/dashboards/adults/./index.html'],
    ['an empty segment', '/files/dashboards/adults//index.html'],
    ['an encoded slash inside a segment', '/files/dashboards/adults%2F..%2Fyoung/index.html'],
  ])('refuses %s with a JSON 404 and reads nothing from the bucket', async (_what, path) => {
    // Act
    const answer = await get(`${path}${ownSignature()}`);

    // Assess
    expect(answer.status).toBe(404);
    expect(JSON.parse(answer.body)).toEqual({ error: 'not_found', message: Messages.fileNotFound });
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(0);
  });

  it("refuses another programme's folder with the signature of one's own", async () => {
    // Act
    const answer = await get(`/files/dashboards/young/index.html${ownSignature()}`);

    // Assess
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body)).toEqual({ error: 'forbidden', message: Messages.fileLinkNotValid });
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(0);
  });
});
