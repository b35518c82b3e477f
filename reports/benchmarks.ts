/** An external reference value a headline figure is read against, with where it comes from. */
export interface Benchmark {
  value: number;
  label: string;
  source: string;
}

/**
 * National benchmarks of the headline outcome shares. NHS Talking Therapies for anxiety and depression: the
 * recovery standard of 50% (NHS England, in force since 2015) and the expectation that 67% of finished courses
 * reliably improve (NHS Long Term Plan; NHS Talking Therapies Manual, v7 2024). They are set for services that
 * measure with PHQ-9 and GAD-7; for other questionnaires they are a point of comparison, not a standard.
 */
export const RATE_BENCHMARKS = {
  recoveryRate: { value: 0.5, label: 'NHS Talking Therapies recovery standard 50%', source: 'NHS England, NHS Talking Therapies recovery standard (since 2015)' },
  reliableImprovementRate: { value: 0.67, label: 'NHS Talking Therapies reliable improvement 67%', source: 'NHS Long Term Plan; NHS Talking Therapies Manual v7 (2024)' },
} as const satisfies Record<string, Benchmark>;

/**
 * Population means of a questionnaire's score. SWEMWBS: Health Survey for England (n = 27,169), mean metric
 * score 23.7 for men and 23.2 for women; the benchmark is their midpoint, as on the score charts (DOMAIN.md).
 */
export const SCORE_BENCHMARKS: Readonly<Record<string, Benchmark>> = {
  swemwbs: { value: 23.5, label: 'Population mean ≈ 23.5 (HSE)', source: 'Health Survey for England, n = 27,169: 23.7 men, 23.2 women' },
};
