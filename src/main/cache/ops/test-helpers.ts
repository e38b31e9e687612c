/** Test-only helpers: real Redis servers from the harness and clients that never queue forever. */
import { Cluster, Redis } from 'ioredis';
import {
  type RedisClusterHandle,
  type RedisServerHandle,
  startRedisCluster,
  startRedisServer,
} from '../../redis/testing/redis-server';

export function clientFor(server: RedisServerHandle): Redis {
  const client = new Redis(server.port, '127.0.0.1', {
    maxRetriesPerRequest: 1,
    retryStrategy: () => 50,
  });
  client.on('error', () => {}); // fault tests kill the server on purpose
  return client;
}

export async function clusterFor(handle: RedisClusterHandle): Promise<Cluster> {
  const cluster = new Cluster(handle.startupNodes, { redisOptions: { maxRetriesPerRequest: 1 } });
  cluster.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    cluster.once('ready', () => resolve());
    cluster.once('error', reject);
  });
  return cluster;
}

/** A test target: a client on a fresh server of its own, and how to tear both down. */
export interface RedisTarget {
  client: Redis | Cluster;
  cleanup: () => Promise<void>;
}

export async function standaloneTarget(): Promise<RedisTarget> {
  const server = await startRedisServer();
  const client = clientFor(server);
  return {
    client,
    cleanup: async () => {
      client.disconnect();
      await server.stop();
    },
  };
}

export async function clusterTarget(masters = 3): Promise<RedisTarget> {
  const handle = await startRedisCluster(masters);
  const cluster = await clusterFor(handle);
  return {
    client: cluster,
    cleanup: async () => {
      cluster.disconnect();
      await handle.stop();
    },
  };
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

/** A stand-in for the engine's L1: a plain map that records what the bus asked of it. */
export class MapLocal {
  readonly map = new Map<string, unknown>();
  clears = 0;
  dropLocal(key: string): void {
    this.map.delete(key);
  }
  dropLocalPrefix(prefix: string): void {
    for (const k of [...this.map.keys()]) if (k.startsWith(prefix)) this.map.delete(k);
  }
  clearLocal(): void {
    this.clears++;
    this.map.clear();
  }
}

export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 10_000, stepMs = 20) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, stepMs));
  }
}
