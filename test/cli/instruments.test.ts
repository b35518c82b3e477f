import { afterEach, describe, expect, it, vi } from 'vitest';
import type { InstrumentRow } from '../../functions/cli/commands/instruments';
import { main } from '../../functions/cli/main';

const run = async (...args: string[]): Promise<{ code: number; out: string }> => {
  let out = '';
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  try {
    return { code: await main(['node', 'outcomes', ...args]), out };
  } finally {
    stdout.mockRestore();
  }
};

describe('outcomes instruments', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('prints a table with version, range, direction, cut-off, reliable change, bands and licence, each with its source status', async () => {
    // Act
    const { code, out } = await run('instruments');

    // Assess
    const lines = out.trimEnd().split('\n');
    expect(code).toBe(0);
    expect(lines[0]).toMatch(/^id\s+version\s+items × answers\s+score\s+direction\s+cut-off\s+reliable change\s+bands\s+conversion table\s+licence\s+availability$/);
    expect(lines).toHaveLength(2 + 11);
    expect(lines.find((l) => l.startsWith('phq9 '))).toMatch(/1\.0\.0\s+9 × 0–3\s+0–27\s+lower-is-better\s+≥ 10 \(verified\)\s+6 \(95%, verified\)\s+verified\s+—\s+free \(unverified\)\s+enabled/);
    expect(lines.find((l) => l.startsWith('brs '))).toMatch(/0\.843 \(95%, derived, unverified\)\s+secondary/);
    expect(lines.find((l) => l.startsWith('core10 '))).toMatch(/6 \(90%, verified\)/);
    expect(lines.find((l) => l.startsWith('swemwbs '))).toMatch(/2\.87 \(95%, verified\)\s+unverified\s+secondary\s+free-with-registration \(secondary\)/);
    // thresholds nobody has checked are never called published
    expect(lines.find((l) => l.startsWith('wemwbs '))).toMatch(/8 \(95%, unverified\)/);
    expect(lines.find((l) => l.startsWith('gbo '))).toMatch(/2\.45 \(95%, unverified\)/);
    expect(out).not.toMatch(/published/);
    expect(lines.find((l) => l.startsWith('cd-risc-10'))).toMatch(/paid-per-use \(unverified\)\s+needs a recorded licence$/);
  });

  it('prints JSON with --json and shows a recorded licence as enabled', async () => {
    // Prepare
    vi.stubEnv('LICENSED_INSTRUMENTS', 'cd-risc-10');

    // Act
    const rows = JSON.parse((await run('instruments', '--json')).out) as InstrumentRow[];

    // Assess
    expect(rows.map((r) => r.id)).toContain('ors');
    expect(rows.find((r) => r.id === 'ors')).toMatchObject({
      answers: '4 × 0.0–10.0', cutOff: '< 25', cutOffStatus: 'verified', reliableChange: 5, reliableChangeSource: 'configured',
      reliableChangeConfidence: 0.95, reliableChangeStatus: 'verified',
    });
    expect(rows.find((r) => r.id === 'k10')?.sources.find((s) => s.value === "band 'mild'")?.citation).toMatch(/Coombs 2011/);
    expect(rows.find((r) => r.id === 'cd-risc-10')?.enabled).toBe(true);
  });

  it('lists every sourced value with its status and citation with --sources', async () => {
    // Act
    const { code, out } = await run('instruments', '--sources');

    // Assess
    const lines = out.trimEnd().split('\n');
    expect(code).toBe(0);
    expect(lines.find((l) => l.startsWith('swemwbs ') && l.includes('conversion table'))).toMatch(/\ssecondary\s+Rasch raw-to-metric/);
    expect(lines.find((l) => l.startsWith('core10 ') && l.includes('reliable change'))).toMatch(/verified\s+Reliable change 6 points at 90 % confidence/);
    expect(lines.filter((l) => l.startsWith('k10 ') && l.includes('band'))).toHaveLength(4);
  });
});
