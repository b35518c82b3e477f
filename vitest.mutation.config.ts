import { defineConfig } from 'vitest/config';
import { config as base } from './vitest.config';

// The tests that cover functions/core/{scoring,outcomes,stats}, for mutation testing (stryker.config.mjs).
export const config = defineConfig({
  test: {
    ...base.test,
    include: ['test/core/scoring/**/*.test.ts', 'test/core/outcomes/**/*.test.ts', 'test/core/stats/**/*.test.ts', 'test/functions/core/rollup/**/*.test.ts'],
  },
});

// vitest reads the default export of its config file.
export default config;
