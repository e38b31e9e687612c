import type { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RedisServerHandle, startRedisServer } from '../../redis/testing/redis-server';
import { InvalidationBus } from './bus';
import { TTL_CONFIG_KEY } from './namespace';
import { clientFor, MapLocal, seed, waitFor } from './test-helpers';
import { defaultL1Ttl, defaultTtlFor, resourceMatcher, TtlPolicyStore } from './ttl-policy';

describe('TTL defaults', () => {
  it('follow the plan’s tiers with L1 5-10 s never above the TTL', () => {
    expect(defaultTtlFor('sessions')).toEqual({ ttl: 30, l1Ttl: 10, grace: 30 });
    expect(defaultTtlFor('realtime')).toEqual({ ttl: 15, l1Ttl: 7, grace: 15 });
    expect(defaultTtlFor('llm-sql')).toEqual({ ttl: 86_400, l1Ttl: 10, grace: 3600 });
    for (let ttl = 1; ttl < 100; ttl++) {
      const l1 = defaultL1Ttl(ttl);
      expect(l1).toBeGreaterThanOrEqual(1);
      expect(l1).toBeLessThanOrEqual(Math.min(10, ttl));
      if (ttl >= 10) expect(l1).toBeGreaterThanOrEqual(5);
    }
  });
  it('the resource matcher recognises exactly one resource', () => {
    const m = resourceMatcher('sql');
    expect(m.match).toBe('tms:*:sql:*');
    expect(m.accept('tms:demo:sql:abc')).toBe(true);
    expect(m.accept('tms:llm:sql:abc')).toBe(false);
    expect(m.accept('tms:demo:sql-text:abc')).toBe(false);
    expect(resourceMatcher('connections').accept('tms:connections')).toBe(true);
  });
});

describe('TtlPolicyStore (shared through a real Redis)', () => {
  let server: RedisServerHandle;
  let a: Redis;
  let b: Redis;
  beforeAll(async () => {
    server = await startRedisServer();
    a = clientFor(server);
    b = clientFor(server);
  });
  afterAll(async () => {
    a.disconnect();
    b.disconnect();
    await server.stop();
  });
  beforeEach(async () => {
    await a.unlink(TTL_CONFIG_KEY);
  });

  it('validates, saves to the shared hash, and another console reloads through the bus', async () => {
    const busA = new InvalidationBus({ redis: a, consoleId: 'A', local: new MapLocal() });
    const busB = new InvalidationBus({ redis: b, consoleId: 'B', local: new MapLocal() });
    await Promise.all([busA.start(), busB.start()]);
    const storeA = new TtlPolicyStore({ redis: a, broadcast: () => busA.publishConfig('ttlPolicy') });
    const changes: number[] = [];
    const storeB = new TtlPolicyStore({ redis: b, onChanged: (s) => changes.push(s.loadedAt) });
    busB.onConfigChanged((m) => {
      if (m.kind === 'ttlPolicy') void storeB.load();
    });
    expect(await storeB.load()).toBe(true);

    await expect(storeA.setResource('sessions', { ttl: 0 })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(storeA.setResource('sessions', { ttl: 10, l1Ttl: 20 })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    await expect(storeA.setResource('sessions', { ttl: 8 * 24 * 3600 })).rejects.toMatchObject({
      code: 'VALIDATION',
    });

    await storeA.setResource('sessions', { ttl: 45 });
    expect(storeA.ttlFor('sessions')).toEqual({ ttl: 45, l1Ttl: 10, grace: 45 });
    await waitFor(() => storeB.ttlFor('sessions').ttl === 45);
    expect(changes.length).toBeGreaterThan(0);

    await storeA.setTier('metadata', { ttl: 600, l1Ttl: 6, grace: 0 });
    await waitFor(() => storeB.ttlFor('tables').ttl === 600);
    expect(storeB.ttlFor('columns')).toEqual({ ttl: 600, l1Ttl: 6, grace: 0 });
    const snap = storeB.snapshot();
    expect(snap.resources.find((r) => r.resource === 'tables')?.source).toBe('tier');
    expect(snap.resources.find((r) => r.resource === 'sessions')?.source).toBe('resource');
    expect(snap.tiers.find((t) => t.tier === 'metadata')?.override).toEqual({ ttl: 600, l1Ttl: 6, grace: 0 });

    await storeA.reset({ resource: 'sessions' });
    await waitFor(() => storeB.ttlFor('sessions').ttl === 30);
    await storeA.reset();
    await waitFor(() => storeB.ttlFor('tables').ttl === 1800);
    await busA.stop();
    await busB.stop();
  });

  it('ignores invalid hand-written entries', async () => {
    await a.hset(
      TTL_CONFIG_KEY,
      'res:sessions',
      '{"ttl":-5}',
      'res:locks',
      'garbage',
      'res:health',
      '{"ttl":40}',
    );
    const store = new TtlPolicyStore({ redis: a });
    await store.load();
    expect(store.ttlFor('sessions').ttl).toBe(30);
    expect(store.ttlFor('locks').ttl).toBe(30);
    expect(store.ttlFor('health').ttl).toBe(40);
  });

  it('applies a new TTL to the existing keys of one resource, every connection, nothing else', async () => {
    await seed(a, ['tms:demo:sessions', 'tms:demo2:sessions', 'tms:demo:locks', 'tms:llm:sql:h'], 'v', 1000);
    const store = new TtlPolicyStore({ redis: a });
    await store.setResource('sessions', { ttl: 20, grace: 5 });
    const result = await store.applyToExisting('sessions');
    expect(result).toEqual({ updated: 2, ttlMs: 25_000 });
    expect(await a.pttl('tms:demo:sessions')).toBeLessThanOrEqual(25_000);
    expect(await a.pttl('tms:demo2:sessions')).toBeLessThanOrEqual(25_000);
    expect(await a.pttl('tms:demo:locks')).toBeGreaterThan(900_000);
  });

  it('keeps serving the last policy when Redis is down, and refuses to save', async () => {
    const store = new TtlPolicyStore({ redis: b });
    await b.hset(TTL_CONFIG_KEY, 'res:dashboard', '{"ttl":90}');
    await store.load();
    await server.kill();
    try {
      expect(await store.load()).toBe(false);
      expect(store.ttlFor('dashboard').ttl).toBe(90);
      await expect(store.setResource('dashboard', { ttl: 60 })).rejects.toMatchObject({
        code: 'REDIS_UNAVAILABLE',
      });
    } finally {
      await server.start();
    }
    const fresh = new TtlPolicyStore({ redis: b });
    expect(fresh.ttlFor('dashboard').ttl).toBe(30);
    expect(fresh.snapshot().loadedFrom).toBe('defaults');
  });
});
