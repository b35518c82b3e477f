import { fileURLToPath } from 'node:url';

/** The committed browser bundle of the dashboard script (`reports/assets/dashboard-app.js`). */
export const DASHBOARD_SCRIPT_FILE = fileURLToPath(new URL('../assets/dashboard-app.js', import.meta.url));
