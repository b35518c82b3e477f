import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { DASHBOARD_SCRIPT_FILE } from './dashboard-script-file';

/** The scripts a dashboard page inlines so that it works offline: vega, vega-lite, vega-embed and the app. */
export interface DashboardAssets {
  vega: string;
  vegaLite: string;
  vegaEmbed: string;
  app: string;
}

const FILES = { vega: 'vega.min.js', vegaLite: 'vega-lite.min.js', vegaEmbed: 'vega-embed.min.js', app: 'dashboard-app.js' } as const;

let cached: DashboardAssets | undefined;

/**
 * Reads the browser builds from node_modules and the committed app bundle; with `dir`, reads all four files
 * (same names) from that directory instead — a Lambda bundle copies them next to itself.
 */
export const loadDashboardAssets = (dir?: string): DashboardAssets => {
  if (dir !== undefined) {
    const read = (name: string): string => readFileSync(join(dir, name), 'utf8');
    return { vega: read(FILES.vega), vegaLite: read(FILES.vegaLite), vegaEmbed: read(FILES.vegaEmbed), app: read(FILES.app) };
  }
  if (cached !== undefined) return cached;
  const require = createRequire(import.meta.url);
  // the packages export only their ESM entry; the browser builds sit beside it in build/
  const buildDir = (pkg: string): string => dirname(require.resolve(pkg));
  cached = {
    vega: readFileSync(join(buildDir('vega'), FILES.vega), 'utf8'),
    vegaLite: readFileSync(join(buildDir('vega-lite'), FILES.vegaLite), 'utf8'),
    vegaEmbed: readFileSync(join(buildDir('vega-embed'), FILES.vegaEmbed), 'utf8'),
    app: readFileSync(DASHBOARD_SCRIPT_FILE, 'utf8'),
  };
  return cached;
};
