import { defineConfig } from 'vitest/config';

// The tests Stryker runs against each mutant. run-mutate.mjs names them per module (the tests
// that exercise that module directly, seconds each); by default, the core suite without the two
// alignment suites that decode minutes of speech per run.
const named = (process.env.CUEWRIGHT_MUTATE_TESTS ?? '').split(',').filter(Boolean);

export default defineConfig({
  test: {
    include:
      named.length > 0 ? named.map((name) => `tests/core/${name}.test.ts`) : ['tests/core/**/*.test.ts'],
    exclude: ['tests/core/align-accuracy.test.ts', 'tests/core/align-human-speech.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
  },
});
