import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { DASHBOARD_SCRIPT_FILE } from './dashboard-script-file';


/**
 * Bundles the dashboard's browser script (the chart builders included) with esbuild. Run at development time:
 * `npx tsx reports/dashboard/build-dashboard-script.ts` writes `reports/assets/dashboard-app.js`, which is
 * committed so that Lambda and the local stack need no bundler at run time; a test checks it is up to date.
 */
export const bundleDashboardScript = async (): Promise<string> => {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./browser/dashboard-app.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
  });
  const output = result.outputFiles[0];
  if (output === undefined) throw new Error('esbuild produced no output');
  return output.text;
};

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(DASHBOARD_SCRIPT_FILE, await bundleDashboardScript());
}
