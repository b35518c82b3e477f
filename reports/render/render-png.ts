import { Resvg } from '@resvg/resvg-js';
import { fontSet } from './fonts';
import { ChartRenderError } from './render-svg';

/** PNG options: scale factor (default 2× for sharp text) and the font directory (default: bundled fonts). */
export interface PngOptions {
  scale?: number;
  fontDir?: string;
}

/** Rasterises an SVG to PNG with the bundled font only, so the pixels match on a laptop and in Lambda. */
export const renderPng = (svg: string, options: PngOptions = {}): Buffer => {
  const fonts = fontSet(options.fontDir);
  try {
    const resvg = new Resvg(svg, {
      fitTo: { mode: 'zoom', value: options.scale ?? 2 },
      background: 'white',
      font: { fontFiles: fonts.files, loadSystemFonts: false, defaultFontFamily: fonts.family, sansSerifFamily: fonts.family },
    });
    return resvg.render().asPng();
  } catch (error) {
    throw new ChartRenderError('Could not rasterise the chart to PNG', { cause: error });
  }
};
