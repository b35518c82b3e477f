import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FONT_FAMILY } from '../charts/theme';

/** The bundled fonts (DejaVu Sans, regular and bold) and the family name charts use. */
export interface FontSet {
  family: string;
  regular: string;
  bold: string;
  /** Every `.ttf` file in the directory, for resvg. */
  files: string[];
}

/** Directory of the fonts bundled with the source tree (`reports/assets/fonts`). */
export const DEFAULT_FONT_DIR = fileURLToPath(new URL('../assets/fonts/', import.meta.url));

/**
 * The font set in `fontDir` (default: the bundled directory). A Lambda bundle copies the fonts next to the
 * bundle and passes that directory, since `import.meta.url` then points at the bundle.
 */
export const fontSet = (fontDir: string = DEFAULT_FONT_DIR): FontSet => ({
  family: FONT_FAMILY,
  regular: join(fontDir, 'DejaVuSans.ttf'),
  bold: join(fontDir, 'DejaVuSans-Bold.ttf'),
  files: readdirSync(fontDir).filter((name) => name.endsWith('.ttf')).sort().map((name) => join(fontDir, name)),
});
