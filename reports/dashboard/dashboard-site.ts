import { ALL } from '../../functions/core/figures/figure-row';
import type { FigureRow } from '../../functions/core/figures/figure-row';
import { Messages } from '../messages';
import type { ReportContext } from '../report-context';
import type { DashboardAssets } from './dashboard-assets';
import { dashboardPage } from './dashboard-page';

/** A built dashboard page and the bucket key it is published under. */
export interface DashboardFile {
  key: string;
  html: string;
}

/**
 * Every dashboard: `dashboards/index.html` is the organisation-wide page (all-programmes figures) and links
 * to `dashboards/<programmeId>/index.html`, one per programme, each linking back (and to no other programme).
 */
export const buildDashboards = (rows: readonly FigureRow[], context: ReportContext, assets: DashboardAssets): DashboardFile[] => {
  const programmes = [...context.programmes].sort((a, b) => a.id.localeCompare(b.id));
  const organisation: DashboardFile = {
    key: 'dashboards/index.html',
    html: dashboardPage({ context, rows, programmeId: ALL, links: programmes.map((p) => ({ href: `${encodeURIComponent(p.id)}/index.html`, label: p.name })) }, assets),
  };
  return [
    organisation,
    ...programmes.map((programme) => ({
      key: `dashboards/${programme.id}/index.html`,
      html: dashboardPage({
        context, rows, programmeId: programme.id,
        // No links to sibling programmes: a manager of this programme may not see them (nor their names).
        // The organisation page's link shows only to a reader who holds that page (see SIGNED_NAVIGATION).
        links: [{ href: '../index.html', label: `${Messages.allProgrammes} (organisation)`, needsScope: 'dashboards/index.html' }],
      }, assets),
    })),
  ];
};
