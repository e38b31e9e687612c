/** Test-only helpers: real Redis servers from the harness and clients that never queue forever. */
import { Cluster, Redis } from 'ioredis';
import type { RedisClusterHandle, RedisServerHandle } from '../../redis/testing/redis-server';

export function clientFor(server: RedisServerHandle): Redis {
  return new Redis(server.port, '127.0.0.1', {
    maxRetriesPerRequest: 1,
    retryStrategy: () => 50,
    lazyConnect: false,
  });
}

export async function clusterFor(handle: RedisClusterHandle): Promise<Cluster> {
  const cluster = new Cluster(handle.startupNodes, { redisOptions: { maxRetriesPerRequest: 1 } });
  await new Promise<void>((resolve, reject) => {
    cluster.once('ready', () => resolve());
    cluster.once('error', reject);
  });
  return cluster;
}

/** SET many keys, routed per key (works for a cluster as for a single server). */
export async function seed(
  client: Redis | Cluster,
  keys: readonly string[],
  value = 'x',
  ttlSeconds?: number,
) {
  const chunk = 200;
  for (let i = 0; i < keys.length; i += chunk) {
    await Promise.all(
      keys
        .slice(i, i + chunk)
        .map((k) => (ttlSeconds ? client.set(k, value, 'EX', ttlSeconds) : client.set(k, value))),
    );
  }
}

/** Every key matching `match`, via a plain SCAN per node (the test's independent view). */
export async function allKeys(client: Redis | Cluster, match = '*'): Promise<string[]> {
  const nodes = client.isCluster ? (client as Cluster).nodes('master') : [client as Redis];
  const out = new Set<string>();
  for (const node of nodes) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', match, 'COUNT', 1000);
      cursor = next;
      for (const k of keys) out.add(k);
    } while (cursor !== '0');
  }
  return [...out].sort();
}

export const range = (n: number, f: (i: number) => string): string[] =>
  Array.from({ length: n }, (_, i) => f(i));
