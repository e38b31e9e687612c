import type { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RedisServerHandle, startRedisServer } from '../../redis/testing/redis-server';
import { CACHE_CONFIG_KEY, STATS_TOTAL_KEY, statsMinuteKey } from './namespace';
import { readKeyspaceCounters } from './redis-info';
import { CacheStatsStore, emptyCounters, type HitRatioLowEvent, summarizeCounters } from './stats';
import { allKeys, clientFor } from './test-helpers';

describe('summarizeCounters', () => {
  it('defines hits, misses, lookups, the ratio and Oracle queries avoided (never more than lookups)', () => {
    const c = { ...emptyCounters(), l1Hit: 5, l2Hit: 3, staleServed: 2, miss: 10, fetch: 6, coalesced: 4 };
    const s = summarizeCounters(c);
    expect(s).toMatchObject({ lookups: 20, hits: 10, misses: 10, hitRatio: 0.5, oracleQueries: 6 });
    // avoided = hits + misses that shared another lookup's query
    expect(s.oracleAvoided).toBe(14);
    expect(s.oracleAvoided).toBeLessThanOrEqual(s.lookups);
    // the layer shares add up to the one hit ratio
    expect((s.l1Ratio ?? 0) + (s.l2Ratio ?? 0) + (s.staleRatio ?? 0)).toBeCloseTo(s.hitRatio ?? -1);
    expect(summarizeCounters(emptyCounters()).hitRatio).toBeNull();
  });

  it('failed lookups (Oracle unreachable) are neither misses nor lookups; a stale rescue is one hit', () => {
    // 10 hits; 30 lookups of an unreachable connection failed; 1 failure rescued by a stale value
    const c = { ...emptyCounters(), l1Hit: 10, staleServed: 1, miss: 31, failed: 31 };
    const s = summarizeCounters(c);
    expect(s).toMatchObject({ lookups: 11, hits: 11, misses: 0, hitRatio: 1, failedLookups: 31 });
  });

  it('Redis errors count failed commands, corrupt values and lookups made without Redis', () => {
    const s = summarizeCounters({ ...emptyCounters(), error: 2, corrupt: 1, l2Unavailable: 40 });
    expect(s.redisErrors).toBe(43);
  });
});

describe('CacheStatsStore (two consoles, real Redis)', () => {
  let server: RedisServerHandle;
  let a: Redis;
  let b: Redis;
  let clock = Date.UTC(2026, 10, 29, 15, 0, 10);
  const now = () => clock;
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
    for (const k of await allKeys(a)) await a.unlink(k);
  });

  it('keeps counters in memory, flushes in batches, and sums every console', async () => {
    const sa = new CacheStatsStore({ redis: a, consoleId: 'A', now });
    const sb = new CacheStatsStore({ redis: b, consoleId: 'B', now });
    for (let i = 0; i < 30; i++) sa.record('sessions', 'l1Hit');
    for (let i = 0; i < 10; i++) sa.record('sessions', 'miss');
    sa.record('sessions', 'fetch', 120);
    sa.record('sessions', 'fetch', 80);
    sb.record('sessions', 'l2Hit');
    sb.record('top-sql', 'miss');
    expect(await a.exists(STATS_TOTAL_KEY)).toBe(0); // nothing written per read

    const localA = sa.consoleScope();
    expect(localA.summary).toMatchObject({ lookups: 40, hits: 30, hitRatio: 0.75, oracleQueries: 2 });
    expect(localA.totals.latencyMaxMs).toBe(120);
    expect(localA.summary.avgFetchMs).toBe(100);
    expect(localA.history).toHaveLength(30);
    expect(localA.history.at(-1)?.counters.l1Hit).toBe(30);

    expect(await sa.flush()).toBe(true);
    expect(await sb.flush()).toBe(true);
    expect(await a.hget(STATS_TOTAL_KEY, 'sessions|l1Hit')).toBe('30');
    const minuteKey = statsMinuteKey(Math.floor(clock / 60_000));
    expect(await a.hget(minuteKey, 'miss')).toBe('11');
    const ttl = await a.pttl(minuteKey);
    expect(ttl).toBeGreaterThan(30 * 60_000);
    expect(ttl).toBeLessThanOrEqual(35 * 60_000);

    // B sees everybody's numbers, plus its own unflushed ones
    sb.record('sessions', 'l1Hit');
    const all = await sb.allScope();
    expect(all).not.toBeNull();
    expect(all!.summary).toMatchObject({ lookups: 43, hits: 32 });
    expect(all!.perResource.map((r) => r.resource)).toEqual(['sessions', 'top-sql']);
    expect(all!.history.at(-1)?.summary.lookups).toBe(43);
    // the second flush sends only the difference
    expect(await sb.flush()).toBe(true);
    expect(await a.hget(STATS_TOTAL_KEY, 'sessions|l1Hit')).toBe('31');
  });

  it('history spans 30 minutes, minute by minute', async () => {
    const s = new CacheStatsStore({ redis: a, consoleId: 'A', now });
    const start = clock;
    s.record('health', 'miss');
    clock += 5 * 60_000;
    s.record('health', 'l1Hit');
    await s.flush();
    const all = (await s.allScope())!;
    expect(all.history).toHaveLength(30);
    expect(all.history.at(-1)?.counters.l1Hit).toBe(1);
    expect(all.history.at(-6)?.counters.miss).toBe(1);
    clock += 40 * 60_000;
    expect(s.consoleScope().history.every((m) => m.summary.lookups === 0)).toBe(true);
    clock = start;
  });

  it('fires hitRatioLow once when the ratio falls under the shared threshold (with enough samples)', async () => {
    const events: HitRatioLowEvent[] = [];
    const s = new CacheStatsStore({ redis: a, consoleId: 'A', now, onHitRatioLow: (e) => events.push(e) });
    await s.loadConfig();
    expect(s.threshold).toEqual({ percent: 60, minSamples: 50 });
    for (let i = 0; i < 10; i++) s.record('sessions', 'miss');
    expect((await s.tick()).threshold.low).toBe(false); // too few samples
    for (let i = 0; i < 50; i++) s.record('sessions', 'miss');
    for (let i = 0; i < 20; i++) s.record('locks', 'l2Hit');
    const snap = await s.tick();
    expect(snap.threshold).toMatchObject({ low: true, scope: 'all', lookups: 80 });
    // the banner's figure IS the panel's "last 5 minutes" ratio of the same scope (issue 15: one figure)
    expect(snap.threshold.ratio).toBeCloseTo(0.25, 6);
    expect(snap.threshold.ratio).toBe(snap.all?.recent.hitRatio);
    expect(events).toHaveLength(1);
    await s.tick();
    expect(events).toHaveLength(1); // edge-triggered

    const other = new CacheStatsStore({ redis: b, consoleId: 'B', now });
    await s.setThreshold({ percent: 0, minSamples: 10 });
    expect(await a.hget(CACHE_CONFIG_KEY, 'hitRatioThreshold')).toBe('0');
    await other.loadConfig();
    expect(other.threshold).toEqual({ percent: 0, minSamples: 10 });
    expect((await s.tick()).threshold.low).toBe(false);
    await expect(s.setThreshold({ percent: 101 })).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('includes the server-wide keyspace ratio, labelled separately', async () => {
    const s = new CacheStatsStore({
      redis: a,
      consoleId: 'A',
      now,
      readKeyspace: () => readKeyspaceCounters(a),
    });
    await a.get('tms:none');
    const snap = await s.tick();
    expect(snap.keyspace?.misses).toBeGreaterThan(0);
  });

  it('keeps counting while Redis is down and writes the backlog once it is back', async () => {
    const s = new CacheStatsStore({ redis: b, consoleId: 'B', now });
    s.record('locks', 'l2Hit');
    await server.kill();
    try {
      s.record('locks', 'l2Hit');
      expect(await s.flush()).toBe(false);
      const snap = await s.tick();
      expect(snap.all).toBeNull();
      expect(snap.threshold.scope).toBe('console');
      expect(snap.console.summary.hits).toBe(2);
    } finally {
      await server.start();
    }
    let ok = false;
    for (let i = 0; i < 100 && !ok; i++) {
      ok = await s.flush();
      if (!ok) await new Promise((r) => setTimeout(r, 50));
    }
    expect(await b.hget(STATS_TOTAL_KEY, 'locks|l2Hit')).toBe('2');
  });
});
