import type { ReferenceLine } from '../report-context';
import type { GroupKey } from './chart-data';
import type { ChartBody } from './compose-chart';
import { Messages } from '../messages';
import { CHART_WIDTH, GROUP_TYPE_COLOUR, SUPPRESSED_STYLE } from './theme';

/** One point of a per-group-type line: null values (suppressed) break the line and get a cross on the axis. */
export interface LinePoint {
  x: number | string;
  xLabel: string;
  group: string;
  key: GroupKey;
  value: number | null;
  lo: number | null;
  hi: number | null;
  suppressed: boolean;
  valueText: string;
  status: string;
  reason: string | null;
}

/** How the shared line layout labels and scales its axes. */
export interface LineLayout {
  x: Record<string, unknown>;
  yTitle: string;
  yFormat?: string;
  yDomain?: readonly [number, number];
  /** The y domain when every point is suppressed (nothing to scale to); default 0 to 1. */
  emptyDomain?: readonly [number, number];
  xTooltipTitle: string;
  valueTitle: string;
  band: boolean;
  referenceLines?: readonly ReferenceLine[];
  /** Starts the y axis at zero (counts). */
  yZero?: boolean;
  /** One small panel per group type (used when interval bands would overlap). */
  smallMultiples?: boolean;
}

/**
 * The body of a line chart with one coloured line per group type: optional 95% interval band, points with
 * tooltips, gaps where a value is suppressed (marked by a cross in the group's colour on the x axis) and
 * dashed reference lines.
 */
export const lineByGroup = (points: readonly LinePoint[], layout: LineLayout): ChartBody => {
  const groups = [...new Set(points.map((p) => p.group))];
  const keys = [...new Set(points.map((p) => p.key))];
  const quantitativeX = layout.x.type === 'quantitative';
  const multiples = layout.smallMultiples === true && groups.length > 1;
  const values = points.map((p) => ({
    ...p,
    slot: multiples ? -8 : 9 + 11 * groups.indexOf(p.group),
    ...(quantitativeX && typeof p.x === 'number' ? { x0: p.x - 0.3, x1: p.x + 0.3 } : {}),
  }));
  const colour = {
    field: 'group', type: 'nominal', title: null, sort: groups,
    scale: { domain: groups, range: keys.map((k) => GROUP_TYPE_COLOUR[k]) },
    legend: multiples ? null : { orient: 'bottom', columns: Math.min(groups.length, 3) },
  };
  // With every value suppressed there is no extent to scale to: a fixed domain keeps a readable axis (not one tick at a
  // reference line). Small multiples share one domain computed here, as a panel with nothing visible has no extent of its own.
  const visible = points.filter((p) => !p.suppressed && p.value !== null).flatMap((p) => [p.value, ...(layout.band ? [p.lo, p.hi] : [])]).filter((v): v is number => v !== null);
  const shared = (): [number, number] => {
    const all = [...visible, ...(layout.referenceLines ?? []).map((line) => line.value), ...(layout.yZero === true ? [0] : [])];
    const [low, high] = [Math.min(...all), Math.max(...all)];
    // One distinct value (a single visible point) has no extent: widen it so the axis has readable ticks, not one
    // label with six decimals.
    return low === high ? [low - 1, high + 1] : [low, high];
  };
  const domain = layout.yDomain ?? (visible.length === 0 ? layout.emptyDomain ?? [0, 1] : multiples ? shared() : undefined);
  const y = {
    field: 'value', type: 'quantitative', title: layout.yTitle,
    scale: { zero: layout.yZero === true, nice: true, ...(domain === undefined ? {} : { domain: [...domain] }) },
    axis: layout.yFormat === undefined ? {} : { format: layout.yFormat },
  };
  const tooltip = [
    { field: 'group', title: 'Group type' }, { field: 'xLabel', title: layout.xTooltipTitle },
    { field: 'valueText', title: layout.valueTitle }, { field: 'status', title: 'Based on' },
  ];
  const shown = { filter: '!datum.suppressed' };
  const hidden = { filter: 'datum.suppressed' };
  const gapX = quantitativeX ? { x: { field: 'x0', type: 'quantitative' }, x2: { field: 'x1' } } : { x: layout.x };
  const lines = layout.referenceLines ?? [];
  // Suppressed values: in small multiples a pale dashed column marks the gap with a cross in the group's colour;
  // in a shared panel the crosses sit in a gutter between the plot and the x axis, one row per group type.
  const anyHidden = points.some((p) => p.suppressed);
  const x = !multiples && anyHidden
    ? { ...layout.x, axis: { ...((layout.x.axis as Record<string, unknown> | undefined) ?? {}), offset: 6 + 11 * groups.length } }
    : layout.x;
  const layers = (data: readonly object[]): ChartBody[] => [
    ...(multiples ? [{ data: { values: data }, transform: [hidden], mark: { type: 'rect', fill: SUPPRESSED_STYLE.fill, stroke: SUPPRESSED_STYLE.stroke, strokeDash: [...SUPPRESSED_STYLE.strokeDash], strokeWidth: 0.8 }, encoding: { ...gapX, y: { value: 0 }, y2: { value: 'height' }, tooltip } }] : []),
    ...(layout.band && data.some((d) => { const { lo, hi } = d as { lo?: number | null; hi?: number | null }; return typeof lo === 'number' && typeof hi === 'number'; })
      // Unfiltered, so a suppressed session (no interval) breaks the band as it breaks the line.
      ? [{ data: { values: data }, mark: { type: 'area', opacity: multiples ? 0.25 : 0.15, invalid: 'break-paths-show-domains' }, encoding: { x, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' }, color: colour } }]
      : []),
    ...lines.flatMap((line) => [
      { data: { values: [{ ref: line.value, label: line.label }] }, mark: { type: 'rule', color: '#555555', strokeDash: [6, 3] }, encoding: { y: { field: 'ref', type: 'quantitative' } } },
      { data: { values: [{ ref: line.value, label: line.label }] }, mark: { type: 'text', align: 'left', baseline: 'bottom', dx: 2, dy: -3, fontSize: multiples ? 9 : 10, color: '#404040' }, encoding: { y: { field: 'ref', type: 'quantitative' }, x: { value: 0 }, text: { field: 'label' } } },
    ]),
    { data: { values: data }, mark: { type: 'line', strokeWidth: 2, invalid: 'break-paths-show-domains' }, encoding: { x, y, color: colour } },
    { data: { values: data }, transform: [shown], mark: { type: 'point', filled: true, size: 45, opacity: 1 }, encoding: { x, y: { field: 'value', type: 'quantitative' }, color: colour, tooltip } },
    {
      data: { values: data }, transform: [hidden],
      mark: { type: 'point', shape: 'cross', size: 60, filled: true, opacity: 1, stroke: '#333333', strokeWidth: 0.5 },
      encoding: { x, y: { value: 'height' }, yOffset: { field: 'slot', type: 'quantitative', scale: null }, color: colour, tooltip },
    },
    ...(multiples ? [{ data: { values: data }, transform: [hidden], mark: { type: 'text', text: Messages.suppressedMark, angle: 270, fontSize: 9, fontStyle: 'italic', color: SUPPRESSED_STYLE.text, baseline: 'middle', align: 'center' }, encoding: { x, y: { value: 60 } } }] : []),
  ];
  if (!multiples) return { width: CHART_WIDTH, height: 260, layer: layers(values) };
  return {
    columns: 3,
    spacing: 16,
    resolve: { scale: { y: 'shared', x: 'shared', color: 'shared' } },
    concat: groups.map((group) => ({
      width: 200, height: 150,
      title: { text: group, fontSize: 12, anchor: 'start', offset: 4 },
      layer: layers(values.filter((v) => v.group === group)),
    })),
  };
};
