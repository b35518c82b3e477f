import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../functions/cli/main';

const ROOT = join(import.meta.dirname, '../..');

// Runs `outcomes <args>` in-process and captures what it writes.
const run = async (...args: string[]): Promise<{ code: number; out: string; err: string }> => {
  let out = '';
  let err = '';
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
  try {
    const code = await main(['node', 'outcomes', ...args]);
    return { code, out, err };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
};

describe('outcomes score', () => {
  beforeEach(() => vi.stubEnv('LICENSED_INSTRUMENTS', ''));
  afterEach(() => vi.unstubAllEnvs());

  it('prints one JSON object with the score, band, caseness and flags', async () => {
    // Act
    const { code, out, err } = await run('score', 'phq9', '2', '2', '1', '1', '1', '1', '1', '1', '1');

    // Assess
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(out.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(out)).toEqual({ instrument: 'phq9', version: '1.0.0', rawScore: 11, score: 11, band: 'moderate', case: true, flags: ['risk'] });
  });

  it('prints the SWEMWBS metric score and leaves out case where there is no cut-off', async () => {
    const { out } = await run('score', 'swemwbs', '3', '3', '3', '3', '3', '3', '3');
    expect(JSON.parse(out)).toEqual({ instrument: 'swemwbs', version: '1.0.0', rawScore: 21, score: 19.25, band: 'possible depression', flags: [] });
  });

  it('accepts - and NA for missing items where the instrument tolerates them', async () => {
    // CORE-10, item 10 missing: 1 + 0 + 0 + 1·6 = 7 over 9 items → 70/9
    const { code, out } = await run('score', 'core10', '1', '4', '4', '1', '1', '1', '1', '1', '1', 'NA');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ rawScore: 70 / 9, flags: ['prorated', 'risk'] });
    expect(JSON.parse((await run('score', 'gbo', '4', '-', '6')).out)).toMatchObject({ score: 5 });
  });

  it('accepts one-decimal ORS answers', async () => {
    expect(JSON.parse((await run('score', 'ors', '7.3', '6.1', '5.5', '8.4')).out)).toMatchObject({ score: 27.3, case: false });
  });

  it('rejects an invalid answer with one line naming the item and the allowed values, exit code 2', async () => {
    // Act
    const { code, out, err } = await run('score', 'gad7', '1', '1', '1', '7', '1', '1', '1');

    // Assess
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toBe('outcomes score: item 4 of gad7: 7 is not allowed; allowed: integers 0–3\n');
  });

  it('rejects a missing item where none is tolerated, and a word that is not a number', async () => {
    expect((await run('score', 'phq9', '1', '1', '-', '1', '1', '1', '1', '1', '1')).err).toMatch(/^outcomes score: item 3 of phq9 is missing/);
    const { code, err } = await run('score', 'brs', '1', 'two', '3', '4', '5', '1');
    expect(code).toBe(2);
    expect(err).toMatch(/item 2 of brs: 'two' is not a number; allowed: integers 1–5/);
  });

  it('rejects the wrong number of answers and an unknown instrument', async () => {
    expect(await run('score', 'gad7', '1', '1')).toMatchObject({ code: 2, err: 'outcomes score: gad7 needs 7 answers, got 2\n' });
    expect(await run('score', 'phq8', '1')).toMatchObject({ code: 2, err: expect.stringMatching(/unknown instrument 'phq8'/) });
  });

  it('scores cd-risc-10 only when LICENSED_INSTRUMENTS records its licence', async () => {
    // Prepare
    const answers = ['2', '2', '2', '2', '2', '2', '2', '2', '2', '2'];

    // Act
    const refused = await run('score', 'cd-risc-10', ...answers);
    vi.stubEnv('LICENSED_INSTRUMENTS', 'gbo, cd-risc-10');
    const allowed = await run('score', 'cd-risc-10', ...answers);

    // Assess
    expect(refused).toMatchObject({ code: 2, out: '', err: expect.stringMatching(/'cd-risc-10' needs a licence/) });
    expect(JSON.parse(allowed.out)).toMatchObject({ instrument: 'cd-risc-10', score: 20 });
  });

  it('works through the bin script', async () => {
    // Act
    const { stdout } = await promisify(execFile)(process.execPath, [join(ROOT, 'functions/cli/bin.mjs'), 'score', 'gad7', '3', '3', '3', '3', '3', '3', '3'], { cwd: ROOT });

    // Assess
    expect(JSON.parse(stdout)).toEqual({ instrument: 'gad7', version: '1.0.0', rawScore: 21, score: 21, band: 'severe', case: true, flags: [] });
  });

  it('exits 2 from the bin script on an invalid answer', async () => {
    const child = promisify(execFile)(process.execPath, [join(ROOT, 'functions/cli/bin.mjs'), 'score', 'gad7', '9', '0', '0', '0', '0', '0', '0'], { cwd: ROOT });
    await expect(child).rejects.toMatchObject({ code: 2, stderr: 'outcomes score: item 1 of gad7: 9 is not allowed; allowed: integers 0–3\n' });
  });
});
