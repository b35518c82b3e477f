import type { FigureRow } from '../figures/figure-row';
import { rowsForScope } from '../figures/present-figures';
import { WHOLE_RELEASE, type ReaderView } from './control-release';

/** What the reader views need of a programme: its id and the funders that receive its reports. */
export interface FundedProgramme {
  programmeId: string;
  funders: readonly { funderId: string }[];
}

/**
 * The readers of a funder publication: one per funder, holding the rows of the programmes it funds (the
 * all-programmes margin only when it funds every programme), as `GET /v1/figures` and its reports give it.
 * Without funders, the whole release (nobody reads it, but it stays audited).
 */
export const funderViews = (programmes: readonly FundedProgramme[]): ReaderView[] => {
  const all = programmes.map((p) => p.programmeId);
  const funders = [...new Set(programmes.flatMap((p) => p.funders.map((f) => f.funderId)))].sort();
  if (funders.length === 0) return [WHOLE_RELEASE];
  const views = funders.map((funderId): ReaderView => {
    const funded = programmes.filter((p) => p.funders.some((f) => f.funderId === funderId)).map((p) => p.programmeId);
    return { name: `funder ${funderId}`, rows: (rows: readonly FigureRow[]) => rowsForScope(rows, funded, all) };
  });
  // Somebody may hold several funders' reports (a manager of every programme does): the union is a reader too.
  return views.length > 1 ? [...views, everyFunderView(views)] : views;
};

// The union of the funders' slices, in the release's order.
const everyFunderView = (views: readonly ReaderView[]): ReaderView => ({
  name: 'every funder\'s reports',
  rows: (rows) => {
    const held = new Set(views.flatMap((view) => view.rows(rows)));
    return rows.filter((row) => held.has(row));
  },
});

/** What a reader holding every funder's reports holds of the funder publications (the union of the funders' slices). */
export const everyFundersReports = (programmes: readonly FundedProgramme[], rows: readonly FigureRow[]): FigureRow[] =>
  (funderViews(programmes).at(-1) ?? WHOLE_RELEASE).rows(rows);
