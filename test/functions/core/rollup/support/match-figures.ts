import type { FigureRow } from '../../../../../functions/core/figures/figure-row';
import type { GoldenFigure } from './golden-figures';

const TOLERANCE = 1e-9;

const close = (actual: number | null | undefined, expected: number | null): boolean =>
  expected === null ? actual === null : typeof actual === 'number' && Math.abs(actual - expected) <= TOLERANCE;

/**
 * The golden figures that the published rows do not match to 1e-9 (value, interval when given, n, groups;
 * a figure expected without a value must be absent), each described with what was found, so a failing test names the figure and both numbers.
 */
export const mismatches = (rows: readonly FigureRow[], expected: readonly GoldenFigure[]): string[] => {
  const problems: string[] = [];
  for (const e of expected) {
    const label = `${e.period} ${e.programme_id} ${e.group_type} ${e.instrument || '-'} ${e.metric}`;
    const found = rows.filter((r) => r.period === e.period && r.programme_id === e.programme_id && r.group_type === e.group_type
      && r.instrument === e.instrument && r.metric === e.metric);
    // A metric without a value (SWEMWBS has no cut-off, so no caseness) is not published at all.
    if (e.value === null) {
      if (found.length !== 0) problems.push(`${label}: published although it has no value`);
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
      if (wanted !== undefined && !close(actual, wanted)) problems.push(`${label}: ${field} ${String(actual)} ≠ ${String(wanted)}`);
    }
  }
  return problems;
};
