import PDFDocument from 'pdfkit';
import * as vega from 'vega';
import { fontSet } from './fonts';

interface TextItem {
  fontSize?: number;
  fontWeight?: string | number;
  limit?: number;
}

/**
 * Makes Vega measure text with the bundled font's real glyph advances (via pdfkit's font engine) instead of
 * its rough estimate, so headless layouts fit labels tightly and identically everywhere. Vega keeps one
 * global text-metrics object; this replaces its `width` function for the whole process.
 */
export const useBundledTextMetrics = (fontDir?: string): void => {
  const fonts = fontSet(fontDir);
  const doc = new PDFDocument({ autoFirstPage: false });
  const cache = new Map<string, number>();
  const measure = (item: TextItem, text: unknown): number => {
    const line = text === null || text === undefined ? '' : String(text).trim();
    const size = item.fontSize ?? 11;
    if (line === '' || size <= 0) return 0;
    const weight = item.fontWeight;
    const bold = weight === 'bold' || weight === 'bolder' || (typeof weight === 'number' && weight >= 600);
    const key = `${bold ? 'b' : 'r'}${size}|${line}`;
    const cached = cache.get(key);
    if (cached !== undefined) return cached;
    const width = doc.font(bold ? fonts.bold : fonts.regular).fontSize(size).widthOfString(line);
    cache.set(key, width);
    return width;
  };
  // vega exports `textMetrics` at run time but its typings omit it.
  (vega as unknown as { textMetrics: { width: (item: TextItem, text: unknown) => number } }).textMetrics.width = measure;
};
