import fc from 'fast-check';
import type { FigureRow } from '../../../../functions/core/figures/figure-row';
import type { GroupType } from '../../../../functions/core/group-type';

type Dimension = Pick<FigureRow, 'period' | 'programme_id' | 'group_type' | 'instrument'>;

/** A visible figure with the given fields; value and n default to 10. */
export const figure = (fields: Partial<FigureRow> & Pick<FigureRow, 'metric'>): FigureRow => ({
  period: '2026-09', programme_id: 'p1', group_type: 'support', instrument: '',
  value: 10, ci_low: null, ci_high: null, n_participants: 10, n_groups: 1, suppressed: false, suppression_reason: null,
  ...fields,
});

/** Count rows of one cell, each with n = the cell's first count (its base). */
export const countCell = (dimension: Partial<Dimension>, counts: Readonly<Record<string, number>>, n?: number): FigureRow[] => {
  const base = n ?? Object.values(counts)[0] ?? 0;
  return Object.entries(counts).map(([metric, value]) => figure({ ...dimension, metric, value, n_participants: base }));
};

/** Per-group-stay sufficient statistics of one leaf (month × programme × group type). */
export interface LeafStats {
  /** `completed` and `droppedOut` are among the finished starters (ended groups); `completedRunning` completed a
   * group still running (counted by `completed`, not by the completion rate). */
  participants: number; completed: number; droppedOut: number; completedRunning?: number; attendingS3: number;
  enrolled: number; paired: number; improved: number; unchanged: number; deteriorated: number;
  cases: number; recovered: number; changeSum: number;
  /** People scored at sessions 1 and 2 (a session's mean score has its own n) and their score sums. */
  scoredS1: number; scoredS2: number; scoreSumS1: number; scoreSumS2: number; riskFlagged: number;
}

const ZERO: LeafStats = {
  participants: 0, completed: 0, droppedOut: 0, completedRunning: 0, attendingS3: 0, enrolled: 0, paired: 0, improved: 0,
  unchanged: 0, deteriorated: 0, cases: 0, recovered: 0, changeSum: 0,
  scoredS1: 0, scoredS2: 0, scoreSumS1: 0, scoreSumS2: 0, riskFlagged: 0,
};

const add = (a: LeafStats, b: LeafStats): LeafStats =>
  Object.fromEntries(Object.keys(a).map((k) => [k, (a[k as keyof LeafStats] ?? 0) + (b[k as keyof LeafStats] ?? 0)])) as unknown as LeafStats;

const ratio = (num: number, den: number): number | null => (den === 0 ? null : num / den);

/** The figure rows of one cell from its statistics: a participation cell and a `swemwbs` outcome cell. */
export const cellFigures = (at: Omit<Dimension, 'instrument'>, s: LeafStats, groups: number): FigureRow[] => {
  const row = (instrument: string, metric: string, value: number | null, n: number): FigureRow =>
    figure({ ...at, instrument, metric, value, n_participants: n, n_groups: groups });
  const p = s.participants;
  const completed = s.completed + (s.completedRunning ?? 0);
  const finished = s.completed + s.droppedOut;
  // n as the roll-up sets it: a count of people is its own n; rates rest on their denominator (completion and
  // drop-out on the finished starters), means on paired.
  return [
    row('', 'participants', p, p),
    row('', 'groups', groups, p),
    row('', 'completed', completed, completed),
    row('', 'dropped_out', s.droppedOut, s.droppedOut),
    row('', 'completion_rate', ratio(s.completed, finished), finished),
    row('', 'dropout_rate', ratio(s.droppedOut, finished), finished),
    row('', 'retention_s3', ratio(s.attendingS3, p), p),
    row('swemwbs', 'enrolled', s.enrolled, s.enrolled),
    row('swemwbs', 'paired', s.paired, s.paired),
    row('swemwbs', 'paired_rate', ratio(s.paired, s.enrolled), s.enrolled),
    row('swemwbs', 'reliably_improved', s.improved, s.improved),
    row('swemwbs', 'no_reliable_change', s.unchanged, s.unchanged),
    row('swemwbs', 'reliably_deteriorated', s.deteriorated, s.deteriorated),
    row('swemwbs', 'cases_at_start', s.cases, s.cases),
    row('swemwbs', 'recovered', s.recovered, s.recovered),
    row('swemwbs', 'recovery_rate', ratio(s.recovered, s.cases), s.cases),
    row('swemwbs', 'mean_change', ratio(s.changeSum, s.paired), s.paired),
    row('swemwbs', 'risk_flagged', s.riskFlagged, s.riskFlagged),
    // Like the roll-up, a session's mean score exists only where somebody was scored at that session.
    ...(s.scoredS1 > 0 ? [row('swemwbs', 'mean_score_s1', s.scoreSumS1 / s.scoredS1, s.scoredS1)] : []),
    ...(s.scoredS2 > 0 ? [row('swemwbs', 'mean_score_s2', s.scoreSumS2 / s.scoredS2, s.scoredS2)] : []),
  ];
};

/** A leaf of a random table: where it is and its statistics. */
export interface Leaf { month: string; programme: string; type: GroupType; stats: LeafStats }

/** Every row of a release: each month and the quarter, each programme and `*`, each group type and `*`. */
export const truthTable = (leaves: readonly Leaf[], options: { quarter?: boolean } = {}): FigureRow[] => {
  const months = [...new Set(leaves.map((l) => l.month))].sort();
  const programmes = [...new Set(leaves.map((l) => l.programme))].sort();
  const types = [...new Set(leaves.map((l) => l.type))].sort();
  const periods = options.quarter === false ? months : [...months, '2026-Q3'];
  const rows: FigureRow[] = [];
  for (const period of periods) {
    for (const programme of [...programmes, '*']) {
      for (const type of [...types, '*' as const]) {
        const inside = leaves.filter((l) => (period === '2026-Q3' || l.month === period) &&
          (programme === '*' || l.programme === programme) && (type === '*' || l.type === type));
        if (inside.length === 0) continue;
        const stats = inside.map((l) => l.stats).reduce(add, ZERO);
        const groups = inside.filter((l) => l.stats.participants > 0).length;
        rows.push(...cellFigures({ period, programme_id: programme, group_type: type }, stats, groups));
      }
    }
  }
  return rows;
};

const statsArbitrary: fc.Arbitrary<LeafStats> = fc
  .record({
    participants: fc.oneof(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 8, max: 24 })),
    split: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 12, maxLength: 12 }),
    change: fc.integer({ min: -3, max: 6 }),
    score: fc.integer({ min: 14, max: 35 }),
  })
  .map(({ participants: p, split, change, score }) => {
    const part = (i: number, of: number): number => Math.min(of, Math.floor((split[i] ?? 0) * (of + 1)));
    const completed = part(0, p);
    const droppedOut = part(1, p - completed);
    // Some leaves have a group still running, whose completers the completion rate leaves out.
    const completedRunning = (split[11] ?? 0) < 0.25 ? part(11, p - completed - droppedOut) : 0;
    const enrolled = part(2, p);
    const paired = part(3, enrolled);
    const improved = part(4, paired);
    const unchanged = part(5, paired - improved);
    const cases = part(6, paired);
    return {
      participants: p, completed, droppedOut, completedRunning, attendingS3: part(7, p), enrolled, paired, improved, unchanged,
      deteriorated: paired - improved - unchanged, cases, recovered: part(8, cases), changeSum: change * paired,
      scoredS1: enrolled, scoredS2: part(9, enrolled), scoreSumS1: score * enrolled, scoreSumS2: (score + 1) * part(9, enrolled),
      riskFlagged: part(10, enrolled),
    };
  });

/** Random small releases: 1–3 months of 2026-Q3, 1–2 programmes, 1–3 group types, sparse leaves allowed. */
export const leavesArbitrary: fc.Arbitrary<Leaf[]> = fc
  .record({
    months: fc.subarray(['2026-07', '2026-08', '2026-09'], { minLength: 1 }),
    programmes: fc.subarray(['p1', 'p2'], { minLength: 1 }),
    types: fc.subarray(['psychoeducational', 'support', 'psychotherapy'] as GroupType[], { minLength: 1 }),
  })
  .chain(({ months, programmes, types }) => {
    const places = months.flatMap((month) => programmes.flatMap((programme) => types.map((type) => ({ month, programme, type }))));
    return fc.tuple(...places.map((place) => fc.option(statsArbitrary.map((stats): Leaf => ({ ...place, stats })), { freq: 6 })))
      .map((leaves) => leaves.filter((leaf): leaf is Leaf => leaf !== null));
  })
  .filter((leaves) => leaves.length > 0);

/** Fisher–Yates shuffle driven by a seed, for order-independence tests. */
export const shuffled = <T>(items: readonly T[], seed: number): T[] => {
  const copy = [...items];
  let state = seed >>> 0 || 1;
  for (let i = copy.length - 1; i > 0; i -= 1) {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    const j = state % (i + 1);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
};
