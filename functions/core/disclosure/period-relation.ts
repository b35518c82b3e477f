import type { Period } from '../figures/figure-row';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;

/** The three months of a quarter period (`2026-Q3` → `2026-07`, `2026-08`, `2026-09`), or null for other periods. */
export const monthsOfQuarter = (period: Period): Period[] | null => {
  const match = QUARTER.exec(period);
  if (match === null) return null;
  const first = (Number(match[2]) - 1) * 3 + 1;
  return [first, first + 1, first + 2].map((month) => `${match[1]}-${String(month).padStart(2, '0')}`);
};

/** The quarter containing a month period (`2026-09` → `2026-Q3`), or null for other periods. */
export const quarterOfMonth = (period: Period): Period | null => {
  const match = MONTH.exec(period);
  if (match === null) return null;
  return `${match[1]}-Q${Math.ceil(Number(match[2]) / 3)}`;
};
