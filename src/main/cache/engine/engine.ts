/**
 * The cache engine: the read path of the two-level cache.
 *
 *   getOrFetch → L1 (in process, lru-cache, frozen values, 5-10 s)
 *              → L2 (Redis, JSON envelope, ttl + grace)
 *              → source (the caller's fetch), with stampede protection in process (one shared promise)
 *                and across processes/consoles (a short `SET NX PX` lock in Redis + bounded polling).
 *
 * Truthful metadata: every answer says where it came from (l1 / l2 / oracle / stale), when it was fetched
 * from the source and whether it is past its TTL.
 *
 * Redis can never fail or stall a read: every L2 error is recorded, connectivity errors open the circuit
 * breaker and, while it is open, reads go L1 → source without touching Redis; the breaker probes with one
 * real command after `breakMs` and closes when Redis answers again. Write errors (OOM under noeviction...)
 * are counted and ignored. The source's own error is passed through unchanged unless a stale value within
 * its grace window can be served instead (flagged stale).
 */
import { randomUUID } from 'node:crypto';
import { type Cached, type CacheMeta, type ResourceName, refreshAheadMs } from '@shared/cache';
import type { Cluster, Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import {
  type BreakerChange,
  type BreakerOptions,
  type BreakerState,
  CircuitBreaker,
} from '../../redis/breaker';
import { describeRedisFailure } from '../../redis/failure';
import { buildKey, connectionPrefix, escapeGlob, lockKeyFor, recordPrefixesOf, resourceScope } from '../keys';
import type {
  CacheKeySpec,
  CacheStatEvent,
  CacheStatsSink,
  EffectiveTtl,
  LocalCacheControl,
  ReadOptions,
  ReadThroughCache,
  TtlPolicyReader,
  ValueFormat,
  ValueFormats,
} from '../types';
import { decodeEnvelope, deepFreeze, type Envelope, encodeEnvelope } from './envelope';

export type EngineRedis = Redis | Cluster;

/** What the engine tells the other consoles (the ops helper's bus adds `v` and `origin`). */
export interface InvalidationNotice {
  keys?: string[];
  prefixes?: string[];
}

/** L2 namespace deletion, e.g. the ops helper's cluster-aware `NamespaceInvalidator` (SCAN + UNLINK). */
export interface NamespaceInvalidatorLike {
  invalidatePrefix(prefix: string): Promise<number>;
  invalidatePattern(pattern: string): Promise<number>;
  invalidateKeys?(keys: readonly string[]): Promise<number>;
}

export interface CacheEngineOptions {
  /** the L2 client (createRedisClient), or null for L1 → source only */
  redis: EngineRedis | null;
  /** effective TTLs per resource (the ops helper's TtlPolicyStore, or a fixed table in tests) */
  ttl: TtlPolicyReader;
  /** written into every L2 envelope (`by`) and into lock tokens */
  consoleId: string;
  stats?: CacheStatsSink;
  /** tell the other consoles to drop their L1 copies (the ops helper's InvalidationBus.publish) */
  publishInvalidation?: (msg: InvalidationNotice) => void | Promise<void>;
  /** L2 deletion by prefix/pattern; without it a simple single-node (or per-master) SCAN + UNLINK is used */
  namespaceInvalidator?: NamespaceInvalidatorLike;
  /** epoch ms; drives freshness (storedAt, ttl, grace). Default Date.now */
  clock?: () => number;
  l1?: {
    /** default 5000 entries */
    maxEntries?: number;
    /** default 64 MiB (size = JSON length of the value) */
    maxBytes?: number;
    /** default maxBytes / 4: a bigger value is not kept in L1 (still in L2) */
    maxEntryBytes?: number;
  };
  lock?: {
    /**
     * lock lifetime (default 10 000 ms). The holder renews it every ttlMs/3 while its fetch runs, so a slow
     * source keeps the lock and a dead holder's lock expires within ttlMs.
     */
    ttlMs?: number;
    /** how long a reader waits for another process's fetch before fetching itself (default 10 000 ms) */
    waitMs?: number;
    /** first poll interval while waiting (default 20 ms; grows ×1.5 up to max(pollMs, 200 ms)) */
    pollMs?: number;
  };
  /** a breaker to share, or options for the engine's own (default: opens on 1 failure, breakMs 5000) */
  breaker?: CircuitBreaker | BreakerOptions;
  /**
   * Per resource: the format version written into L2 envelopes and the check a value read from L2 must pass
   * before it is served (the composition root builds it from the contract's schemas). A resource without
   * one is written as format 0 and checked for its envelope and age only.
   */
  formats?: ValueFormats;
  /**
   * How far in the future an envelope's `at` may be (another console's clock running ahead) before the value
   * is judged corrupt; also the slack past its own ttl + grace. Default 30 000 ms.
   */
  maxClockSkewMs?: number;
  /** start with L2 switched off (REDIS_ENABLED=false / the panel's switch) */
  l2Enabled?: boolean;
  /** diagnostics (messages never contain secrets: ioredis errors carry none) */
  onError?: (where: string, error: unknown) => void;
}

export type L2State = BreakerState | 'none';

export interface EngineState {
  /** 'none' = no Redis client configured; otherwise the breaker state */
  l2: L2State;
  /** ioredis connection status (`ready`, `reconnecting`, ...), if any */
  redisStatus?: string;
  lastError?: string;
  l1: { entries: number; bytes: number; maxEntries: number; maxBytes: number };
  inflight: number;
  refreshing: number;
}

interface L1Entry {
  readonly value: unknown;
  readonly storedAt: number;
  readonly ttl: number;
  readonly freshUntil: number;
  readonly graceUntil: number;
  /** L1 serves it as a hit until then (≤ freshUntil) */
  readonly l1Until: number;
  readonly bytes: number;
  /** the ready, frozen answer for an L1 hit (no allocation on the hot path) */
  readonly hit: Cached<unknown>;
}

const RELEASE_LOCK_LUA = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
const RENEW_LOCK_LUA = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;

/** Redis did not answer (connectivity): the read continues without L2. */
const L2_DOWN = Symbol('l2-down');
/**
 * L2 holds a value of a NEWER format version (a newer release shares this Redis): this console cannot read
 * it and must not replace it, or the two releases would overwrite each other's values at every refresh.
 */
const L2_NEWER = Symbol('l2-newer');
/** a decoded, checked envelope and the stored string's length (the L1 size of the value) */
type L2Read = { env: Envelope; bytes: number } | null | typeof L2_DOWN | typeof L2_NEWER;
const NO_FORMAT: ValueFormat = { version: 0, isValid: () => true };
type LockResult = 'acquired' | 'busy' | 'unavailable';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A Redis reply error (OOM, WRONGTYPE...): the server is up, so it must not open the breaker. */
function isReplyError(error: unknown): boolean {
  return error instanceof Error && error.name === 'ReplyError';
}

/** why the breaker opened, in words a DBA can act on (shown as the Redis badge's hint) */
function errorText(error: unknown): string {
  return describeRedisFailure(error).message;
}

export class CacheEngine implements ReadThroughCache, LocalCacheControl {
  readonly #redis: EngineRedis | null;
  readonly #ttl: TtlPolicyReader;
  readonly #stats: CacheStatsSink | undefined;
  readonly #publish: CacheEngineOptions['publishInvalidation'];
  readonly #invalidator: NamespaceInvalidatorLike | undefined;
  readonly #clock: () => number;
  readonly #consoleId: string;
  readonly #l1: LRUCache<string, L1Entry>;
  readonly #l1Max: { entries: number; bytes: number };
  readonly #lockTtlMs: number;
  readonly #lockWaitMs: number;
  readonly #lockPollMs: number;
  readonly #breaker: CircuitBreaker;
  readonly #onError: CacheEngineOptions['onError'];
  readonly #formats: ValueFormats;
  readonly #maxSkewMs: number;
  readonly #inflight = new Map<string, Promise<Cached<unknown>>>();
  /** the lookup outcome each in-flight read recorded: reads that join it count the same (stats) */
  readonly #outcomes = new WeakMap<Promise<Cached<unknown>>, { event?: CacheStatEvent }>();
  readonly #refreshing = new Set<string>();
  readonly #background = new Set<Promise<void>>();
  /** bumped by prefix/clear invalidations; a fetch that started before must not fill the caches */
  #epoch = 0;
  /** per-key invalidation counters (bounded; overflow bumps #epoch instead) */
  readonly #keyEpoch = new Map<string, number>();
  #detach: () => void = () => {};
  /** L2 deletions that could not run (Redis unreachable or switched off): replayed when L2 is back */
  readonly #pendingKeys = new Set<string>();
  readonly #pendingPrefixes = new Set<string>();
  #replaying = false;

  constructor(options: CacheEngineOptions) {
    this.#redis = options.redis;
    this.#ttl = options.ttl;
    this.#stats = options.stats;
    this.#publish = options.publishInvalidation;
    this.#invalidator = options.namespaceInvalidator;
    this.#clock = options.clock ?? Date.now;
    this.#consoleId = options.consoleId;
    const maxEntries = Math.max(1, options.l1?.maxEntries ?? 5000);
    const maxBytes = Math.max(1024, options.l1?.maxBytes ?? 64 * 1024 * 1024);
    this.#l1Max = { entries: maxEntries, bytes: maxBytes };
    this.#l1 = new LRUCache<string, L1Entry>({
      max: maxEntries,
      maxSize: maxBytes,
      maxEntrySize: Math.max(1, Math.min(maxBytes, options.l1?.maxEntryBytes ?? Math.floor(maxBytes / 4))),
      sizeCalculation: (entry) => Math.max(1, entry.bytes),
    });
    // whole milliseconds: `SET NX PX 333.3` is a Redis error, which would switch the cross-process lock off
    this.#lockTtlMs = Math.round(Math.max(100, options.lock?.ttlMs ?? 10_000));
    this.#lockWaitMs = Math.round(Math.max(0, options.lock?.waitMs ?? 10_000));
    this.#lockPollMs = Math.round(Math.max(1, options.lock?.pollMs ?? 20));
    this.#breaker =
      options.breaker instanceof CircuitBreaker
        ? options.breaker
        : new CircuitBreaker({ ...(options.breaker ?? {}), disabled: options.l2Enabled === false });
    if (options.breaker instanceof CircuitBreaker && options.l2Enabled === false)
      this.#breaker.setEnabled(false);
    this.#onError = options.onError;
    this.#formats = options.formats ?? {};
    this.#maxSkewMs = Math.max(0, options.maxClockSkewMs ?? 30_000);
    const offBreaker = this.#breaker.onChange((change) => {
      if (change.state === 'closed') void this.#replayPending();
    });
    this.#detach = offBreaker;
    if (this.#redis !== null) {
      // The connection's own events inform the breaker between reads: a lost connection opens it at once
      // (reads stop trying Redis), a successful reconnect + ready check closes it (no probe needed).
      const redis = this.#redis;
      const onClose = () => this.#breaker.failure('Redis connection lost');
      const onReady = () => this.#breaker.success();
      redis.on('close', onClose);
      redis.on('ready', onReady);
      this.#detach = () => {
        offBreaker();
        redis.off('close', onClose);
        redis.off('ready', onReady);
      };
    }
  }

  // ---------------------------------------------------------------- read path

  getOrFetch<T>(spec: CacheKeySpec, fetch: () => Promise<T>, options?: ReadOptions): Promise<Cached<T>> {
    let key: string;
    try {
      key = buildKey(spec);
    } catch (error) {
      return Promise.reject(error);
    }
    const bypass = options?.bypass === true;
    if (!bypass) {
      const entry = this.#l1.get(key);
      const now = this.#clock();
      // a TTL policy changed since the entry was filled: read on, so the answer carries the new TTL
      if (entry !== undefined && now < entry.l1Until && entry.ttl === this.#ttl.ttlFor(spec.resource).ttl) {
        this.#record(spec.resource, 'l1Hit');
        if (now >= entry.freshUntil - refreshAheadMs(entry.ttl))
          this.#refreshInBackground(key, spec.resource, fetch as () => Promise<unknown>, true);
        return Promise.resolve(entry.hit as Cached<T>);
      }
    }
    return this.#readThrough(key, spec.resource, fetch as () => Promise<unknown>, bypass) as Promise<
      Cached<T>
    >;
  }

  #readThrough(
    key: string,
    resource: ResourceName,
    fetch: () => Promise<unknown>,
    bypass: boolean,
  ): Promise<Cached<unknown>> {
    const pending = this.#inflight.get(key);
    if (pending !== undefined) {
      // in-process stampede: join the read already running (a manual refresh too: it started just now).
      // The joined lookup counts as what it got: a hit when that read was answered from the cache, else a
      // miss that shared its Oracle query (coalesced), or a failed lookup
      if (bypass) this.#l1.delete(key);
      const outcome = this.#outcomes.get(pending);
      return pending.then(
        (answer) => {
          const event = outcome?.event;
          if (event === undefined || event === 'miss') {
            this.#record(resource, 'miss');
            this.#record(resource, 'coalesced');
          } else this.#record(resource, event);
          return answer;
        },
        (error: unknown) => {
          this.#record(resource, 'miss');
          this.#record(resource, 'failed');
          throw error;
        },
      );
    }
    const local = this.#l1.peek(key);
    // a manual refresh that fails may fall back to the old value, but always flagged stale: the user asked
    // for fresh data and did not get it
    const localStale =
      bypass && local !== undefined ? { ...local, freshUntil: Number.NEGATIVE_INFINITY } : local;
    const outcome: { event?: CacheStatEvent } = {};
    const task = (async () => {
      if (bypass) await this.#invalidateForRefresh(key, resource);
      return this.#load(key, resource, fetch, localStale, bypass, outcome);
    })();
    this.#outcomes.set(task, outcome);
    this.#inflight.set(key, task);
    const cleanup = () => {
      if (this.#inflight.get(key) === task) this.#inflight.delete(key);
    };
    task.then(cleanup, cleanup);
    return task;
  }

  async #load(
    key: string,
    resource: ResourceName,
    fetch: () => Promise<unknown>,
    localStale: L1Entry | undefined,
    skipL2Read: boolean,
    /** receives the lookup's outcome event (for reads that join this one) */
    outcome: { event?: CacheStatEvent } = {},
  ): Promise<Cached<unknown>> {
    const lookup = (event: 'l1Hit' | 'l2Hit' | 'staleServed' | 'miss') => {
      outcome.event = event;
      this.#record(resource, event);
    };
    const policy = this.#ttl.ttlFor(resource);
    if (!(policy.ttl > 0)) {
      // caching switched off for this resource: straight to the source (still coalesced in process)
      const t0 = performance.now();
      const value = await fetch();
      this.#record(resource, 'fetch', performance.now() - t0);
      return {
        data: value,
        cache: { key, origin: 'oracle', storedAt: this.#clock(), ttlSeconds: 0, stale: false },
      };
    }
    const epoch = this.#epochOf(key);
    let l2 = this.#l2Acquire();
    // Redis configured and switched on, but unreachable (breaker open): a lookup without L2 (Redis errors)
    if (!l2 && this.#redis !== null && this.#breaker.state !== 'disabled')
      this.#record(resource, 'l2Unavailable');
    if (l2 && !skipL2Read) {
      const got = await this.#l2Get(key, resource);
      if (got === L2_DOWN) l2 = false;
      else if (got === L2_NEWER) {
        this.#record(resource, 'miss');
        return this.#fetchBesideNewer(key, resource, fetch, policy, localStale, epoch);
      } else if (got !== null) {
        const read = got.env;
        const now = this.#clock();
        // freshness follows the CURRENT policy (a TTL change in the panel applies to values already stored);
        // the envelope's ttl/grace are the writer's, informational (key browser) and set the physical TTL
        const ttl = policy.ttl;
        const freshUntil = read.at + ttl * 1000;
        if (now < freshUntil) {
          lookup('l2Hit');
          // refresh ahead: a read in the value's last moments starts ONE background refresh, so views that
          // poll in step with expiry never show a value older than its TTL (issue 15)
          if (now >= freshUntil - refreshAheadMs(ttl)) this.#refreshInBackground(key, resource, fetch, true);
          return this.#fillFromL2(key, read, got.bytes, ttl, policy, now, epoch);
        }
        const graceUntil = freshUntil + policy.grace * 1000;
        if (now < graceUntil) {
          // stale-while-revalidate: answer at once, ONE refresh in the background (lock-protected)
          lookup('staleServed');
          this.#refreshInBackground(key, resource, fetch);
          const data = deepFreeze(read.v);
          return { data, cache: { key, origin: 'stale', storedAt: read.at, ttlSeconds: ttl, stale: true } };
        }
      }
    }
    if (!l2 && !skipL2Read && localStale !== undefined) {
      // Without L2 (Redis failing, switched off or not configured) this console's copy is the only cache:
      // it serves for the resource's whole TTL (the short L1 TTL only exists to pick up other consoles'
      // refreshes through L2), then stale within grace while one refresh runs. A Redis outage therefore
      // does not turn every poll into an Oracle query.
      const now = this.#clock();
      if (now < localStale.freshUntil) {
        lookup('l1Hit');
        if (now >= localStale.freshUntil - refreshAheadMs(localStale.ttl))
          this.#refreshInBackground(key, resource, fetch, true);
        return localStale.hit;
      }
      if (now < localStale.graceUntil) {
        lookup('staleServed');
        this.#refreshInBackground(key, resource, fetch);
        return {
          data: localStale.hit.data,
          cache: { key, origin: 'stale', storedAt: localStale.storedAt, ttlSeconds: policy.ttl, stale: true },
        };
      }
    }
    lookup('miss');
    try {
      if (l2 && this.#breaker.isClosed)
        return await this.#lockedFetch(key, resource, fetch, policy, localStale, epoch);
      return await this.#fetchAndStore(key, resource, fetch, policy, localStale, epoch, false);
    } catch (error) {
      // no answer: the source failed and nothing within grace was cached (not a miss, see stats.ts)
      this.#record(resource, 'failed');
      throw error;
    }
  }

  /** Cross-process stampede protection: one holder fetches, the others poll L2 (bounded) for its value. */
  async #lockedFetch(
    key: string,
    resource: ResourceName,
    fetch: () => Promise<unknown>,
    policy: EffectiveTtl,
    localStale: L1Entry | undefined,
    epoch: number,
  ): Promise<Cached<unknown>> {
    const lockKey = lockKeyFor(key);
    const token = `${this.#consoleId}:${randomUUID()}`;
    let lock = await this.#tryLock(lockKey, token, resource);
    if (lock === 'acquired')
      return this.#fetchHoldingLock(key, resource, fetch, policy, localStale, epoch, lockKey, token);
    if (lock === 'busy') {
      const deadline = performance.now() + this.#lockWaitMs;
      const maxPoll = Math.max(this.#lockPollMs, 200);
      let poll = this.#lockPollMs;
      while (performance.now() < deadline) {
        await sleep(Math.min(poll, Math.max(1, deadline - performance.now())));
        poll = Math.min(maxPoll, poll * 1.5);
        if (!this.#breaker.isClosed) break;
        const got = await this.#l2Get(key, resource);
        if (got === L2_DOWN) break;
        if (got === L2_NEWER) return this.#fetchBesideNewer(key, resource, fetch, policy, localStale, epoch);
        if (got !== null) {
          const now = this.#clock();
          const ttl = policy.ttl;
          if (now < got.env.at + ttl * 1000) {
            this.#record(resource, 'coalesced');
            return this.#fillFromL2(key, got.env, got.bytes, ttl, policy, now, epoch);
          }
        }
        // the holder may have died (lock expired) or failed (lock released without a value): take over
        lock = await this.#tryLock(lockKey, token, resource);
        if (lock === 'acquired') {
          return this.#fetchHoldingLock(key, resource, fetch, policy, localStale, epoch, lockKey, token);
        }
        if (lock === 'unavailable') break;
      }
    }
    // no lock possible, or the bounded wait ended: fetch ourselves, never fail the read
    return this.#fetchAndStore(key, resource, fetch, policy, localStale, epoch, this.#breaker.isClosed);
  }

  async #fetchHoldingLock(
    key: string,
    resource: ResourceName,
    fetch: () => Promise<unknown>,
    policy: EffectiveTtl,
    localStale: L1Entry | undefined,
    epoch: number,
    lockKey: string,
    token: string,
    /** a value stored meanwhile must stay fresh this much longer to be used instead of fetching */
    minFreshMs = 0,
  ): Promise<Cached<unknown>> {
    const renew = setInterval(
      () => {
        if (this.#redis === null || !this.#breaker.isClosed) return;
        this.#redis
          .eval(RENEW_LOCK_LUA, 1, lockKey, token, this.#lockTtlMs)
          .catch((error: unknown) => this.#fail('lock-renew', error));
      },
      Math.max(10, Math.floor(this.#lockTtlMs / 3)),
    );
    renew.unref?.();
    try {
      // double-check: a holder may have written the value and released the lock between our GET and SET NX
      const got = await this.#l2Get(key, resource, false);
      if (got === L2_NEWER)
        return await this.#fetchBesideNewer(key, resource, fetch, policy, localStale, epoch);
      if (got !== null && got !== L2_DOWN) {
        const now = this.#clock();
        const ttl = policy.ttl;
        if (now < got.env.at + ttl * 1000 - minFreshMs) {
          this.#record(resource, 'coalesced');
          return this.#fillFromL2(key, got.env, got.bytes, ttl, policy, now, epoch);
        }
      }
      return await this.#fetchAndStore(key, resource, fetch, policy, localStale, epoch, true);
    } finally {
      clearInterval(renew);
      this.#releaseLock(lockKey, token);
    }
  }

  /**
   * L2 holds a newer release's value: fetch ourselves and serve it, keep it in L1 for the resource's whole
   * TTL (the short L1 TTL exists to pick up refreshes through L2, which this console cannot read), and leave
   * L2 to the newer release.
   */
  #fetchBesideNewer(
    key: string,
    resource: ResourceName,
    fetch: () => Promise<unknown>,
    policy: EffectiveTtl,
    localStale: L1Entry | undefined,
    epoch: number,
  ): Promise<Cached<unknown>> {
    const local: EffectiveTtl = { ...policy, l1Ttl: policy.ttl };
    return this.#fetchAndStore(key, resource, fetch, local, localStale, epoch, false);
  }

  /** Fetch from the source, fill L1 (and L2 when asked); on source failure serve a stale value within grace. */
  async #fetchAndStore(
    key: string,
    resource: ResourceName,
    fetch: () => Promise<unknown>,
    policy: EffectiveTtl,
    localStale: L1Entry | undefined,
    epoch: number,
    writeL2: boolean,
  ): Promise<Cached<unknown>> {
    const t0 = performance.now();
    let value: unknown;
    try {
      value = await fetch();
    } catch (error) {
      const now = this.#clock();
      if (localStale !== undefined && now < localStale.graceUntil) {
        // the miss's source read failed (failed), the lookup was answered from the cache (staleServed)
        this.#record(resource, 'failed');
        this.#record(resource, 'staleServed');
        const fresh = now < localStale.freshUntil;
        return {
          data: localStale.value,
          cache: {
            key,
            origin: fresh ? 'l1' : 'stale',
            storedAt: localStale.storedAt,
            ttlSeconds: localStale.ttl,
            stale: !fresh,
          },
        };
      }
      throw error; // unchanged (a TmsError from the Oracle layer stays what it is)
    }
    this.#record(resource, 'fetch', performance.now() - t0);
    const storedAt = this.#clock();
    const meta: CacheMeta = { key, origin: 'oracle', storedAt, ttlSeconds: policy.ttl, stale: false };
    let json: string | undefined;
    try {
      json = JSON.stringify(value);
    } catch (error) {
      this.#fail('serialize', error);
    }
    if (json === undefined) {
      // not JSON-serializable (or undefined): answer it, cache nothing
      return { data: value, cache: meta };
    }
    // every origin returns the same JSON shape, deeply frozen (L1 hands out this very object)
    const data = deepFreeze(JSON.parse(json));
    if (this.#epochOf(key) !== epoch) {
      // invalidated while we were fetching: the answer may predate the change, keep it out of the caches
      return { data, cache: meta };
    }
    this.#l1Set(key, data, storedAt, policy, json.length, storedAt);
    if (writeL2 && this.#redis !== null && this.#breaker.isClosed) {
      const format = this.#formatOf(resource).version;
      const payload = encodeEnvelope(json, storedAt, policy.ttl, policy.grace, this.#consoleId, format);
      const px = Math.max(1, Math.round((policy.ttl + policy.grace) * 1000));
      try {
        await this.#redis.set(key, payload, 'PX', px);
        this.#breaker.success();
      } catch (error) {
        this.#l2Failure(error, resource, 'write');
      }
    }
    return { data, cache: meta };
  }

  /**
   * ONE refresh of a key in the background (stale-while-revalidate, or `ahead` of expiry: then a value
   * another console stored meanwhile with more than the refresh-ahead window left counts as done).
   */
  #refreshInBackground(
    key: string,
    resource: ResourceName,
    fetch: () => Promise<unknown>,
    ahead = false,
  ): void {
    if (this.#refreshing.has(key)) return;
    this.#refreshing.add(key);
    const task = (async () => {
      const policy = this.#ttl.ttlFor(resource);
      const epoch = this.#epochOf(key);
      if (this.#redis !== null && this.#breaker.isClosed) {
        const lockKey = lockKeyFor(key);
        const token = `${this.#consoleId}:${randomUUID()}`;
        const lock = await this.#tryLock(lockKey, token, resource);
        if (lock === 'busy') return; // another process is refreshing it
        if (lock === 'acquired') {
          const minFreshMs = ahead ? refreshAheadMs(policy.ttl) : 0;
          await this.#fetchHoldingLock(
            key,
            resource,
            fetch,
            policy,
            undefined,
            epoch,
            lockKey,
            token,
            minFreshMs,
          );
          return;
        }
      }
      await this.#fetchAndStore(key, resource, fetch, policy, undefined, epoch, this.#breaker.isClosed);
    })()
      .catch((error: unknown) => {
        // the source failed: the stale value keeps being served within its grace window
        this.#fail('refresh', error);
      })
      .finally(() => {
        this.#refreshing.delete(key);
        this.#background.delete(task);
      });
    this.#background.add(task);
  }

  // ---------------------------------------------------------------- L1

  #l1Set(
    key: string,
    data: unknown,
    storedAt: number,
    policy: EffectiveTtl,
    bytes: number,
    now: number,
  ): void {
    const freshUntil = storedAt + policy.ttl * 1000;
    const l1Ttl = Math.min(policy.l1Ttl, policy.ttl);
    const entry: L1Entry = {
      value: data,
      storedAt,
      ttl: policy.ttl,
      freshUntil,
      graceUntil: freshUntil + policy.grace * 1000,
      l1Until: Math.min(now + l1Ttl * 1000, freshUntil),
      bytes,
      hit: Object.freeze({
        data,
        cache: Object.freeze({ key, origin: 'l1', storedAt, ttlSeconds: policy.ttl, stale: false }),
      }) as Cached<unknown>,
    };
    this.#l1.set(key, entry);
  }

  #fillFromL2(
    key: string,
    env: Envelope,
    bytes: number,
    ttl: number,
    policy: EffectiveTtl,
    now: number,
    epoch: number,
  ): Cached<unknown> {
    const data = deepFreeze(env.v);
    if (this.#epochOf(key) === epoch) {
      const grace = policy.grace;
      this.#l1Set(key, data, env.at, { ttl, l1Ttl: policy.l1Ttl, grace }, bytes, now);
    }
    return { data, cache: { key, origin: 'l2', storedAt: env.at, ttlSeconds: ttl, stale: false } };
  }

  #epochOf(key: string): number {
    return this.#epoch * 1_000_003 + (this.#keyEpoch.get(key) ?? 0);
  }

  #bumpKey(key: string): void {
    if (this.#keyEpoch.size >= 10_000 && !this.#keyEpoch.has(key)) {
      this.#keyEpoch.clear();
      this.#epoch++;
      return;
    }
    this.#keyEpoch.set(key, (this.#keyEpoch.get(key) ?? 0) + 1);
  }

  dropLocal(key: string): void {
    this.#bumpKey(key);
    this.#l1.delete(key);
    this.#inflight.delete(key); // later readers start a fresh read instead of joining an older one
  }

  dropLocalPrefix(prefix: string): void {
    this.#epoch++;
    for (const key of [...this.#l1.keys()]) if (key.startsWith(prefix)) this.#l1.delete(key);
    for (const key of [...this.#inflight.keys()]) if (key.startsWith(prefix)) this.#inflight.delete(key);
  }

  clearLocal(): void {
    this.#epoch++;
    this.#l1.clear();
    this.#inflight.clear();
  }

  // ---------------------------------------------------------------- L2 primitives

  /** May this read use Redis? (claims the breaker's probe when it is time to probe) */
  #l2Acquire(): boolean {
    return this.#redis !== null && this.#breaker.tryAcquire();
  }

  async #l2Get(key: string, resource: ResourceName, countCorrupt = true): Promise<L2Read> {
    let raw: string | null;
    try {
      raw = await this.#redis!.get(key);
      this.#breaker.success();
    } catch (error) {
      return this.#l2Failure(error, resource, 'read') ? L2_DOWN : null;
    }
    if (raw === null) return null;
    const env = decodeEnvelope(raw);
    const format = this.#formatOf(resource);
    if (env !== null && env.f !== format.version) {
      // another release's shape: a newer one is left alone, an older one is a miss that our write replaces
      return env.f > format.version ? L2_NEWER : null;
    }
    if (env === null || !this.#plausibleAge(env, resource) || !this.#validValue(format, env.v)) {
      // foreign/corrupt value: never served, a miss; the next write replaces it
      if (countCorrupt) this.#record(resource, 'corrupt');
      return null;
    }
    return { env, bytes: raw.length };
  }

  #formatOf(resource: ResourceName): ValueFormat {
    return this.#formats[resource] ?? NO_FORMAT;
  }

  /**
   * Fetched no later than now (+ clock skew between consoles) and not older than its ttl + grace (the
   * writer's or the current policy's, whichever is longer): Redis expires it then, so a value still there
   * claims an age it cannot have.
   */
  #plausibleAge(env: Envelope, resource: ResourceName): boolean {
    const now = this.#clock();
    // the current policy may be longer than the writer's ("apply to existing keys" extended the key's life)
    const policy = this.#ttl.ttlFor(resource);
    const lifeSeconds = Math.max(env.ttl + env.grace, policy.ttl + policy.grace);
    return env.at <= now + this.#maxSkewMs && now <= env.at + lifeSeconds * 1000 + this.#maxSkewMs;
  }

  #validValue(format: ValueFormat, value: unknown): boolean {
    try {
      return format.isValid(value) === true;
    } catch (error) {
      this.#fail('validate', error);
      return false;
    }
  }

  async #tryLock(lockKey: string, token: string, resource: ResourceName): Promise<LockResult> {
    try {
      const ok = await this.#redis!.set(lockKey, token, 'PX', this.#lockTtlMs, 'NX');
      this.#breaker.success();
      return ok === 'OK' ? 'acquired' : 'busy';
    } catch (error) {
      this.#l2Failure(error, resource, 'lock');
      return 'unavailable';
    }
  }

  #releaseLock(lockKey: string, token: string): void {
    const redis = this.#redis;
    if (redis === null || !this.#breaker.isClosed) return; // it expires on its own
    redis.eval(RELEASE_LOCK_LUA, 1, lockKey, token).catch((error: unknown) => this.#fail('unlock', error));
  }

  /**
   * Record an L2 error. Connectivity errors (timeouts, refused, not ready) open the breaker and return true;
   * reply errors (OOM, WRONGTYPE...) mean the server is up: counted only, returns false.
   */
  #l2Failure(error: unknown, resource: ResourceName | undefined, where: string): boolean {
    if (resource !== undefined) this.#record(resource, 'error');
    this.#fail(`l2-${where}`, error);
    if (isReplyError(error)) return false;
    this.#breaker.failure(errorText(error));
    return true;
  }

  // ---------------------------------------------------------------- invalidation

  async #invalidateForRefresh(key: string, resource: ResourceName): Promise<void> {
    this.dropLocal(key);
    await this.#deleteL2([key], [], resource);
    await this.#notify({ keys: [key] });
  }

  async invalidate(spec: CacheKeySpec): Promise<number> {
    const key = buildKey(spec);
    this.dropLocal(key);
    const removed = await this.#deleteL2([key], [], spec.resource);
    await this.#notify({ keys: [key] });
    return removed;
  }

  async invalidateResources(connId: string, resources: readonly ResourceName[]): Promise<number> {
    const keys: string[] = [];
    const prefixes: string[] = [];
    for (const resource of new Set(resources)) {
      const scope = resourceScope(connId, resource);
      if (scope.exact !== undefined) keys.push(scope.exact);
      else prefixes.push(scope.prefix);
    }
    for (const key of keys) this.dropLocal(key);
    for (const prefix of prefixes) this.dropLocalPrefix(prefix);
    const removed = await this.#deleteL2(keys, prefixes);
    await this.#notify({ ...(keys.length ? { keys } : {}), ...(prefixes.length ? { prefixes } : {}) });
    return removed;
  }

  async invalidateConnection(connId: string): Promise<number> {
    const prefix = connectionPrefix(connId);
    this.dropLocalPrefix(prefix);
    // the connection changed or is gone: its records (activity, alerts) go too, named explicitly since a
    // connection's clear keeps them
    const removed = await this.#deleteL2([], [prefix, ...recordPrefixesOf(prefix)]);
    await this.#notify({ prefixes: [prefix] });
    return removed;
  }

  /**
   * UNLINK exact keys and every key under the prefixes. When L2 cannot be reached (breaker open, switched
   * off, connection error) the deletion is remembered and replayed once the breaker closes again, so a
   * value invalidated during an outage is not served after it.
   */
  async #deleteL2(
    keys: readonly string[],
    prefixes: readonly string[],
    resource?: ResourceName,
  ): Promise<number> {
    if (this.#redis === null) return 0;
    if (!this.#l2Acquire()) {
      this.#remember(keys, prefixes);
      return 0;
    }
    const redis = this.#redis;
    let removed = 0;
    try {
      if (keys.length === 1 && !this.#invalidator?.invalidateKeys) removed += await redis.unlink(keys[0]!);
      else if (keys.length > 0) {
        if (this.#invalidator?.invalidateKeys) removed += await this.#invalidator.invalidateKeys(keys);
        else for (const n of await Promise.all(keys.map((k) => redis.unlink(k)))) removed += n;
      }
      for (const prefix of prefixes) {
        removed += this.#invalidator
          ? await this.#invalidator.invalidatePrefix(prefix)
          : await this.#scanUnlink(`${escapeGlob(prefix)}*`);
      }
      this.#breaker.success();
    } catch (error) {
      const cause = error instanceof Error && error.cause !== undefined ? error.cause : error;
      if (this.#l2Failure(cause, resource, 'invalidate')) this.#remember(keys, prefixes);
    }
    return removed;
  }

  #remember(keys: readonly string[], prefixes: readonly string[]): void {
    const cap = (set: Set<string>, max: number) => {
      while (set.size > max) set.delete(set.values().next().value as string);
    };
    for (const k of keys) this.#pendingKeys.add(k);
    for (const p of prefixes) this.#pendingPrefixes.add(p);
    cap(this.#pendingKeys, 10_000);
    cap(this.#pendingPrefixes, 1000);
  }

  async #replayPending(): Promise<void> {
    if (this.#replaying || (this.#pendingKeys.size === 0 && this.#pendingPrefixes.size === 0)) return;
    this.#replaying = true;
    try {
      const keys = [...this.#pendingKeys];
      const prefixes = [...this.#pendingPrefixes];
      this.#pendingKeys.clear();
      this.#pendingPrefixes.clear();
      await this.#deleteL2(keys, prefixes);
    } catch (error) {
      this.#fail('replay', error);
    } finally {
      this.#replaying = false;
    }
  }

  /** Deletions waiting for L2 to come back (keys + prefixes). */
  get pendingInvalidations(): number {
    return this.#pendingKeys.size + this.#pendingPrefixes.size;
  }

  /** Fallback namespace deletion: SCAN COUNT 500 + UNLINK in batches of 500 (each master on a cluster). */
  async #scanUnlink(pattern: string): Promise<number> {
    const redis = this.#redis!;
    const nodes: Redis[] = (redis as { isCluster?: boolean }).isCluster
      ? (redis as Cluster).nodes('master')
      : [redis as Redis];
    let removed = 0;
    for (const node of nodes) {
      let cursor = '0';
      do {
        const [next, found] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
        cursor = next;
        for (let i = 0; i < found.length; i += 500) {
          const batch = found.slice(i, i + 500);
          if (nodes.length > 1) {
            for (const n of await Promise.all(batch.map((k) => redis.unlink(k)))) removed += n;
          } else removed += await node.unlink(...batch);
        }
      } while (cursor !== '0');
    }
    return removed;
  }

  async #notify(msg: InvalidationNotice): Promise<void> {
    if (!this.#publish) return;
    try {
      await this.#publish(msg);
    } catch (error) {
      this.#fail('publish', error);
    }
  }

  // ---------------------------------------------------------------- state, switch, lifecycle

  /** The runtime switch (panel / REDIS_ENABLED): false → reads go L1 → source, Redis untouched. */
  setL2Enabled(enabled: boolean): void {
    this.#breaker.setEnabled(enabled);
  }

  get breaker(): CircuitBreaker {
    return this.#breaker;
  }

  stateOf(): EngineState {
    return {
      l2: this.#redis === null ? 'none' : this.#breaker.state,
      ...(this.#redis !== null ? { redisStatus: this.#redis.status } : {}),
      ...(this.#breaker.lastError !== undefined ? { lastError: this.#breaker.lastError } : {}),
      l1: {
        entries: this.#l1.size,
        bytes: this.#l1.calculatedSize ?? 0,
        maxEntries: this.#l1Max.entries,
        maxBytes: this.#l1Max.bytes,
      },
      inflight: this.#inflight.size,
      refreshing: this.#refreshing.size,
    };
  }

  /** Breaker state changes ("L2 off / failing / back"); returns the unsubscribe function. */
  onStateChange(listener: (change: BreakerChange) => void): () => void {
    return this.#breaker.onChange(listener);
  }

  /** Wait for background refreshes (bounded), then drop L1. Does not close the Redis client (not ours). */
  async close(timeoutMs = 2000): Promise<void> {
    this.#detach();
    if (this.#background.size > 0) {
      await Promise.race([Promise.allSettled([...this.#background]), sleep(timeoutMs)]);
    }
    this.clearLocal();
  }

  /** Wait until no background refresh is running (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.#background.size > 0) await Promise.allSettled([...this.#background]);
  }

  #record(resource: ResourceName, event: CacheStatEvent, durationMs?: number): void {
    if (this.#stats === undefined) return;
    try {
      this.#stats.record(resource, event, durationMs);
    } catch {
      // stats must never break a read
    }
  }

  #fail(where: string, error: unknown): void {
    if (!this.#onError) return;
    try {
      this.#onError(where, error);
    } catch {
      // diagnostics must never break a read
    }
  }
}
