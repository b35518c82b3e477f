import type { NamedChart } from '../charts/chart-set';
import { renderPng } from './render-png';
import { renderSvg } from './render-svg';

/** A chart in the three published forms: its Vega-Lite spec, SVG and 2× PNG. */
export interface RenderedChart extends NamedChart {
  svg: string;
  png: Buffer;
}

/** Renders a named chart to SVG and PNG with the bundled font (from `fontDir` when given). */
export const renderChart = async (chart: NamedChart, fontDir?: string): Promise<RenderedChart> => {
  const svg = await renderSvg(chart.spec, fontDir === undefined ? {} : { fontDir });
  return { ...chart, svg, png: renderPng(svg, fontDir === undefined ? {} : { fontDir }) };
};
