/**
 * Starts what the browser-mode e2e suite needs: its own redis-server on a free port and the console
 * (`node out/main/web.js`, built beforehand by `npm test`) against it, with a throw-away data folder.
 * Tests read the URLs from the environment (TMS_E2E_URL, TMS_E2E_TOKEN, TMS_E2E_REDIS_URL).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRedisServer } from '../../src/main/redis/testing/redis-server';

export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!existsSync('out/main/web.js')) {
    throw new Error('out/main/web.js is missing: run `npm run build` before the e2e suite (npm test does).');
  }
  const redis = await startRedisServer();
  const dataDir = mkdtempSync(join(tmpdir(), 'tms-e2e-data-'));
  const token = 'e2e-token-0123456789abcdef';
  const env = {
    ...process.env,
    PORT: '0',
    REDIS_URL: redis.url,
    TMS_DATA_DIR: dataDir,
    TMS_WEB_TOKEN: token,
    // the plan's Oracle latencies, scaled down so the suite stays quick but misses stay visible
    TMS_DEMO_LATENCY_SCALE: process.env.TMS_DEMO_LATENCY_SCALE ?? '0.05',
  };
  const server: ChildProcess = spawn(process.execPath, ['out/main/web.js'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web server did not start:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+\/)#token=/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    server.stdout?.on('data', onData);
    server.stderr?.on('data', (c: Buffer) => {
      output += c.toString();
    });
    server.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`web server exited with ${code}:\n${output}`));
    });
  });
  process.env.TMS_E2E_URL = url;
  process.env.TMS_E2E_TOKEN = token;
  process.env.TMS_E2E_REDIS_URL = redis.url;
  process.env.TMS_E2E_REDIS_PORT = String(redis.port);

  return async () => {
    server.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    if (server.exitCode === null) server.kill('SIGKILL');
    await redis.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
