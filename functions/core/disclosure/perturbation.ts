import { createHmac } from 'node:crypto';
import { cellKey, figureKey } from './figure-key';
import type { FigureRow } from '../figures/figure-row';
import { Metric } from '../figures/metric';

/**
 * Perturbation of small headline counts in well-populated cells: a cell-key method (ONS Census 2021, ABS
 * TableBuilder) shaped for the interval audit.
 *
 * A headline count of 1..`band` people (reliably improved or deteriorated, recovered, dropped out) in a cell of at
 * least `minBase` people is published as a perturbed value p instead of being hidden: p = x for half the cells, any
 * value in 1..`band` for the others, chosen by a keyed hash of the cell and its count (the same cell and count
 * always give the same p, so comparing releases or nights of unchanged data yields nothing). Every p can come from every x in 1..`band`, so a reader
 * learns only x ∈ [1, band] — an interval that is not one value, not inside 1..k−1 (band ≥ k) and at least the
 * protection width wide. The audit models a perturbed figure exactly so (`buildIntervalModel`), and a perturbed
 * figure still gets complements where margins or siblings would narrow that interval. A true zero stays 0 (a
 * perturbed figure never means zero); counts above `band` are exact.
 */
export interface PerturbationRule {
  /** Secret of the deployment: without it the perturbation cannot be undone. */
  key: Buffer;
  /** Largest count perturbed (`perturbationBand` of the protection rule): at least k, so [1, band] is not inside 1..k−1. */
  band: number;
  /** Smallest base (paired people; a rate's n) of a cell whose small counts are perturbed rather than hidden. */
  minBase: number;
  /** Rounding base of the release's counts: a perturbed rate's n is published rounded and its value p / that n. */
  rounding: number;
  /**
   * Threshold of the release (default 8). In a release of exact counts a rate whose n is k..band (and at least the
   * protection width + 1) is perturbed over 1..n: its n is published, so a reader knows x ∈ [1, n] — not inside
   * 1..k−1, at least the protection width wide.
   */
  k?: number;
}

/** The smallest base whose small counts are perturbed: 20 people (a count of 1..band is then a minority). */
export const DEFAULT_PERTURBATION_BASE = 20;

/** The band of perturbed counts: k − 1 + the protection width (k 8, width 5: 1..12). */
export const perturbationBand = (k: number, protectionWidth: number): number => k - 1 + protectionWidth;

/** Count metrics whose value is perturbed (the cell's paired people are the base). */
const PERTURBED_COUNTS: ReadonlySet<string> = new Set([Metric.reliablyImproved, Metric.reliablyDeteriorated]);

/** Rate metrics whose numerator is perturbed (their n is the base). */
const PERTURBED_RATES: ReadonlySet<string> = new Set([Metric.recoveryRate, Metric.dropoutRate]);

/** One perturbed figure: its key, the published value and (for a count) its n. */
export interface Perturbed {
  value: number;
  n: number;
  /** Its cell is published rounded (`DisclosureContext.roundedCells`): n rounded as the cell's other figures. */
  rounded?: boolean;
}

// The perturbed count of a true x in 1..band: x for half the cells, else uniform over 1..band (full support). The
// hash covers the count too: when a count changes (late data, a correction), whether its cell keeps the true value
// is drawn again, so watching a value follow the data across nights does not single out the exact ones.
const perturbCount = (x: number, band: number, identity: string, key: Buffer): number => {
  const digest = createHmac('sha256', key).update(`perturbation\u001f${identity}\u001f${x}`).digest();
  const keep = (digest[0] ?? 0) < 128;
  if (keep) return x;
  return 1 + (digest.readUInt32BE(1) % band);
};

// p / n as a rate: float noise such as 0.30000000000000004 trimmed (display precision rounds it further).
const roundRate = (value: number): number => Math.round(value * 1e12) / 1e12;

/**
 * The figures of `rows` (true values, before control) that are published perturbed, by figure key. A completion
 * rate is perturbed with its cell's drop-out rate (completion = 1 − drop-outs / n), so neither gives the other away.
 */
export const perturbations = (
  rows: readonly FigureRow[], rule: PerturbationRule, rounded: { cells: ReadonlySet<string>; base: number } = { cells: new Set(), base: 1 },
): Map<string, Perturbed> => {
  const out = new Map<string, Perturbed>();
  const paired = new Map<string, number>();
  // The people of each cell: an instrument's paired people, a participation cell's participants.
  for (const row of rows) {
    if (row.value === null) continue;
    if (row.metric === Metric.paired || (row.metric === Metric.participants && row.instrument === '')) paired.set(cellKey(row), row.value);
  }
  const byKey = new Map(rows.map((row) => [figureKey(row), row]));
  for (const row of rows) {
    if (row.value === null || row.n_participants === null) continue;
    const identity = figureKey(row);
    if (PERTURBED_COUNTS.has(row.metric)) {
      const base = paired.get(cellKey(row)) ?? 0;
      if (base < rule.minBase || row.value < 1 || row.value > rule.band) continue;
      const p = perturbCount(row.value, rule.band, identity, rule.key);
      out.set(identity, { value: p, n: p, ...(rounded.cells.has(cellKey(row)) ? { rounded: true } : {}) });
    } else if (PERTURBED_RATES.has(row.metric)) {
      const n = row.n_participants;
      const x = Math.round(row.value * n);
      // A rate's n (cases above the cut-off at start; starters who finished) is part of its cell's people: the cell
      // is the base, provided n exceeds the band so that every p in 1..band is a rate of n.
      // A rate of a small n in an exact release (n published exactly, k ≤ n ≤ band) is perturbed over 1..n.
      const isRounded = rounded.cells.has(cellKey(row));
      const rounding = Math.max(rule.rounding, isRounded ? rounded.base : 1);
      // [1, n] must not lie inside 1..k−1 (n ≥ k) and must be the protection width wide (band − k + 1 ≤ n − 1).
      const k = rule.k ?? 8;
      const reach = rounding === 1 && n >= Math.max(k, rule.band - k + 2) ? Math.min(rule.band, n) : rule.band;
      const base = Math.max(n, n > rule.band || reach < rule.band ? paired.get(cellKey(row)) ?? 0 : 0);
      if (base < rule.minBase || x < 1 || x > reach) continue;
      const p = perturbCount(x, reach, identity, rule.key);
      // Funders (and rounded cells) get n rounded (never below k) and the rate of p over that n: the value then
      // says nothing of the true n (never at or below the band, so p / n stays a rate whatever `minBase` is).
      const shown = rounding > 1 ? Math.max(rule.band + 1, Math.round(n / rounding) * rounding) : n;
      const mark = isRounded ? { rounded: true } : {};
      out.set(identity, { value: roundRate(p / shown), n: shown, ...mark });
      if (row.metric === Metric.dropoutRate) {
        const completion = byKey.get(figureKey({ ...row, metric: Metric.completionRate }));
        if (completion !== undefined && completion.n_participants === n) out.set(figureKey(completion), { value: roundRate((shown - p) / shown), n: shown, ...mark });
      }
    }
  }
  return out;
};

/** A perturbed figure as published: visible, marked, its value perturbed, no interval (none would be honest). */
export const perturbedRow = (row: FigureRow, perturbed: Perturbed): FigureRow => ({
  ...row, value: perturbed.value, n_participants: perturbed.n, ci_low: null, ci_high: null, suppressed: false, suppression_reason: null, perturbed: true,
  ...(perturbed.rounded === true ? { rounded: true } : {}),
});
