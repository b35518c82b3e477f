import { FIGURE_COLUMNS, figureField } from '../../functions/core/figures/figure-row';
import type { FigureRow, Period } from '../../functions/core/figures/figure-row';
import type { InstrumentInfo, ProgrammeTargets } from '../report-context';

/** What a dashboard page carries inline for its script: compact rows plus the labels the charts need. */
export interface DashboardData {
  programmeId: string;
  scopeLabel: string;
  periods: Period[];
  defaultPeriod: Period;
  instruments: InstrumentInfo[];
  k: number;
  /** Periods that had not ended by the time of the figures: marked, their figures will change. */
  openPeriods: Period[];
  /** The day the figures are as of (`YYYY-MM-DD`). */
  asOf: string;
  /** The programme's headline targets (none on the organisation page). */
  targets?: ProgrammeTargets;
  /** Rows as arrays in `FIGURE_COLUMNS` order (half the size of objects). */
  rows: (string | number | boolean | null)[][];
}

/** Packs figure rows as arrays in `FIGURE_COLUMNS` order. */
export const packRows = (rows: readonly FigureRow[]): (string | number | boolean | null)[][] =>
  rows.map((row) => FIGURE_COLUMNS.map((column) => figureField(row, column)));

/** Unpacks rows packed by `packRows`. */
export const unpackRows = (packed: readonly (readonly (string | number | boolean | null)[])[]): FigureRow[] =>
  packed.map((values) => Object.fromEntries(FIGURE_COLUMNS.map((column, i) => [column, values[i] ?? null])) as unknown as FigureRow);
