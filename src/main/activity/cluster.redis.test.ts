/**
 * On a real 3-master Redis Cluster: every key of a connection's activity shares one hash tag, so the
 * multi-key Lua (lease + fence, fenced append + meta + dictionary) runs on one slot; two samplers over
 * Cluster clients elect one leader, the other reads what it wrote.
 */
import type { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DemoGateway } from '../oracle/demo/demo-gateway';
import { createRedisClient, waitUntilReady } from '../redis/client';
import { type RedisClusterHandle, startRedisCluster } from '../redis/testing/redis-server';
import { ConnectionSampler } from './sampler';

describe('activity on Redis Cluster', () => {
  let cluster: RedisClusterHandle;
  const clients: Cluster[] = [];
  beforeAll(async () => {
    cluster = await startRedisCluster(3);
  }, 40_000);
  afterAll(async () => {
    for (const c of clients) c.disconnect();
    await cluster.stop();
  });

  it('elects one sampler, writes fenced samples and roll-up-ready data, the follower reads them', async () => {
    const make = (consoleId: string) => {
      const client = createRedisClient({
        enabled: true,
        url: 'redis://ignored',
        startupNodes: cluster.startupNodes,
      }) as Cluster;
      clients.push(client);
      const gateway = new DemoGateway({ latencyScale: 0, sessionCount: 40 });
      const followed: number[] = [];
      const sampler = new ConnectionSampler({
        connId: 'cluster-conn',
        consoleId,
        redis: client,
        redisEnabled: () => true,
        sample: () => gateway.activitySample(),
        onSample: (s) => followed.push(s.t),
        leaseMs: 900,
      });
      sampler.viewers.set(`v-${consoleId}`, true);
      return { client, sampler, followed };
    };
    const a = make('a');
    const b = make('b');
    expect(await waitUntilReady(a.client, 10_000)).toBe(true);
    expect(await waitUntilReady(b.client, 10_000)).toBe(true);
    a.sampler.start();
    const deadline = Date.now() + 8000;
    while (a.sampler.role !== 'leader' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    b.sampler.start();
    while ((a.sampler.counts.written < 3 || b.followed.length < 2) && Date.now() < deadline + 10_000) {
      await new Promise((r) => setTimeout(r, 100));
    }
    try {
      expect(a.sampler.role).toBe('leader');
      expect(b.sampler.role).toBe('follower');
      expect(a.sampler.lastError).toBeNull();
      expect(b.sampler.lastError).toBeNull();
      const stats = await b.sampler.store.stats();
      expect(stats.samples).toBeGreaterThanOrEqual(3);
      expect(stats.memoryBytes).toBeGreaterThan(0);
      const samples = await b.sampler.store.range(0, Date.now() + 1000);
      expect(samples.length).toBe(stats.samples);
      expect(samples.flatMap((s) => s.rows).some((r) => r.user !== null && r.event !== null)).toBe(true);
      for (const t of b.followed) expect(samples.map((s) => s.t)).toContain(t);
    } finally {
      await a.sampler.stop();
      await b.sampler.stop();
    }
  }, 60_000);
});
