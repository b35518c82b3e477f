/**
 * Reporting periods: calendar months `2026-09` and quarters `2026-Q3`. A group belongs to the periods
 * that contain its end date (`groupEndDate`): outcomes are known when a group ends, and a closed period
 * then holds only groups that have finished — one rule, applied everywhere.
 */
export type PeriodKind = 'month' | 'quarter';

/** The month of an ISO date: `2026-09-14` → `2026-09`. */
export const monthOf = (isoDate: string): string => isoDate.slice(0, 7);

/** The quarter of an ISO date or month: `2026-09-14` → `2026-Q3`. */
export const quarterOf = (isoDate: string): string => {
  const month = Number(isoDate.slice(5, 7));
  return `${isoDate.slice(0, 4)}-Q${Math.ceil(month / 3)}`;
};

/** Whether a period string is a month or a quarter. */
export const periodKind = (period: string): PeriodKind => (period.includes('Q') ? 'quarter' : 'month');

/** The last day of a period, ISO: `2026-Q3` → `2026-09-30`, `2026-02` → `2026-02-28`. */
export const periodLastDay = (period: string): string => {
  const year = Number(period.slice(0, 4));
  const lastMonth = periodKind(period) === 'quarter' ? Number(period.slice(6)) * 3 : Number(period.slice(5, 7));
  return new Date(Date.UTC(year, lastMonth, 0)).toISOString().slice(0, 10);
};

/** The first day of a period, ISO. */
export const periodFirstDay = (period: string): string =>
  periodKind(period) === 'quarter'
    ? `${period.slice(0, 4)}-${String((Number(period.slice(6)) - 1) * 3 + 1).padStart(2, '0')}-01`
    : `${period}-01`;

/**
 * A period is closed — publishable to funders, never to change again — once `graceDays` have passed
 * after its last day, so late submissions for its groups have arrived.
 */
export const isClosed = (period: string, today: string, graceDays: number): boolean => {
  const last = new Date(`${periodLastDay(period)}T00:00:00Z`);
  last.setUTCDate(last.getUTCDate() + graceDays);
  return today > last.toISOString().slice(0, 10);
};

/** Orders periods by time, a quarter after its months (so months are published before their quarter). */
export const comparePeriods = (a: string, b: string): number => {
  const ka = `${periodLastDay(a)}${periodKind(a) === 'quarter' ? '1' : '0'}`;
  const kb = `${periodLastDay(b)}${periodKind(b) === 'quarter' ? '1' : '0'}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
};
