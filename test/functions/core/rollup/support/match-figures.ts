import type { FigureRow } from '../../../../../functions/core/figures/figure-row';
import { metricInfo, parseSessionMetric } from '../../../../../functions/core/figures/metric';
import type { GoldenFigure } from './golden-figures';

const TOLERANCE = 1e-9;

/** Half the last published decimal of a figure's statistics (`presentFigures`): rates 0.1 %, effect sizes 0.01, scores 0.1. */
const displayHalfStep = (metric: string): number => {
  const family = parseSessionMetric(metric)?.family ?? metric;
  const kind = metricInfo(metric)?.kind;
  if (kind === 'rate') return 0.0005;
  if (family === 'hedges_g' || family === 'd_z') return 0.005;
  if (kind === 'mean') return 0.05;
  return 0;
};

const close = (actual: number | null | undefined, expected: number | null, tolerance: number): boolean =>
  expected === null ? actual === null : typeof actual === 'number' && Math.abs(actual - expected) <= tolerance + TOLERANCE;

/**
 * The golden figures that the published rows do not match to 1e-9 (value, interval when given, n, groups;
 * a figure expected without a value must be absent or carry no value), each described with what was found, so a
 * failing test names the figure and both numbers. `displayed`: statistics were published at display precision, so
 * they must match to half its last decimal.
 */
export const mismatches = (rows: readonly FigureRow[], expected: readonly GoldenFigure[], options: { displayed?: boolean } = {}): string[] => {
  const problems: string[] = [];
  for (const e of expected) {
    const label = `${e.period} ${e.programme_id} ${e.group_type} ${e.instrument || '-'} ${e.metric}`;
    const found = rows.filter((r) => r.period === e.period && r.programme_id === e.programme_id && r.group_type === e.group_type
      && r.instrument === e.instrument && r.metric === e.metric);
    // A metric without a value (SWEMWBS has no cut-off, so no caseness) is not published at all.
    if (e.value === null) {
      if (found.some((r) => r.value !== null)) problems.push(`${label}: published although it has no value`);
      continue;
    }
    if (found.length !== 1) {
      problems.push(`${label}: ${found.length} rows`);
      continue;
    }
    const row = found[0]!;
    const checks: [string, number | null | undefined, number | null | undefined][] = [
      ['value', row.value, e.value], ['ci_low', row.ci_low, e.ci_low], ['ci_high', row.ci_high, e.ci_high],
      ['n_participants', row.n_participants, e.n_participants], ['n_groups', row.n_groups, e.n_groups],
    ];
    for (const [field, actual, wanted] of checks) {
      const tolerance = options.displayed === true && field !== 'n_participants' && field !== 'n_groups' ? displayHalfStep(e.metric) : 0;
      if (wanted !== undefined && !close(actual, wanted, tolerance)) problems.push(`${label}: ${field} ${String(actual)} ≠ ${String(wanted)}`);
    }
  }
  return problems;
};
