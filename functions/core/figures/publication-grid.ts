import { GROUP_TYPES } from '../group-type';
import { monthsOfQuarter, quarterOfMonth } from '../disclosure/period-relation';
import { ALL, NO_INSTRUMENT, type FigureRow } from './figure-row';
import { Metric, metricInfo, parseSessionMetric } from './metric';

/**
 * Metrics that are published. Left out, because they add overlapping counts of the same few people without
 * adding a headline: `no_reliable_change` (paired − improved − deteriorated), `reliably_recovered`, medians,
 * `d_z` (its interval gives its n back), counts of completers and drop-outs (the rates carry them) and the
 * clinical-risk count (clinics only, never managers or funders).
 */
export const UNPUBLISHED_METRICS: ReadonlySet<string> = new Set([
  Metric.noReliableChange, Metric.reliablyRecovered, Metric.medianBaseline, Metric.medianFinal, Metric.dZ,
  Metric.completed, Metric.droppedOut, Metric.riskFlagged,
]);

const isPublished = (metric: string): boolean => !UNPUBLISHED_METRICS.has(metric);

const isQuarter = (period: string): boolean => /^\d{4}-Q[1-4]$/.test(period);

/**
 * Sessions whose figures (retention, mean score) are published: every third session. Session by session, a
 * few groups' people split over a dozen overlapping counts per cell, most of which disclosure control must hide;
 * four points still draw the course of a programme.
 */
export const SESSION_MILESTONES: readonly number[] = [3, 6, 9, 12];

const isMilestone = (metric: string): boolean => {
  const session = parseSessionMetric(metric);
  return session === null || SESSION_MILESTONES.includes(session.session);
};

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Every month and quarter from the first to the last quarter the rows touch. */
const periodRange = (rows: readonly FigureRow[]): string[] => {
  const quarters = [...new Set(rows.map((r) => quarterOfMonth(r.period) ?? r.period))].sort(compare);
  const first = quarters[0];
  const last = quarters[quarters.length - 1];
  if (first === undefined || last === undefined) return [];
  const periods: string[] = [];
  let [year, q] = first.split('-Q').map(Number) as [number, number];
  for (;;) {
    const quarter = `${year}-Q${q}`;
    periods.push(quarter);
    if (quarter === last) break;
    q += 1;
    if (q > 4) { q = 1; year += 1; }
  }
  return periods;
};

/** Whether a figure of this period and metric is in the published grid (quarters, published metrics, milestone sessions). */
export const inPublicationGrid = (period: string, metric: string): boolean => isQuarter(period) && isPublished(metric) && isMilestone(metric);

/**
 * The fixed grid of published rows: for every period of the range (whole quarters and their months), programme
 * (and the all-programmes margin), group type (and the all-types margin), the participation metrics and, per
 * instrument the programme's groups use, the instrument's metrics and (quarters only) its sessions. The grid depends on the
 * programmes' configuration, never on how many people a cell holds. A row the roll-up did not make is a true
 * zero (a count: 0; a rate or mean: no value, n 0) — except an effect size, which rests on the cell's paired
 * people and is null when fewer than two have changed scores.
 */
export const publicationGrid = (rows: readonly FigureRow[]): FigureRow[] => {
  const published = rows.filter((r) => isPublished(r.metric) && isQuarter(r.period));
  const byKey = new Map(published.map((r) => [`${r.period}|${r.programme_id}|${r.group_type}|${r.instrument}|${r.metric}`, r]));
  const periods = periodRange(published);
  const programmes = [...new Set(published.map((r) => r.programme_id))].sort(compare);
  // Per programme: instruments and, per instrument, its metrics (session metrics up to the highest session).
  const metricsOf = new Map<string, Map<string, Set<string>>>();
  for (const row of published) {
    for (const programme of row.programme_id === ALL ? [ALL] : [row.programme_id, ALL]) {
      const instruments = metricsOf.get(programme) ?? new Map<string, Set<string>>();
      const metrics = instruments.get(row.instrument) ?? new Set<string>();
      metrics.add(row.metric);
      instruments.set(row.instrument, metrics);
      metricsOf.set(programme, instruments);
    }
  }
  const grid: FigureRow[] = [];
  for (const period of periods) {
    for (const programme of programmes) {
      const instruments = metricsOf.get(programme) ?? new Map<string, Set<string>>();
      for (const groupType of [...GROUP_TYPES, ALL] as const) {
        for (const instrument of [...instruments.keys()].sort(compare)) {
          const metrics = [...withSessionsFilled(instruments.get(instrument) ?? new Set())].sort(compare);
          const paired = byKey.get(`${period}|${programme}|${groupType}|${instrument}|${Metric.paired}`);
          for (const metric of metrics) {
            if (!isMilestone(metric)) continue;
            const row = byKey.get(`${period}|${programme}|${groupType}|${instrument}|${metric}`);
            grid.push(row ?? emptyRow({ period, programme_id: programme, group_type: groupType, instrument, metric }, paired));
          }
        }
      }
    }
  }
  return grid;
};

// Session metrics from 1 up to the highest one present, so no session is missing from the grid.
const withSessionsFilled = (metrics: ReadonlySet<string>): Set<string> => {
  const out = new Set(metrics);
  const highest = new Map<string, number>();
  for (const metric of metrics) {
    const session = parseSessionMetric(metric);
    if (session !== null) highest.set(session.family, Math.max(highest.get(session.family) ?? 0, session.session));
  }
  for (const [family, last] of highest) for (let k = 1; k <= last; k += 1) out.add(`${family}_s${k}`);
  return out;
};

const emptyRow = (
  key: Pick<FigureRow, 'period' | 'programme_id' | 'group_type' | 'instrument' | 'metric'>, paired: FigureRow | undefined,
): FigureRow => {
  const kind = metricInfo(key.metric)?.kind;
  const base = { ...key, ci_low: null, ci_high: null, suppressed: false, suppression_reason: null };
  if (kind === 'count') return { ...base, value: 0, n_participants: 0, n_groups: 0 };
  if (key.metric === Metric.hedgesG && key.instrument !== NO_INSTRUMENT && paired !== undefined) {
    return { ...base, value: null, n_participants: paired.value ?? 0, n_groups: paired.n_groups ?? 0 };
  }
  return { ...base, value: null, n_participants: 0, n_groups: 0 };
};
