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
  it('the resource matcher handles global resources: an exact key, or a prefix', () => {
    const conns = resourceMatcher('connections');
    expect(conns.match).toBe('tms:connections*');
    expect(conns.accept('tms:connections')).toBe(true);
    expect(conns.accept('tms:connections2')).toBe(false);
    const llm = resourceMatcher('llm-sql');
    expect(llm.match).toBe('tms:llm:sql:*');
    expect(llm.accept('tms:llm:sql:h')).toBe(true);
    expect(llm.accept('tms:llm:plan:h')).toBe(false);
    expect(resourceMatcher('sessions')).toMatchObject({ match: 'tms:*:sessions' });
    expect(resourceMatcher('sessions').accept('tms:demo:locks')).toBe(false);
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

  it('refuses unknown names; an L1 TTL equal to the TTL is allowed; reset drops only what was named', async () => {
    const store = new TtlPolicyStore({ redis: a });
    await expect(store.setResource('nope' as never, { ttl: 10 })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    await expect(store.setTier('nope' as never, { ttl: 10 })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(store.applyToExisting({ resources: ['nope' as never] })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    expect(await a.hlen(TTL_CONFIG_KEY)).toBe(0);
    await store.setResource('sessions', { ttl: 20, l1Ttl: 20 });
    expect(store.ttlFor('sessions')).toMatchObject({ ttl: 20, l1Ttl: 20 });
    await expect(store.setResource('sessions', { ttl: 20, l1Ttl: 21 })).rejects.toMatchObject({
      code: 'VALIDATION',
      details: { issues: [{ path: 'l1Ttl', message: 'The L1 TTL cannot be longer than the L2 TTL.' }] },
    });
    await store.setTier('metadata', { ttl: 600 });
    await store.setTier('schema', { ttl: 700 });
    await store.reset({ tier: 'metadata' });
    expect(await a.hkeys(TTL_CONFIG_KEY)).toEqual(expect.arrayContaining(['res:sessions', 'tier:schema']));
    expect(await a.hexists(TTL_CONFIG_KEY, 'tier:metadata')).toBe(0);
    await store.reset({ resource: 'sessions' });
    expect(await a.hkeys(TTL_CONFIG_KEY)).toEqual(['tier:schema']);
    expect(store.ttlFor('schemas').ttl).toBe(700);
    expect(store.ttlFor('tables').ttl).toBe(1800);
  });

  it('ignores hand-written entries under the wrong kind of field', async () => {
    await a.hset(
      TTL_CONFIG_KEY,
      'tier:sessions',
      '{"ttl":41}',
      'res:short',
      '{"ttl":42}',
      'sessions',
      '{"ttl":43}',
    );
    const store = new TtlPolicyStore({ redis: a });
    expect(await store.load()).toBe(true);
    expect(store.ttlFor('sessions').ttl).toBe(30);
    expect(store.snapshot().resources.every((r) => r.source === 'default')).toBe(true);
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

  it('applies a new TTL only to the keys the DBA chose: one connection, the chosen resources', async () => {
    await seed(
      a,
      [
        'tms:demo:sessions',
        'tms:demo2:sessions',
        'tms:demo:locks',
        'tms:demo:top-sql:50',
        'tms:demo:top-sql:10.cpu',
        'tms:demo2:top-sql:50',
        'tms:llm:tuning:h',
      ],
      'v',
      1000,
    );
    const store = new TtlPolicyStore({ redis: a });
    await store.setResource('sessions', { ttl: 20, grace: 5 });
    await store.setResource('top-sql', { ttl: 40, grace: 0 });
    const preview = await store.applyToExisting({
      resources: ['sessions', 'top-sql'],
      connId: 'demo',
      dryRun: true,
    });
    expect(preview).toMatchObject({ matched: 3, updated: 0, dryRun: true });
    expect(await a.pttl('tms:demo:sessions')).toBeGreaterThan(900_000); // a dry run changes nothing

    const result = await store.applyToExisting({ resources: ['sessions', 'top-sql'], connId: 'demo' });
    expect(result).toMatchObject({
      matched: 3,
      updated: 3,
      dryRun: false,
      scope: { resources: ['sessions', 'top-sql'], connId: 'demo', allConnections: false },
    });
    expect(result.perResource).toEqual([
      { resource: 'sessions', matched: 1, updated: 1, ttlMs: 25_000, match: 'tms:demo:sessions' },
      { resource: 'top-sql', matched: 2, updated: 2, ttlMs: 40_000, match: 'tms:demo:top-sql:*' },
    ]);
    // changed: still there, with the new expiry (a deleted key, PTTL -2, would not pass)
    for (const [key, max] of [
      ['tms:demo:sessions', 25_000],
      ['tms:demo:top-sql:50', 40_000],
      ['tms:demo:top-sql:10.cpu', 40_000],
    ] as const) {
      const pttl = await a.pttl(key);
      expect(pttl, key).toBeGreaterThan(max - 5000);
      expect(pttl, key).toBeLessThanOrEqual(max);
    }
    // untouched: other connections, other resources, global keys
    for (const key of ['tms:demo2:sessions', 'tms:demo2:top-sql:50', 'tms:demo:locks', 'tms:llm:tuning:h']) {
      expect(await a.pttl(key), key).toBeGreaterThan(900_000);
    }
  });

  it('every connection only when asked for explicitly; global resources need no connection', async () => {
    await seed(a, ['tms:c1:health', 'tms:c2:health', 'tms:llm:sql:h1', 'tms:llm:plan:h2'], 'v', 1000);
    const store = new TtlPolicyStore({ redis: a });
    await store.setResource('health', { ttl: 20, grace: 5 });
    await store.setResource('llm-sql', { ttl: 60, grace: 0 });
    await expect(store.applyToExisting({ resources: ['health'] })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    expect(await a.pttl('tms:c1:health')).toBeGreaterThan(900_000);
    const all = await store.applyToExisting({ resources: ['health'], allConnections: true });
    expect(all).toMatchObject({ matched: 2, updated: 2, scope: { connId: null, allConnections: true } });
    expect(await a.pttl('tms:c2:health')).toBeGreaterThan(20_000);
    expect(await a.pttl('tms:c2:health')).toBeLessThanOrEqual(25_000);
    const llm = await store.applyToExisting({ resources: ['llm-sql'] });
    expect(llm).toMatchObject({ matched: 1, updated: 1 });
    expect(await a.pttl('tms:llm:sql:h1')).toBeGreaterThan(55_000);
    expect(await a.pttl('tms:llm:sql:h1')).toBeLessThanOrEqual(60_000);
    expect(await a.pttl('tms:llm:plan:h2')).toBeGreaterThan(900_000);
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
