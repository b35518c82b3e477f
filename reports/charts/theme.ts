import type { Config } from 'vega-lite';
import type { GroupType } from '../../functions/core/group-type';
import type { ALL } from '../../functions/core/figures/figure-row';

/** The bundled font: the same family name is used in the Vega config, by resvg and by the PDF. */
export const FONT_FAMILY = 'DejaVu Sans';

/** Okabe–Ito palette: distinguishable with every common form of colour-vision deficiency. */
export const OKABE_ITO = {
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
  black: '#000000',
} as const;

/** One colour per group type, the same on every chart; the all-types margin is dark grey. */
export const GROUP_TYPE_COLOUR: Readonly<Record<GroupType | typeof ALL, string>> = {
  psychoeducational: OKABE_ITO.blue,
  support: OKABE_ITO.orange,
  skill_development: OKABE_ITO.bluishGreen,
  psychotherapy: OKABE_ITO.reddishPurple,
  '*': '#444444',
};

/** How a suppressed placeholder looks: a pale box with a dashed outline and the word "suppressed". */
export const SUPPRESSED_STYLE = { fill: '#F2F2F2', stroke: '#6E6E6E', strokeDash: [3, 2], text: '#4D4D4D' } as const;

/** Default size of a chart's plot area in pixels. */
export const CHART_WIDTH = 520;

/** The shared Vega-Lite config of every chart (font, palette, title and axis styling). */
export const THEME: Config = {
  font: FONT_FAMILY,
  background: 'white',
  padding: 12,
  title: { anchor: 'start', fontSize: 15, fontWeight: 'bold', subtitleFontSize: 11, subtitleColor: '#404040', offset: 10 },
  axis: { labelFontSize: 11, titleFontSize: 11, titleFontWeight: 'bold', labelColor: '#222222', titleColor: '#222222', gridColor: '#E6E6E6' },
  legend: { labelFontSize: 11, titleFontSize: 11, orient: 'bottom', direction: 'horizontal', labelLimit: 220 },
  header: { labelFontSize: 12, titleFontSize: 12, labelFontWeight: 'bold' },
  view: { stroke: null },
  range: { category: Object.values(OKABE_ITO) },
  text: { fontSize: 11 },
};
