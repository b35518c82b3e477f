import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOpenApi } from '../../schemas/openapi';

const run = promisify(execFile);
const bin = (name: string): string => join(process.cwd(), 'node_modules', '.bin', name);
// Offline and quiet: no telemetry, no update check.
const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' };

let dir: string;
let document: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'openapi-lint-'));
  document = join(dir, 'openapi.json');
  writeFileSync(document, JSON.stringify(buildOpenApi(), null, 2));
  writeFileSync(join(dir, '.spectral.yaml'), 'extends: ["spectral:oas"]\n');
});
afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

/** Runs a linter and returns its exit code and output (a linter exits non-zero when it finds problems). */
const lint = async (file: string, args: string[]): Promise<{ code: number; out: string }> => {
  try {
    const { stdout, stderr } = await run(file, args, { env, cwd: dir, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, out: `${stdout}\n${stderr}` };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === 'number' ? failed.code : -1, out: `${failed.stdout ?? ''}\n${failed.stderr ?? ''}` };
  }
};

describe('the OpenAPI document under outside linters', () => {
  it('passes @redocly/cli lint (recommended rules) with no error and no warning', { timeout: 600_000 }, async () => {
    // Act
    const { code, out } = await lint(bin('redocly'), ['lint', document, '--format=json']);

    // Assess: the JSON report lists every problem; none is allowed
    const report = JSON.parse(out.slice(out.indexOf('{'), out.lastIndexOf('}') + 1)) as { totals: { errors: number; warnings: number }; problems: { ruleId: string; message: string }[] };
    expect(report.problems.map((p) => `${p.ruleId}: ${p.message}`)).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
    expect(code).toBe(0);
  });

  it('passes @stoplight/spectral-cli lint (spectral:oas) with no error and no warning', { timeout: 600_000 }, async () => {
    // Act
    const { code, out } = await lint(bin('spectral'), ['lint', document, '--ruleset', join(dir, '.spectral.yaml'), '--format', 'json', '--fail-severity', 'hint']);

    // Assess
    const problems = JSON.parse(out.slice(out.indexOf('['), out.lastIndexOf(']') + 1)) as { code: string; message: string; path: string[] }[];
    expect(problems.map((p) => `${p.code}: ${p.message} at ${p.path.join('.')}`)).toEqual([]);
    expect(code).toBe(0);
  });
});
