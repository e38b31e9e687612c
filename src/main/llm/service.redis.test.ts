/**
 * LlmService over the real cache engine and a real redis-server child (the harness): the model answer
 * is shared through L2 by two consoles, the TTL is the `llm` tier's, model-change invalidation removes
 * the old model's keys from Redis, and a provider error leaves nothing in Redis.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CacheEngine } from '../cache/engine';
import { NamespaceInvalidator } from '../cache/ops/invalidator';
import type { EffectiveTtl } from '../cache/types';
import { createRedisClient, waitUntilReady } from '../redis/client';
import { type RedisServerHandle, startRedisServer } from '../redis/testing/redis-server';
import {
  createLlmService,
  llmPatternInvalidator,
  memoryApiKeyStore,
  memorySettingsStore,
  SETTINGS_KEY,
} from './service';
import { type FakeOpenAiServer, startFakeOpenAiServer } from './testing/fake-openai-server';

let redisServer: RedisServerHandle;
let model: FakeOpenAiServer;
let admin: Redis;
const clients: Redis[] = [];
const engines: CacheEngine[] = [];

beforeAll(async () => {
  [redisServer, model] = await Promise.all([startRedisServer(), startFakeOpenAiServer()]);
  admin = new Redis({ host: '127.0.0.1', port: redisServer.port, lazyConnect: true });
  await admin.connect();
});

afterAll(async () => {
  for (const e of engines) await e.close().catch(() => {});
  for (const c of clients) c.disconnect();
  admin?.disconnect();
  await model?.close();
  await redisServer?.stop();
});

const LLM_TTL: EffectiveTtl = { ttl: 86_400, l1Ttl: 10, grace: 0 };

async function console_(
  settingsStore = memorySettingsStore({
    [SETTINGS_KEY]: {
      provider: 'openai-compatible',
      baseUrl: model.baseUrl,
      model: 'model-a',
      timeoutMs: 5000,
    },
  }),
  engineOptions: { ttl?: EffectiveTtl; clock?: () => number } = {},
) {
  const redis = createRedisClient(
    { enabled: true, url: redisServer.url, maxReconnectDelayMs: 50, commandTimeoutMs: 1000 },
    { onError: () => {} },
  ) as Redis;
  clients.push(redis);
  await waitUntilReady(redis, 5000);
  const engine = new CacheEngine({
    redis,
    ttl: { ttlFor: () => engineOptions.ttl ?? LLM_TTL },
    consoleId: `llm-test-${engines.length}`,
    ...(engineOptions.clock ? { clock: engineOptions.clock } : {}),
  });
  engines.push(engine);
  const invalidator = new NamespaceInvalidator(redis);
  const llm = createLlmService({
    cache: engine,
    settingsStore,
    apiKeyStore: memoryApiKeyStore(),
    invalidatePattern: llmPatternInvalidator({
      dropLocalPrefix: (p) => engine.dropLocalPrefix(p),
      invalidatePrefix: (p) => invalidator.invalidatePrefix(p),
    }),
    chunkFlushMs: 0,
  });
  return { llm, engine };
}

const request = (sqlText: string, requestId: string) =>
  ({ requestId, connId: 'demo', sqlText, type: 'sql' }) as const;

describe('LlmService on the real cache engine + Redis', () => {
  it('one model call shared by two consoles through L2, with the llm TTL', async () => {
    const a = await console_();
    const b = await console_();
    const before = model.chats.length;
    const first = await a.llm.analyze(request('select ename from emp where empno = :1', 'x1'));
    expect(first.fromCache).toBe(false);
    expect(first.cache?.origin).toBe('oracle');
    const key = `tms:llm:sql:${first.hash}`;
    expect(first.cache?.key).toBe(key);
    expect(await admin.exists(key)).toBe(1);
    const pttl = await admin.pttl(key);
    expect(pttl).toBeGreaterThan(86_000_000);

    const againHere = await a.llm.analyze(request('SELECT ENAME FROM EMP WHERE EMPNO=:1', 'x2'));
    expect(againHere).toMatchObject({ fromCache: true, cache: { origin: 'l1' } });
    const otherConsole = await b.llm.analyze(request('select  ename\nfrom emp where empno = :1', 'x3'));
    expect(otherConsole).toMatchObject({ fromCache: true, cache: { origin: 'l2' } });
    expect(otherConsole.markdown).toBe(first.markdown);
    expect(model.chats.length - before).toBe(1);
  });

  it('two identical analyses at once: one model call, the second shares it (not "from cache")', async () => {
    const { llm } = await console_();
    const before = model.chats.length;
    const sql = 'select job, count(*) from emp group by job';
    const [x, y] = await Promise.all([llm.analyze(request(sql, 'c1')), llm.analyze(request(sql, 'c2'))]);
    expect(model.chats.length - before).toBe(1);
    expect([x.modelCalled, y.modelCalled].sort()).toEqual([false, true]);
    const shared = x.modelCalled ? y : x;
    expect(shared.markdown).toBe((x.modelCalled ? x : y).markdown);
    expect(shared.fromCache).toBe(['l1', 'l2', 'stale'].includes(shared.cache!.origin));
    expect(llm.stats().servedFromCache + llm.stats().sharedInFlight).toBe(1);
  });

  it('past its TTL but within grace: the old answer is served flagged stale, as "from cache"', async () => {
    let now = Date.now();
    const { llm, engine } = await console_(undefined, {
      ttl: { ttl: 60, l1Ttl: 5, grace: 3600 },
      clock: () => now,
    });
    const sql = 'select stale_case from dual';
    const first = await llm.analyze(request(sql, 's1'));
    expect(first.modelCalled).toBe(true);
    now += 120_000; // past the 60 s TTL, inside the grace window
    model.mode = 'error500'; // the background refresh fails: the stale answer stays
    try {
      const again = await llm.analyze(request(sql, 's2'));
      expect(again).toMatchObject({
        fromCache: true,
        modelCalled: false,
        cache: { origin: 'stale', stale: true },
      });
      expect(again.markdown).toBe(first.markdown);
      await engine.idle();
    } finally {
      model.mode = 'ok';
    }
  });

  it('a provider error stores nothing in Redis', async () => {
    const { llm } = await console_();
    model.mode = 'error500';
    try {
      await expect(llm.analyze(request('select 1 from t_error where a = 1', 'e1'))).rejects.toMatchObject({
        code: 'LLM_ERROR',
      });
    } finally {
      model.mode = 'ok';
    }
    const [, keys] = await admin.scan('0', 'MATCH', 'tms:llm:*', 'COUNT', 1000);
    const ok = await llm.analyze(request('select 1 from t_error where a = 1', 'e2'));
    expect(keys).not.toContain(`tms:llm:sql:${ok.hash}`);
    expect(ok.fromCache).toBe(false);
  });

  it('changing the model removes the old model’s keys from Redis and L1, not other models’', async () => {
    const { llm } = await console_();
    const a = await llm.analyze(request('select * from dept where deptno = 10', 'm1'));
    await llm.updateSettings({ model: 'model-b' });
    const b = await llm.analyze(request('select * from dept where deptno = 10', 'm2'));
    expect(await admin.exists(`tms:llm:sql:${a.hash}`)).toBe(0);
    expect(await admin.exists(`tms:llm:sql:${b.hash}`)).toBe(1);
    await llm.updateSettings({ model: 'model-a' });
    expect(await admin.exists(`tms:llm:sql:${b.hash}`)).toBe(0);
    const again = await llm.analyze(request('select * from dept where deptno = 10', 'm3'));
    expect(again.fromCache).toBe(false);
  });
});
