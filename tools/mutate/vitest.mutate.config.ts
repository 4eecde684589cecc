import { defineConfig } from 'vitest/config';

// The tests Stryker runs against each mutant. run-mutate.mjs names them per module (the tests
// that exercise that module directly, seconds each); by default, the core suite without the two
// alignment suites that decode minutes of speech per run.
const named = (process.env.CUEWRIGHT_MUTATE_TESTS ?? '').split(',').filter(Boolean);
// Tests left out of mutation runs by name: minutes of signal through instrumented DSP loops (each
// arithmetic step of a mutated file is wrapped in a switch). npm test runs them.
const leftOut = process.env.CUEWRIGHT_MUTATE_LEAVE_OUT;

export default defineConfig({
  test: {
    include:
      named.length > 0 ? named.map((name) => `tests/core/${name}.test.ts`) : ['tests/core/**/*.test.ts'],
    exclude: ['tests/core/align-accuracy.test.ts', 'tests/core/align-human-speech.test.ts'],
    environment: 'node',
    setupFiles: ['tests/support/temp-cleanup.setup.ts'],
    testTimeout: 600_000,
    ...(leftOut ? { testNamePattern: new RegExp(`^(?!.*(?:${leftOut}))`) } : {}),
  },
});
