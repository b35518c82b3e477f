import { GROUP_TYPES, GROUP_TYPE_LABEL } from '../../functions/core/group-type';
import type { GroupType } from '../../functions/core/group-type';
import { ALL } from '../../functions/core/figures/figure-row';
import type { FigureRow } from '../../functions/core/figures/figure-row';
import { Messages, approximateNote, suppressionReasonText } from '../messages';
import { periodLabel } from '../period-label';
import type { ChartScope } from './chart-options';

/** A group type or the all-types margin, as found in the `group_type` column. */
export type GroupKey = GroupType | typeof ALL;

/** Display label of a group type or of the all-types margin. */
export const groupLabel = (key: GroupKey): string => (key === ALL ? Messages.allGroupTypes : GROUP_TYPE_LABEL[key]);

/** The group types a chart shows, in display order, with the margin last when it is included. */
export const groupKeysInScope = (scope: ChartScope): GroupKey[] => {
  const types = scope.groupTypes ?? GROUP_TYPES;
  const withMargin = scope.includeAllTypes ?? types.length > 1;
  return withMargin ? [...types, ALL] : [...types];
};

/** Finds the rows of one period and programme whose metric passes `metric` (and instrument, when given). */
export const rowsInScope = (
  rows: readonly FigureRow[],
  scope: ChartScope,
  metric: (metric: string) => boolean,
  instrument?: string,
): FigureRow[] =>
  rows.filter(
    (row) =>
      row.period === scope.period &&
      row.programme_id === scope.programmeId &&
      (instrument === undefined || row.instrument === instrument) &&
      metric(row.metric),
  );

/** Looks up the one row of a group type and metric among rows already in scope. */
export const findRow = (rows: readonly FigureRow[], group: GroupKey, metric: string): FigureRow | undefined =>
  rows.find((row) => row.group_type === group && row.metric === metric);

/** Formats a number for a label or tooltip with a fixed number of decimals, `–` for null. */
export const formatNumber = (value: number | null, decimals: number): string =>
  value === null ? '–' : value.toFixed(decimals).replace(/^-/, '−');

/** Formats a 0..1 rate as a percentage. */
export const formatPercent = (value: number | null): string => (value === null ? '–' : `${(value * 100).toFixed(0)}%`);

/** "n = 40 · 5 groups", or the suppression status. */
export const sizeText = (row: FigureRow): string =>
  row.suppressed
    ? `${Messages.suppressedMark}: ${suppressionReasonText(row.suppression_reason)}`
    : `n = ${row.n_participants ?? '–'} · ${row.n_groups} ${row.n_groups === 1 ? 'group' : 'groups'}${approximateNote(row) === undefined ? '' : ` · ${approximateNote(row)}`}`;

/** A suppressed figure as the footnote lists it: what it is, and why it is hidden. */
export interface SuppressedItem {
  label: string;
  reason: string | null;
}

/** Splits a footnote sentence into lines of at most `width` characters, at spaces. */
export const wrap = (text: string, width: number): string[] => {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + word.length + 1 > width) {
      lines.push(line);
      line = `\u00a0\u00a0\u00a0${word}`;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
};

/** Footnote lines for the suppressed figures of a chart, one paragraph per reason, wrapped to `width` characters. */
export const suppressionFootnotes = (items: readonly SuppressedItem[], width = 95): string[] => {
  if (items.length === 0) return [];
  const byReason = new Map<string, string[]>();
  for (const item of items) {
    const text = suppressionReasonText(item.reason);
    const labels = byReason.get(text) ?? [];
    if (!labels.includes(item.label)) labels.push(item.label);
    byReason.set(text, labels);
  }
  const lines = [`${Messages.suppressedFootnoteLead}:`];
  for (const [reason, labels] of byReason) {
    const shown = labels.length > 8 ? [...labels.slice(0, 8), `and ${labels.length - 8} more`] : labels;
    lines.push(...wrap(`• ${reason}: ${shown.join('; ')}.`, width));
  }
  return lines;
};

/** First subtitle line of every chart: whose figures and which period. */
export const scopeLine = (scope: ChartScope): string =>
  `${scope.scopeLabel ?? (scope.programmeId === ALL ? Messages.allProgrammes : scope.programmeId)} · ${periodLabel(scope.period)}`;
