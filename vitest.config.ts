import { defineConfig } from 'vitest/config';

export const config = defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    // No test may pass or fail by the clock: a loaded 2-core machine runs some files several times slower than an
    // idle one. The limits only stop a test that hangs.
    testTimeout: 600_000,
    hookTimeout: 600_000,
    silent: 'passed-only',
    // Node 20 is supported here; the SDK's notice about future versions is noise in a test run.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});

// vitest reads the default export of its config file; this is the one place a default export is required.
export default config;
