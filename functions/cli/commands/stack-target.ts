import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Where a CLI command sends its API calls: a deployed API with a key, or the local stack's. */
export interface StackTarget {
  apiUrl: string;
  key: string;
}

/** Thrown when the CLI cannot tell which API to talk to. */
export class TargetError extends Error {
  override readonly name = 'TargetError';
}

/**
 * `--api-url` and `--key` (or OUTCOMES_API_URL / OUTCOMES_API_KEY) win; otherwise the local stack's
 * `local-stack.json` in `--data-dir` gives the URL and the key of `role`.
 */
export const resolveTarget = async (
  options: { apiUrl?: string; key?: string; dataDir: string },
  role: 'admin' | 'manager' | 'funder',
): Promise<StackTarget> => {
  const apiUrl = options.apiUrl ?? process.env['OUTCOMES_API_URL'];
  const key = options.key ?? process.env['OUTCOMES_API_KEY'];
  if (apiUrl !== undefined && key !== undefined) return { apiUrl, key };
  const path = join(options.dataDir, 'local-stack.json');
  let info: { apiUrl?: string; keys?: Record<string, string> };
  try {
    info = JSON.parse(await readFile(path, 'utf8')) as typeof info;
  } catch {
    throw new TargetError(`No API given and no local stack found at ${path}: start one with "npm start", or pass --api-url and --key.`);
  }
  const localKey = key ?? info.keys?.[role];
  if (info.apiUrl === undefined || localKey === undefined) throw new TargetError(`${path} has no API URL or ${role} key; restart the local stack.`);
  return { apiUrl: apiUrl ?? info.apiUrl, key: localKey };
};
