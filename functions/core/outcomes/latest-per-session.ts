import type { ScorePoint } from './participant-outcome';

/**
 * One score per session: a form given again in the same session replaces the earlier one (the later date wins;
 * on the same date, the one submitted later). Two forms in one session are therefore never a pre–post pair.
 * @example latestPerSession([{ session: 1, administeredOn: '2026-01-05', … }, { session: 1, administeredOn: '2026-01-07', … }]).get(1)?.administeredOn === '2026-01-07'
 */
export const latestPerSession = (scores: readonly ScorePoint[]): Map<number, ScorePoint> => {
  const bySession = new Map<number, ScorePoint>();
  for (const point of scores) {
    const seen = bySession.get(point.session);
    if (seen === undefined || point.administeredOn >= seen.administeredOn) bySession.set(point.session, point);
  }
  return bySession;
};
