/** Stats flushes and TTL re-expiry on a real 3-master cluster (single-slot pipelines, every master). */
import type { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisClusterHandle, startRedisCluster } from '../../redis/testing/redis-server';
import { STATS_TOTAL_KEY } from './namespace';
import { readKeyspaceCounters } from './redis-info';
import { CacheStatsStore } from './stats';
import { clusterFor, range, seed } from './test-helpers';
import { TtlPolicyStore } from './ttl-policy';

describe('ops over a real 3-master cluster', () => {
  let handle: RedisClusterHandle;
  let cluster: Cluster;
  beforeAll(async () => {
    handle = await startRedisCluster(3);
    cluster = await clusterFor(handle);
  }, 60_000);
  afterAll(async () => {
    cluster?.disconnect();
    await handle?.stop();
  });

  it('stats flush and sum across consoles', async () => {
    const a = new CacheStatsStore({
      redis: cluster,
      consoleId: 'A',
      readKeyspace: () => readKeyspaceCounters(cluster),
    });
    const b = new CacheStatsStore({ redis: cluster, consoleId: 'B' });
    a.record('sessions', 'l1Hit');
    a.record('sessions', 'miss');
    b.record('locks', 'l2Hit');
    expect(await a.flush()).toBe(true);
    expect(await b.flush()).toBe(true);
    expect(await cluster.hget(STATS_TOTAL_KEY, 'locks|l2Hit')).toBe('1');
    const snap = await a.tick();
    expect(snap.all?.summary).toMatchObject({ lookups: 3, hits: 2 });
    expect(snap.keyspace).not.toBeNull();
  });

  it('applyToExisting re-expires a resource’s keys on every master', async () => {
    const conns = range(30, (i) => `c${i}`);
    await seed(
      cluster,
      conns.map((c) => `tms:${c}:sessions`),
      'v',
      5000,
    );
    await seed(cluster, ['tms:c1:locks'], 'v', 5000);
    const store = new TtlPolicyStore({ redis: cluster });
    await store.setResource('sessions', { ttl: 50, grace: 10 });
    const applied = await store.applyToExisting({ resources: ['sessions'], allConnections: true });
    expect(applied).toMatchObject({ matched: 30, updated: 30, perResource: [{ ttlMs: 60_000 }] });
    for (const c of conns) {
      const pttl = await cluster.pttl(`tms:${c}:sessions`);
      expect(pttl).toBeGreaterThan(50_000);
      expect(pttl).toBeLessThanOrEqual(60_000);
    }
    const one = await store.applyToExisting({ resources: ['sessions'], connId: 'c7' });
    expect(one).toMatchObject({ matched: 1, updated: 1 });
    expect(await cluster.pttl('tms:c1:locks')).toBeGreaterThan(60_000);
  });
});
