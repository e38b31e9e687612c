/**
 * The ops wired as the composition root wires them: two consoles (each its own production-config client,
 * engine and ops) on one real Redis.
 */
import type { PayloadOf } from '@shared/contract';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppEvents } from '../../events';
import { closeRedisClient, createRedisClient, waitUntilReady } from '../../redis/client';
import { type RedisServerHandle, startRedisServer } from '../../redis/testing/redis-server';
import { CacheEngine } from '../engine';
import { buildKey } from '../keys';
import { type CacheOps, createCacheOps, l2ControlFrom } from './index';
import { allKeys, waitFor } from './test-helpers';

interface Console {
  id: string;
  ops: CacheOps;
  engine: CacheEngine;
  events: AppEvents;
  seen: { name: string; payload: unknown }[];
  close(): Promise<void>;
}

async function startConsole(url: string, id: string): Promise<Console> {
  const redis = createRedisClient({ enabled: true, url, commandTimeoutMs: 1000 });
  await waitUntilReady(redis, 5000);
  const events = new AppEvents();
  const seen: { name: string; payload: unknown }[] = [];
  events.onAny((name, payload) => seen.push({ name, payload }));
  let engine: CacheEngine | undefined;
  const ops = createCacheOps({
    redis,
    consoleId: id,
    events,
    local: () => engine!,
    l2: () => l2ControlFrom(engine!),
    statsIntervalMs: 250,
  });
  engine = new CacheEngine({
    redis,
    consoleId: id,
    ttl: ops.ttl,
    stats: ops.stats,
    publishInvalidation: ops.publishInvalidation,
    namespaceInvalidator: ops.invalidator ?? undefined,
  });
  await ops.start();
  return {
    id,
    ops,
    engine,
    events,
    seen,
    close: async () => {
      await ops.close();
      await engine!.close();
      await closeRedisClient(redis);
    },
  };
}

describe('createCacheOps: two consoles, one real Redis', () => {
  let server: RedisServerHandle;
  let probe: Redis;
  let a: Console;
  let b: Console;
  let oracleCalls = 0;
  const fetch = (label: string) => async () => {
    oracleCalls++;
    return { label, n: oracleCalls };
  };

  beforeAll(async () => {
    server = await startRedisServer();
    probe = new Redis(server.port, '127.0.0.1');
    a = await startConsole(server.url, 'console-A');
    b = await startConsole(server.url, 'console-B');
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    probe?.disconnect();
    await server?.stop();
  });

  it('clearing a connection removes exactly its keys in Redis and drops the other console’s L1', async () => {
    for (const c of [a, b]) {
      await c.engine.getOrFetch({ resource: 'sessions', connId: 'demo' }, fetch('s-demo'));
      await c.engine.getOrFetch({ resource: 'top-sql', connId: 'demo', params: [10] }, fetch('t-demo'));
      await c.engine.getOrFetch({ resource: 'sessions', connId: 'demo2' }, fetch('s-demo2'));
    }
    expect(oracleCalls).toBe(3); // B read everything from L2
    // the team's records of the connection (sampled activity, alerts) are not cached reads
    await probe.set('tms:demo:activity:{demo}:samples', 'x');
    await probe.set('tms:demo:alerts:{demo}:open', 'x');
    const before = await allKeys(probe, 'tms:*');
    expect(before).toEqual([
      'tms:demo2:sessions',
      'tms:demo:activity:{demo}:samples',
      'tms:demo:alerts:{demo}:open',
      'tms:demo:sessions',
      'tms:demo:top-sql:10',
    ]);

    const result = await a.ops.admin.invalidate({ scope: 'connection', connId: 'demo' });
    expect(result).toEqual({ removed: 2, l2: 'ok' });
    expect(await allKeys(probe, 'tms:*')).toEqual([
      'tms:demo2:sessions',
      'tms:demo:activity:{demo}:samples',
      'tms:demo:alerts:{demo}:open',
    ]);
    // the connection itself changed or went away: its records go with its cached values
    expect(await a.engine.invalidateConnection('demo')).toBe(2);
    expect(await allKeys(probe, 'tms:*')).toEqual(['tms:demo2:sessions']);
    expect(a.seen.some((e) => e.name === 'cache:invalidated')).toBe(true);

    await waitFor(() => b.seen.some((e) => e.name === 'cache:invalidated'));
    const again = await b.engine.getOrFetch({ resource: 'sessions', connId: 'demo' }, fetch('s-demo'));
    expect(again.cache.origin).toBe('oracle');
    const other = await b.engine.getOrFetch({ resource: 'sessions', connId: 'demo2' }, fetch('s-demo2'));
    expect(other.cache.origin).toBe('l1');
  });

  it('a TTL change reaches the other console and shows on its next write', async () => {
    await a.ops.admin.setTtl({ resource: 'dashboard', ttl: 100, grace: 20 });
    await waitFor(() => b.ops.ttl.ttlFor('dashboard').ttl === 100);
    expect(b.seen.some((e) => e.name === 'cache:ttlPolicyChanged')).toBe(true);
    await b.engine.getOrFetch({ resource: 'dashboard', connId: 'demo' }, fetch('d'));
    const pttl = await probe.pttl(buildKey({ resource: 'dashboard', connId: 'demo' }));
    expect(pttl).toBeGreaterThan(110_000);
    expect(pttl).toBeLessThanOrEqual(120_000);
    await a.ops.admin.resetTtl({});
    await waitFor(() => b.ops.ttl.ttlFor('dashboard').ttl === 30);
  });

  it('stats tick with per-console and all-console numbers; the hit ratio moves as views are reopened', async () => {
    await waitFor(() => a.seen.some((e) => e.name === 'cache:stats'));
    const first = await a.ops.stats.tick();
    const ratio0 = first.console.summary.hitRatio ?? 0;
    for (let i = 0; i < 20; i++)
      await a.engine.getOrFetch({ resource: 'sessions', connId: 'demo2' }, fetch('x'));
    const snap = await a.ops.stats.tick();
    expect(snap.console.summary.hitRatio!).toBeGreaterThan(ratio0);
    expect(snap.all!.summary.lookups).toBeGreaterThanOrEqual(snap.console.summary.lookups);
    expect(snap.keyspace).not.toBeNull();
    const latest = (await a.ops.admin.stats()) as PayloadOf<'cache:stats'>;
    expect(latest.consoleId).toBe('console-A');
  });

  it('the key browser, key details, value and delete work through the facade', async () => {
    const page = await a.ops.admin.scanKeys({ pattern: 'demo2:*' });
    expect(page.keys).toEqual(['tms:demo2:sessions']);
    const [details] = await a.ops.admin.keyDetails(page.keys);
    expect(details).toMatchObject({
      type: 'string',
      resource: 'sessions',
      connId: 'demo2',
      writtenBy: 'console-A',
    });
    expect(details!.ageMs).not.toBeNull();
    const value = await a.ops.admin.getValue('tms:demo2:sessions');
    expect(value.json).toMatchObject({ $tms: 1 });
    expect(await a.ops.admin.deleteKey('tms:demo2:sessions')).toEqual({ removed: 1 });
    await waitFor(async () => {
      const r = await b.engine.getOrFetch({ resource: 'sessions', connId: 'demo2' }, fetch('s'));
      return r.cache.origin === 'oracle';
    });
  });

  it('Redis info and the L2 switch: off keeps reads working and invalidation L1-only', async () => {
    const view = await a.ops.admin.redisInfo();
    expect(view.info?.mode).toBe('standalone');
    expect(view.l2).toMatchObject({ enabled: true, state: 'closed' });
    expect(a.ops.admin.setL2Enabled(false)).toMatchObject({ enabled: false, state: 'disabled' });
    expect(a.seen.some((e) => e.name === 'cache:l2State')).toBe(true);
    const r = await a.engine.getOrFetch({ resource: 'health', connId: 'demo' }, fetch('h'));
    expect(r.cache.origin).toBe('oracle');
    expect(await a.ops.admin.invalidate({ scope: 'all' })).toEqual({ removed: 0, l2: 'skipped' });
    a.ops.admin.setL2Enabled(true);
    const removed = await a.ops.admin.invalidate({ scope: 'all' });
    expect(removed.l2).toBe('ok');
    expect(await allKeys(probe, 'tms:*')).toEqual(
      ['tms:stats:total', ...(await allKeys(probe, 'tms:stats:m:*'))].sort(),
    );
  });
});

describe('createCacheOps when Redis is down at start-up', () => {
  it('starts anyway, answers the panel, and subscribes once Redis comes up', async () => {
    const server = await startRedisServer();
    await server.kill();
    const redis = createRedisClient(
      { enabled: true, url: server.url, commandTimeoutMs: 300, maxReconnectDelayMs: 100 },
      { onError: () => {} },
    );
    const local = { drops: 0, clears: 0 };
    const ops = createCacheOps({
      redis,
      consoleId: 'solo',
      local: {
        dropLocal: () => local.drops++,
        dropLocalPrefix: () => local.drops++,
        clearLocal: () => local.clears++,
      },
    });
    try {
      await ops.start();
      const snap = await ops.admin.stats();
      expect(snap.all).toBeNull();
      expect(snap.threshold).toMatchObject({ percent: 60, scope: 'console' });
      expect(ops.ttl.ttlFor('sessions').ttl).toBe(30);
      const view = await ops.admin.redisInfo();
      expect(view.info).toBeNull();
      expect(view.error).toBeTruthy();
      expect(await ops.admin.invalidate({ scope: 'connection', connId: 'demo' })).toEqual({
        removed: 0,
        l2: 'unavailable',
      });
      expect(local.drops).toBeGreaterThan(0);
      await expect(ops.admin.setTtl({ resource: 'sessions', ttl: 40 })).rejects.toMatchObject({
        code: 'REDIS_UNAVAILABLE',
      });
      await server.start();
      await waitFor(() => local.clears > 0); // subscribed (late): the L1 is cleared for missed messages
    } finally {
      await ops.close();
      await closeRedisClient(redis);
      await server.stop();
    }
  });
});
