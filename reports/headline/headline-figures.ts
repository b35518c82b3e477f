import { GROUP_TYPES } from '../../functions/core/group-type';
import { ALL, NO_INSTRUMENT, isApproximate } from '../../functions/core/figures/figure-row';
import type { FigureRow, Period } from '../../functions/core/figures/figure-row';
import { Metric } from '../../functions/core/figures/metric';
import { periodKind } from '../../functions/core/periods/reporting-period';
import { RATE_BENCHMARKS, SCORE_BENCHMARKS } from '../benchmarks';
import type { Benchmark } from '../benchmarks';
import { groupLabel } from '../charts/chart-data';
import type { GroupKey } from '../charts/chart-data';
import type { InstrumentInfo, ProgrammeTargets } from '../report-context';

/**
 * How a headline value may be shown: exactly, approximate (≈: perturbed or rounded, never the exact count), hidden by disclosure control
 * (never a value), or missing (nothing was published for it).
 */
export type HeadlineState = 'shown' | 'perturbed' | 'hidden' | 'missing';

/** One headline value of one period, read from published figure rows only. */
export interface HeadlineValue {
  state: HeadlineState;
  /** Null unless shown or perturbed. */
  value: number | null;
  n: number | null;
  groups: number | null;
}

/** Which headline figure. */
export const HeadlineId = {
  participants: 'participants', attendance: 'attendance', completion: 'completion', dropout: 'dropout',
  reliableImprovement: 'reliable-improvement', recovery: 'recovery', meanFinal: 'mean-final',
} as const;
export type HeadlineId = (typeof HeadlineId)[keyof typeof HeadlineId];

/** A headline figure of one group type: this period, the previous one, the programme's target and a benchmark. */
export interface HeadlineFigure {
  id: HeadlineId;
  label: string;
  /** The glossary entry that defines it. */
  term: string;
  kind: 'count' | 'rate' | 'score';
  /** The instrument an outcome figure is read on. */
  instrument?: InstrumentInfo;
  current: HeadlineValue;
  previous: HeadlineValue;
  /** Whether a higher value is better (drop-out: lower; a score: the instrument's direction; a count: neither). */
  better: 'higher' | 'lower' | 'neither';
  target?: number;
  benchmark?: Benchmark;
}

/** The headline figures of one group type (or of all types). */
export interface HeadlineRow {
  group: GroupKey;
  label: string;
  figures: HeadlineFigure[];
}

/** What the headline figures are read from. */
export interface HeadlineOptions {
  programmeId: string;
  period: Period;
  instruments: readonly InstrumentInfo[];
  targets?: ProgrammeTargets;
  /** The instruments to read outcomes on, instead of choosing them for this period (a trend keeps one pair). */
  chosen?: { main: InstrumentInfo | undefined; clinical: InstrumentInfo | undefined };
}

/** The headline figures of a period, with the instruments its outcomes are read on. */
export interface Headlines {
  period: Period;
  previousPeriod: Period;
  main: InstrumentInfo | undefined;
  clinical: InstrumentInfo | undefined;
  rows: HeadlineRow[];
}

/** The period before: `2026-Q1` → `2025-Q4`, `2026-01` → `2025-12`. */
export const previousPeriod = (period: Period): Period => {
  const year = Number(period.slice(0, 4));
  if (periodKind(period) === 'quarter') {
    const q = Number(period.slice(6));
    return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
  }
  const month = Number(period.slice(5, 7));
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
};

const MISSING: HeadlineValue = { state: 'missing', value: null, n: null, groups: null };

const find = (rows: readonly FigureRow[], o: { programmeId: string; period: Period }, group: GroupKey, instrument: string, metric: string): FigureRow | undefined =>
  rows.find((r) => r.period === o.period && r.programme_id === o.programmeId && r.group_type === group && r.instrument === instrument && r.metric === metric);

const valueOf = (row: FigureRow | undefined): HeadlineValue => {
  if (row === undefined) return MISSING;
  if (row.suppressed) return { state: 'hidden', value: null, n: null, groups: null };
  if (row.value === null) return MISSING;
  return { state: isApproximate(row) ? 'perturbed' : 'shown', value: row.value, n: row.n_participants, groups: row.n_groups };
};

// The share reliably improved of the paired, from the two published counts (as the outcome-classes chart draws it):
// hidden when either is, ≈ when either is perturbed; it tells nothing the two counts do not.
const shareOf = (count: FigureRow | undefined, total: FigureRow | undefined): HeadlineValue => {
  const c = valueOf(count);
  const t = valueOf(total);
  if (c.state === 'hidden' || t.state === 'hidden') return { state: 'hidden', value: null, n: null, groups: null };
  if (c.value === null || t.value === null || t.value === 0) return MISSING;
  return { state: c.state === 'perturbed' || t.state === 'perturbed' ? 'perturbed' : 'shown', value: c.value / t.value, n: t.value, groups: t.groups };
};

/**
 * The instrument the headline outcomes are read on: the programme's `mainInstrument` when it has figures, else the
 * outcome measure with the most paired participants over all group types in the period (hidden counts as none);
 * `clinical` is the same for instruments with a clinical cut-off (recovery needs one).
 */
export const mainInstruments = (rows: readonly FigureRow[], options: HeadlineOptions): { main: InstrumentInfo | undefined; clinical: InstrumentInfo | undefined } => {
  const outcomes = options.instruments.filter((i) => i.measureType !== 'process'
    && rows.some((r) => r.period === options.period && r.programme_id === options.programmeId && r.instrument === i.id));
  const paired = (i: InstrumentInfo): number => valueOf(find(rows, options, ALL, i.id, Metric.paired)).value ?? 0;
  const ranked = [...outcomes].sort((a, b) => paired(b) - paired(a));
  const chosen = outcomes.find((i) => i.id === options.targets?.mainInstrument);
  const main = chosen ?? ranked[0];
  const clinical = main?.cutOff !== undefined && main.cutOff !== null ? main : ranked.find((i) => i.cutOff !== undefined && i.cutOff !== null);
  return { main, clinical };
};

/**
 * The at-a-glance figures of a period (pure, from published rows only): for all group types and each group type
 * with figures, participants, attendance, completion, drop-out, the share reliably improved on the main instrument,
 * the recovery rate on the main clinical instrument and (where a population mean exists) the mean last score, each
 * beside the previous period, the programme's target and a benchmark.
 */
export const headlineFigures = (rows: readonly FigureRow[], options: HeadlineOptions): Headlines => {
  const { main, clinical } = options.chosen ?? mainInstruments(rows, options);
  const previous = { ...options, period: previousPeriod(options.period) };
  const targets = options.targets ?? {};
  const groups: GroupKey[] = [ALL, ...GROUP_TYPES.filter((g) => rows.some((r) => r.period === options.period && r.programme_id === options.programmeId && r.group_type === g))];
  const figure = (id: HeadlineId, label: string, term: string, kind: HeadlineFigure['kind'], better: HeadlineFigure['better'],
    read: (o: { programmeId: string; period: Period }) => HeadlineValue, extra: Partial<HeadlineFigure> = {}): HeadlineFigure =>
    ({ id, label, term, kind, better, current: read(options), previous: read(previous), ...extra });
  const withTarget = (value: number | undefined): Partial<HeadlineFigure> => (value === undefined ? {} : { target: value });
  return {
    period: options.period, previousPeriod: previous.period, main, clinical,
    rows: groups.map((g) => {
      const participation = (metric: string) => (o: { programmeId: string; period: Period }) => valueOf(find(rows, o, g, NO_INSTRUMENT, metric));
      const figures: HeadlineFigure[] = [
        figure(HeadlineId.participants, 'Participants', 'participants', 'count', 'neither', participation(Metric.participants)),
        figure(HeadlineId.attendance, 'Attendance rate', 'attendance', 'rate', 'higher', participation(Metric.attendanceRate), withTarget(targets.attendanceRate)),
        figure(HeadlineId.completion, 'Completion', 'completion', 'rate', 'higher', participation(Metric.completionRate), withTarget(targets.completionRate)),
        figure(HeadlineId.dropout, 'Drop-out', 'dropout', 'rate', 'lower', participation(Metric.dropoutRate), withTarget(targets.dropoutRate)),
      ];
      if (main !== undefined) {
        figures.push(figure(HeadlineId.reliableImprovement, 'Reliably improved', 'reliable-improvement', 'rate', 'higher',
          (o) => shareOf(find(rows, o, g, main.id, Metric.reliablyImproved), find(rows, o, g, main.id, Metric.paired)),
          { instrument: main, benchmark: RATE_BENCHMARKS.reliableImprovementRate, ...withTarget(targets.reliableImprovementRate) }));
      }
      if (clinical !== undefined) {
        figures.push(figure(HeadlineId.recovery, 'Recovered', 'recovery', 'rate', 'higher',
          (o) => valueOf(find(rows, o, g, clinical.id, Metric.recoveryRate)),
          { instrument: clinical, benchmark: RATE_BENCHMARKS.recoveryRate, ...withTarget(targets.recoveryRate) }));
      }
      const norm = main === undefined ? undefined : SCORE_BENCHMARKS[main.id];
      if (main !== undefined && norm !== undefined) {
        figures.push(figure(HeadlineId.meanFinal, 'Mean last score', 'mean-score', 'score', main.direction === 'lower-is-better' ? 'lower' : 'higher',
          (o) => valueOf(find(rows, o, g, main.id, Metric.meanFinal)), { instrument: main, benchmark: norm }));
      }
      return { group: g, label: groupLabel(g), figures };
    }),
  };
};
