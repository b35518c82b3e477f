import { GROUP_TYPES } from '../../functions/core/group-type';
import type { GroupType } from '../../functions/core/group-type';
import { ALL, NO_INSTRUMENT } from '../../functions/core/figures/figure-row';
import type { FigureRow } from '../../functions/core/figures/figure-row';
import { METRIC_INFO, metricInfo, sessionMetric } from '../../functions/core/figures/metric';
import type { InstrumentInfo, ReportContext } from '../../reports/report-context';
import { seededRandom } from '../../infra/local/seed/random';

/**
 * A realistic generator of published figure rows for report tests: simulated participants in monthly leaf
 * cells (programme × group type × month), aggregated to quarters and to the `*` margins, then disclosure
 * control (primary n<k, secondary on margins and outcome classes, counts rounded).
 */
export interface FixtureOptions {
  seed?: number;
  months?: readonly string[];
  programmes?: readonly string[];
  groupTypes?: readonly GroupType[];
  instruments?: readonly string[];
  sessions?: number;
  k?: number;
  rounding?: number;
  /** Every row suppressed (value, interval and n null). */
  allSuppressed?: boolean;
}

interface Participant {
  attended: number;
  offered: number;
  lastSession: number;
  scores: Record<string, { base: number; change: number; answeredAt: number[] } | undefined>;
}

interface InstrumentModel { base: number; sd: number; change: number; sdChange: number; rc: number; cut: number | null; lowerBetter: boolean; min: number; max: number }

const MODELS: Readonly<Record<string, InstrumentModel>> = {
  swemwbs: { base: 20.5, sd: 4, change: 2.4, sdChange: 3.6, rc: 3, cut: null, lowerBetter: false, min: 7, max: 35 },
  wemwbs: { base: 41, sd: 8, change: 5, sdChange: 7.5, rc: 8, cut: 43.5, lowerBetter: false, min: 14, max: 70 },
  brs: { base: 2.85, sd: 0.65, change: 0.3, sdChange: 0.55, rc: 0.8, cut: null, lowerBetter: false, min: 1, max: 5 },
  phq9: { base: 13, sd: 5, change: -4, sdChange: 5, rc: 6, cut: 10, lowerBetter: true, min: 0, max: 27 },
};

const GROUP_EFFECT: Readonly<Record<GroupType, number>> = { psychoeducational: 0.6, support: 0.8, skill_development: 1.1, psychotherapy: 1.4 };

/** Instrument infos matching the fixture instruments, with the SWEMWBS population norm as a reference line. */
export const FIXTURE_INSTRUMENTS: readonly InstrumentInfo[] = [
  { id: 'swemwbs', name: 'SWEMWBS', direction: 'higher-is-better', scoreRange: { min: 7, max: 35 }, reliableChange: { points: 3, confidence: 0.95 }, cutOff: null, referenceLines: [{ value: 23.5, label: 'Population norm 23.5 (HSE)', scale: 'score' }, { value: 3, label: 'Meaningful change (3 points)', scale: 'change' }] },
  { id: 'wemwbs', name: 'WEMWBS', direction: 'higher-is-better', scoreRange: { min: 14, max: 70 }, reliableChange: { points: 8, confidence: 0.95 }, cutOff: { value: 43.5, label: 'Possible depression (below 43.5)', caseWhen: 'below' } },
  { id: 'brs', name: 'Brief Resilience Scale', direction: 'higher-is-better', scoreRange: { min: 1, max: 5 }, reliableChange: null, cutOff: null, referenceLines: [{ value: 3, label: 'Normal resilience from 3.00', scale: 'score' }] },
  { id: 'phq9', name: 'PHQ-9', direction: 'lower-is-better', scoreRange: { min: 0, max: 27 }, reliableChange: { points: 6, confidence: 0.95 }, cutOff: { value: 10, label: 'Caseness (10 or more)', caseWhen: 'at-or-above' }, referenceLines: [{ value: 10, label: 'Caseness threshold 10', scale: 'score' }] },
];

/** A report context for the fixtures: two programmes, two funders, k = 8, rounding to 5. */
export const fixtureContext = (overrides: Partial<ReportContext> = {}): ReportContext => ({
  generatedAt: '2026-07-02T02:15:00.000Z',
  watermark: '2026-07-02T02:00:00.000Z#run-0042',
  programmes: [{ id: 'north', name: 'North Resilience <Groups> & Co' }, { id: 'south', name: 'South Coast Wellbeing' }],
  funders: [
    { id: 'lottery', name: 'Community Lottery Fund', programmeIds: ['north', 'south'] },
    { id: 'council', name: 'City Council', programmeIds: ['south'] },
  ],
  policy: { k: 8, rounding: 5 },
  instruments: FIXTURE_INSTRUMENTS,
  suppressionNotes: ['Psychotherapy groups in South Coast ran with fewer participants than the threshold in some months.'],
  ...overrides,
});

const normal = (rand: () => number): number => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());

const simulate = (rand: () => number, programme: string, groupType: GroupType, month: number, options: Required<Pick<FixtureOptions, 'instruments' | 'sessions'>>): Participant[] => {
  const small = programme === 'south' && groupType === 'psychotherapy';
  const count = small ? 3 + Math.floor(rand() * 9) : 14 + Math.floor(rand() * 30) + month;
  return Array.from({ length: count }, () => {
    const lastSession = Math.max(1, Math.min(options.sessions, Math.round(options.sessions * (0.45 + rand() * 0.75))));
    const scores: Participant['scores'] = {};
    for (const id of options.instruments) {
      const model = MODELS[id];
      if (model === undefined || rand() < 0.1) continue;
      const answeredAt = [1, ...(lastSession > 1 && rand() < 0.88 ? [lastSession] : [])];
      for (let s = 2; s < lastSession; s += 1) if (rand() < 0.6) answeredAt.push(s);
      answeredAt.sort((a, b) => a - b);
      scores[id] = { base: model.base + model.sd * normal(rand), change: model.change * GROUP_EFFECT[groupType] + model.sdChange * normal(rand), answeredAt };
    }
    return { attended: Math.round(lastSession * (0.75 + rand() * 0.25)), offered: options.sessions, lastSession, scores };
  });
};

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: readonly number[]): number => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / Math.max(1, xs.length - 1));
};
const round = (x: number, d = 3): number => Math.round(x * 10 ** d) / 10 ** d;
const T975 = (df: number): number => (df >= 30 ? 1.96 + 2.4 / df : [12.71, 4.3, 3.18, 2.78, 2.57, 2.45, 2.36, 2.31, 2.26, 2.23, 2.2, 2.18, 2.16, 2.14, 2.13, 2.12, 2.11, 2.1, 2.09, 2.09, 2.08, 2.07, 2.07, 2.06, 2.06, 2.06, 2.05, 2.05, 2.05][df - 1] ?? 2.05);

type Draft = Omit<FigureRow, 'period' | 'programme_id' | 'group_type' | 'suppressed' | 'suppression_reason'>;

const cellRows = (people: readonly Participant[], groups: number, options: Required<Pick<FixtureOptions, 'instruments' | 'sessions'>>): Draft[] => {
  const n = people.length;
  const out: Draft[] = [];
  const add = (instrument: string, metric: string, value: number, basis: number, ci?: [number, number]): void => {
    out.push({ instrument, metric, value: round(value), ci_low: ci === undefined ? null : round(ci[0]), ci_high: ci === undefined ? null : round(ci[1]), n_participants: basis, n_groups: groups });
  };
  const completed = people.filter((p) => p.attended >= p.offered / 2).length;
  const dropped = people.filter((p) => p.attended >= 1 && p.attended < p.offered / 2).length;
  add(NO_INSTRUMENT, 'participants', n, n);
  add(NO_INSTRUMENT, 'groups', groups, n);
  add(NO_INSTRUMENT, 'sessions_delivered', groups * options.sessions, n);
  add(NO_INSTRUMENT, 'completed', completed, n);
  add(NO_INSTRUMENT, 'dropped_out', dropped, n);
  add(NO_INSTRUMENT, 'attendance_rate', people.reduce((a, p) => a + p.attended, 0) / people.reduce((a, p) => a + p.offered, 0), n);
  add(NO_INSTRUMENT, 'completion_rate', completed / n, n);
  add(NO_INSTRUMENT, 'dropout_rate', dropped / n, n);
  for (let s = 1; s <= options.sessions; s += 1) add(NO_INSTRUMENT, sessionMetric('retention', s), people.filter((p) => p.lastSession >= s).length / n, n);
  for (const id of options.instruments) {
    const model = MODELS[id];
    if (model === undefined) continue;
    const scored = people.flatMap((p) => (p.scores[id] === undefined ? [] : [p.scores[id]]));
    const paired = scored.filter((s) => s.answeredAt.length >= 2);
    const clamp = (x: number): number => Math.min(model.max, Math.max(model.min, x));
    const base = paired.map((s) => clamp(s.base));
    const final = paired.map((s) => clamp(s.base + s.change));
    const change = paired.map((_, i) => (final[i] ?? 0) - (base[i] ?? 0));
    const better = (c: number): number => (model.lowerBetter ? -c : c);
    const improved = change.filter((c) => better(c) >= model.rc).length;
    const deteriorated = change.filter((c) => better(c) <= -model.rc).length;
    const m = paired.length;
    add(id, 'enrolled', scored.length, scored.length);
    add(id, 'paired', m, m);
    add(id, 'paired_rate', scored.length === 0 ? 0 : m / scored.length, scored.length);
    add(id, 'reliably_improved', improved, m);
    add(id, 'no_reliable_change', m - improved - deteriorated, m);
    add(id, 'reliably_deteriorated', deteriorated, m);
    if (model.cut !== null) {
      const cut = model.cut;
      const isCase = (x: number): boolean => (model.lowerBetter ? x >= cut : x < cut);
      const cases = base.filter(isCase).length;
      const recovered = base.filter((b, i) => isCase(b) && !isCase(final[i] ?? b)).length;
      add(id, 'cases_at_start', cases, m);
      add(id, 'recovered', recovered, m);
      add(id, 'recovery_rate', cases === 0 ? 0 : recovered / cases, cases);
    }
    if (m < 2) continue;
    const mc = mean(change);
    const half = (T975(m - 1) * sd(change)) / Math.sqrt(m);
    add(id, 'mean_baseline', mean(base), m, [mean(base) - (T975(m - 1) * sd(base)) / Math.sqrt(m), mean(base) + (T975(m - 1) * sd(base)) / Math.sqrt(m)]);
    add(id, 'mean_final', mean(final), m, [mean(final) - (T975(m - 1) * sd(final)) / Math.sqrt(m), mean(final) + (T975(m - 1) * sd(final)) / Math.sqrt(m)]);
    add(id, 'mean_change', mc, m, [mc - half, mc + half]);
    const g = (mc / sd(base)) * (1 - 3 / (4 * (m - 1) - 1));
    const dz = mc / sd(change);
    const seG = Math.sqrt(1 / m + (g * g) / (2 * m));
    const seDz = Math.sqrt(1 / m + (dz * dz) / (2 * m));
    add(id, 'hedges_g', g, m, [g - 1.96 * seG, g + 1.96 * seG]);
    add(id, 'd_z', dz, m, [dz - 1.96 * seDz, dz + 1.96 * seDz]);
    for (let s = 1; s <= options.sessions; s += 1) {
      const at = scored.filter((p) => p.answeredAt.includes(s)).map((p) => {
        const last = p.answeredAt[p.answeredAt.length - 1] ?? 1;
        return clamp(p.base + (last === 1 ? 0 : (p.change * (s - 1)) / (last - 1)));
      });
      if (at.length < 2) continue;
      const h = (T975(at.length - 1) * sd(at)) / Math.sqrt(at.length);
      add(id, sessionMetric('mean_score', s), mean(at), at.length, [mean(at) - h, mean(at) + h]);
    }
  }
  return out;
};

const hide = (row: FigureRow, reason: string): FigureRow => ({ ...row, value: null, ci_low: null, ci_high: null, n_participants: null, suppressed: true, suppression_reason: reason });

const discloseControl = (rows: FigureRow[], k: number, rounding: number): FigureRow[] => {
  const primary = rows.map((row) => {
    const info = metricInfo(row.metric);
    const small = (row.n_participants ?? 0) < k || (info?.kind === 'count' && row.metric !== 'groups' && row.metric !== 'sessions_delivered' && (row.value ?? 0) > 0 && (row.value ?? 0) < k);
    return small ? hide(row, `primary:n<${k}`) : row;
  });
  const key = (r: FigureRow): string => `${r.period}|${r.programme_id}|${r.instrument}|${r.metric}`;
  const siblings = new Map<string, FigureRow[]>();
  for (const row of primary) if (row.group_type !== ALL) siblings.set(key(row), [...(siblings.get(key(row)) ?? []), row]);
  const secondary = new Set<FigureRow>();
  for (const group of siblings.values()) {
    const hidden = group.filter((r) => r.suppressed);
    const visible = group.filter((r) => !r.suppressed).sort((a, b) => (a.n_participants ?? 0) - (b.n_participants ?? 0));
    if (hidden.length === 1 && visible[0] !== undefined) secondary.add(visible[0]);
  }
  const classes = new Map<string, FigureRow[]>();
  for (const row of primary) {
    if (!['reliably_improved', 'no_reliable_change', 'reliably_deteriorated'].includes(row.metric)) continue;
    const cell = `${row.period}|${row.programme_id}|${row.group_type}|${row.instrument}`;
    classes.set(cell, [...(classes.get(cell) ?? []), row]);
  }
  const complement = new Set<FigureRow>();
  for (const group of classes.values()) {
    const visible = group.filter((r) => !r.suppressed && !secondary.has(r)).sort((a, b) => (a.value ?? 0) - (b.value ?? 0));
    if (group.length - visible.length === 1 && visible[0] !== undefined) complement.add(visible[0]);
  }
  return primary.map((row) => {
    if (secondary.has(row)) return hide(row, 'secondary:margin');
    if (complement.has(row)) return hide(row, 'secondary:complement');
    const kind = metricInfo(row.metric)?.kind;
    if (!row.suppressed && kind === 'count' && rounding > 1 && row.value !== null) return { ...row, value: Math.round(row.value / rounding) * rounding };
    return row;
  });
};

/** Builds fixture figure rows: months, their quarters, programmes and the `*` margins, with disclosure control. */
export const makeFigureRows = (options: FixtureOptions = {}): FigureRow[] => {
  const rand = seededRandom(options.seed ?? 20260701);
  const months = options.months ?? ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'];
  const programmes = options.programmes ?? ['north', 'south'];
  const groupTypes = options.groupTypes ?? GROUP_TYPES;
  const settings = { instruments: options.instruments ?? ['swemwbs', 'wemwbs', 'brs', 'phq9'], sessions: options.sessions ?? 8 };
  const leaves = new Map<string, Participant[][]>();
  months.forEach((month, index) => {
    for (const programme of programmes) for (const groupType of groupTypes) {
      const people = simulate(rand, programme, groupType, index, settings);
      const groups: Participant[][] = [];
      for (let i = 0; i < people.length; i += 10) groups.push(people.slice(i, i + 10));
      leaves.set(`${month}|${programme}|${groupType}`, groups);
    }
  });
  const quarters = [...new Set(months.map((m) => `${m.slice(0, 4)}-Q${Math.ceil(Number(m.slice(5)) / 3)}`))];
  const periods = [...months, ...quarters];
  const inPeriod = (period: string, month: string): boolean => period === month || (period.includes('Q') && `${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5)) / 3)}` === period);
  const rows: FigureRow[] = [];
  for (const period of periods) for (const programme of [...programmes, ALL]) for (const groupType of [...groupTypes, ALL]) {
    const groups = months.filter((m) => inPeriod(period, m)).flatMap((m) => programmes.filter((p) => programme === ALL || p === programme).flatMap((p) => groupTypes.filter((g) => groupType === ALL || g === groupType).flatMap((g) => leaves.get(`${m}|${p}|${g}`) ?? [])));
    const people = groups.flat();
    if (people.length === 0) continue;
    for (const draft of cellRows(people, groups.length, settings)) rows.push({ period, programme_id: programme, group_type: groupType, ...draft, suppressed: false, suppression_reason: null });
  }
  const controlled = discloseControl(rows, options.k ?? 8, options.rounding ?? 5);
  return options.allSuppressed === true ? controlled.map((row) => hide(row, `primary:n<${options.k ?? 8}`)) : controlled;
};

/** Every metric of the catalogue appears in the fixtures (kept in sync with METRIC_INFO). */
export const FIXTURE_METRIC_FAMILIES = Object.keys(METRIC_INFO);
