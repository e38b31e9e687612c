/**
 * The seams of the cache: what the rest of main sees (ReadThroughCache), and the narrow
 * interfaces that join the engine (L1/L2 read path) to the cache operations (invalidation bus,
 * TTL policy, stats). The cache knows nothing of Oracle: callers pass a fetch function.
 */
import type { Cached, ResourceName } from '@shared/cache';

/** A logical cache key: resource + connection + the resource's parameters (limit, sqlId, schema...). */
export interface CacheKeySpec {
  resource: ResourceName;
  /** required for resources with scope 'conn' */
  connId?: string;
  /** the resource's pattern parameters in order, e.g. ['100'] for top-sql:{limit} */
  params?: readonly (string | number)[];
}

export interface ReadOptions {
  /** Manual refresh: invalidate this key everywhere, then read through to the source. */
  bypass?: boolean;
}

/** What services (monitoring, LLM) depend on. */
export interface ReadThroughCache {
  getOrFetch<T>(spec: CacheKeySpec, fetch: () => Promise<T>, options?: ReadOptions): Promise<Cached<T>>;
  /** Drop one key in L1 (here and in every console) and in L2. */
  invalidate(spec: CacheKeySpec): Promise<number>;
  /** Drop every key of these resources for a connection (e.g. sessions+locks+dashboard after a kill). */
  invalidateResources(connId: string, resources: readonly ResourceName[]): Promise<number>;
  /** Drop `tms:{connId}:*` (connection edited, deleted, or "clear this connection's cache"). */
  invalidateConnection(connId: string): Promise<number>;
}

/**
 * What the engine knows of one resource's values, given by the composition root (the cache knows nothing of
 * Oracle): a value read from L2 is served only when it has this format version and passes `isValid`.
 */
export interface ValueFormat {
  /** written into each L2 envelope (`f`); bump it when a release changes the shape incompatibly */
  version: number;
  /** true when a value read from L2 has the shape this release serves */
  isValid(value: unknown): boolean;
}
export type ValueFormats = Partial<Record<ResourceName, ValueFormat>>;

/** Effective TTLs for a resource, in seconds. */
export interface EffectiveTtl {
  /** L2 (Redis) freshness */
  ttl: number;
  /** L1 freshness: 5-10 s, never longer than ttl */
  l1Ttl: number;
  /** how long past ttl a value may be served stale while one refresh runs, or on source failure */
  grace: number;
}

export interface TtlPolicyReader {
  ttlFor(resource: ResourceName): EffectiveTtl;
}

export type CacheLayer = 'l1' | 'l2' | 'source';
export type CacheStatEvent =
  | 'l1Hit'
  | 'l2Hit'
  | 'miss'
  | 'fetch'
  | 'staleServed'
  | 'coalesced'
  | 'error'
  | 'corrupt'
  | 'failed'
  | 'l2Unavailable';

/** The engine reports here; the stats store aggregates (per console, and summed across consoles in Redis). */
export interface CacheStatsSink {
  record(resource: ResourceName, event: CacheStatEvent, durationMs?: number): void;
}

/** The engine's local copy, as the invalidation bus needs it. */
export interface LocalCacheControl {
  dropLocal(key: string): void;
  /** drop every local key that starts with prefix (e.g. `tms:demo:`) */
  dropLocalPrefix(prefix: string): void;
  clearLocal(): void;
}
