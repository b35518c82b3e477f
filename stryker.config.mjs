// Mutation testing of the scoring, outcomes and statistics core: `npm run mutation` (not part of `npm test`).
// One directory at a time: `npm run mutation -- --mutate 'functions/core/stats/**/*.ts'`.
// Concurrency 1: the machine is shared, and the run is long rather than wide.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export const config = {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.mutation.config.ts' },
  mutate: [
    'functions/core/scoring/**/*.ts',
    'functions/core/outcomes/**/*.ts',
    'functions/core/stats/**/*.ts',
    '!**/index.ts',
  ],
  coverageAnalysis: 'perTest',
  concurrency: 1,
  timeoutMS: 60000,
  timeoutFactor: 3,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports-mutation/mutation.html' },
  jsonReporter: { fileName: 'reports-mutation/mutation.json' },
  thresholds: { high: 95, low: 90, break: null },
  tempDirName: '.stryker-tmp',
  // Stryker rewrites the tsconfig of its sandbox with the TypeScript API, which TypeScript 7 (native) no longer
  // offers. Ours has no extends or references to rewrite, and vitest does not read it: point at none.
  tsconfigFile: 'no-tsconfig-for-stryker.json',
  cleanTempDir: 'always',
};

export default config;
