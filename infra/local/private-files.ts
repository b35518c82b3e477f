import { chmod, lstat, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** Owner-only permissions of the local stack's data: the store, the bucket and the pseudonymisation key. */
export const PRIVATE_DIRECTORY_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;
const OWNER_ONLY_UMASK = 0o077;

let holders = 0;
let previousUmask: number | undefined;

/**
 * Makes every file and directory this process creates from now on owner-only (umask 077), until the returned
 * function is called, so what dynalite and s3rver write later is as private as what exists at start. Nested
 * holders share one umask; the last to release restores the previous one. Where the umask cannot be changed
 * (a worker thread), the owner-only data directory still keeps everyone else out.
 */
export const holdOwnerOnlyUmask = (): (() => void) => {
  try {
    if (holders === 0) previousUmask = process.umask(OWNER_ONLY_UMASK);
    holders += 1;
  } catch {
    return () => {};
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    holders -= 1;
    if (holders === 0 && previousUmask !== undefined) process.umask(previousUmask);
  };
};

/** Creates `path` as an owner-only directory (0700), tightening it if it already exists. */
export const ensurePrivateDirectory = async (path: string): Promise<void> => {
  await mkdir(path, { recursive: true, mode: PRIVATE_DIRECTORY_MODE });
  await chmod(path, PRIVATE_DIRECTORY_MODE);
};

/**
 * Tightens `path` and everything below it to owner-only (directories 0700, files 0600), for data an earlier
 * start or an earlier version left readable. Symbolic links are left alone (chmod would follow them).
 */
export const tightenTree = async (path: string): Promise<void> => {
  let info;
  try {
    info = await lstat(path);
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return;
    throw error;
  }
  if (info.isSymbolicLink()) return;
  if (!info.isDirectory()) {
    await chmod(path, PRIVATE_FILE_MODE);
    return;
  }
  await chmod(path, PRIVATE_DIRECTORY_MODE);
  for (const entry of await readdir(path)) await tightenTree(join(path, entry));
};
