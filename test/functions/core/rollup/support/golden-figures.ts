/**
 * The figures of the golden dataset (`golden-dataset.ts`), worked out by hand. Every value is an arithmetic
 * expression over the literal scores, so the working is the test: nothing here calls the pipeline.
 */
export interface GoldenFigure {
  period: string;
  programme_id: string;
  group_type: string;
  instrument: string;
  metric: string;
  value: number | null;
  ci_low?: number | null;
  ci_high?: number | null;
  n_participants: number;
  n_groups: number;
}

// Student t quantiles t(0.975, df) (scipy.stats.t.ppf; df = 2 also (2p − 1)/√(2p(1 − p)) = 0.95/√0.04875).
const T975 = { 2: 4.302652729749462, 5: 2.5705818356363146 } as const;
const Z = 1.96;

/** mean ± t · sd/√n from Σx and Σx². */
const tMean = (n: number, sum: number, sumSq: number, t: number) => {
  const mean = sum / n;
  const sd = Math.sqrt((sumSq - (sum * sum) / n) / (n - 1));
  return { value: mean, ci_low: mean - (t * sd) / Math.sqrt(n), ci_high: mean + (t * sd) / Math.sqrt(n), sd };
};

/** Wilson score interval at z = 1.96: (p + z²/2n ± z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n). */
const wilson = (s: number, n: number) => {
  const p = s / n;
  const centre = (p + (Z * Z) / (2 * n)) / (1 + (Z * Z) / n);
  const half = (Z / (1 + (Z * Z) / n)) * Math.sqrt((p * (1 - p)) / n + (Z * Z) / (4 * n * n));
  return { value: p, ci_low: Math.max(0, centre - half), ci_high: Math.min(1, centre + half) };
};

/** Hedges' g = J · mean change / SD(baseline), J = 1 − 3/(4(n−1) − 1); SE = √(2(1−r)/n + g²/2n). And d_z = mean/SD(change). */
const effects = (n: number, base: [number, number], fin: [number, number], cross: number, change: [number, number]) => {
  const sxx = base[1] - (base[0] * base[0]) / n;
  const syy = fin[1] - (fin[0] * fin[0]) / n;
  const sxy = cross - (base[0] * fin[0]) / n;
  const r = sxy / Math.sqrt(sxx * syy);
  const meanChange = change[0] / n;
  const g = (1 - 3 / (4 * (n - 1) - 1)) * (meanChange / Math.sqrt(sxx / (n - 1)));
  const seG = Math.sqrt((2 * (1 - r)) / n + (g * g) / (2 * n));
  const dz = meanChange / Math.sqrt((change[1] - (change[0] * change[0]) / n) / (n - 1));
  const seDz = Math.sqrt(1 / n + (dz * dz) / (2 * n));
  return {
    g: { value: g, ci_low: g - Z * seG, ci_high: g + Z * seG },
    dz: { value: dz, ci_low: dz - Z * seDz, ci_high: dz + Z * seDz },
  };
};

const cell = (period: string, programme: string, type: string, instrument: string) =>
  (metric: string, value: number | null, n: number, groups: number, interval?: { ci_low: number | null; ci_high: number | null }): GoldenFigure => ({
    period, programme_id: programme, group_type: type, instrument, metric, value, n_participants: n, n_groups: groups,
    ...(interval !== undefined && { ci_low: interval.ci_low, ci_high: interval.ci_high }),
  });

// ── gold-a, PHQ-9, month 2025-01. Paired: A1 15→6 (−9), A2 12→9 (−3), A4 5→12 (+7); A3 has only 8.
//    Reliable change 6 (lower is better): A1 improved, A2 unchanged, A4 deteriorated.
//    Cases at first score (≥ 10): A1, A2 (A3 8, A4 5 are not). Recovered (case → not): A1 (6), A2 (9); reliably: A1.
//    Σchange = −5, Σchange² = 81 + 9 + 49 = 139; baseline Σ = 32, Σ² = 225 + 144 + 25 = 394;
//    final Σ = 27, Σ² = 36 + 81 + 144 = 261; Σ baseline·final = 90 + 108 + 60 = 258.
const a = cell('2025-01', 'adult-resilience', 'psychotherapy', 'phq9');
const aEffects = effects(3, [32, 394], [27, 261], 258, [-5, 139]);
const aPhq9: GoldenFigure[] = [
  a('enrolled', 4, 4, 1),
  a('paired', 3, 3, 1),
  a('paired_rate', 3 / 4, 4, 1, wilson(3, 4)),
  a('reliably_improved', 1, 1, 1),
  a('no_reliable_change', 1, 1, 1),
  a('reliably_deteriorated', 1, 1, 1),
  a('cases_at_start', 2, 2, 1),
  a('recovered', 2, 2, 1),
  a('reliably_recovered', 1, 1, 1),
  a('recovery_rate', 2 / 2, 2, 1, wilson(2, 2)),
  a('mean_baseline', 32 / 3, 3, 1, tMean(3, 32, 394, T975[2])),
  a('mean_final', 27 / 3, 3, 1, tMean(3, 27, 261, T975[2])),
  a('median_baseline', 12, 3, 1),
  a('median_final', 9, 3, 1),
  a('mean_change', -5 / 3, 3, 1, tMean(3, -5, 139, T975[2])),
  a('hedges_g', aEffects.g.value, 3, 1, aEffects.g),
  a('d_z', aEffects.dz.value, 3, 1, aEffects.dz),
  // A3's item 9 raised a risk flag: counted for the clinic only, never a published figure (no risk_flagged row).
];

// ── gold-a participation. Marks A1 PPPP, A2 PPLA, A3 PA.., A4 PEAP: 4 sessions delivered, 4 offered to each (16);
//    attended (present or late) 4 + 3 + 1 + 2 = 10. Completion = ≥ ½·4 = 2 attended: A1, A2, A4; A3 dropped out.
//    Retention: last attended A1 4, A2 3, A3 1, A4 4 → still attending at s1..s4: 4, 3, 3, 2 of 4 starters.
const ap = cell('2025-01', 'adult-resilience', 'psychotherapy', '');
const aParticipation: GoldenFigure[] = [
  ap('participants', 4, 4, 1),
  ap('groups', 1, 4, 1),
  ap('sessions_delivered', 4, 4, 1),
  ap('completed', 3, 3, 1),
  ap('dropped_out', 1, 1, 1),
  ap('attendance_rate', 10 / 16, 4, 1),
  ap('completion_rate', 3 / 4, 4, 1, wilson(3, 4)),
  ap('dropout_rate', 1 / 4, 4, 1, wilson(1, 4)),
  ap('retention_s1', 4 / 4, 4, 1, wilson(4, 4)),
  ap('retention_s2', 3 / 4, 4, 1, wilson(3, 4)),
  ap('retention_s3', 3 / 4, 4, 1, wilson(3, 4)),
  ap('retention_s4', 2 / 4, 4, 1, wilson(2, 4)),
];

// ── gold-b, SWEMWBS, month 2025-02 (metric scores from the raw → metric table). Paired: B1 15.32→19.25 (+3.93),
//    B2 17.43→17.98 (+0.55), B3 19.25→16.88 (−2.37); B4 has only 25.03. Reliable change 2.87 (higher is better):
//    B1 improved; B2, B3 unchanged. No cut-off: no cases, recovery rate empty with n = 0.
const b = cell('2025-02', 'adult-resilience', 'support', 'swemwbs');
const bChange: [number, number] = [3.93 + 0.55 - 2.37, 3.93 ** 2 + 0.55 ** 2 + 2.37 ** 2];
const bEffects = effects(3, [15.32 + 17.43 + 19.25, 15.32 ** 2 + 17.43 ** 2 + 19.25 ** 2], [19.25 + 17.98 + 16.88, 19.25 ** 2 + 17.98 ** 2 + 16.88 ** 2],
  15.32 * 19.25 + 17.43 * 17.98 + 19.25 * 16.88, bChange);
const bSwemwbs: GoldenFigure[] = [
  b('enrolled', 4, 4, 1),
  b('paired', 3, 3, 1),
  b('reliably_improved', 1, 1, 1),
  b('no_reliable_change', 2, 2, 1),
  b('reliably_deteriorated', 0, 0, 1),
  b('cases_at_start', null, 0, 1),
  b('recovery_rate', null, 0, 1),
  b('mean_change', 2.11 / 3, 3, 1, tMean(3, bChange[0], bChange[1], T975[2])),
  b('hedges_g', bEffects.g.value, 3, 1, bEffects.g),
  b('d_z', bEffects.dz.value, 3, 1, bEffects.dz),
];

// ── gold-b participation. B1 PPPP, B2 PPAP, B3 PLP., B4 P...: 4 sessions delivered, 16 offered, 4 + 3 + 3 + 1 = 11 attended;
//    completed B1, B2, B3; B4 dropped out.
const bp = cell('2025-02', 'adult-resilience', 'support', '');
const bParticipation: GoldenFigure[] = [
  bp('participants', 4, 4, 1),
  bp('attendance_rate', 11 / 16, 4, 1),
  bp('completion_rate', 3 / 4, 4, 1, wilson(3, 4)),
  bp('dropout_rate', 1 / 4, 4, 1, wilson(1, 4)),
];

// ── Quarter 2025-Q1, all programmes, psychotherapy, PHQ-9 = gold-a + gold-c. gold-c: C1 18→8 (−10, improved,
//    recovered reliably), C2 10→10 (0, still a case), C3 7→6 (−1). Paired 6, changes −9, −3, +7, −10, 0, −1:
//    Σ = −16, Σ² = 81 + 9 + 49 + 100 + 0 + 1 = 240. Baseline 15, 12, 5, 18, 10, 7: Σ = 67, Σ² = 867.
//    Final 6, 9, 12, 8, 10, 6: Σ = 51, Σ² = 461. Σ baseline·final = 90 + 108 + 60 + 144 + 100 + 42 = 544.
//    Improved A1, C1; unchanged A2, C2, C3; deteriorated A4. Cases at start A1, A2, C1, C2 (4 of 7 enrolled);
//    recovered A1, A2, C1 → 3 of the 4 paired cases; reliably recovered A1, C1. Two groups (< 10: plain t interval).
const q = cell('2025-Q1', '*', 'psychotherapy', 'phq9');
const qEffects = effects(6, [67, 867], [51, 461], 544, [-16, 240]);
const qPhq9: GoldenFigure[] = [
  q('enrolled', 7, 7, 2),
  q('paired', 6, 6, 2),
  q('paired_rate', 6 / 7, 7, 2, wilson(6, 7)),
  q('reliably_improved', 2, 2, 2),
  q('no_reliable_change', 3, 3, 2),
  q('reliably_deteriorated', 1, 1, 2),
  q('cases_at_start', 4, 4, 2),
  q('recovered', 3, 3, 2),
  q('reliably_recovered', 2, 2, 2),
  q('recovery_rate', 3 / 4, 4, 2, wilson(3, 4)),
  q('mean_baseline', 67 / 6, 6, 2, tMean(6, 67, 867, T975[5])),
  q('mean_change', -16 / 6, 6, 2, tMean(6, -16, 240, T975[5])),
  q('hedges_g', qEffects.g.value, 6, 2, qEffects.g),
  q('d_z', qEffects.dz.value, 6, 2, qEffects.dz),
  q('median_baseline', 11, 6, 2),
];

// ── Quarter 2025-Q1, all programmes, all types: participation of the three groups. C1 PPPP, C2 PAAP, C3 PPPL:
//    12 offered, 10 attended, all three completed. Participants 4 + 4 + 3 = 11; sessions delivered 4 + 4 + 4;
//    attended 10 + 11 + 10 = 31 of 16 + 16 + 12 = 44 offered; completed 3 + 3 + 3 = 9 of 11; dropped out A3, B4.
//    Retention (last attended): at s2 A 3 + B 3 + C 3 = 9, at s4 A 2 + B 2 (B1, B2) + C 3 = 7, of 11.
const t = cell('2025-Q1', '*', '*', '');
const totals: GoldenFigure[] = [
  t('participants', 11, 11, 3),
  t('groups', 3, 11, 3),
  t('sessions_delivered', 12, 11, 3),
  t('completed', 9, 9, 3),
  t('dropped_out', 2, 2, 3),
  t('attendance_rate', 31 / 44, 11, 3),
  t('completion_rate', 9 / 11, 11, 3, wilson(9, 11)),
  t('dropout_rate', 2 / 11, 11, 3, wilson(2, 11)),
  t('retention_s2', 9 / 11, 11, 3, wilson(9, 11)),
  t('retention_s4', 7 / 11, 11, 3, wilson(7, 11)),
];

/** Every hand-computed figure of the golden dataset. */
export const GOLDEN_FIGURES: readonly GoldenFigure[] = [...aPhq9, ...aParticipation, ...bSwemwbs, ...bParticipation, ...qPhq9, ...totals];

/** The cells (period × programme × type) the golden dataset produces: 3 groups × 2 periods × 2 × 2, minus shared margins. */
export const GOLDEN_CELL_KEYS: readonly string[] = [
  '2025-01|*|*', '2025-01|*|psychotherapy', '2025-01|adult-resilience|*', '2025-01|adult-resilience|psychotherapy',
  '2025-02|*|*', '2025-02|*|support', '2025-02|adult-resilience|*', '2025-02|adult-resilience|support',
  '2025-03|*|*', '2025-03|*|psychotherapy', '2025-03|young-people|*', '2025-03|young-people|psychotherapy',
  '2025-Q1|*|*', '2025-Q1|*|psychotherapy', '2025-Q1|*|support', '2025-Q1|adult-resilience|*',
  '2025-Q1|adult-resilience|psychotherapy', '2025-Q1|adult-resilience|support', '2025-Q1|young-people|*',
  '2025-Q1|young-people|psychotherapy',
];
