/**
 * Cache statistics: counters per resource and event for this console (in memory, `record` is a few
 * additions, never I/O), flushed to Redis in batches so every console's numbers can be summed:
 *   - `tms:stats:total`          HINCRBY `{resource}|{event}`, `{resource}|latSum`, `{resource}|latCount`
 *   - `tms:stats:m:{epochMinute}` HINCRBY `{event}`, `latSum`, `latCount` (all resources), expires after 35 min
 *
 * Recording convention (what the engine reports per `getOrFetch`):
 *   exactly ONE outcome: `l1Hit` | `l2Hit` | `staleServed` (served from cache past its TTL, in grace) | `miss`;
 *   plus `fetch` (with its duration) for every source (Oracle) call actually made (background refreshes
 *   too), `coalesced` when a miss waited on another fetch (this process or another console) instead of
 *   fetching, `failed` when a miss's source read failed (then either nothing was answered, or a stale
 *   value was: that lookup is also `staleServed`), `l2Unavailable` when a lookup went without Redis
 *   because it was unreachable (breaker open), `error` (a Redis command failed), `corrupt`.
 *
 * The figures, defined here ONCE (src/shared/contract/cache.ts HitSummary says what each counts):
 *   hits          = l1Hit + l2Hit + staleServed
 *   misses        = miss − failed              answered by Oracle
 *   lookups       = hits + misses              answered lookups (a failed one is neither hit nor miss)
 *   hit ratio     = hits / lookups             (null without lookups); judged by the warning over 5 minutes
 *   Oracle queries avoided = hits + coalesced  lookups without an Oracle query of their own (≤ lookups)
 *   Redis errors  = error + corrupt + l2Unavailable
 */

import { RESOURCE_NAMES, type ResourceName } from '@shared/cache';
import type {
  CacheStatsSnapshot,
  HitRatioLowEvent,
  HitSummary,
  ResourceStats,
  StatCounters,
  StatsMinute,
  StatsScope,
  ThresholdConfig,
  ThresholdState,
} from '@shared/contract/cache';
import { invalidInput } from '@shared/error-reasons';
import { TmsError } from '@shared/errors';
import type { CacheStatEvent, CacheStatsSink } from '../types';

export type {
  CacheStatsSnapshot,
  HitRatioLowEvent,
  HitSummary,
  ResourceStats,
  StatCounters,
  StatsMinute,
  StatsScope,
  ThresholdConfig,
  ThresholdState,
};

import {
  CACHE_CONFIG_KEY,
  type RedisClient,
  redisUnavailable,
  STATS_TOTAL_KEY,
  statsMinuteKey,
} from './namespace';

export const STAT_EVENTS = [
  'l1Hit',
  'l2Hit',
  'miss',
  'fetch',
  'staleServed',
  'coalesced',
  'error',
  'corrupt',
  'failed',
  'l2Unavailable',
] as const satisfies readonly CacheStatEvent[];

export const HISTORY_MINUTES = 30;
const BUCKET_TTL_MS = 35 * 60_000;
export const DEFAULT_THRESHOLD_PERCENT = 60;
export const DEFAULT_MIN_SAMPLES = 50;
export const THRESHOLD_WINDOW_MINUTES = 5;

export const emptyCounters = (): StatCounters => ({
  l1Hit: 0,
  l2Hit: 0,
  miss: 0,
  fetch: 0,
  staleServed: 0,
  coalesced: 0,
  error: 0,
  corrupt: 0,
  failed: 0,
  l2Unavailable: 0,
  latencySumMs: 0,
  latencyCount: 0,
  latencyMaxMs: null,
});

function addInto(target: StatCounters, source: StatCounters): StatCounters {
  for (const e of STAT_EVENTS) target[e] += source[e];
  target.latencySumMs += source.latencySumMs;
  target.latencyCount += source.latencyCount;
  if (source.latencyMaxMs !== null)
    target.latencyMaxMs = Math.max(target.latencyMaxMs ?? 0, source.latencyMaxMs);
  return target;
}

const ratio = (n: number, d: number): number | null => (d > 0 ? n / d : null);

export function summarizeCounters(c: StatCounters): HitSummary {
  const hits = c.l1Hit + c.l2Hit + c.staleServed;
  // a failed miss that was rescued by a stale value is counted in staleServed (a hit) already
  const misses = Math.max(0, c.miss - c.failed);
  const lookups = hits + misses;
  const coalesced = Math.min(c.coalesced, misses);
  return {
    lookups,
    hits,
    misses,
    hitRatio: ratio(hits, lookups),
    l1Ratio: ratio(c.l1Hit, lookups),
    l2Ratio: ratio(c.l2Hit, lookups),
    staleRatio: ratio(c.staleServed, lookups),
    oracleQueries: c.fetch,
    oracleAvoided: hits + coalesced,
    coalesced,
    failedLookups: c.failed,
    redisErrors: c.error + c.corrupt + c.l2Unavailable,
    avgFetchMs: c.latencyCount > 0 ? c.latencySumMs / c.latencyCount : null,
  };
}

const epochMinute = (ms: number): number => Math.floor(ms / 60_000);
const isStatEvent = (v: string): v is CacheStatEvent => (STAT_EVENTS as readonly string[]).includes(v);
const isResource = (v: string): v is ResourceName => (RESOURCE_NAMES as readonly string[]).includes(v);

export interface CacheStatsStoreOptions {
  /** null: no Redis configured (this console's numbers only) */
  redis: RedisClient | null;
  /** false while L2 is switched off: counters stay local, nothing is read from or written to Redis */
  redisAllowed?: () => boolean;
  consoleId: string;
  /** server-wide keyspace counters (redis-info's readKeyspaceCounters) */
  readKeyspace?: () => Promise<{ hits: number; misses: number } | null>;
  /** tell other consoles the threshold changed (the bus) */
  broadcast?: () => Promise<unknown>;
  onHitRatioLow?: (event: HitRatioLowEvent) => void;
  onError?: (error: unknown) => void;
  now?: () => number;
}

export class CacheStatsStore implements CacheStatsSink {
  readonly #redisOrNull: RedisClient | null;
  readonly #redisAllowed: () => boolean;
  readonly #consoleId: string;
  readonly #readKeyspace?: () => Promise<{ hits: number; misses: number } | null>;
  readonly #broadcast?: () => Promise<unknown>;
  readonly #onLow?: (event: HitRatioLowEvent) => void;
  readonly #onError: (error: unknown) => void;
  readonly #now: () => number;
  readonly #since: number;
  /** this console since start, per resource */
  readonly #local = new Map<ResourceName, StatCounters>();
  /** this console, per minute (all resources), the last 30 minutes */
  readonly #localMinutes = new Map<number, StatCounters>();
  /** not yet written to Redis */
  #pendingTotals = new Map<ResourceName, StatCounters>();
  #pendingMinutes = new Map<number, StatCounters>();
  #flushing: Promise<boolean> | undefined;
  #threshold: ThresholdConfig = { percent: DEFAULT_THRESHOLD_PERCENT, minSamples: DEFAULT_MIN_SAMPLES };
  #wasLow = false;

  constructor(options: CacheStatsStoreOptions) {
    this.#redisOrNull = options.redis;
    this.#redisAllowed = options.redisAllowed ?? (() => true);
    this.#consoleId = options.consoleId;
    this.#readKeyspace = options.readKeyspace;
    this.#broadcast = options.broadcast;
    this.#onLow = options.onHitRatioLow;
    this.#onError = options.onError ?? (() => {});
    this.#now = options.now ?? Date.now;
    this.#since = this.#now();
  }

  /** The hot path: a handful of additions in memory. */
  record(resource: ResourceName, event: CacheStatEvent, durationMs?: number): void {
    const minute = epochMinute(this.#now());
    const targets = [
      counterIn(this.#local, resource),
      counterIn(this.#pendingTotals, resource),
      counterIn(this.#localMinutes, minute),
      counterIn(this.#pendingMinutes, minute),
    ];
    const latency = durationMs !== undefined && Number.isFinite(durationMs) && durationMs >= 0;
    for (const c of targets) {
      c[event]++;
      if (latency) {
        c.latencySumMs += durationMs;
        c.latencyCount++;
        c.latencyMaxMs = Math.max(c.latencyMaxMs ?? 0, durationMs);
      }
    }
    if (this.#localMinutes.size > HISTORY_MINUTES + 2) this.#prune(minute);
  }

  get threshold(): ThresholdConfig {
    return { ...this.#threshold };
  }

  /** Write pending counters to Redis (a pipeline per hash). false (and kept for the next try) when Redis fails. */
  flush(): Promise<boolean> {
    this.#flushing ??= this.#doFlush().finally(() => {
      this.#flushing = undefined;
    });
    return this.#flushing;
  }

  /** the client when Redis may be used now */
  get #redis(): RedisClient | null {
    return this.#redisOrNull && this.#redisAllowed() ? this.#redisOrNull : null;
  }

  async #doFlush(): Promise<boolean> {
    if (this.#pendingTotals.size === 0 && this.#pendingMinutes.size === 0) return true;
    const redis = this.#redis;
    if (!redis) {
      if (!this.#redisOrNull) {
        // nowhere to send them: this console's numbers live in #local / #localMinutes only
        this.#pendingTotals.clear();
        this.#pendingMinutes.clear();
      } else {
        const oldest = epochMinute(this.#now()) - HISTORY_MINUTES - 5;
        for (const m of this.#pendingMinutes.keys()) if (m < oldest) this.#pendingMinutes.delete(m);
      }
      return false;
    }
    const totals = this.#pendingTotals;
    const minutes = this.#pendingMinutes;
    this.#pendingTotals = new Map();
    this.#pendingMinutes = new Map();
    try {
      const pipelines = [];
      const totalPipe = redis.pipeline();
      totalPipe.hsetnx(STATS_TOTAL_KEY, 'since', String(this.#now()));
      for (const [resource, c] of totals) {
        for (const e of STAT_EVENTS)
          if (c[e] > 0) totalPipe.hincrby(STATS_TOTAL_KEY, `${resource}|${e}`, c[e]);
        if (c.latencyCount > 0) {
          totalPipe.hincrby(STATS_TOTAL_KEY, `${resource}|latSum`, Math.round(c.latencySumMs));
          totalPipe.hincrby(STATS_TOTAL_KEY, `${resource}|latCount`, c.latencyCount);
        }
      }
      pipelines.push(totalPipe);
      for (const [minute, c] of minutes) {
        const key = statsMinuteKey(minute);
        const p = redis.pipeline();
        for (const e of STAT_EVENTS) if (c[e] > 0) p.hincrby(key, e, c[e]);
        if (c.latencyCount > 0) {
          p.hincrby(key, 'latSum', Math.round(c.latencySumMs));
          p.hincrby(key, 'latCount', c.latencyCount);
        }
        p.pexpire(key, BUCKET_TTL_MS);
        pipelines.push(p);
      }
      // one pipeline per key: each is single-slot, so this works on a cluster too
      const results = await Promise.all(pipelines.map((p) => p.exec()));
      for (const r of results) {
        const failed = (r ?? []).find(([err]) => err);
        if (failed) throw failed[0];
      }
      return true;
    } catch (error) {
      // keep the counts for the next flush (a partial write may double-count a little: acceptable for stats)
      for (const [r, c] of totals) addInto(counterIn(this.#pendingTotals, r), c);
      const oldest = epochMinute(this.#now()) - HISTORY_MINUTES - 5;
      for (const [m, c] of minutes) if (m >= oldest) addInto(counterIn(this.#pendingMinutes, m), c);
      this.#onError(error);
      return false;
    }
  }

  /** This console only, from memory. */
  consoleScope(): StatsScope {
    const now = this.#now();
    this.#prune(epochMinute(now));
    return buildScope(this.#since, this.#local, this.#localMinutes, now);
  }

  /** Every console: the Redis hashes plus what this console has not flushed yet. null when Redis fails. */
  async allScope(): Promise<StatsScope | null> {
    const now = this.#now();
    const current = epochMinute(now);
    const minutes = Array.from({ length: HISTORY_MINUTES }, (_, i) => current - HISTORY_MINUTES + 1 + i);
    let total: Record<string, string>;
    let buckets: Record<string, string>[];
    const redis = this.#redis;
    if (!redis) return null;
    try {
      [total, ...buckets] = await Promise.all([
        redis.hgetall(STATS_TOTAL_KEY),
        ...minutes.map((m) => redis.hgetall(statsMinuteKey(m))),
      ]);
    } catch (error) {
      this.#onError(error);
      return null;
    }
    const perResource = new Map<ResourceName, StatCounters>();
    for (const [field, value] of Object.entries(total)) {
      const [resource, name] = field.split('|');
      if (!resource || !name || !isResource(resource)) continue;
      const c = counterIn(perResource, resource);
      const n = Number(value) || 0;
      if (isStatEvent(name)) c[name] += n;
      else if (name === 'latSum') c.latencySumMs += n;
      else if (name === 'latCount') c.latencyCount += n;
    }
    for (const [r, c] of this.#pendingTotals)
      addInto(counterIn(perResource, r), { ...c, latencyMaxMs: null });
    const perMinute = new Map<number, StatCounters>();
    minutes.forEach((m, i) => {
      const c = counterIn(perMinute, m);
      for (const [field, value] of Object.entries(buckets[i] ?? {})) {
        const n = Number(value) || 0;
        if (isStatEvent(field)) c[field] += n;
        else if (field === 'latSum') c.latencySumMs += n;
        else if (field === 'latCount') c.latencyCount += n;
      }
      const pending = this.#pendingMinutes.get(m);
      if (pending) addInto(c, { ...pending, latencyMaxMs: null });
    });
    const since = Number(total.since) || this.#since;
    return buildScope(since, perResource, perMinute, now);
  }

  /** Load the threshold shared in `tms:config:cache` (defaults when Redis is down). */
  async loadConfig(): Promise<boolean> {
    const redis = this.#redis;
    if (!redis) return false;
    try {
      const raw = await redis.hmget(CACHE_CONFIG_KEY, 'hitRatioThreshold', 'hitRatioMinSamples');
      const percent = Number(raw[0]);
      const minSamples = Number(raw[1]);
      this.#threshold = {
        percent: raw[0] !== null && percent >= 0 && percent <= 100 ? percent : DEFAULT_THRESHOLD_PERCENT,
        minSamples:
          raw[1] !== null && Number.isInteger(minSamples) && minSamples >= 1 && minSamples <= 1_000_000
            ? minSamples
            : DEFAULT_MIN_SAMPLES,
      };
      return true;
    } catch (error) {
      this.#onError(error);
      return false;
    }
  }

  async setThreshold(config: { percent: number; minSamples?: number }): Promise<ThresholdConfig> {
    const { percent, minSamples } = config;
    if (!(percent >= 0 && percent <= 100))
      throw invalidInput('cache.threshold', 'The threshold is a percentage (0-100).');
    if (
      minSamples !== undefined &&
      !(Number.isInteger(minSamples) && minSamples >= 1 && minSamples <= 1_000_000)
    ) {
      throw invalidInput(
        'cache.minSamples',
        'The minimum sample count must be a whole number from 1 to 1,000,000.',
      );
    }
    const redis = this.#redis;
    if (!redis) {
      throw new TmsError(
        'REDIS_UNAVAILABLE',
        'Redis is off or not configured: the threshold is shared through Redis.',
        {
          retryable: true,
        },
      );
    }
    try {
      await redis.hset(CACHE_CONFIG_KEY, {
        hitRatioThreshold: String(percent),
        ...(minSamples !== undefined ? { hitRatioMinSamples: String(minSamples) } : {}),
      });
    } catch (error) {
      throw redisUnavailable(
        'save the hit-ratio threshold (it is shared by every console through Redis)',
        error,
      );
    }
    await this.loadConfig();
    this.#wasLow = false; // judge afresh against the new threshold
    try {
      await this.#broadcast?.();
    } catch (error) {
      this.#onError(error);
    }
    return this.threshold;
  }

  /** Flush, read everything the panel shows, judge the threshold (fires onHitRatioLow on a fall below it). */
  async tick(): Promise<CacheStatsSnapshot> {
    await this.flush();
    const [all, keyspace] = await Promise.all([
      this.allScope(),
      this.#readKeyspace?.().catch(() => null) ?? Promise.resolve(null),
    ]);
    const snapshot: CacheStatsSnapshot = {
      at: this.#now(),
      consoleId: this.#consoleId,
      console: this.consoleScope(),
      all,
      keyspace: keyspace
        ? { ...keyspace, ratio: ratio(keyspace.hits, keyspace.hits + keyspace.misses) }
        : null,
      threshold: this.#judge(all),
    };
    const t = snapshot.threshold;
    if (t.low && !this.#wasLow && t.ratio !== null) {
      this.#onLow?.({
        ratio: t.ratio,
        thresholdPercent: t.percent,
        scope: t.scope,
        lookups: t.lookups,
        windowMinutes: t.windowMinutes,
        at: snapshot.at,
      });
    }
    this.#wasLow = t.low;
    return snapshot;
  }

  #judge(all: StatsScope | null): ThresholdState {
    const scope = all ? 'all' : 'console';
    // the same figure the panel shows as the scope's "last 5 minutes" ratio
    const summary = (all ?? this.consoleScope()).recent;
    const judged = summary.lookups >= this.#threshold.minSamples && summary.hitRatio !== null;
    return {
      ...this.#threshold,
      windowMinutes: THRESHOLD_WINDOW_MINUTES,
      scope,
      ratio: summary.hitRatio,
      lookups: summary.lookups,
      low: judged && (summary.hitRatio as number) * 100 < this.#threshold.percent,
    };
  }

  #prune(currentMinute: number): void {
    for (const m of this.#localMinutes.keys()) {
      if (m <= currentMinute - HISTORY_MINUTES) this.#localMinutes.delete(m);
    }
  }
}

function counterIn<K>(map: Map<K, StatCounters>, key: K): StatCounters {
  let c = map.get(key);
  if (!c) {
    c = emptyCounters();
    map.set(key, c);
  }
  return c;
}

function buildScope(
  since: number,
  perResource: Map<ResourceName, StatCounters>,
  perMinute: Map<number, StatCounters>,
  now: number,
): StatsScope {
  const totals = emptyCounters();
  const resources: ResourceStats[] = [];
  for (const [resource, counters] of perResource) {
    addInto(totals, counters);
    resources.push({ resource, counters: { ...counters }, summary: summarizeCounters(counters) });
  }
  resources.sort((a, b) => b.summary.lookups - a.summary.lookups || a.resource.localeCompare(b.resource));
  const current = epochMinute(now);
  const history: StatsMinute[] = [];
  for (let m = current - HISTORY_MINUTES + 1; m <= current; m++) {
    const counters = { ...(perMinute.get(m) ?? emptyCounters()) };
    history.push({ at: m * 60_000, counters, summary: summarizeCounters(counters) });
  }
  const recent = history
    .slice(-THRESHOLD_WINDOW_MINUTES)
    .reduce((acc, m) => addInto(acc, m.counters), emptyCounters());
  return {
    since,
    totals,
    summary: summarizeCounters(totals),
    perResource: resources,
    history,
    recent: summarizeCounters(recent),
    recentMinutes: THRESHOLD_WINDOW_MINUTES,
  };
}
