import { chmod, lstat, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { startLocalStack, type RunningLocalStack } from '../../../infra/local/local-stack';

/** Every path under `root` (itself included) with its permission bits. */
const modes = async (root: string): Promise<{ path: string; directory: boolean; mode: number }[]> => {
  const info = await lstat(root);
  const here = { path: root, directory: info.isDirectory(), mode: info.mode & 0o777 };
  if (!info.isDirectory()) return [here];
  const below = await Promise.all((await readdir(root)).map((entry) => modes(join(root, entry))));
  return [here, ...below.flat()];
};
const readableByOthers = (entries: Awaited<ReturnType<typeof modes>>) =>
  entries.filter((entry) => (entry.mode & 0o077) !== 0).map((entry) => `${entry.path} ${entry.mode.toString(8)}`);

let parent: string;
let dataDir: string;
let stack: RunningLocalStack | undefined;
// Reads the umask without process.umask()'s deprecated no-argument form.
const currentUmask = (): number => { const mask = process.umask(0o022); process.umask(mask); return mask; };
const umaskBefore = currentUmask();

beforeAll(async () => {
  parent = await mkdtemp(join(tmpdir(), 'outcomes-perms-'));
  dataDir = join(parent, 'data');
  // What an earlier version left behind: a world-readable key and bucket folder.
  await mkdir(join(dataDir, 's3', 'left-over'), { recursive: true, mode: 0o755 });
  await chmod(dataDir, 0o755);
  await writeFile(join(dataDir, 'pseudonym.key'), `${'ab'.repeat(32)}\n`, { mode: 0o644 });
  await writeFile(join(dataDir, 's3', 'left-over', 'object'), 'old', { mode: 0o644 });
  stack = await startLocalStack({ port: 0, dataDir, seed: false });
});
afterAll(async () => {
  await stack?.stop();
  await rm(parent, { recursive: true, force: true });
});

describe('the local data directory', () => {
  it('keeps the store, the bucket, the key file and local-stack.json owner-only (0700 / 0600)', async () => {
    // Prepare: objects the bucket stores after the start are covered too.
    const { info } = stack!;
    const s3 = new S3Client({ endpoint: info.s3Endpoint, region: info.region, credentials: info.credentials, forcePathStyle: true });
    await s3.send(new PutObjectCommand({ Bucket: info.reportsBucket, Key: 'dashboards/adults/index.html', Body: '<html></html>' }));

    // Act
    const entries = await modes(dataDir);

    // Assess
    expect(entries.map((entry) => entry.path)).toEqual(expect.arrayContaining([join(dataDir, 'pseudonym.key'), join(dataDir, 'local-stack.json'), join(dataDir, 'dynamodb'), join(dataDir, 's3', info.reportsBucket)]));
    expect(entries.filter((entry) => entry.path.startsWith(join(dataDir, 'dynamodb')) && !entry.directory).length).toBeGreaterThan(0);
    expect(readableByOthers(entries)).toEqual([]);
    expect(entries.filter((entry) => entry.directory).every((entry) => entry.mode === 0o700)).toBe(true);
    expect(entries.filter((entry) => !entry.directory).every((entry) => entry.mode === 0o600)).toBe(true);
  });

  it("gives the process its own umask back when the stack stops", async () => {
    // Act
    await stack?.stop();
    stack = undefined;

    // Assess
    expect(currentUmask()).toBe(umaskBefore);
  });
});
