import { defineConfig } from 'vitest/config';

export const config = defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    silent: 'passed-only',
    // Node 20 is supported here; the SDK's notice about future versions is noise in a test run.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});

// vitest reads the default export of its config file; this is the one place a default export is required.
export default config;
