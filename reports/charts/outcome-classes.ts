import type { TopLevelSpec } from 'vega-lite';
import type { FigureRow } from '../../functions/core/figures/figure-row';
import { Metric } from '../../functions/core/figures/metric';
import { clinicalRangeWording } from '../../functions/core/instruments/clinical-range';
import { reliableChangeWording } from '../../functions/core/outcomes/reliable-change';
import { Messages, approximateMark, approximateNote } from '../messages';
import type { InstrumentInfo } from '../report-context';
import type { ChartScope } from './chart-options';
import type { GroupKey } from './chart-data';
import { findRow, formatPercent, groupKeysInScope, groupLabel, rowsInScope, scopeLine, suppressionFootnotes, wrap } from './chart-data';
import type { SuppressedItem } from './chart-data';
import { composeChart, emptyChart } from './compose-chart';
import { suppressedBandLayers, suppressedTooltip } from './suppressed-layers';
import { CHART_WIDTH, OKABE_ITO, SUPPRESSED_STYLE } from './theme';

/** Options of the outcome-classes chart. */
export interface OutcomeClassesOptions extends ChartScope {
  instrument: InstrumentInfo;
}

const CLASSES = [
  { metric: Metric.reliablyImproved, label: 'Reliably improved', colour: OKABE_ITO.blue },
  { metric: Metric.noReliableChange, label: 'No reliable change', colour: '#B3B3B3' },
  { metric: Metric.reliablyDeteriorated, label: 'Reliably deteriorated', colour: OKABE_ITO.vermillion },
] as const;
const RECOVERY = [
  { metric: Metric.recovered, label: 'Recovered', colour: OKABE_ITO.bluishGreen },
  // label set per instrument: the clinical range is below the cut-off for higher-is-better instruments
  { metric: 'not_recovered', label: 'Still in the clinical range', colour: '#DDDDDD' },
] as const;
const REST = 'Suppressed (combined)';

interface Segment {
  bar: string; group: string; key: GroupKey; cls: string; order: number; share: number; count: string; suppressed: boolean; status: string;
  /** The share rests on a perturbed count (its own, or one it is the rest of): shown with ≈. */
  approx?: boolean;
  /** Recovery bar: cases at start without a last score, left out of the base as missing data. */
  missing?: number;
}

/**
 * Splits one bar into visible class shares of its denominator; suppressed classes are merged into one pale
 * "suppressed (combined)" segment (their sum is already implied by the published total, so nothing new is
 * disclosed), and a bar whose denominator is suppressed becomes a marked gap.
 */
const barSegments = (
  bar: string, key: GroupKey, total: FigureRow | undefined,
  parts: readonly { row: FigureRow | undefined; label: string }[], hidden: SuppressedItem[],
): Segment[] | { bar: string; group: string; suppressed: true; status: string; reason: string | null } | null => {
  const group = groupLabel(key);
  if (total === undefined || parts.every((p) => p.row === undefined)) return null;
  if (total.suppressed || total.value === null || total.value === 0) {
    hidden.push({ label: `${bar} — ${group}`, reason: total.suppression_reason });
    return { bar, group, suppressed: true, status: `${Messages.suppressedMark}`, reason: total.suppression_reason };
  }
  const visible = parts.filter((p) => p.row !== undefined && !p.row.suppressed);
  const visibleSum = visible.reduce((sum, p) => sum + (p.row?.value ?? 0), 0);
  const denominator = Math.max(total.value, visibleSum);
  const anyPerturbed = visible.some((p) => p.row?.perturbed === true);
  const segments: Segment[] = visible.map((p, order) => ({
    bar, group, key, cls: p.label, order, share: (p.row?.value ?? 0) / denominator,
    count: `${p.row === undefined ? '' : approximateMark(p.row)}${p.row?.value ?? 0} of ${approximateMark(total)}${total.value}`, suppressed: false,
    status: `n = ${approximateMark(total)}${total.value} · ${total.n_groups} groups${noteOf(p.row, total)}`,
    approx: p.row?.perturbed === true || p.row?.rounded === true,
  }));
  const hiddenParts = parts.filter((p) => p.row?.suppressed === true);
  for (const p of hiddenParts) hidden.push({ label: `${p.label} — ${group}`, reason: p.row?.suppression_reason ?? null });
  if (hiddenParts.length > 0 && denominator > visibleSum) {
    segments.push({ bar, group, key, cls: REST, order: parts.length, share: (denominator - visibleSum) / denominator, count: hiddenParts.map((p) => p.label).join(', '), suppressed: false, status: Messages.suppressedMark, approx: anyPerturbed });
  }
  return segments;
};

type Gap = { bar: string; group: string; suppressed: true; status: string; reason: string | null };

/**
 * The recovery bar of one group type: exactly the published recovery rate, whose base is the paired cases at
 * start (its n). Recovered is the rate, still in the clinical range its complement among the same paired cases;
 * a case at start without a last score is missing data, never "still in the clinical range": it is left out of
 * the bar and named in its tooltip and the chart's footnote. A hidden rate is a marked gap.
 */
export const recoveryBar = (
  key: GroupKey,
  rows: { rate: FigureRow | undefined; recovered: FigureRow | undefined; cases: FigureRow | undefined },
  labels: readonly [string, string],
  hidden: SuppressedItem[],
): Segment[] | Gap | null => {
  const bar = 'Recovery';
  const group = groupLabel(key);
  const { rate, recovered, cases } = rows;
  if (rate === undefined) return null;
  if (rate.suppressed || rate.value === null || rate.n_participants === null || rate.n_participants === 0) {
    hidden.push({ label: `Recovery — ${group}`, reason: rate.suppression_reason });
    return { bar, group, suppressed: true, status: Messages.suppressedMark, reason: rate.suppression_reason };
  }
  const base = rate.n_participants;
  const atStart = cases !== undefined && !cases.suppressed && cases.value !== null ? cases.value : null;
  // Funder counts are rounded on their own: a difference below nothing reads as none.
  const missing = atStart === null ? null : Math.max(0, atStart - base);
  const approx = rate.perturbed === true || recovered?.perturbed === true;
  const mark = approx ? Messages.perturbedMark : '';
  const shownRecovered = recovered !== undefined && !recovered.suppressed && recovered.value !== null ? recovered.value : null;
  const status = [
    `n = ${base} paired${atStart === null ? '' : ` of ${atStart}`} at start · ${rate.n_groups ?? 0} groups`,
    ...(missing !== null && missing > 0 ? [Messages.recoveryMissingStatus(missing)] : []),
    ...(approx ? [Messages.perturbedNote] : []),
  ].join(' · ');
  const share = rate.value;
  const counts = shownRecovered === null ? null : { recovered: shownRecovered, still: Math.max(0, base - shownRecovered) };
  return [
    { bar, group, key, cls: labels[0], order: 0, share, count: counts === null ? '' : `${mark}${counts.recovered} of ${base}`, suppressed: false, status, approx, missing: missing ?? 0 },
    { bar, group, key, cls: labels[1], order: 1, share: 1 - share, count: counts === null ? '' : `${mark}${counts.still} of ${base}`, suppressed: false, status, approx, missing: missing ?? 0 },
  ];
};

/**
 * Outcome classes per group type as 100% stacked bars (reliably improved / no reliable change / reliably
 * deteriorated of paired participants) and, where the instrument has a cut-off, recovery among cases at start.
 */
export const outcomeClassesChart = (rows: readonly FigureRow[], options: OutcomeClassesOptions): TopLevelSpec => {
  const { instrument } = options;
  const scoped = rowsInScope(rows, options, () => true, instrument.id);
  const title = `Reliable change in ${instrument.name} by group type`;
  const clinical = clinicalRangeWording(instrument.cutOff?.caseWhen);
  const recovery = [RECOVERY[0], { ...RECOVERY[1], label: clinical.still }] as const;
  const subtitle = [scopeLine(options), `Share of paired participants (first and last score); recovery: share of the paired ${clinical.range} at start.`];
  if (instrument.reliableChange) subtitle.push(`Reliable change: ${reliableChangeWording(instrument.reliableChange.points, instrument.reliableChange.confidence)}.`);
  const hidden: SuppressedItem[] = [];
  const missingData: string[] = [];
  const segments: Segment[] = [];
  const gaps: Gap[] = [];
  const hasRecovery = scoped.some((r) => r.metric === Metric.casesAtStart);
  for (const key of groupKeysInScope(options)) {
    const paired = findRow(scoped, key, Metric.paired);
    const improved = findRow(scoped, key, Metric.reliablyImproved);
    const deteriorated = findRow(scoped, key, Metric.reliablyDeteriorated);
    // "No reliable change" is not published (paired − improved − deteriorated): drawn from those three when all are shown.
    const noChange: FigureRow | undefined = paired === undefined || improved === undefined || deteriorated === undefined ? undefined : {
      ...improved, metric: Metric.noReliableChange,
      value: paired.value === null || improved.value === null || deteriorated.value === null ? null : Math.max(0, paired.value - improved.value - deteriorated.value),
      suppressed: paired.suppressed || improved.suppressed || deteriorated.suppressed, suppression_reason: null,
      perturbed: improved.perturbed === true || deteriorated.perturbed === true,
      ...(paired.rounded === true || improved.rounded === true ? { rounded: true } : {}),
    };
    const classRows: Record<string, FigureRow | undefined> = { [Metric.reliablyImproved]: improved, [Metric.noReliableChange]: noChange, [Metric.reliablyDeteriorated]: deteriorated };
    const bars: (Segment[] | Gap | null)[] = [barSegments('Reliable change', key, paired, CLASSES.map((c) => ({ row: classRows[c.metric], label: c.label })), hidden)];
    if (hasRecovery) {
      const bar = recoveryBar(key, {
        rate: findRow(scoped, key, Metric.recoveryRate), recovered: findRow(scoped, key, Metric.recovered), cases: findRow(scoped, key, Metric.casesAtStart),
      }, [recovery[0].label, recovery[1].label], hidden);
      bars.push(bar);
      const missing = bar !== null && Array.isArray(bar) ? bar[0]?.missing ?? 0 : 0;
      if (missing > 0) missingData.push(`${groupLabel(key)}: ${missing}`);
    }
    for (const bar of bars) {
      if (bar === null) continue;
      if (Array.isArray(bar)) segments.push(...bar);
      else gaps.push(bar);
    }
  }
  const describe = [...new Set(segments.map((s) => `${s.group} ${s.bar.toLowerCase()}`))].map((name) =>
    `${name}: ${segments.filter((s) => `${s.group} ${s.bar.toLowerCase()}` === name).map((s) => `${s.cls} ${s.approx === true ? Messages.perturbedMark : ''}${formatPercent(s.share)}`).join(', ')}`);
  const missingText = missingData.length > 0 ? ` ${Messages.recoveryMissingData(clinical.range, missingData)}` : '';
  const description = `${title}, ${scopeLine(options)}. ${[...describe, ...gaps.map((g) => `${g.group} ${g.bar.toLowerCase()}: suppressed`)].join('; ')}.${missingText}`;
  if (segments.length === 0 && gaps.length === 0) return emptyChart({ title, subtitle, description });
  const values = [
    ...segments.map((s) => ({ ...s, shareText: s.cls === REST ? Messages.suppressedMark : `${s.approx === true ? Messages.perturbedMark : ''}${formatPercent(s.share)}` })),
    ...gaps.map((g) => ({ ...g, cls: REST, order: 99, share: null, shareText: '', count: '', key: '' })),
  ];
  // Bars in the catalogue's group order (gaps included), never "visible ones first".
  const present = new Set(values.map((v) => v.group));
  const groups = groupKeysInScope(options).map(groupLabel).filter((g) => present.has(g));
  const classes = [...CLASSES, ...(hasRecovery ? recovery : [])];
  const bandEncoding = { type: 'nominal', title: null, sort: groups, scale: { domain: groups, paddingInner: 0.2 }, axis: { labelLimit: 200 } };
  const tooltip = [{ field: 'group', title: 'Group type' }, { field: 'cls', title: 'Outcome' }, { field: 'shareText', title: 'Share' }, { field: 'count', title: 'Count' }, { field: 'status', title: 'Based on' }];
  const isRest = `datum.cls === '${REST}'`;
  const single = {
    width: CHART_WIDTH,
    height: { step: 30 },
    layer: [
      {
        transform: [{ filter: '!datum.suppressed' }],
        mark: { type: 'bar', strokeWidth: 1 },
        encoding: {
          stroke: { condition: { test: isRest, value: SUPPRESSED_STYLE.stroke }, value: 'white' },
          strokeDash: { condition: { test: isRest, value: [...SUPPRESSED_STYLE.strokeDash] }, value: [] },
          y: { field: 'group', ...bandEncoding },
          x: { field: 'share', type: 'quantitative', stack: 'normalize', title: 'Share of participants (%)', scale: { domain: [0, 1] }, axis: { format: '.0%' } },
          color: {
            field: 'cls', type: 'nominal', title: null,
            scale: { domain: [...classes.map((c) => c.label), REST], range: [...classes.map((c) => c.colour), SUPPRESSED_STYLE.fill] },
            legend: { orient: 'top', columns: 3, symbolType: 'square', symbolStrokeColor: SUPPRESSED_STYLE.stroke },
          },
          order: { field: 'order', type: 'quantitative' },
          tooltip,
        },
      },
      ...[false, true].map((rest) => ({
        // Labels sit at the middle of their segment: stacked over every segment of the bar first, then filtered.
        transform: [
          { filter: '!datum.suppressed' },
          { stack: 'share', groupby: ['group'], sort: [{ field: 'order' }], offset: 'normalize', as: ['s0', 's1'] },
          { filter: `datum.share >= 0.08 && ${rest ? '' : '!'}(${isRest})` },
          { calculate: '(datum.s0 + datum.s1) / 2', as: 'mid' },
        ],
        // the "suppressed" label of a merged segment is italic and plain like every other suppressed mark
        mark: rest ? { type: 'text', fontSize: 10, fontStyle: 'italic', color: SUPPRESSED_STYLE.text } : { type: 'text', fontSize: 10, fontWeight: 'bold' },
        encoding: {
          y: { field: 'group', ...bandEncoding },
          x: { field: 'mid', type: 'quantitative' },
          text: { field: 'shareText' },
          ...(rest ? {} : { color: { condition: { test: `datum.cls === '${recovery[1].label}' || datum.cls === '${CLASSES[1].label}'`, value: '#222222' }, value: 'white' } }),
        },
      })),
      ...suppressedBandLayers('group', bandEncoding, suppressedTooltip('group', 'Group type')),
    ],
  };
  const panel = (bar: string, heading: string): Record<string, unknown> => ({
    ...single,
    title: { text: heading, fontSize: 12, anchor: 'start', offset: 6 },
    data: { values: values.filter((v) => v.bar === bar) },
  });
  // Only panels with marks: an instrument with a cut-off but no reliable-change threshold draws no empty panel.
  const panels = [
    { bar: 'Reliable change', heading: 'Reliable change (of paired participants)' },
    { bar: 'Recovery', heading: `Recovery (of paired participants ${clinical.range} at start)` },
  ].filter((p) => values.some((v) => v.bar === p.bar));
  const body = panels.length > 1
    ? { vconcat: panels.map((p) => panel(p.bar, p.heading)), spacing: 18 }
    : { data: { values }, ...single };
  const footnotes = [...suppressionFootnotes(hidden), ...(missingData.length > 0 ? wrap(Messages.recoveryMissingData(clinical.range, missingData), 95) : [])];
  return composeChart({ title, subtitle, description, footnotes }, body);
};

// What a segment's ≈ means: its own count's note, else its total's (a rounded cell).
const noteOf = (row: FigureRow | undefined, total: FigureRow): string => {
  const note = (row === undefined ? undefined : approximateNote(row)) ?? approximateNote(total);
  return note === undefined ? '' : ` · ${note}`;
};
