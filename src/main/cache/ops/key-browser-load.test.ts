/**
 * A burst of key-browser requests against a real redis-server, through the production client (500 ms command
 * timeout): they queue behind a small concurrency limit and all succeed, instead of piling SCANs onto the
 * connection until commands time out (issue 16).
 */
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisClient, waitUntilReady } from '../../redis/client';
import { type RedisServerHandle, startRedisServer } from '../../redis/testing/redis-server';
import { KeyBrowser } from './key-browser';
import { ConcurrencyLimit } from './limit';
import { clientFor } from './test-helpers';
import { TtlPolicyStore } from './ttl-policy';

const KEYS = 60_000;
let server: RedisServerHandle;
let client: Redis;

beforeAll(async () => {
  server = await startRedisServer();
  client = createRedisClient({ enabled: true, url: server.url }, { onError: () => {} }) as Redis;
  await waitUntilReady(client, 5000);
  // a big keyspace, written server-side, through a plain client (no 500 ms command timeout while seeding)
  const seeder = clientFor(server);
  await seeder.eval(
    "for i = 1, tonumber(ARGV[1]) do redis.call('SET', 'tms:load' .. (i % 50) .. ':sessions:' .. i, 'v') end",
    0,
    KEYS,
  );
  seeder.disconnect();
}, 60_000);

afterAll(async () => {
  client?.disconnect();
  await server?.stop();
});

/** counts the SCAN commands in flight on the client (a spy: Redis itself answers every command) */
function scanSpy(redis: Redis) {
  const original = redis.call.bind(redis) as (...args: unknown[]) => Promise<unknown>;
  const state = { inflight: 0, max: 0, total: 0 };
  (redis as unknown as { call: (...args: unknown[]) => Promise<unknown> }).call = (...args: unknown[]) => {
    if (String(args[0]).toUpperCase() !== 'SCAN') return original(...args);
    state.inflight++;
    state.total++;
    state.max = Math.max(state.max, state.inflight);
    return original(...args).finally(() => state.inflight--);
  };
  return state;
}

describe('key browser under load', () => {
  it('200 concurrent requests queue (bounded concurrency) and all succeed', async () => {
    const browser = new KeyBrowser({ redis: client, ttl: new TtlPolicyStore({ redis: client }) });
    const spy = scanSpy(client);
    let maxQueued = 0;
    const someKeys = Array.from({ length: 100 }, (_, i) => `tms:load${(i + 1) % 50}:sessions:${i + 1}`);
    const requests = Array.from({ length: 200 }, (_, i) =>
      i % 4 === 3
        ? browser.keyDetails(someKeys)
        : // a pattern that matches nothing: every page scans until its call cap or time budget
          browser.scanKeys({ pattern: 'nothing:*', count: 2000, budgetMs: 40 }),
    );
    const watcher = setInterval(() => {
      maxQueued = Math.max(maxQueued, browser.load.queued);
    }, 5);
    const results = await Promise.allSettled(requests);
    clearInterval(watcher);
    const failed = results.filter((r) => r.status === 'rejected');
    expect(failed.map((f) => (f as PromiseRejectedResult).reason?.code ?? String(f))).toEqual([]);
    expect(spy.max).toBeLessThanOrEqual(4);
    expect(maxQueued).toBeGreaterThan(100); // it degraded by queueing
    expect(browser.load).toEqual({ active: 0, queued: 0 });
    for (const r of results.slice(0, 3)) {
      expect(r.status === 'fulfilled' && 'keys' in r.value ? r.value.keys : null).toEqual([]);
    }
    const details = results[3];
    expect(details?.status === 'fulfilled' && Array.isArray(details.value) ? details.value.length : 0).toBe(
      100,
    );
  }, 60_000);
});

describe('ConcurrencyLimit', () => {
  it('runs at most max at once, in arrival order, and refuses beyond the queue bound (retryable)', async () => {
    const limit = new ConcurrencyLimit({ max: 2, maxQueued: 3, what: 'The key browser' });
    const order: number[] = [];
    let running = 0;
    let peak = 0;
    const gates: (() => void)[] = [];
    const task = (n: number) =>
      limit.run(async () => {
        running++;
        peak = Math.max(peak, running);
        order.push(n);
        await new Promise<void>((r) => gates.push(r));
        running--;
        return n;
      });
    const runs = [1, 2, 3, 4, 5].map(task);
    await expect(task(6)).rejects.toMatchObject({ code: 'REDIS_UNAVAILABLE', retryable: true });
    expect({ active: limit.active, queued: limit.queued }).toEqual({ active: 2, queued: 3 });
    while (order.length < 5 || gates.length > 0) {
      await new Promise((r) => setTimeout(r, 1));
      gates.shift()?.();
    }
    expect(await Promise.all(runs)).toEqual([1, 2, 3, 4, 5]);
    expect(order).toEqual([1, 2, 3, 4, 5]);
    expect(peak).toBe(2);
    expect({ active: limit.active, queued: limit.queued }).toEqual({ active: 0, queued: 0 });
    // a failing task frees its slot
    await expect(limit.run(async () => Promise.reject(new Error('x')))).rejects.toThrow('x');
    expect(limit.active).toBe(0);
  });
});
