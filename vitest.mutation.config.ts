import { defineConfig } from 'vitest/config';
import { config as base } from './vitest.config';

// The tests that cover functions/core/{scoring,outcomes,stats}, for mutation testing (stryker.config.mjs). Most
// mutants are "static" for Stryker (reached while test files load their fixtures), so each runs every included
// test: MUTATION_TESTS=scoring|outcomes|stats narrows the set to the tests of one directory for a per-directory run.
const TESTS: Readonly<Record<string, readonly string[]>> = {
  scoring: ['test/core/scoring/**/*.test.ts', 'test/core/instruments/**/*.test.ts'],
  outcomes: ['test/core/outcomes/**/*.test.ts', 'test/functions/core/rollup/**/*.test.ts'],
  stats: ['test/core/stats/**/*.test.ts', 'test/core/outcomes/summarise-cell.test.ts'],
};
// The seeded coverage simulation (2000 replications per scenario) checks intervals statistically, not by value;
// run for each of hundreds of mutants it would dominate the run, so a per-directory run leaves it out.
const SLOW = ['test/core/stats/cluster-coverage.test.ts'];
const chosen = process.env['MUTATION_TESTS'];
const include = chosen === undefined ? Object.values(TESTS).flat() : TESTS[chosen] ?? [];
if (include.length === 0) throw new Error(`MUTATION_TESTS must be one of ${Object.keys(TESTS).join(', ')}`);

export const config = defineConfig({
  test: { ...base.test, include: [...new Set(include)], exclude: chosen === undefined ? [] : SLOW },
});

// vitest reads the default export of its config file.
export default config;
