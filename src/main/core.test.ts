import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Cached } from '@shared/cache';
import { CHANNELS } from '@shared/contract';
import type { Result } from '@shared/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from './config';
import { type Core, createCore } from './core';
import { type FakeOpenAiServer, startFakeOpenAiServer } from './llm/testing/fake-openai-server';
import { type RedisServerHandle, startRedisServer } from './redis/testing/redis-server';

/** The composition root, end to end: two consoles sharing one real Redis and the demo database. */
describe('core (composition root)', () => {
  let redis: RedisServerHandle;
  const dirs: string[] = [];
  const cores: Core[] = [];

  const newCore = async (env: Record<string, string> = {}): Promise<Core> => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tms-core-'));
    dirs.push(dataDir);
    const config = loadConfig({
      REDIS_URL: redis.url,
      TMS_DATA_DIR: dataDir,
      TMS_DEMO_LATENCY_SCALE: '0',
      TMS_SECRET_STORE: 'memory',
      ...env,
    });
    const core = await createCore(config, { runtime: 'web', logError: () => {} });
    cores.push(core);
    return core;
  };

  const read = async (core: Core, channel: string, request: unknown) => {
    const result = (await core.dispatch(channel, request, { transport: 'web' })) as Result<Cached<unknown>>;
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    return result.data;
  };

  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    for (const core of cores) await core.close();
    await redis.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('reads through L1 and L2: Oracle once, then this console from L1, another console from L2', async () => {
    const a = await newCore();
    const b = await newCore();
    const first = await read(a, 'monitor:sessions', { connId: 'demo' });
    expect(first.cache.origin).toBe('oracle');
    expect(first.cache.key).toBe('tms:demo:sessions');
    expect((await read(a, 'monitor:sessions', { connId: 'demo' })).cache.origin).toBe('l1');
    const fromB = await read(b, 'monitor:sessions', { connId: 'demo' });
    expect(fromB.cache.origin).toBe('l2');
    expect(fromB.cache.storedAt).toBe(first.cache.storedAt);
    // manual refresh bypasses the cache everywhere
    const refreshed = await read(b, 'monitor:sessions', { connId: 'demo', refresh: true });
    expect(refreshed.cache.origin).toBe('oracle');
  });

  it('reports the Redis state and keeps answering when Redis dies', async () => {
    const core = await newCore();
    await read(core, 'monitor:locks', { connId: 'demo' });
    const state = await core.dispatch('app:redisState', {}, { transport: 'web' });
    expect(state).toMatchObject({ ok: true, data: { enabled: true, connected: true } });

    await redis.kill();
    try {
      const answer = await read(core, 'monitor:waitEvents', { connId: 'demo' });
      expect(answer.cache.origin).toBe('oracle');
    } finally {
      await redis.start();
    }
  });

  it('runs on L1 + Oracle with REDIS_ENABLED=false', async () => {
    const core = await newCore({ REDIS_ENABLED: 'false' });
    expect((await read(core, 'monitor:dashboard', { connId: 'demo' })).cache.origin).toBe('oracle');
    expect((await read(core, 'monitor:dashboard', { connId: 'demo' })).cache.origin).toBe('l1');
    const state = await core.dispatch('app:redisState', {}, { transport: 'web' });
    expect(state).toMatchObject({ ok: true, data: { enabled: false, breaker: 'disabled' } });
  });

  it('wires a handler to every channel of the contract', async () => {
    const core = await newCore({ REDIS_ENABLED: 'false' });
    // a request no schema accepts: a wired channel answers VALIDATION (its handler never runs),
    // an unwired one UNSUPPORTED
    const unwired: string[] = [];
    for (const channel of CHANNELS) {
      const result = await core.dispatch(channel, { notAField: 1 }, { transport: 'web' });
      if (!result.ok && result.error.code === 'UNSUPPORTED') unwired.push(channel);
    }
    expect(unwired).toEqual([]);
  });

  it('a new analysis model clears the answers of the old one here, in Redis and in the other consoles', async () => {
    const model: FakeOpenAiServer = await startFakeOpenAiServer();
    try {
      const a = await newCore();
      const b = await newCore();
      const call = async (core: Core, channel: string, request: unknown) => {
        const result = await core.dispatch(channel, request, { transport: 'web' });
        if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
        return result.data as Record<string, unknown>;
      };
      const settings = { provider: 'openai-compatible', baseUrl: model.baseUrl, model: 'model-a' };
      await call(a, 'llm:updateSettings', settings);
      await call(b, 'llm:updateSettings', settings);
      const analyze = { connId: 'demo', sqlText: 'select * from emp', type: 'sql' };
      expect(await call(a, 'llm:analyze', { ...analyze, requestId: 'a1' })).toMatchObject({
        modelCalled: true,
      });
      // b finds a's answer in Redis
      expect(await call(b, 'llm:analyze', { ...analyze, requestId: 'b1' })).toMatchObject({
        fromCache: true,
      });
      const chats = model.chats.length;

      await call(a, 'llm:updateSettings', { model: 'model-b' });
      await call(a, 'llm:updateSettings', { model: 'model-a' });
      // gone from Redis and from b's L1 (the bus): b asks the model again
      await expect
        .poll(
          async () => (await call(b, 'llm:analyze', { ...analyze, requestId: `b${Date.now()}` })).modelCalled,
        )
        .toBe(true);
      expect(model.chats.length).toBeGreaterThan(chats);
    } finally {
      await model.close();
    }
  });
});
