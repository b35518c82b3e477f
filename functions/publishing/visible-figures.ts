import { ALL, type FigureRow } from '../core/figures/figure-row';
import type { Principal } from '../core/access/principal';
import type { StoredProgramme } from '../store/organisation-store';

/**
 * The programme slices (ids, or `*` for the all-programmes margin) of published figures a key may read:
 * admins every slice; managers their programmes, and the margin when they hold every programme; funders the
 * programmes they fund, and the margin only when they fund every programme.
 */
export const visibleSlices = (principal: Principal, programmes: readonly StoredProgramme[]): string[] => {
  const all = programmes.map((p) => p.programmeId);
  switch (principal.role) {
    case 'admin': return [ALL, ...all];
    case 'manager': {
      const own = all.filter((id) => principal.programmeIds.includes(id));
      return own.length === all.length ? [ALL, ...own] : own;
    }
    case 'funder': {
      // The all-programmes margin only for a funder of every programme (subtracting its own would give the others').
      const funded = programmes.filter((p) => p.funders.some((f) => f.funderId === principal.funderId)).map((p) => p.programmeId);
      return funded.length === all.length ? [ALL, ...funded] : funded;
    }
    case 'clinic': return [];
  }
};

/** Rows of the requested slices and period, in a stable order. */
export const selectFigures = (rows: readonly FigureRow[], slices: readonly string[], period?: string): FigureRow[] =>
  rows.filter((row) => slices.includes(row.programme_id) && (period === undefined || row.period === period));
