import { metricInfo } from './metric';
import type { GroupType } from '../group-type';

/** Margin marker: a figure over all programmes or all group types. */
export const ALL = '*' as const;

/** The instrument field of a figure that is about participation, not a questionnaire. */
export const NO_INSTRUMENT = '' as const;

/**
 * A reporting period: a calendar month `2026-09` or quarter `2026-Q3`.
 * A group belongs to the period that contains its end date (see DESIGN notes in README).
 */
export type Period = string;

/**
 * One published figure: the row of `figures.csv` / `figures.json` and of the figures table.
 * When `suppressed` is true, `value`, `ci_low`, `ci_high`, `n_participants` and `n_groups` are null.
 */
export interface FigureRow {
  period: Period;
  /** A programme id, or `*` for the all-programmes margin. */
  programme_id: string;
  /** A group type, or `*` for the all-types margin. */
  group_type: GroupType | typeof ALL;
  /** An instrument id, or `''` for participation metrics. */
  instrument: string;
  /** One of `Metric` (session-indexed metrics carry the session number, see `sessionMetric`). */
  metric: string;
  value: number | null;
  ci_low: number | null;
  ci_high: number | null;
  /** Participants the figure is based on (the disclosure-control denominator). */
  n_participants: number | null;
  /** Groups the figure is based on: reported beside every figure because participants are clustered. */
  n_groups: number | null;
  suppressed: boolean;
  /**
   * Machine-readable reason while disclosure control works (`primary:n<8`, `secondary:…`); always null in what
   * is published, where a hidden row carries nothing but `suppressed` (see `presentFigures`).
   */
  suppression_reason: string | null;
  /**
   * True when the value is perturbed (a small headline count in a well-populated cell, see
   * `core/disclosure/perturbation.ts`): the true count lies in 1..12 and the value is not it; absent otherwise.
   */
  perturbed?: boolean;
  /**
   * The confidence level (0.9 or 0.95) of the reliable-change threshold a reliable-change count rests on
   * (reliably improved, no reliable change, reliably deteriorated, reliably recovered), from the instrument file, so a
   * CORE-10 count (Barkham's 6 points, 90 %) is never read as comparable with a 95 % one; absent on other figures.
   */
  rc_confidence?: number;
  /**
   * True when the figure's counts and n are published rounded to the nearest 5 (its rates recomputed from the
   * rounded counts) in a release of otherwise exact counts: a well-populated cell rounded, instead of hidden, so
   * that a small count elsewhere in the table cannot be worked out. Absent otherwise.
   */
  rounded?: boolean;
}

/** Column order of `figures.csv`. */
export const FIGURE_COLUMNS = [
  'period', 'programme_id', 'group_type', 'instrument', 'metric', 'value',
  'ci_low', 'ci_high', 'n_participants', 'n_groups', 'suppressed', 'perturbed', 'rounded', 'rc_confidence',
] as const satisfies readonly (keyof FigureRow)[];

/**
 * One column of a row as a flat file or packed row holds it: `perturbed` and `rounded` are always booleans there,
 * never absent; `rc_confidence` is empty (null) on figures that rest on no reliable-change threshold.
 */
export const figureField = (row: FigureRow, column: (typeof FIGURE_COLUMNS)[number]): string | number | boolean | null => {
  if (column === 'perturbed') return row.perturbed === true;
  if (column === 'rounded') return row.rounded === true;
  if (column === 'rc_confidence') return row.rc_confidence ?? null;
  return row[column];
};

/**
 * The (period, programme, group type) cells with no participants at all, from rows before control: "no groups this
 * period" is published as such, so none of their figures is ever hidden as a complement (a zero discloses nobody).
 */
export const emptyCellsOf = (rows: readonly FigureRow[]): Set<string> =>
  new Set(rows.filter((r) => r.metric === 'participants' && r.instrument === NO_INSTRUMENT && r.value === 0 && !r.suppressed).map(emptyCellKey));

/** The key `emptyCellsOf` uses: period, programme and group type. */
export const emptyCellKey = (row: Pick<FigureRow, 'period' | 'programme_id' | 'group_type'>): string => `${row.period}\u001f${row.programme_id}\u001f${row.group_type}`;

/**
 * True when a published value is deliberately not exact: perturbed, or a count or rate of a rounded cell (a mean,
 * effect size or other score statistic of a rounded cell is exact; only its n is rounded). Shown with ≈.
 */
export const isApproximate = (row: Pick<FigureRow, 'perturbed' | 'rounded' | 'metric'>): boolean =>
  row.perturbed === true || (row.rounded === true && metricInfo(row.metric)?.kind !== 'mean');
