import { Messages } from '../messages';
import { CHART_WIDTH, SUPPRESSED_STYLE } from './theme';
import type { ChartBody } from './compose-chart';

const onlySuppressed = { filter: 'datum.suppressed' };

/** Tooltip of a suppressed mark: what it is and why it is hidden. */
export const suppressedTooltip = (labelField: string, labelTitle: string): unknown[] => [
  { field: labelField, title: labelTitle },
  { field: 'status', title: 'Status' },
];

/**
 * Layers that fill the band of every suppressed category (`datum.suppressed`) with a pale dashed box and the
 * word "suppressed", so a hidden figure reads as a marked gap, never as zero. `band` is the y field.
 */
export const suppressedBandLayers = (band: string, bandEncoding: Record<string, unknown>, tooltip: unknown[]): ChartBody[] => [
  {
    transform: [onlySuppressed],
    mark: { type: 'rect', fill: SUPPRESSED_STYLE.fill, stroke: SUPPRESSED_STYLE.stroke, strokeDash: [...SUPPRESSED_STYLE.strokeDash], strokeWidth: 1 },
    encoding: { y: { field: band, ...bandEncoding }, x: { value: 0 }, x2: { value: 'width' }, tooltip },
  },
  {
    transform: [onlySuppressed],
    mark: { type: 'text', text: Messages.suppressedMark, fontStyle: 'italic', color: SUPPRESSED_STYLE.text, align: 'center', baseline: 'middle' },
    encoding: { y: { field: band, ...bandEncoding }, x: { value: CHART_WIDTH / 2 }, tooltip },
  },
];

/**
 * A layer marking each suppressed point of a line chart with a grey cross on the x axis: the line breaks there
 * (its value is null) and the cross carries the reason in its tooltip.
 */
export const suppressedPointLayer = (x: Record<string, unknown>, tooltip: unknown[]): ChartBody => ({
  transform: [onlySuppressed],
  mark: { type: 'point', shape: 'cross', size: 70, filled: true, color: SUPPRESSED_STYLE.stroke, opacity: 1 },
  encoding: { x, y: { value: 'height' }, yOffset: { value: -7 }, tooltip },
});
