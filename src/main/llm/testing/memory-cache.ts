/**
 * Test double of the cache engine's read path (ReadThroughCache), honest about origins:
 * 'l1' on a hit, 'oracle' when the fetch ran; nothing is stored when the fetch throws.
 * Keys follow RESOURCES patterns. Not for production (no L2, no TTL policy).
 */
import { type Cached, type CacheMeta, RESOURCES, TTL_TIERS } from '@shared/cache';
import type { CacheKeySpec, ReadOptions, ReadThroughCache } from '../../cache/types';

export class MemoryReadThroughCache implements ReadThroughCache {
  readonly entries = new Map<string, { value: unknown; storedAt: number; ttl: number }>();
  fetches = 0;
  constructor(private readonly now: () => number = Date.now) {}

  keyOf(spec: CacheKeySpec): string {
    const def = RESOURCES[spec.resource];
    let i = 0;
    return def.pattern.replace(/\{(\w+)\}/g, (_, name: string) =>
      name === 'connId' ? String(spec.connId) : String(spec.params?.[i++] ?? ''),
    );
  }

  async getOrFetch<T>(
    spec: CacheKeySpec,
    fetch: () => Promise<T>,
    options?: ReadOptions,
  ): Promise<Cached<T>> {
    const key = this.keyOf(spec);
    const ttl = TTL_TIERS[RESOURCES[spec.resource].tier];
    const hit = this.entries.get(key);
    if (hit && !options?.bypass && this.now() - hit.storedAt < hit.ttl * 1000) {
      return { data: hit.value as T, cache: meta(key, 'l1', hit.storedAt, hit.ttl) };
    }
    this.fetches++;
    const value = await fetch();
    const storedAt = this.now();
    this.entries.set(key, { value, storedAt, ttl });
    return { data: value, cache: meta(key, 'oracle', storedAt, ttl) };
  }

  async invalidate(spec: CacheKeySpec): Promise<number> {
    return this.entries.delete(this.keyOf(spec)) ? 1 : 0;
  }

  async invalidateResources(): Promise<number> {
    return 0;
  }

  async invalidateConnection(connId: string): Promise<number> {
    return this.invalidatePattern(`tms:${connId}:*`);
  }

  /** glob with `*` only */
  async invalidatePattern(pattern: string): Promise<number> {
    const re = new RegExp(
      `^${pattern
        .split('*')
        .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*')}$`,
    );
    let n = 0;
    for (const k of [...this.entries.keys()]) {
      if (re.test(k)) {
        this.entries.delete(k);
        n++;
      }
    }
    return n;
  }
}

function meta(key: string, origin: CacheMeta['origin'], storedAt: number, ttl: number): CacheMeta {
  return { key, origin, storedAt, ttlSeconds: ttl, stale: false };
}
