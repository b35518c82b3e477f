/**
 * Where one generation of the nightly's live outputs lives. Every run writes its dashboards and the figures
 * they show under its own generation (the run id), and only then switches the pointer (see
 * `store/generation-store.ts`): readers resolve through the pointer, so they see one whole generation, never a
 * mix of two. `_gen` cannot be a programme id (identifiers start with a letter or digit), so no programme's
 * folder can cover a generation's.
 *
 * | logical key (what a reader asks for) | physical key in generation `g` |
 * | --- | --- |
 * | `dashboards/index.html`, `dashboards/<programmeId>/index.html`, `dashboards/manifest.json` | `dashboards/_gen/<g>/…` |
 * | the dashboard figures (`GET /v1/figures`) | `figures/dashboard/generations/<g>/figures.json` / `.csv` |
 */
export const DASHBOARD_GENERATIONS = 'dashboards/_gen/';
export const FIGURE_GENERATIONS = 'figures/dashboard/generations/';

/** The folder of a generation's dashboards; before any generation (an older layout), the plain `dashboards/`. */
export const dashboardFolder = (generation: string | undefined): string =>
  (generation === undefined ? 'dashboards/' : `${DASHBOARD_GENERATIONS}${generation}/`);

/**
 * The physical key of a logical dashboard key in a generation.
 * @example dashboardKeyIn('run-1', 'dashboards/carers/index.html') === 'dashboards/_gen/run-1/carers/index.html'
 */
export const dashboardKeyIn = (generation: string | undefined, logicalKey: string): string =>
  (logicalKey.startsWith('dashboards/') ? `${dashboardFolder(generation)}${logicalKey.slice('dashboards/'.length)}` : logicalKey);

/** The logical key of a physical key of a generation's folder (the inverse of `dashboardKeyIn`). */
export const logicalDashboardKey = (generation: string | undefined, physicalKey: string): string =>
  `dashboards/${physicalKey.slice(dashboardFolder(generation).length)}`;

/** The dashboard figures a generation shows. */
export const generationFigureKeys = (generation: string) => ({
  json: `${FIGURE_GENERATIONS}${generation}/figures.json`,
  csv: `${FIGURE_GENERATIONS}${generation}/figures.csv`,
});
