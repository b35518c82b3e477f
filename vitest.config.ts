import { defineConfig } from 'vitest/config';

export const config = defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    silent: 'passed-only',
  },
});

// vitest reads the default export of its config file; this is the one place a default export is required.
export default config;
