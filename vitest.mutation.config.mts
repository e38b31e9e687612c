// The tests StrykerJS runs against each mutant (stryker.config.mjs): those of the mutated code only.
import { defineConfig } from 'vitest/config';
import base from './vitest.config.mts';

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['src/main/cache/**/*.test.ts', 'src/main/oracle/errors.test.ts'],
  },
});
