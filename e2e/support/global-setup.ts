/**
 * Starts what the browser-mode e2e suite needs: its own redis-server on a free port and the console
 * (`node out/main/web.js`, built beforehand by `npm test`) against it, with a throw-away data folder.
 * Tests read the URLs from the environment (TMS_E2E_URL, TMS_E2E_TOKEN, TMS_E2E_REDIS_URL).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRedisServer } from '../../src/main/redis/testing/redis-server';
import { spawnWebConsole } from '../../src/main/web/testing/spawn-console';

export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!existsSync('out/main/web.js')) {
    throw new Error('out/main/web.js is missing: run `npm run build` before the e2e suite (npm test does).');
  }
  const redis = await startRedisServer();
  const dataDir = mkdtempSync(join(tmpdir(), 'tms-e2e-data-'));
  const token = 'e2e-token-0123456789abcdef';
  const server = await spawnWebConsole({
    env: {
      REDIS_URL: redis.url,
      TMS_DATA_DIR: dataDir,
      TMS_WEB_TOKEN: token,
      // the plan's Oracle latencies, scaled down so the suite stays quick but misses stay visible
      TMS_DEMO_LATENCY_SCALE: process.env.TMS_DEMO_LATENCY_SCALE ?? '0.05',
      ...(process.env.TMS_RENDERER_DIR ? { TMS_RENDERER_DIR: process.env.TMS_RENDERER_DIR } : {}),
    },
  }).catch(async (error: unknown) => {
    await redis.stop();
    throw error;
  });
  process.env.TMS_E2E_URL = server.url;
  process.env.TMS_E2E_TOKEN = token;
  process.env.TMS_E2E_REDIS_URL = redis.url;
  process.env.TMS_E2E_REDIS_PORT = String(redis.port);

  return async () => {
    await server.stop();
    await redis.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
