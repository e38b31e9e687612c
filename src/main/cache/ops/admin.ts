/**
 * The cache panel's facade: one object the IPC handlers talk to, composing the ops pieces with the engine's
 * local cache (LocalCacheControl) and the L2 switch / breaker state (passed in as functions, so nothing here
 * depends on engine internals).
 */

import type { ResourceName, TtlTier } from '@shared/cache';
import type {
  ApplyTtlRequest,
  ApplyTtlResult,
  CacheInvalidatedEvent,
  CacheStatsSnapshot,
  InvalidateResult,
  InvalidationScopeName,
  KeyDetails,
  KeyPage,
  KeyValue,
  L2Status,
  RedisInfoView,
  ThresholdConfig,
  TtlPolicySnapshot,
} from '@shared/contract/cache';
import { invalidInput } from '@shared/error-reasons';
import { TmsError } from '@shared/errors';
import { describeRedisFailure } from '../../redis/failure';
import { connectionPrefix, resourceScope } from '../keys';
import type { LocalCacheControl } from '../types';
import { applyLocally, type InvalidationBus, type InvalidationScope } from './bus';
import type { NamespaceInvalidator } from './invalidator';
import type { KeyBrowser, ScanKeysRequest } from './key-browser';
import { assertInNamespace, type RedisClient } from './namespace';
import { readRedisInfo } from './redis-info';
import type { CacheStatsStore } from './stats';
import type { TtlOverride, TtlPolicyStore } from './ttl-policy';

/** The L2 switch and breaker state, from the engine (or anything that knows them). */
export interface L2Control {
  status(): L2Status;
  setEnabled(enabled: boolean): void;
  /** breaker / switch changes, for the `cache:l2State` event; returns unsubscribe */
  subscribe?(listener: () => void): () => void;
}

/** Build an L2Control from the engine's public surface (structural: no import of the engine). */
export function l2ControlFrom(engine: {
  stateOf(): { l2: L2Status['state']; redisStatus?: string; lastError?: string };
  setL2Enabled(enabled: boolean): void;
  onStateChange?(listener: () => void): () => void;
}): L2Control {
  return {
    status: () => {
      const s = engine.stateOf();
      return {
        enabled: s.l2 !== 'disabled',
        state: s.l2,
        ...(s.redisStatus !== undefined ? { redisStatus: s.redisStatus } : {}),
        ...(s.lastError !== undefined ? { lastError: s.lastError } : {}),
      };
    },
    setEnabled: (enabled) => engine.setL2Enabled(enabled),
    ...(engine.onStateChange ? { subscribe: (l: () => void) => engine.onStateChange!(l) } : {}),
  };
}

export interface InvalidateRequest {
  scope: InvalidationScopeName;
  connId?: string;
  resource?: ResourceName;
  key?: string;
}

export interface CacheAdminDeps {
  redis: RedisClient | null;
  local: () => LocalCacheControl;
  bus: InvalidationBus | null;
  invalidator: NamespaceInvalidator | null;
  ttl: TtlPolicyStore;
  stats: CacheStatsStore;
  browser: KeyBrowser | null;
  l2: L2Control;
  /** the ticker's latest snapshot, if any */
  latestStats?: () => CacheStatsSnapshot | undefined;
  onInvalidated?: (event: CacheInvalidatedEvent) => void;
  onL2Changed?: (status: L2Status) => void;
  now?: () => number;
}

const noRedis = () =>
  new TmsError('REDIS_UNAVAILABLE', 'No Redis is configured (REDIS_URL): the cache works in process only.');

export class CacheAdmin {
  readonly #d: CacheAdminDeps;
  readonly #now: () => number;

  constructor(deps: CacheAdminDeps) {
    this.#d = deps;
    this.#now = deps.now ?? Date.now;
  }

  // ------------------------------------------------------------ stats and health

  async stats(): Promise<CacheStatsSnapshot> {
    return this.#d.latestStats?.() ?? (await this.#d.stats.tick());
  }

  l2Status(): L2Status {
    return this.#d.l2.status();
  }

  setL2Enabled(enabled: boolean): L2Status {
    this.#d.l2.setEnabled(enabled);
    const status = this.#d.l2.status();
    this.#d.onL2Changed?.(status);
    return status;
  }

  async redisInfo(): Promise<RedisInfoView> {
    const l2 = this.#d.l2.status();
    if (!this.#d.redis) return { l2, info: null, error: noRedis().message };
    try {
      return { l2, info: await readRedisInfo(this.#d.redis) };
    } catch (error) {
      const failure = describeRedisFailure(error);
      return { l2, info: null, error: failure.message, errorReason: `redis.${failure.reason}` };
    }
  }

  async setHitRatioThreshold(config: { percent: number; minSamples?: number }): Promise<ThresholdConfig> {
    return this.#d.stats.setThreshold(config);
  }

  // ------------------------------------------------------------ invalidation

  /**
   * Drop here, in Redis, then tell the other consoles. L1 is dropped before and after the L2 deletion so a
   * read racing the deletion cannot keep an old copy; the others hear about it only once L2 is clean.
   */
  async invalidate(request: InvalidateRequest): Promise<InvalidateResult> {
    const { scope, l2Delete } = this.#plan(request);
    const local = this.#d.local();
    applyLocally(local, scope);
    let removed = 0;
    let l2: InvalidateResult['l2'] = 'skipped';
    if (this.#d.invalidator && this.#l2Usable()) {
      try {
        removed = await l2Delete(this.#d.invalidator);
        l2 = 'ok';
      } catch (error) {
        if (error instanceof TmsError && error.code !== 'REDIS_UNAVAILABLE') throw error;
        l2 = 'unavailable';
      }
    }
    applyLocally(local, scope);
    await this.#d.bus?.publishInvalidation(scope);
    this.#d.onInvalidated?.({
      scope: request.scope,
      origin: 'local',
      removed,
      ...(request.connId !== undefined ? { connId: request.connId } : {}),
      ...(request.resource !== undefined ? { resource: request.resource } : {}),
      ...(request.key !== undefined ? { key: request.key } : {}),
      at: this.#now(),
    });
    return { removed, l2 };
  }

  #plan(r: InvalidateRequest): {
    scope: InvalidationScope;
    l2Delete: (inv: NamespaceInvalidator) => Promise<number>;
  } {
    const need = <T>(v: T | undefined, what: string): T => {
      if (v === undefined || v === '')
        throw invalidInput('cache.invalidateNeeds', `Invalidating by ${r.scope} needs ${what}.`, {
          field: what === 'a key' ? 'key' : what === 'a connection' ? 'connection' : 'resource',
        });
      return v;
    };
    switch (r.scope) {
      case 'key': {
        const key = need(r.key, 'a key');
        assertInNamespace(key);
        return { scope: { keys: [key] }, l2Delete: (inv) => inv.invalidateKeys([key]) };
      }
      case 'connection': {
        const prefix = connectionPrefix(need(r.connId, 'a connection'));
        return { scope: { prefixes: [prefix] }, l2Delete: (inv) => inv.invalidatePrefix(prefix) };
      }
      case 'resource': {
        const resource = need(r.resource, 'a resource');
        const s = resourceScope(r.connId, resource);
        if (s.exact !== undefined) {
          const exact = s.exact;
          return { scope: { keys: [exact] }, l2Delete: (inv) => inv.invalidateKeys([exact]) };
        }
        const prefix = s.prefix;
        return { scope: { prefixes: [prefix] }, l2Delete: (inv) => inv.invalidatePrefix(prefix) };
      }
      case 'llm':
        return { scope: { prefixes: ['tms:llm:'] }, l2Delete: (inv) => inv.invalidatePrefix('tms:llm:') };
      case 'all':
        return { scope: { all: true }, l2Delete: (inv) => inv.invalidateAll() };
      default:
        throw invalidInput('cache.unknownScope', `Unknown invalidation scope "${String(r.scope)}".`);
    }
  }

  #l2Usable(): boolean {
    const state = this.#d.l2.status().state;
    return state !== 'disabled' && state !== 'none';
  }

  // ------------------------------------------------------------ TTL policy

  ttlPolicy(): TtlPolicySnapshot {
    return this.#d.ttl.snapshot();
  }

  async setTtl(request: {
    resource?: ResourceName;
    tier?: TtlTier;
    ttl: number;
    l1Ttl?: number;
    grace?: number;
  }): Promise<TtlPolicySnapshot> {
    const override: TtlOverride = {
      ttl: request.ttl,
      ...(request.l1Ttl !== undefined ? { l1Ttl: request.l1Ttl } : {}),
      ...(request.grace !== undefined ? { grace: request.grace } : {}),
    };
    if (request.resource) return this.#d.ttl.setResource(request.resource, override);
    if (request.tier) return this.#d.ttl.setTier(request.tier, override);
    throw invalidInput('cache.chooseResourceOrTier', 'Choose a resource or a tier to change its TTL.');
  }

  async resetTtl(request: { resource?: ResourceName; tier?: TtlTier }): Promise<TtlPolicySnapshot> {
    return this.#d.ttl.reset(request);
  }

  async applyTtlToExisting(request: ApplyTtlRequest): Promise<ApplyTtlResult> {
    return this.#d.ttl.applyToExisting(request);
  }

  // ------------------------------------------------------------ key browser

  #browser(): KeyBrowser {
    if (!this.#d.browser) throw noRedis();
    return this.#d.browser;
  }

  scanKeys(request: ScanKeysRequest): Promise<KeyPage> {
    return this.#browser().scanKeys(request);
  }

  keyDetails(keys: readonly string[], options: { includeForeign?: boolean } = {}): Promise<KeyDetails[]> {
    return this.#browser().keyDetails(keys, options);
  }

  getValue(
    key: string,
    options: { maxBytes?: number; maxItems?: number; includeForeign?: boolean } = {},
  ): Promise<KeyValue> {
    return this.#browser().getValue(key, options);
  }

  /** UNLINK one key under `tms:` and drop it from every console's L1. */
  async deleteKey(key: string): Promise<{ removed: number }> {
    assertInNamespace(key);
    const browser = this.#browser();
    const local = this.#d.local();
    local.dropLocal(key);
    const removed = await browser.deleteKey(key);
    local.dropLocal(key);
    await this.#d.bus?.publishInvalidation({ keys: [key] });
    this.#d.onInvalidated?.({ scope: 'key', origin: 'local', removed, key, at: this.#now() });
    return { removed };
  }
}
