import { listInstruments } from '../instruments/registry';
import { NHS_TT } from '../outcomes/nhs-talking-therapies';
import { ALL, type FigureRow } from './figure-row';
import { Metric, SessionMetric, metricInfo, parseSessionMetric } from './metric';

/** The figures that count people by a reliable-change threshold: each carries the threshold's confidence. */
export const RELIABLE_CHANGE_METRICS: ReadonlySet<string> = new Set([
  Metric.reliablyImproved, Metric.noReliableChange, Metric.reliablyDeteriorated, Metric.reliablyRecovered,
]);

// The NHS Talking Therapies set uses PHQ-9 and GAD-7's 95 % thresholds (6 and 4 points).
const RC_CONFIDENCE: ReadonlyMap<string, number> = new Map([
  ...listInstruments({ includeDisabled: true }).map((def): [string, number] => [def.id, def.reliableChange.confidence]),
  [NHS_TT.set, 0.95],
]);

/**
 * The confidence level of the reliable-change threshold behind a figure, from the instrument file (CORE-10: 0.9,
 * every other instrument 0.95); undefined for a figure that rests on no threshold.
 */
export const reliableChangeConfidenceOf = (instrument: string, metric: string): number | undefined =>
  (RELIABLE_CHANGE_METRICS.has(metric) ? RC_CONFIDENCE.get(instrument) : undefined);

const withConfidence = (row: FigureRow): FigureRow => {
  const confidence = reliableChangeConfidenceOf(row.instrument, row.metric);
  return confidence === undefined ? row : { ...row, rc_confidence: confidence };
};

/** Decimals of published statistics. */
export interface DisplayPrecision {
  /** Rates and their intervals (3: 0.1 %). */
  rateDecimals: number;
  /** Effect sizes and their intervals. */
  effectDecimals: number;
  /** Score statistics (means and their intervals) per instrument: 1 for sum scores, 2 for a 1–5 mean score. */
  scoreDecimals: (instrument: string) => number;
  /** Drop the intervals of score means other than the mean change (funders: an interval's width gives n back). */
  meanChangeIntervalOnly: boolean;
}

/** Score decimals from an instrument's score range: 1 where the range spans 10 points or more, else 2. */
export const scoreDecimalsFor = (range: { min: number; max: number } | undefined): number =>
  range !== undefined && range.max - range.min < 10 ? 2 : 1;

export const DEFAULT_RATE_DECIMALS = 3;

const round = (value: number | null, decimals: number): number | null => {
  if (value === null) return null;
  const factor = 10 ** decimals;
  const rounded = Math.round(value * factor) / factor;
  return Object.is(rounded, -0) ? 0 : rounded;
};

/**
 * The published form of controlled rows: a hidden row carries nothing but its key and the one `suppressed`
 * marker (no value, interval, n, group count or reason: why a figure is hidden is said in general, never per
 * row); every statistic is rounded to display precision (rates 0.1 %, scores 0.1 or 0.01, effect sizes 0.01),
 * so no full-precision mean or interval can give back a count. A reliable-change count carries the confidence of its
 * threshold (`rc_confidence`), hidden or not: it is a property of the metric, not of the data.
 */
export const presentFigures = (rows: readonly FigureRow[], precision: DisplayPrecision): FigureRow[] =>
  rows.map(withConfidence).map((row): FigureRow => {
    if (row.suppressed) {
      return { ...row, value: null, ci_low: null, ci_high: null, n_participants: null, n_groups: null, suppression_reason: null };
    }
    const info = metricInfo(row.metric);
    const family = parseSessionMetric(row.metric)?.family ?? row.metric;
    const decimals = info?.kind === 'rate' ? precision.rateDecimals
      : family === Metric.hedgesG || family === Metric.dZ || family === Metric.allianceOutcomeR ? precision.effectDecimals
        : info?.kind === 'mean' ? precision.scoreDecimals(row.instrument) : null;
    // A rounded cell's n is not published exactly: its means lose their intervals as funders' do.
    const dropInterval = (precision.meanChangeIntervalOnly || row.rounded === true) && info?.kind === 'mean' &&
      (family === Metric.meanBaseline || family === Metric.meanFinal || family === SessionMetric.meanScore);
    const shaped = decimals === null ? row : {
      ...row, value: round(row.value, decimals), ci_low: dropInterval ? null : round(row.ci_low, decimals), ci_high: dropInterval ? null : round(row.ci_high, decimals),
    };
    return { ...shaped, suppression_reason: null };
  });

/** Rows a reader may hold: programme margins only for readers who hold every programme. */
export const rowsForScope = (rows: readonly FigureRow[], programmes: readonly string[], allProgrammes: readonly string[]): FigureRow[] => {
  const whole = allProgrammes.every((id) => programmes.includes(id));
  return rows.filter((r) => (r.programme_id === ALL ? whole : programmes.includes(r.programme_id)));
};
