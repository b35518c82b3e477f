/**
 * One programme's chart set, spec → SVG + PNG through reports/render, against vega's bare `View.toSVG` of the
 * same (already compiled) specs:
 *
 *   demo figure rows ─▶ buildChartSet (one programme, one quarter) ─┬─ renderChart: compile + View.toSVG + resvg PNG
 *                                                                    └─ baseline: new View(parse(compiled)).toSVG()
 * Doubled: two programmes' chart sets.
 */
import { parse, View } from 'vega';
import { buildChartSet, type NamedChart } from '../../reports/charts/chart-set';
import { renderChart } from '../../reports/render/render-chart';
import { compileSpec, renderSvg } from '../../reports/render/render-svg';
import { instrumentInfo } from '../../functions/publishing/instrument-info';
import { findInstrument, listInstruments } from '../../functions/core/instruments/registry';
import { demoRows } from '../../test/core/disclosure/support/demo-fixture';
import { log, median, round, timed, type Measurement } from './measure';

export interface ChartsOptions { runs: number }

export const chartsBench = async (options: ChartsOptions): Promise<Measurement[]> => {
  const rows = demoRows();
  const quarters = [...new Set(rows.map((r) => r.period))].filter((p) => p.includes('Q')).sort();
  const period = quarters.at(-2) ?? quarters[0]!;
  const instruments = listInstruments().map((d) => instrumentInfo(findInstrument(d.id)));
  const programmes = [...new Set(rows.map((r) => r.programme_id))].filter((p) => p !== '*').sort();
  const setOf = (programmeId: string): NamedChart[] => buildChartSet(rows, { period, programmeId, scopeLabel: programmeId, instruments, volume: true });
  const one = setOf(programmes[0]!);
  const two = [...one, ...setOf(programmes[1]!)];
  const compiled = new Map([...one, ...two].map((c) => [c.spec, compileSpec(c.spec)]));
  const ours = async (charts: readonly NamedChart[]) => { for (const chart of charts) await renderChart(chart); };
  const svgOnly = async (charts: readonly NamedChart[]) => { for (const chart of charts) await renderSvg(chart.spec); };
  const bare = async (charts: readonly NamedChart[]) => {
    for (const chart of charts) {
      const view = new View(parse(compiled.get(chart.spec)!), { renderer: 'none', logLevel: 0 });
      await view.toSVG();
      view.finalize();
    }
  };
  // Warm-up: fonts, text metrics and the JIT, so the first run is not a cold start.
  await ours(one); await bare(one);
  const samples = { figure: [] as number[], baseline: [] as number[], figureDoubled: [] as number[], baselineDoubled: [] as number[], svg: [] as number[] };
  for (let run = 0; run < options.runs; run += 1) {
    samples.figure.push((await timed(() => ours(one))).seconds);
    samples.baseline.push((await timed(() => bare(one))).seconds);
    samples.svg.push((await timed(() => svgOnly(one))).seconds);
    samples.figureDoubled.push((await timed(() => ours(two))).seconds);
    samples.baselineDoubled.push((await timed(() => bare(two))).seconds);
    log(`charts run ${run + 1}/${options.runs}: SVG+PNG ${samples.figure.at(-1)!.toFixed(2)} s, SVG ${samples.svg.at(-1)!.toFixed(2)} s, bare toSVG ${samples.baseline.at(-1)!.toFixed(2)} s (${one.length} charts)`);
  }
  const ratio = median(samples.figure) / median(samples.baseline);
  return [{
    id: 'charts.programme', what: `one programme's chart set (${programmes[0]}, ${period}: ${one.length} charts), spec → SVG + 2× PNG (renderChart)`,
    unit: 's', higherIsBetter: false, figure: round(median(samples.figure)),
    baselineWhat: "vega's bare View.toSVG of the same specs, compiled beforehand", baseline: round(median(samples.baseline)),
    ratio: round(ratio), ratioDoubled: round(median(samples.figureDoubled) / median(samples.baselineDoubled)),
    target: 'ratio ≤ 1.5 (with PNG)', meetsTarget: ratio <= 1.5,
    sizes: { charts: one.length, chartsDoubled: two.length, period, svgOnlySeconds: round(median(samples.svg)), svgOnlyRatio: round(median(samples.svg) / median(samples.baseline)) },
    runs: options.runs,
    samples: { figure: samples.figure.map((v) => round(v)), baseline: samples.baseline.map((v) => round(v)), figureDoubled: samples.figureDoubled.map((v) => round(v)), baselineDoubled: samples.baselineDoubled.map((v) => round(v)) },
  }];
};
