#!/usr/bin/env node
/**
 * `npm run bench [-- --quick] [-- --only=latency,consoles,stampede,outage,renderer]`
 *
 * The bench has its own package (bench/package.json + bench/package-lock.json): bentocache 1.6.1, the peer
 * we compare against, needs ioredis 5 while the product uses ioredis 6. This script
 *  1. installs the bench's dependencies when bench/node_modules is absent (`npm ci --prefix bench`);
 *  2. bundles the bench (TypeScript) together with the product code from ../src with esbuild, each import
 *     resolved from its own file: the product's `ioredis` is the root ioredis 6, bentocache's is ioredis 5;
 *     `@shared/*` → src/shared/*;
 *  3. runs bench/.build/main.cjs with the arguments given.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = dirname(fileURLToPath(import.meta.url));
const rootDir = resolve(benchDir, '..');
const outDir = join(benchDir, '.build');

if (!existsSync(join(benchDir, 'node_modules'))) {
  console.log('bench: installing its own dependencies (npm ci --prefix bench) ...');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['ci', '--prefix', benchDir, '--no-audit', '--no-fund'], { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error('bench: `npm ci --prefix bench` failed');
    process.exit(r.status ?? 1);
  }
}

const require = createRequire(join(benchDir, 'package.json'));
const esbuild = require('esbuild');
mkdirSync(outDir, { recursive: true });
await esbuild.build({
  entryPoints: {
    main: join(benchDir, 'src/main.ts'),
    worker: join(benchDir, 'src/worker.ts'),
    'stampede-worker': join(benchDir, 'src/stampede-worker.ts'),
    'oracle-server': join(benchDir, 'src/oracle-server.ts'),
  },
  outdir: outDir,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  logLevel: 'warning',
  alias: { '@shared': join(rootDir, 'src/shared') },
  // resolved at run time from the root node_modules (native parts / the browser driver)
  external: ['oracledb', 'electron', 'playwright-core', '@playwright/test'],
  tsconfig: join(benchDir, 'tsconfig.json'),
});

const r = spawnSync(
  process.execPath,
  ['--enable-source-maps', join(outDir, 'main.cjs'), ...process.argv.slice(2)],
  {
    stdio: 'inherit',
    cwd: rootDir,
    env: { ...process.env, TMS_BENCH_DIR: benchDir, TMS_ROOT_DIR: rootDir },
  },
);
process.exit(r.status ?? 1);
