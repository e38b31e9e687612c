/**
 * What the terminal says about Redis: one line naming it (password hidden) and whether L2 is on; with no
 * Redis, once, that the console runs on the in-process cache, and no raw client errors repeated; one
 * line when it comes and one when it goes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from './config';
import { type Core, createCore } from './core';
import { freePort, type RedisServerHandle, startRedisServer } from './redis/testing/redis-server';

const until = async (what: string, ok: () => boolean, timeoutMs = 15_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('the Redis line in the terminal', () => {
  const dirs: string[] = [];
  const cores: Core[] = [];
  let redis: RedisServerHandle | undefined;
  afterAll(async () => {
    for (const core of cores) await core.close();
    await redis?.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  const start = async (env: Record<string, string>) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tms-redis-line-'));
    dirs.push(dataDir);
    const info: string[] = [];
    const errors: string[] = [];
    const core = await createCore(
      loadConfig({ TMS_DATA_DIR: dataDir, TMS_DEMO_LATENCY_SCALE: '0', TMS_SECRET_STORE: 'memory', ...env }),
      {
        runtime: 'web',
        logInfo: (line) => info.push(line),
        logError: (message, error) => errors.push(`${message} ${error === undefined ? '' : String(error)}`),
      },
    );
    cores.push(core);
    return { core, info, errors };
  };

  it('with no Redis: one line, the in-process cache, no raw errors; then one line when it comes and goes', async () => {
    const port = await freePort();
    const { core, info, errors } = await start({
      REDIS_URL: `redis://tms:Line-Secret-1@127.0.0.1:${port}/0`,
      REDIS_CONNECT_TIMEOUT_MS: '300',
    });
    await until('the first line', () => info.length > 0);
    expect(info).toEqual([
      `Redis: redis://tms:***@127.0.0.1:${port}/0 is not reachable (connection refused): running on the in-process cache (L1); L2 turns on when it answers.`,
    ]);
    // reads keep working meanwhile, and the client keeps retrying in the background
    expect((await core.dispatch('monitor:sessions', { connId: 'demo' }, { transport: 'web' })).ok).toBe(true);
    await new Promise((r) => setTimeout(r, 1500)); // several reconnect attempts
    expect(info).toHaveLength(1);
    expect(
      errors.filter((e) => /ECONNREFUSED|Stream isn't writeable|redis:|cache (bus|stats|ttl)/.test(e)),
    ).toEqual([]);

    redis = await startRedisServer({
      port,
      args: ['--user', 'tms', 'on', '>Line-Secret-1', '~*', '&*', '+@all'],
    });
    await until('L2 on', () => info.length === 2, 20_000);
    expect(info[1]).toBe(`Redis: redis://tms:***@127.0.0.1:${port}/0: answers: L2 cache on.`);
    await redis.kill();
    await until('L2 gone', () => info.length === 3);
    expect(info[2]).toMatch(
      /^Redis: redis:\/\/tms:\*\*\*@127\.0\.0\.1:\d+\/0 stopped answering.*in-process cache/,
    );
    expect(info.join('\n')).not.toContain('Line-Secret-1');
  }, 60_000);

  it('with Redis up: one line naming it and saying L2 is on', async () => {
    const server = await startRedisServer();
    try {
      const { info } = await start({ REDIS_URL: server.url });
      await until('the first line', () => info.length > 0);
      expect(info).toEqual([`Redis: ${server.url}: L2 cache on.`]);
    } finally {
      await server.stop();
    }
  });

  it('with REDIS_ENABLED=false: one line, L1 only', async () => {
    const { info } = await start({ REDIS_ENABLED: 'false' });
    await until('the first line', () => info.length > 0);
    expect(info).toEqual(['Redis: off (REDIS_ENABLED=false): running on the in-process cache (L1) only.']);
  });
});
