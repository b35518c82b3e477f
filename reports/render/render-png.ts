import { Resvg } from '@resvg/resvg-js';
import { fontSet } from './fonts';
import { ChartRenderError } from './render-svg';

/** PNG options: scale factor (default 2× for sharp text) and the font directory (default: bundled fonts). */
export interface PngOptions {
  scale?: number;
  fontDir?: string;
}

/** A rasterised chart: the PNG file and the raw RGBA pixels it encodes. */
export interface Raster {
  png: Buffer;
  width: number;
  height: number;
  /** RGBA, row by row. */
  pixels: Buffer;
}

/** Rasterises an SVG with the bundled font only (no system fonts), so the pixels match on a laptop and in Lambda. */
export const rasterise = (svg: string, options: PngOptions = {}): Raster => {
  const fonts = fontSet(options.fontDir);
  try {
    const resvg = new Resvg(svg, {
      fitTo: { mode: 'zoom', value: options.scale ?? 2 },
      background: 'white',
      font: { fontFiles: fonts.files, loadSystemFonts: false, defaultFontFamily: fonts.family, sansSerifFamily: fonts.family },
    });
    const image = resvg.render();
    return { png: image.asPng(), width: image.width, height: image.height, pixels: image.pixels };
  } catch (error) {
    throw new ChartRenderError('Could not rasterise the chart to PNG', { cause: error });
  }
};

/** Renders an SVG to a PNG file at 2× (or `scale`) with the bundled font. */
export const renderPng = (svg: string, options: PngOptions = {}): Buffer => rasterise(svg, options).png;
