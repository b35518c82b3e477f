import { describe, expect, it } from 'vitest';
import { parse, View, Warn } from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import { effectSizesChart, meanChangeChart, outcomeClassesChart, sessionTrajectoryChart } from '../../../reports/charts/index';
import { rasterise, renderSvg } from '../../../reports/render/index';
import { compileSpec } from '../../../reports/render/render-svg';
import { FIXTURE_INSTRUMENTS, makeFigureRows } from '../fixtures';
import { fixtureChartCatalogue } from '../spec-catalogue';

const [swemwbs, , , phq9] = FIXTURE_INSTRUMENTS;
if (swemwbs === undefined || phq9 === undefined) throw new Error('fixture instruments missing');
const rows = makeFigureRows();
const scope = { period: '2026-Q2', programmeId: 'south', scopeLabel: 'South Coast Wellbeing' };

const count = (text: string, pattern: RegExp): number => text.match(pattern)?.length ?? 0;

describe('headless rendering', () => {
  it('renders the mean-change chart to SVG with a point and a whisker per visible group type', async () => {
    // Prepare
    const spec = meanChangeChart(rows, { ...scope, instrument: swemwbs });
    // Act
    const svg = await renderSvg(spec);
    // Assess
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('font-family="DejaVu Sans"');
    expect(svg).toContain('Mean change in SWEMWBS score by group type');
    expect(count(svg, /class="mark-symbol role-mark/g)).toBe(1);
    const symbols = svg.slice(svg.indexOf('class="mark-symbol role-mark')).split('</g>')[0] ?? '';
    expect(count(symbols, /<path/g)).toBe(5);
    expect(svg).toMatch(/Psychoeducational \(n = \d+\)/);
    expect(svg).toContain('Meaningful change (3 points)');
  });

  it('renders suppressed bars as a labelled dashed placeholder', async () => {
    // Prepare
    const spec = outcomeClassesChart(rows, { ...scope, instrument: phq9 });
    // Act
    const svg = await renderSvg(spec);
    // Assess
    expect(svg).toContain('>suppressed<');
    expect(svg).toContain('stroke-dasharray="3,2"');
    expect(svg).toContain('fewer than 8 participants');
  });

  it('rasterises at 2× with dark text pixels on a white background', async () => {
    // Prepare
    const svg = await renderSvg(meanChangeChart(rows, { ...scope, instrument: swemwbs }));
    const width = Number(/width="(\d+)"/.exec(svg)?.[1]);
    // Act
    const raster = rasterise(svg);
    // Assess
    expect(raster.png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(raster.width).toBe(width * 2);
    let dark = 0;
    let white = 0;
    // the title band (top 60 device pixels) must contain glyph pixels: text was drawn with the bundled font
    for (let i = 0; i < raster.width * 60 * 4; i += 4) {
      const lum = (raster.pixels[i] ?? 0) + (raster.pixels[i + 1] ?? 0) + (raster.pixels[i + 2] ?? 0);
      if (lum < 150) dark += 1;
      if (lum > 760) white += 1;
    }
    expect(dark).toBeGreaterThan(500);
    expect(white).toBeGreaterThan(dark);
  });

  it('renders the same spec to the same bytes twice', async () => {
    // Prepare
    const spec = outcomeClassesChart(rows, { ...scope, instrument: phq9 });
    // Act
    const first = await renderSvg(spec);
    await renderSvg(meanChangeChart(rows, { ...scope, instrument: swemwbs }));
    const second = await renderSvg(spec);
    // Assess
    expect(second).toBe(first);
    expect(rasterise(second).png.equals(rasterise(first).png)).toBe(true);
  });
});

/** Runs a spec's Vega dataflow headlessly and returns every compiler and runtime warning. */
const vegaWarnings = async (spec: TopLevelSpec): Promise<string[]> => {
  const warnings: string[] = [];
  const logger = {
    level: () => logger, error: (...args: unknown[]) => { warnings.push(args.join(' ')); return logger; },
    warn: (...args: unknown[]) => { warnings.push(args.join(' ')); return logger; }, info: () => logger, debug: () => logger,
  };
  const view = new View(parse(compileSpec(spec, warnings)), { renderer: 'none', logger, logLevel: Warn });
  await view.runAsync();
  view.finalize();
  return warnings;
};

/** The explicit domain of the `value` scale of a spec, wherever it sits. */
const explicitDomain = (node: unknown): unknown => {
  if (node === null || typeof node !== 'object') return undefined;
  const record = node as Record<string, unknown>;
  const scale = record.scale as { domain?: unknown } | undefined;
  if (record.field === 'value' && Array.isArray(scale?.domain)) return scale.domain;
  for (const value of Object.values(record)) {
    const found = explicitDomain(value);
    if (found !== undefined) return found;
  }
  return undefined;
};

describe('charts with little to show', () => {
  it.each(fixtureChartCatalogue().map((c) => [c.name, c.spec] as const))('%s runs through Vega without a warning', async (_name, spec) => {
    // Act
    const warnings = await vegaWarnings(spec);
    // Assess
    expect(warnings).toEqual([]);
  });

  it('run through Vega without a warning when no figure has an interval (too few groups everywhere)', async () => {
    // Prepare: every published estimate with "interval not available"
    const noIntervals = rows.map((r) => ({ ...r, ci_low: null, ci_high: null }));
    // Act
    const warnings = [
      ...await vegaWarnings(meanChangeChart(noIntervals, { ...scope, instrument: swemwbs })),
      ...await vegaWarnings(effectSizesChart(noIntervals, { ...scope, instruments: FIXTURE_INSTRUMENTS })),
      ...await vegaWarnings(sessionTrajectoryChart(noIntervals, { ...scope, instrument: swemwbs })),
    ];
    // Assess
    expect(warnings).toEqual([]);
  });

  it('keep a readable axis when every value is suppressed: zero centred for change, the score range for scores', () => {
    // Prepare
    const hidden = makeFigureRows({ allSuppressed: true });
    // Act
    const change = explicitDomain(meanChangeChart(hidden, { ...scope, instrument: swemwbs }));
    const score = explicitDomain(sessionTrajectoryChart(hidden, { ...scope, instrument: swemwbs }));
    // Assess
    expect(change).toEqual([-3, 3]);
    expect(score).toEqual([swemwbs.scoreRange?.min, swemwbs.scoreRange?.max]);
  });
});
