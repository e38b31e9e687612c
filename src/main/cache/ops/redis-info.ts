/**
 * Redis health for the cache panel: INFO parsed (server, memory, stats, clients, keyspace, persistence,
 * replication), summed over the masters of a cluster, plus advice with stable codes (the UI translates)
 * where the setup is wrong for a cache (plan 8.4: maxmemory set, allkeys-lru, no persistence).
 */

import type {
  Advice,
  AdviceCode,
  RedisInfoSummary,
  RedisDeploymentMode as RedisMode,
  RedisNodeInfo,
} from '@shared/contract/cache';
import type { Redis } from 'ioredis';
import { isCluster, type RedisClient, redisUnavailable } from './namespace';

export type { Advice, AdviceCode, RedisInfoSummary, RedisMode, RedisNodeInfo };

export type InfoSections = Record<string, Record<string, string>>;

/** Parse the text of INFO into sections (`# Memory` → `memory`) of `field: value`. */
export function parseInfo(text: string): InfoSections {
  const out: InfoSections = {};
  let section = 'default';
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (!line) continue;
    if (line.startsWith('#')) {
      section = line.slice(1).trim().toLowerCase();
      out[section] ??= {};
      continue;
    }
    const i = line.indexOf(':');
    if (i <= 0) continue;
    out[section] ??= {};
    out[section]![line.slice(0, i)] = line.slice(i + 1);
  }
  return out;
}

const num = (v: string | undefined): number | null => {
  if (v === undefined || v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
};

function keysOf(keyspace: Record<string, string> | undefined): number {
  let total = 0;
  for (const v of Object.values(keyspace ?? {})) {
    const m = /keys=(\d+)/.exec(v);
    if (m) total += Number(m[1]);
  }
  return total;
}

export function nodeInfoFrom(
  address: string,
  info: InfoSections,
  rdbSaveConfigured: boolean | null,
): RedisNodeInfo {
  const s = info.server ?? {};
  const m = info.memory ?? {};
  const st = info.stats ?? {};
  const c = info.clients ?? {};
  const p = info.persistence ?? {};
  const r = info.replication ?? {};
  return {
    address,
    version: s.redis_version ?? null,
    role: r.role ?? null,
    usedMemory: num(m.used_memory),
    usedMemoryPeak: num(m.used_memory_peak),
    maxmemory: num(m.maxmemory),
    maxmemoryPolicy: m.maxmemory_policy ?? null,
    fragmentationRatio: num(m.mem_fragmentation_ratio),
    evictedKeys: num(st.evicted_keys),
    expiredKeys: num(st.expired_keys),
    keyspaceHits: num(st.keyspace_hits),
    keyspaceMisses: num(st.keyspace_misses),
    connectedClients: num(c.connected_clients),
    opsPerSec: num(st.instantaneous_ops_per_sec),
    uptimeSeconds: num(s.uptime_in_seconds),
    keys: keysOf(info.keyspace),
    aofEnabled: p.aof_enabled === '1',
    rdbSaveConfigured,
  };
}

const sum = (values: (number | null)[]): number | null =>
  values.some((v) => v !== null) ? values.reduce<number>((a, v) => a + (v ?? 0), 0) : null;
const max = (values: (number | null)[]): number | null =>
  values.some((v) => v !== null) ? Math.max(...values.filter((v): v is number => v !== null)) : null;

export function summarize(mode: RedisMode, nodes: RedisNodeInfo[], at = Date.now()): RedisInfoSummary {
  const hits = sum(nodes.map((n) => n.keyspaceHits));
  const misses = sum(nodes.map((n) => n.keyspaceMisses));
  const maxmemories = nodes.map((n) => n.maxmemory);
  const summary: RedisInfoSummary = {
    mode,
    version: nodes[0]?.version ?? null,
    usedMemory: sum(nodes.map((n) => n.usedMemory)),
    usedMemoryPeak: sum(nodes.map((n) => n.usedMemoryPeak)),
    // 0 on any node = unlimited there
    maxmemory: maxmemories.some((v) => v === 0) ? 0 : sum(maxmemories),
    maxmemoryPolicy: nodes[0]?.maxmemoryPolicy ?? null,
    fragmentationRatio: max(nodes.map((n) => n.fragmentationRatio)),
    evictedKeys: sum(nodes.map((n) => n.evictedKeys)),
    expiredKeys: sum(nodes.map((n) => n.expiredKeys)),
    keyspaceHits: hits,
    keyspaceMisses: misses,
    keyspaceHitRatio: hits !== null && misses !== null && hits + misses > 0 ? hits / (hits + misses) : null,
    connectedClients: sum(nodes.map((n) => n.connectedClients)),
    opsPerSec: sum(nodes.map((n) => n.opsPerSec)),
    keys: nodes.reduce((a, n) => a + n.keys, 0),
    nodes,
    advice: [],
    at,
  };
  summary.advice = adviseFor(summary);
  return summary;
}

/** What is wrong with this Redis as a cache (plan 8.4). */
export function adviseFor(
  s: Pick<
    RedisInfoSummary,
    'maxmemory' | 'maxmemoryPolicy' | 'usedMemory' | 'evictedKeys' | 'fragmentationRatio' | 'nodes'
  >,
): Advice[] {
  const advice: Advice[] = [];
  if (s.maxmemory === 0)
    advice.push({ code: 'NO_MAXMEMORY', severity: 'warning', params: { recommended: 'allkeys-lru' } });
  const policy = s.maxmemoryPolicy;
  if (policy === 'noeviction') {
    advice.push({
      code: 'POLICY_NOEVICTION',
      severity: 'warning',
      params: { policy, recommended: 'allkeys-lru' },
    });
  } else if (policy?.startsWith('volatile-')) {
    advice.push({
      code: 'POLICY_VOLATILE',
      severity: 'warning',
      params: { policy, recommended: 'allkeys-lru' },
    });
  } else if (policy && policy !== 'allkeys-lru' && policy !== 'allkeys-lfu') {
    advice.push({ code: 'POLICY_NOT_LRU', severity: 'info', params: { policy, recommended: 'allkeys-lru' } });
  }
  if (s.maxmemory && s.usedMemory !== null && s.usedMemory / s.maxmemory > 0.9) {
    advice.push({
      code: 'MEMORY_NEAR_LIMIT',
      severity: 'warning',
      params: { percent: Math.round((s.usedMemory / s.maxmemory) * 100) },
    });
  }
  if (s.evictedKeys && s.evictedKeys > 0) {
    advice.push({ code: 'EVICTIONS_HAPPENING', severity: 'info', params: { evicted: s.evictedKeys } });
  }
  if (s.fragmentationRatio !== null && s.fragmentationRatio > 1.5 && (s.usedMemory ?? 0) > 64 * 1024 * 1024) {
    advice.push({ code: 'HIGH_FRAGMENTATION', severity: 'info', params: { ratio: s.fragmentationRatio } });
  }
  if (s.nodes.some((n) => n.aofEnabled))
    advice.push({ code: 'PERSISTENCE_AOF', severity: 'info', params: {} });
  if (s.nodes.some((n) => n.rdbSaveConfigured))
    advice.push({ code: 'PERSISTENCE_RDB', severity: 'info', params: {} });
  return advice;
}

async function readNode(node: Redis): Promise<RedisNodeInfo> {
  const address = `${node.options.host ?? '127.0.0.1'}:${node.options.port ?? 6379}`;
  const text = await node.info('everything').catch(() => node.info());
  let rdb: boolean | null = null;
  try {
    // CONFIG may be renamed or denied by ACL on managed Redis: then we just do not know
    const reply = (await node.call('CONFIG', 'GET', 'save')) as unknown;
    const value = Array.isArray(reply)
      ? reply[1]
      : reply && typeof reply === 'object'
        ? (reply as Record<string, unknown>).save
        : undefined;
    if (typeof value === 'string') rdb = value.trim() !== '';
  } catch {
    rdb = null;
  }
  return nodeInfoFrom(address, parseInfo(String(text)), rdb);
}

/** INFO of the server (or every master of a cluster), summarised with advice. */
export async function readRedisInfo(client: RedisClient): Promise<RedisInfoSummary> {
  try {
    if (isCluster(client)) {
      const masters = client.nodes('master');
      const nodes = await Promise.all(masters.map(readNode));
      nodes.sort((a, b) => (a.address < b.address ? -1 : 1));
      return summarize('cluster', nodes);
    }
    const node = await readNode(client);
    const sentinels = (client.options as { sentinels?: unknown[] | null }).sentinels;
    return summarize(Array.isArray(sentinels) && sentinels.length > 0 ? 'sentinel' : 'standalone', [node]);
  } catch (error) {
    throw redisUnavailable('read INFO', error);
  }
}

/** Just the server-wide keyspace counters (cheap: INFO stats), summed over masters. */
export async function readKeyspaceCounters(
  client: RedisClient,
): Promise<{ hits: number; misses: number } | null> {
  try {
    const nodes: Redis[] = isCluster(client) ? client.nodes('master') : [client];
    const infos = await Promise.all(nodes.map((n) => n.info('stats')));
    let hits = 0;
    let misses = 0;
    for (const text of infos) {
      const st = parseInfo(String(text)).stats ?? {};
      hits += num(st.keyspace_hits) ?? 0;
      misses += num(st.keyspace_misses) ?? 0;
    }
    return { hits, misses };
  } catch {
    return null;
  }
}
