export { buildDashboards } from './dashboard-site';
export type { DashboardFile } from './dashboard-site';
export { dashboardPage } from './dashboard-page';
export type { DashboardPageInput } from './dashboard-page';
export { loadDashboardAssets } from './dashboard-assets';
export type { DashboardAssets } from './dashboard-assets';
export { methodNotes } from './method-notes';
