import type { TopLevelSpec } from 'vega-lite';
import { Messages } from '../messages';
import { CHART_WIDTH, THEME } from './theme';

/** The words around a chart: title, subtitle lines, the screen-reader description and footnotes. */
export interface ChartFrame {
  title: string;
  subtitle: readonly string[];
  description: string;
  footnotes: readonly string[];
}

/** A Vega-Lite view without the top-level properties (data, mark/layer/facet, encoding, size). */
export type ChartBody = Record<string, unknown>;

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/**
 * Wraps a chart body in the shared theme, title and description; footnotes become a bottom title of the
 * chart itself, so they travel with the spec into SVG, PNG and PDF.
 */
export const composeChart = (frame: ChartFrame, body: ChartBody): TopLevelSpec => {
  const top = {
    $schema: SCHEMA,
    description: frame.description,
    title: { text: frame.title, ...(frame.subtitle.length > 0 ? { subtitle: [...frame.subtitle] } : {}) },
    config: THEME,
  };
  if (frame.footnotes.length === 0) return { ...top, ...body } as unknown as TopLevelSpec;
  const footnote = {
    text: [...frame.footnotes],
    orient: 'bottom',
    anchor: 'start',
    fontSize: 10,
    fontWeight: 'normal',
    color: '#404040',
    offset: 14,
  };
  return { ...top, vconcat: [{ ...body, title: footnote }] } as unknown as TopLevelSpec;
};

/** A chart that says there is nothing to show, keeping the title so the page layout stays stable. */
export const emptyChart = (frame: Omit<ChartFrame, 'footnotes'>): TopLevelSpec =>
  composeChart(
    { ...frame, description: `${frame.description} ${Messages.noFigures}`, footnotes: [] },
    {
      width: CHART_WIDTH,
      height: 60,
      data: { values: [{ message: Messages.noFigures }] },
      mark: { type: 'text', fontSize: 13, color: '#404040', align: 'center' },
      encoding: { text: { field: 'message' }, x: { value: CHART_WIDTH / 2 }, y: { value: 30 } },
    },
  );
