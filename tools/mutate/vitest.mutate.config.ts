import { defineConfig } from 'vitest/config';

// The tests Stryker runs against each mutant: the core suite without the two alignment suites
// that decode hours of speech (minutes per run; they guard the engines end to end, while
// the unit tests under tests/core cover the pure modules mutated here).
export default defineConfig({
  test: {
    include: ['tests/core/**/*.test.ts'],
    exclude: ['tests/core/align-accuracy.test.ts', 'tests/core/align-human-speech.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
  },
});
