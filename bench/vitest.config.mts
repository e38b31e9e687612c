// The bench's own unit tests (pure helpers: percentiles, goals, the SVG chart). The root `vitest run`
// (npm test) includes them too; this config runs them alone: `npx vitest run --config bench/vitest.config.mts`.
import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: import.meta.dirname,
  resolve: { alias: { '@shared': resolve(import.meta.dirname, '../src/shared') } },
  test: { include: ['src/**/*.test.ts'], environment: 'node', pool: 'forks' },
});
