export { ChartRenderError, compileSpec, renderSvg } from './render-svg';
export type { SvgOptions } from './render-svg';
export { rasterise, renderPng } from './render-png';
export type { PngOptions, Raster } from './render-png';
export { DEFAULT_FONT_DIR, fontSet } from './fonts';
export type { FontSet } from './fonts';
export { renderChart } from './render-chart';
export type { RenderedChart } from './render-chart';
