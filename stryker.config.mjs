// Mutation testing of the cache and the Oracle error mapping (issue 16): `npm run test:mutation`.
// Not part of `npm test`: it reruns the related tests once per mutant (minutes per file, about an hour for
// all of src/main/cache on 2 busy cores: narrow it with --mutate).
// Incremental: results are kept in reports/stryker-incremental.json, so a rerun only tests changed code.
// Narrow it with e.g. `npm run test:mutation -- --mutate src/main/cache/ops/ttl-policy.ts`.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.mutation.config.mts', related: true },
  mutate: [
    'src/main/cache/**/*.ts',
    '!src/main/cache/**/*.test.ts',
    '!src/main/cache/**/testing/**',
    '!src/main/cache/ops/test-helpers.ts',
    'src/main/oracle/errors.ts',
  ],
  coverageAnalysis: 'perTest',
  concurrency: 1,
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  timeoutMS: 20_000,
  timeoutFactor: 2,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 80, low: 60, break: null },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
