#!/usr/bin/env node
/**
 * The activity section alone, without the bench's own package (no esbuild needed): TypeScript loaded
 * with jiti from the root node_modules. Writes bench/results/activity.{json,md} (activity-quick.* with
 * --quick). Same code as `npm run bench -- --only=activity`.
 *   node bench/activity.mjs [--quick] [--consoles=1,10,50] [--no-write]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createJiti } from 'jiti';

const benchDir = dirname(fileURLToPath(import.meta.url));
const rootDir = resolve(benchDir, '..');
const jiti = createJiti(import.meta.url, { alias: { '@shared': join(rootDir, 'src/shared') } });
const arg = (name) =>
  process.argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`))?.split('=')[1] ??
  (process.argv.includes(`--${name}`) ? 'true' : undefined);
const quick = arg('quick') === 'true';
const ks = (arg('consoles') ?? '1,10,50')
  .split(',')
  .map(Number)
  .filter((k) => k > 0);
const log = (m) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${m}\n`);

const { startRedisServer } = await jiti.import(join(rootDir, 'src/main/redis/testing/redis-server.ts'));
const { runActivity, activityMarkdown } = await jiti.import(join(benchDir, 'src/activity.ts'));
const redis = await startRedisServer();
try {
  const result = await runActivity({ redisUrl: redis.url, rootDir, quick, ks, log });
  const md = activityMarkdown(result);
  process.stdout.write(`${md}\n`);
  if (arg('no-write') === undefined) {
    mkdirSync(join(benchDir, 'results'), { recursive: true });
    const suffix = quick ? '-quick' : '';
    writeFileSync(
      join(benchDir, 'results', `activity${suffix}.json`),
      `${JSON.stringify(result, null, 2)}\n`,
    );
    writeFileSync(join(benchDir, 'results', `activity${suffix}.md`), md);
  }
} finally {
  await redis.stop();
}
