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

// Hedges' exact J(df) = Γ(df/2) / (√(df/2) · Γ((df − 1)/2)) in closed form: J(2) = Γ(1)/Γ(½) = 1/√π;
// J(5) = Γ(5/2) / (√(5/2) · Γ(2)) = (3√π/4) / √2.5.
const J = { 2: 1 / Math.sqrt(Math.PI), 5: (3 * Math.sqrt(Math.PI)) / 4 / Math.sqrt(2.5) } as const;

/** No interval: one group, or two (Bell–McCaffrey df = 1, below the floor of 1.5). */
const NONE = { ci_low: null, ci_high: null } as const;

/** The mean from Σx and n. */
const mean = (n: number, sum: number) => ({ value: sum / n, ...NONE });

/**
 * The cluster-robust Wilson interval of a share from per-group [trials, successes], by the formulas:
 * p = S/N; E_g = s_g − n_g·p; V = Σ E_g²/(1 − n_g/N) / N² (CR2); df = 1/(Σf² + (Σu)² − Σu²), f = n_g/N, u = f²/(1 − f);
 * n_eff = p(1 − p)/V (n when p is 0 or 1); Wilson at n_eff with z = t(0.975, df). The golden rates all rest on groups
 * of 4, 4 and 3 people, df = 1.96, so z is R's qt(0.975, 1.96) = 4.387904778272082 (the df is checked here too).
 * R: coef_test(lm(z ~ 1), vcov = "CR2", cluster = g, test = "Satterthwaite") on the completion indicator
 * (z <- c(1,1,1,0, 1,1,1,0, 1,1,1); g <- c(1,1,1,1, 2,2,2,2, 3,3,3)) → SE 0.072889429612479, df 1.96.
 */
const clusterWilson = (groups: readonly [number, number][]) => {
  const n = groups.reduce((s, [t]) => s + t, 0);
  const p = groups.reduce((s, [, x]) => s + x, 0) / n;
  const v = groups.reduce((s, [t, x]) => s + (x - t * p) ** 2 / (1 - t / n), 0) / (n * n);
  const f = groups.map(([t]) => t / n);
  const u = f.map((x) => (x * x) / (1 - x));
  const df = 1 / (f.reduce((s, x) => s + x * x, 0) + u.reduce((s, x) => s + x, 0) ** 2 - u.reduce((s, x) => s + x * x, 0));
  if (Math.abs(df - 1.96) > 1e-12) throw new Error(`golden rates expect df 1.96, got ${df}`);
  const z = 4.387904778272082;
  const nEff = p > 0 && p < 1 && v > 0 ? (p * (1 - p)) / v : n;
  const centre = (p + (z * z) / (2 * nEff)) / (1 + (z * z) / nEff);
  const half = (z / (1 + (z * z) / nEff)) * Math.sqrt((p * (1 - p)) / nEff + (z * z) / (4 * nEff * nEff));
  return { value: p, ci_low: Math.max(0, centre - half), ci_high: Math.min(1, centre + half) };
};

/** Hedges' g = J(n − 1) · mean change / SD(baseline) and d_z = J(n − 1) · mean change / SD(change); too few groups for intervals. */
const effects = (n: number, base: [number, number], change: [number, number], j: number) => {
  const sxx = base[1] - (base[0] * base[0]) / n;
  const meanChange = change[0] / n;
  const g = j * (meanChange / Math.sqrt(sxx / (n - 1)));
  const dz = j * (meanChange / Math.sqrt((change[1] - (change[0] * change[0]) / n) / (n - 1)));
  return { g: { value: g, ...NONE }, dz: { value: dz, ...NONE } };
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
const aEffects = effects(3, [32, 394], [-5, 139], J[2]);
const aPhq9: GoldenFigure[] = [
  a('enrolled', 4, 4, 1),
  a('paired', 3, 3, 1),
  a('paired_rate', 3 / 4, 4, 1, NONE),
  a('reliably_improved', 1, 1, 1),
  a('no_reliable_change', 1, 1, 1),
  a('reliably_deteriorated', 1, 1, 1),
  a('cases_at_start', 2, 2, 1),
  a('recovered', 2, 2, 1),
  a('reliably_recovered', 1, 1, 1),
  a('recovery_rate', 2 / 2, 2, 1, NONE),
  a('mean_baseline', 32 / 3, 3, 1, mean(3, 32)),
  a('mean_final', 27 / 3, 3, 1, mean(3, 27)),
  a('median_baseline', 12, 3, 1),
  a('median_final', 9, 3, 1),
  a('mean_change', -5 / 3, 3, 1, mean(3, -5)),
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
  ap('completion_rate', 3 / 4, 4, 1, NONE),
  ap('dropout_rate', 1 / 4, 4, 1, NONE),
  ap('retention_s1', 4 / 4, 4, 1, NONE),
  ap('retention_s2', 3 / 4, 4, 1, NONE),
  ap('retention_s3', 3 / 4, 4, 1, NONE),
  ap('retention_s4', 2 / 4, 4, 1, NONE),
];

// ── gold-b, SWEMWBS, month 2025-02 (metric scores from the raw → metric table). Paired: B1 15.32→19.25 (+3.93),
//    B2 17.43→17.98 (+0.55), B3 19.25→16.88 (−2.37); B4 has only 25.03. Reliable change 2.87 (higher is better):
//    B1 improved; B2, B3 unchanged. No cut-off: no cases, recovery rate empty with n = 0.
const b = cell('2025-02', 'adult-resilience', 'support', 'swemwbs');
const bChange: [number, number] = [3.93 + 0.55 - 2.37, 3.93 ** 2 + 0.55 ** 2 + 2.37 ** 2];
const bEffects = effects(3, [15.32 + 17.43 + 19.25, 15.32 ** 2 + 17.43 ** 2 + 19.25 ** 2], bChange, J[2]);
const bSwemwbs: GoldenFigure[] = [
  b('enrolled', 4, 4, 1),
  b('paired', 3, 3, 1),
  b('reliably_improved', 1, 1, 1),
  b('no_reliable_change', 2, 2, 1),
  b('reliably_deteriorated', 0, 0, 1),
  b('cases_at_start', null, 0, 1),
  b('recovery_rate', null, 0, 1),
  b('mean_change', 2.11 / 3, 3, 1, mean(3, bChange[0])),
  b('hedges_g', bEffects.g.value, 3, 1, bEffects.g),
  b('d_z', bEffects.dz.value, 3, 1, bEffects.dz),
];

// ── gold-b participation. B1 PPPP, B2 PPAP, B3 PLP., B4 P...: 4 sessions delivered, 16 offered, 4 + 3 + 3 + 1 = 11 attended;
//    completed B1, B2, B3; B4 dropped out.
const bp = cell('2025-02', 'adult-resilience', 'support', '');
const bParticipation: GoldenFigure[] = [
  bp('participants', 4, 4, 1),
  bp('attendance_rate', 11 / 16, 4, 1),
  bp('completion_rate', 3 / 4, 4, 1, NONE),
  bp('dropout_rate', 1 / 4, 4, 1, NONE),
];

// ── Quarter 2025-Q1, all programmes, psychotherapy, PHQ-9 = gold-a + gold-c. gold-c: C1 18→8 (−10, improved,
//    recovered reliably), C2 10→10 (0, still a case), C3 7→6 (−1). Paired 6, changes −9, −3, +7, −10, 0, −1:
//    Σ = −16, Σ² = 81 + 9 + 49 + 100 + 0 + 1 = 240. Baseline 15, 12, 5, 18, 10, 7: Σ = 67, Σ² = 867.
//    Final 6, 9, 12, 8, 10, 6: Σ = 51, Σ² = 461. Σ baseline·final = 90 + 108 + 60 + 144 + 100 + 42 = 544.
//    Improved A1, C1; unchanged A2, C2, C3; deteriorated A4. Cases at start A1, A2, C1, C2 (4 of 7 enrolled);
//    recovered A1, A2, C1 → 3 of the 4 paired cases; reliably recovered A1, C1. Two groups: df = 1, no intervals.
const q = cell('2025-Q1', '*', 'psychotherapy', 'phq9');
const qEffects = effects(6, [67, 867], [-16, 240], J[5]);
const qPhq9: GoldenFigure[] = [
  q('enrolled', 7, 7, 2),
  q('paired', 6, 6, 2),
  q('paired_rate', 6 / 7, 7, 2, NONE),
  q('reliably_improved', 2, 2, 2),
  q('no_reliable_change', 3, 3, 2),
  q('reliably_deteriorated', 1, 1, 2),
  q('cases_at_start', 4, 4, 2),
  q('recovered', 3, 3, 2),
  q('reliably_recovered', 2, 2, 2),
  q('recovery_rate', 3 / 4, 4, 2, NONE),
  q('mean_baseline', 67 / 6, 6, 2, mean(6, 67)),
  q('mean_change', -16 / 6, 6, 2, mean(6, -16)),
  q('hedges_g', qEffects.g.value, 6, 2, qEffects.g),
  q('d_z', qEffects.dz.value, 6, 2, qEffects.dz),
  q('median_baseline', 11, 6, 2),
];

// ── Quarter 2025-Q1, all programmes, all types: participation of the three groups. C1 PPPP, C2 PAAP, C3 PPPL:
//    12 offered, 10 attended, all three completed. Participants 4 + 4 + 3 = 11; sessions delivered 4 + 4 + 4;
//    attended 10 + 11 + 10 = 31 of 16 + 16 + 12 = 44 offered; completed 3 + 3 + 3 = 9 of 11; dropped out A3, B4.
//    Retention (last attended): at s2 A 3 + B 3 + C 3 = 9, at s4 A 2 + B 2 (B1, B2) + C 3 = 7, of 11.
//    Three groups of 4, 4 and 3 finished starters: Bell–McCaffrey df = 1/(Σf² + (Σu)² − Σu²) = 1.96 ≥ 1.5, so the
//    rates have cluster-robust Wilson intervals.
const t = cell('2025-Q1', '*', '*', '');
const totals: GoldenFigure[] = [
  t('participants', 11, 11, 3),
  t('groups', 3, 11, 3),
  t('sessions_delivered', 12, 11, 3),
  t('completed', 9, 9, 3),
  t('dropped_out', 2, 2, 3),
  t('attendance_rate', 31 / 44, 11, 3),
  t('completion_rate', 9 / 11, 11, 3, clusterWilson([[4, 3], [4, 3], [3, 3]])),
  t('dropout_rate', 2 / 11, 11, 3, clusterWilson([[4, 1], [4, 1], [3, 0]])),
  t('retention_s2', 9 / 11, 11, 3, clusterWilson([[4, 3], [4, 3], [3, 3]])),
  t('retention_s4', 7 / 11, 11, 3, clusterWilson([[4, 2], [4, 2], [3, 3]])),
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
