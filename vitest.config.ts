import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    reporters: ['default', './tests/support/no-skips-reporter.ts'],
    projects: [
      {
        test: {
          name: 'core',
          include: ['tests/core/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['tests/support/temp-cleanup.setup.ts'],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/e2e/build-renderer.setup.ts'],
          setupFiles: ['tests/support/temp-cleanup.setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // One browser at a time: two cores, and each test file drives a whole app.
          fileParallelism: false,
        },
      },
    ],
  },
});
