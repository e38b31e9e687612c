import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type RedisServerHandle,
  startRedisCluster,
  startRedisServer,
} from '../../redis/testing/redis-server';
import { adviseFor, parseInfo, readKeyspaceCounters, readRedisInfo } from './redis-info';
import { clientFor, clusterFor, range, seed } from './test-helpers';

describe('parseInfo', () => {
  it('splits sections and fields', () => {
    const info = parseInfo(
      '# Server\r\nredis_version:7.0.15\r\n\r\n# Keyspace\r\ndb0:keys=3,expires=1,avg_ttl=0\r\n',
    );
    expect(info.server?.redis_version).toBe('7.0.15');
    expect(info.keyspace?.db0).toBe('keys=3,expires=1,avg_ttl=0');
  });
});

describe('readRedisInfo against a real server', () => {
  let server: RedisServerHandle;
  beforeAll(async () => {
    server = await startRedisServer({ args: ['--maxmemory', '0', '--maxmemory-policy', 'noeviction'] });
  });
  afterAll(async () => server.stop());

  it('reports memory, policy, keys, keyspace ratio and advice for a setup wrong for a cache', async () => {
    const c = clientFor(server);
    await c.set('tms:a', '1');
    await c.get('tms:a');
    await c.get('tms:missing');
    const info = await readRedisInfo(c);
    expect(info.mode).toBe('standalone');
    expect(info.version).toMatch(/^\d+\.\d+/);
    expect(info.usedMemory).toBeGreaterThan(0);
    expect(info.maxmemory).toBe(0);
    expect(info.maxmemoryPolicy).toBe('noeviction');
    expect(info.keys).toBe(1);
    expect(info.keyspaceHits).toBeGreaterThanOrEqual(1);
    expect(info.keyspaceMisses).toBeGreaterThanOrEqual(1);
    expect(info.keyspaceHitRatio).toBeGreaterThan(0);
    const codes = info.advice.map((a) => a.code);
    expect(codes).toContain('NO_MAXMEMORY');
    expect(codes).toContain('POLICY_NOEVICTION');
    expect(codes).not.toContain('PERSISTENCE_RDB'); // the harness runs with --save ""
    expect(await readKeyspaceCounters(c)).toMatchObject({ hits: expect.any(Number) });

    await c.config('SET', 'maxmemory', '100mb');
    await c.config('SET', 'maxmemory-policy', 'allkeys-lru');
    const good = await readRedisInfo(c);
    expect(good.advice.filter((a) => a.severity === 'warning')).toEqual([]);
    c.disconnect();
  });

  it('advises on volatile policies and near-full memory', () => {
    const codes = adviseFor({
      maxmemory: 100,
      maxmemoryPolicy: 'volatile-lru',
      usedMemory: 95,
      evictedKeys: 3,
      fragmentationRatio: 1,
      nodes: [],
    }).map((a) => a.code);
    expect(codes).toEqual(['POLICY_VOLATILE', 'MEMORY_NEAR_LIMIT', 'EVICTIONS_HAPPENING']);
  });

  it('fails with REDIS_UNAVAILABLE when the server is gone', async () => {
    const c = clientFor(server);
    await server.kill();
    try {
      await expect(readRedisInfo(c)).rejects.toMatchObject({ code: 'REDIS_UNAVAILABLE' });
      expect(await readKeyspaceCounters(c)).toBeNull();
    } finally {
      c.disconnect();
      await server.start();
    }
  });
});

describe('readRedisInfo over a cluster', () => {
  it('sums the masters', async () => {
    const handle = await startRedisCluster(3);
    const cluster = await clusterFor(handle);
    try {
      await seed(
        cluster,
        range(60, (i) => `tms:x:${i}`),
      );
      const info = await readRedisInfo(cluster);
      expect(info.mode).toBe('cluster');
      expect(info.nodes).toHaveLength(3);
      expect(info.keys).toBe(60);
      expect(info.usedMemory).toBe(info.nodes.reduce((a, n) => a + (n.usedMemory ?? 0), 0));
    } finally {
      cluster.disconnect();
      await handle.stop();
    }
  }, 60_000);
});
