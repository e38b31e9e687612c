/**
 * Cache operations (issues 4 and 6): namespace invalidation, the invalidation bus, the shared TTL policy,
 * stats, Redis health and the key browser, composed for the composition root.
 *
 * Wiring (src/main/core.ts), the engine and the ops need each other, so `local` and `l2` are lazy:
 *
 *   const ops = createCacheOps({ redis, consoleId, events, local: () => engine, l2: () => l2ControlFrom(engine) });
 *   const engine = new CacheEngine({
 *     redis, consoleId, ttl: ops.ttl, stats: ops.stats,
 *     publishInvalidation: ops.publishInvalidation, namespaceInvalidator: ops.invalidator ?? undefined,
 *   });
 *   await ops.start();                 // loads policy + threshold, subscribes, starts the stats ticker
 *   handlers: { ...cacheHandlers(ops.admin) }
 *   closers.push(() => ops.close());
 */
import type { AppEvents } from '../../events';
import { subscriberFor } from '../../redis/client';
import type { LocalCacheControl } from '../types';
import { CacheAdmin, type L2Control } from './admin';
import { InvalidationBus, type InvalidationScope } from './bus';
import { NamespaceInvalidator } from './invalidator';
import { KeyBrowser } from './key-browser';
import type { RedisClient } from './namespace';
import { readKeyspaceCounters } from './redis-info';
import { type CacheStatsSnapshot, CacheStatsStore } from './stats';
import { TtlPolicyStore } from './ttl-policy';

export { CacheAdmin, type L2Control, l2ControlFrom } from './admin';
export { InvalidationBus } from './bus';
export { NamespaceInvalidator } from './invalidator';
export { buildKeyTree, KeyBrowser } from './key-browser';
export type { RedisClient } from './namespace';
export { readRedisInfo } from './redis-info';
export { KeyScanner } from './scanner';
export { CacheStatsStore } from './stats';
export { TtlPolicyStore } from './ttl-policy';

export interface CacheOpsOptions {
  /** the shared L2 client (createRedisClient), or null when no Redis is configured */
  redis: RedisClient | null;
  consoleId: string;
  /** the engine's local cache; a function so the engine can be built after the ops */
  local: LocalCacheControl | (() => LocalCacheControl);
  /** the L2 switch and breaker state (l2ControlFrom(engine)); a function for the same reason */
  l2?: L2Control | (() => L2Control);
  /** main → renderer events (cache:stats, cache:invalidated, cache:ttlPolicyChanged, cache:hitRatioLow, cache:l2State) */
  events?: AppEvents;
  /** stats flush + `cache:stats` event period (default 3000 ms) */
  statsIntervalMs?: number;
  /** periodic reload of the shared TTL policy and threshold, in case a bus message was lost (default 60 s) */
  configRefreshMs?: number;
  onError?: (where: string, error: unknown) => void;
}

export interface CacheOps {
  /** the engine's TtlPolicyReader */
  readonly ttl: TtlPolicyStore;
  /** the engine's CacheStatsSink */
  readonly stats: CacheStatsStore;
  /** the engine's namespaceInvalidator (null without Redis) */
  readonly invalidator: NamespaceInvalidator | null;
  readonly bus: InvalidationBus | null;
  readonly browser: KeyBrowser | null;
  readonly admin: CacheAdmin;
  /** the engine's publishInvalidation */
  publishInvalidation(scope: InvalidationScope): Promise<void>;
  latestStats(): CacheStatsSnapshot | undefined;
  start(): Promise<void>;
  close(): Promise<void>;
}

export function createCacheOps(options: CacheOpsOptions): CacheOps {
  const { redis, consoleId, events } = options;
  const onError = options.onError ?? (() => {});
  const local = (): LocalCacheControl =>
    typeof options.local === 'function' ? options.local() : options.local;
  const fallbackL2: L2Control = {
    status: () => ({ enabled: redis !== null, state: redis ? 'closed' : 'none' }),
    setEnabled: () => {},
  };
  const l2 = (): L2Control =>
    options.l2 === undefined ? fallbackL2 : typeof options.l2 === 'function' ? options.l2() : options.l2;

  const bus = redis
    ? new InvalidationBus({
        redis,
        consoleId,
        local: {
          dropLocal: (k) => local().dropLocal(k),
          dropLocalPrefix: (p) => local().dropLocalPrefix(p),
          clearLocal: () => local().clearLocal(),
        },
        subscriber: subscriberFor(redis, { onError: (message) => onError('bus', new Error(message)) }),
        onError: (e) => onError('bus', e),
      })
    : null;
  const ttl = new TtlPolicyStore({
    redis,
    onChanged: (snapshot) => events?.emit('cache:ttlPolicyChanged', snapshot),
    broadcast: () => bus?.publishConfig('ttlPolicy') ?? Promise.resolve(false),
    onError: (e) => onError('ttl-policy', e),
  });
  const stats = new CacheStatsStore({
    redis,
    consoleId,
    redisAllowed: () => l2().status().enabled,
    readKeyspace: redis ? () => readKeyspaceCounters(redis) : undefined,
    broadcast: () => bus?.publishConfig('cacheConfig') ?? Promise.resolve(false),
    onHitRatioLow: (e) => events?.emit('cache:hitRatioLow', e),
    onError: (e) => onError('stats', e),
  });
  const invalidator = redis ? new NamespaceInvalidator(redis) : null;
  const browser = redis ? new KeyBrowser({ redis, ttl }) : null;
  let latest: CacheStatsSnapshot | undefined;

  const admin = new CacheAdmin({
    redis,
    local,
    bus,
    invalidator,
    ttl,
    stats,
    browser,
    l2: { status: () => l2().status(), setEnabled: (on) => l2().setEnabled(on) },
    latestStats: () => latest,
    onInvalidated: (e) => events?.emit('cache:invalidated', e),
    onL2Changed: (s) => events?.emit('cache:l2State', s),
  });

  const timers: NodeJS.Timeout[] = [];
  const unsubscribers: (() => void)[] = [];
  let ticking = false;
  const tick = async () => {
    if (ticking) return;
    ticking = true;
    try {
      latest = await stats.tick();
      events?.emit('cache:stats', latest);
    } catch (error) {
      onError('stats-tick', error);
    } finally {
      ticking = false;
    }
  };
  const reloadConfig = async () => {
    await Promise.all([ttl.load(), stats.loadConfig()]);
  };

  return {
    ttl,
    stats,
    invalidator,
    bus,
    browser,
    admin,
    publishInvalidation: async (scope) => {
      await bus?.publishInvalidation(scope);
    },
    latestStats: () => latest,
    async start() {
      if (bus) {
        unsubscribers.push(
          bus.onConfigChanged((m) => {
            if (m.kind === 'ttlPolicy') void ttl.load();
            else void stats.loadConfig();
          }),
          bus.onResubscribed(() => void reloadConfig()),
          bus.onRemoteInvalidation(() =>
            events?.emit('cache:invalidated', {
              scope: 'remote',
              origin: 'remote',
              removed: 0,
              at: Date.now(),
            }),
          ),
        );
        await bus.start();
      }
      const control = l2();
      if (control.subscribe)
        unsubscribers.push(control.subscribe(() => events?.emit('cache:l2State', control.status())));
      await reloadConfig();
      const statsMs = Math.max(250, options.statsIntervalMs ?? 3000);
      const configMs = Math.max(1000, options.configRefreshMs ?? 60_000);
      timers.push(
        setInterval(() => void tick(), statsMs),
        setInterval(() => void reloadConfig(), configMs),
      );
      for (const t of timers) t.unref?.();
      void tick();
    },
    async close() {
      for (const t of timers.splice(0)) clearInterval(t);
      for (const u of unsubscribers.splice(0)) u();
      await stats.flush().catch(() => false);
      await bus?.stop();
    },
  };
}
