import type { TopLevelSpec } from 'vega-lite';
import { compile } from 'vega-lite';
import { parse, resetSVGDefIds, View } from 'vega';
import type { Spec as VegaSpec } from 'vega';
import { useBundledTextMetrics } from './text-metrics';

/** Raised when a chart spec cannot be compiled or rendered. */
export class ChartRenderError extends Error {
  override name = 'ChartRenderError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Collects Vega-Lite compiler messages instead of printing them (rendering runs inside tests and Lambdas). */
const quietLogger = (warnings: string[]) => {
  const logger = {
    level: () => 0,
    error: (...args: readonly unknown[]) => { warnings.push(args.map(String).join(' ')); return logger; },
    warn: (...args: readonly unknown[]) => { warnings.push(args.map(String).join(' ')); return logger; },
    info: () => logger,
    debug: () => logger,
  };
  return logger;
};

/** Compiles a Vega-Lite spec to Vega; compiler warnings are appended to `warnings` when given. */
export const compileSpec = (spec: TopLevelSpec, warnings: string[] = []): VegaSpec => {
  try {
    return compile(spec, { logger: quietLogger(warnings) as never }).spec;
  } catch (error) {
    throw new ChartRenderError('Could not compile the chart spec', { cause: error });
  }
};

let measuringFontDir: string | undefined | null = null;

/** Rendering options: the directory of the bundled fonts used to measure text (default: `reports/assets/fonts`). */
export interface SvgOptions {
  fontDir?: string;
}

/** Renders a Vega-Lite spec to an SVG document headlessly (no canvas, no DOM, no network), deterministically. */
export const renderSvg = async (spec: TopLevelSpec, options: SvgOptions = {}): Promise<string> => {
  if (measuringFontDir !== options.fontDir) {
    useBundledTextMetrics(options.fontDir);
    measuringFontDir = options.fontDir;
  }
  const vegaSpec = compileSpec(spec);
  try {
    // SVG def ids (clip paths, gradients) count up per process: reset them so equal specs give equal bytes.
    resetSVGDefIds();
    const view = new View(parse(vegaSpec), { renderer: 'none', logLevel: 0 });
    const svg = await view.toSVG();
    view.finalize();
    return svg;
  } catch (error) {
    throw new ChartRenderError('Could not render the chart to SVG', { cause: error });
  }
};
