import { ALL, NO_INSTRUMENT, type FigureRow } from '../functions/core/figures/figure-row';
import { DEFAULT_K } from '../functions/core/disclosure';
import { Metric, metricInfo } from '../functions/core/figures/metric';
import { rowsForScope } from '../functions/core/figures/present-figures';

import { OUTCOME_HEADLINES, PARTICIPATION_HEADLINES } from '../functions/core/figures/headline';

/** Cells with at least this many paired people must publish every headline figure. */
export const WELL_PAIRED = 20;

// Counts 1..k-1 are hidden by the primary rule (k = 8), however many people their cell holds.
const SMALL_COUNT = DEFAULT_K;

/** One headline figure the truth has: its key and how many people its cell pairs. */
export interface Headline {
  key: string;
  period: string;
  programme: string;
  /** People paired on the figure's instrument; for participation figures, the most paired on any instrument. */
  paired: number;
  /** The true (unsuppressed) value. */
  value: number;
  /** A count of 1..k-1 people, or a rate resting on one: hidden by the primary rule whatever the cell's size. */
  small: boolean;
}

const keyOf = (r: Pick<FigureRow, 'period' | 'programme_id' | 'group_type' | 'instrument' | 'metric'>): string =>
  `${r.period}|${r.programme_id}|${r.group_type}|${r.instrument === NO_INSTRUMENT ? '-' : r.instrument}|${r.metric}`;
const cellOf = (r: Pick<FigureRow, 'period' | 'programme_id' | 'group_type'>): string => `${r.period}|${r.programme_id}|${r.group_type}`;

/**
 * The headline set of the unsuppressed rows: per quarter × programme (and `*`) × group type (and `*`) with
 * participants > 0, the participation headlines and, per instrument with a paired count > 0, the outcome
 * headlines — each only where the truth has a value (a true zero or an undefined rate is no headline).
 */
export const headlines = (raw: readonly FigureRow[]): Headline[] => {
  const quarterRows = raw.filter((r) => /^\d{4}-Q[1-4]$/.test(r.period));
  const byKey = new Map(quarterRows.map((r) => [keyOf(r), r]));
  const paired = new Map<string, Map<string, number>>();
  for (const r of quarterRows) {
    if (r.metric !== Metric.paired || (r.value ?? 0) <= 0) continue;
    const cell = paired.get(cellOf(r)) ?? new Map<string, number>();
    cell.set(r.instrument, r.value ?? 0);
    paired.set(cellOf(r), cell);
  }
  const out: Headline[] = [];
  const add = (cell: FigureRow, instrument: string, metric: string, people: number) => {
    const key = keyOf({ ...cell, instrument, metric });
    const truth = byKey.get(key);
    if (truth === undefined || truth.value === null) return;
    // A count of 1..k-1 people, or a rate whose numerator (or its complement: completers vs drop-outs) is one.
    const kind = metricInfo(metric)?.kind;
    const amount = kind === 'count' ? truth.value : kind === 'rate' ? Math.round(truth.value * (truth.n_participants ?? 0)) : null;
    const rest = kind === 'rate' && amount !== null ? (truth.n_participants ?? 0) - amount : null;
    const isSmall = (x: number | null): boolean => x !== null && x >= 1 && x < SMALL_COUNT;
    const small = isSmall(amount) || (metric === Metric.completionRate && isSmall(rest));
    out.push({ key, period: cell.period, programme: cell.programme_id, paired: people, value: truth.value, small });
  };
  for (const cell of quarterRows) {
    if (cell.metric !== Metric.participants || cell.instrument !== NO_INSTRUMENT || (cell.value ?? 0) <= 0) continue;
    const instruments = paired.get(cellOf(cell)) ?? new Map<string, number>();
    const most = Math.max(0, ...instruments.values());
    for (const metric of PARTICIPATION_HEADLINES) add(cell, NO_INSTRUMENT, metric, most);
    for (const [instrument, people] of [...instruments].sort(([a], [b]) => (a < b ? -1 : 1))) {
      for (const metric of OUTCOME_HEADLINES) add(cell, instrument, metric, people);
    }
  }
  return out;
};

/** Who reads a release: the programmes they hold (the `*` margin only with all of them). */
export interface Reader {
  name: string;
  programmes: readonly string[];
}

/** What one reader gets of the headline set from one model's releases. */
export interface ReaderUtility {
  headlines: number;
  published: number;
  rows: number;
  hiddenRows: number;
  wellPaired: number;
  wellPairedPublished: number;
  /** Of the well-paired headline figures hidden, counts of 1..k-1 people (the primary rule hides them). */
  hiddenWellPairedSmall: number;
  /** Of the published headline figures, those published perturbed. */
  perturbed: number;
  /** Of the published headline figures, those of cells published rounded (not perturbed). */
  rounded: number;
  /** Headline figures of well-paired cells that stay hidden. */
  hiddenWellPaired: Headline[];
}

/**
 * Scores what one reader receives: the reader's headline figures (in the periods they are owed and the
 * programmes they hold) published with a value, and the share of all the reader's rows that is hidden. A period
 * owed but withheld counts as published nothing.
 */
export const readerUtility = (
  truth: readonly Headline[], release: readonly FigureRow[], owed: readonly string[], reader: Reader, allProgrammes: readonly string[],
): ReaderUtility => {
  const rows = rowsForScope(release, reader.programmes, allProgrammes);
  const shown = new Set(rows.filter((r) => !r.suppressed && r.value !== null).map(keyOf));
  const perturbed = new Set(rows.filter((r) => r.perturbed === true).map(keyOf));
  const rounded = new Set(rows.filter((r) => r.rounded === true && r.perturbed !== true && !r.suppressed).map(keyOf));
  const periods = new Set(owed);
  const whole = allProgrammes.every((id) => reader.programmes.includes(id));
  const mine = truth.filter((h) => periods.has(h.period) && (h.programme === ALL ? whole : reader.programmes.includes(h.programme)));
  const well = mine.filter((h) => h.paired >= WELL_PAIRED);
  return {
    headlines: mine.length,
    published: mine.filter((h) => shown.has(h.key)).length,
    perturbed: mine.filter((h) => perturbed.has(h.key)).length,
    rounded: mine.filter((h) => rounded.has(h.key)).length,
    rows: rows.length,
    hiddenRows: rows.filter((r) => r.suppressed).length,
    wellPaired: well.length,
    wellPairedPublished: well.filter((h) => shown.has(h.key)).length,
    hiddenWellPairedSmall: well.filter((h) => !shown.has(h.key) && h.small).length,
    hiddenWellPaired: well.filter((h) => !shown.has(h.key)),
  };
};
