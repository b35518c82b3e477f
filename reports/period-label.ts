import type { Period } from '../functions/core/figures/figure-row';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** Tells whether a period is a calendar month (`2026-09`) rather than a quarter (`2026-Q3`). */
export const isMonthPeriod = (period: Period): boolean => /^\d{4}-\d{2}$/.test(period);

/** Readable label of a period: `2026-09` → `Sep 2026`, `2026-Q3` → `Jul–Sep 2026 (Q3)`. */
export const periodLabel = (period: Period): string => {
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (month !== null) return `${MONTHS[Number(month[2]) - 1] ?? month[2]} ${month[1]}`;
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter !== null) {
    const q = Number(quarter[2]);
    return `${MONTHS[(q - 1) * 3]}–${MONTHS[(q - 1) * 3 + 2]} ${quarter[1]} (Q${q})`;
  }
  return period;
};

/** The months of a period: a month itself, or the three months of a quarter. */
export const monthsOf = (period: Period): Period[] => {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter === null) return [period];
  const first = (Number(quarter[2]) - 1) * 3 + 1;
  return [0, 1, 2].map((i) => `${quarter[1]}-${String(first + i).padStart(2, '0')}`);
};

/** Sort order of periods: chronological, a quarter after its months. */
export const comparePeriods = (a: Period, b: Period): number => {
  const key = (p: Period): string => {
    const quarter = /^(\d{4})-Q([1-4])$/.exec(p);
    return quarter === null ? `${p}-0` : `${monthsOf(p)[2]}-1`;
  };
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
};
