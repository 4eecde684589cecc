// Stryker mutation testing for Cuewright's pure layers and persistence code.
// Run through `npm run mutate [-- path ...]` (tools/mutate/run-mutate.mjs), from the repo root.
// run-mutate.mjs names the files to mutate and the report to keep in two variables, so one run of
// a single module never overwrites the report of another.
const targets = (process.env.CUEWRIGHT_MUTATE ?? '').split(',').filter(Boolean);
const report = process.env.CUEWRIGHT_MUTATE_REPORT ?? 'all';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'tools/mutate/vitest.mutate.config.ts', pool: 'forks' },
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  coverageAnalysis: 'perTest',
  mutate: targets.length > 0 ? targets : ['audio/export/**/*.ts'],
  // A re-run only tests mutants whose code or covering tests changed since the committed report.
  incremental: true,
  incrementalFile: `reports/mutation/${report}.incremental.json`,
  reporters: ['progress', 'clear-text', 'html', 'json'],
  htmlReporter: { fileName: `reports/mutation/html/${report}.html` },
  jsonReporter: { fileName: `reports/mutation/${report}.json` },
  thresholds: { high: 80, low: 70, break: null },
  concurrency: 2,
  timeoutMS: 20_000,
  // Instrumented DSP loops run many times slower than plain ones: the first run gets room.
  dryRunTimeoutMinutes: 30,
  ignorePatterns: [
    'tools/mutate/node_modules',
    '.stryker-tmp',
    'tests/.artifacts',
    '.proto',
    'reports',
    'dist-electron',
    'out',
  ],
  // One folder per report, so two modules can be run at once: 'always' clears the whole folder.
  tempDirName: `.stryker-tmp/${report}`,
  cleanTempDir: 'always',
};
