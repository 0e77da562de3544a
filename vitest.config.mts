import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Worker threads crash the Temporal native bridge on exit; forked processes do not.
    pool: 'forks',
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/setup-runtime.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
