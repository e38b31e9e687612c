/**
 * The shared TTL policy. Defaults are the plan's tiers (src/shared/cache.ts); overrides live in the Redis
 * hash `tms:config:ttl` shared by every console (field `tier:{tier}` or `res:{resource}`, value JSON
 * `{ttl, l1Ttl?, grace?}` in seconds), validated on write and on read. Changes are broadcast on the bus so
 * every console reloads. `ttlFor` is synchronous and never touches Redis: it reads the last loaded policy
 * (the plan's defaults until a load succeeds; the last good policy while Redis is down).
 */

import { RESOURCE_NAMES, RESOURCES, type ResourceName, TTL_TIERS, type TtlTier } from '@shared/cache';
import type {
  ApplyTtlRequest,
  ApplyTtlResult,
  TtlPolicyEntry,
  TtlPolicySnapshot,
  TtlSource,
  TtlTierEntry,
} from '@shared/contract/cache';
import { invalidInput } from '@shared/error-reasons';
import { TmsError } from '@shared/errors';
import { z } from 'zod';
import { parseKey, resourceScope } from '../keys';
import type { EffectiveTtl, TtlPolicyReader } from '../types';
import { isCluster, prefixPattern, type RedisClient, redisUnavailable, TTL_CONFIG_KEY } from './namespace';
import { KeyScanner } from './scanner';

export type { ApplyTtlRequest, ApplyTtlResult, TtlPolicyEntry, TtlPolicySnapshot, TtlSource, TtlTierEntry };

export const TTL_MIN_SECONDS = 1;
export const TTL_MAX_SECONDS = 7 * 24 * 3600;
export const GRACE_CAP_SECONDS = 3600;
export const TIER_NAMES = Object.keys(TTL_TIERS) as TtlTier[];

const seconds = z.number().int().min(TTL_MIN_SECONDS).max(TTL_MAX_SECONDS);
/** An override as stored and as the UI sends it: l1Ttl and grace default from ttl when omitted. */
export const ttlOverrideSchema = z
  .object({
    ttl: seconds,
    l1Ttl: seconds.optional(),
    grace: z.number().int().min(0).max(TTL_MAX_SECONDS).optional(),
  })
  .strict()
  .refine((o) => o.l1Ttl === undefined || o.l1Ttl <= o.ttl, {
    message: 'The L1 TTL cannot be longer than the L2 TTL.',
    path: ['l1Ttl'],
  });
export type TtlOverride = z.infer<typeof ttlOverrideSchema>;

/** L1 stays 5-10 s (half the L2 TTL, capped at 10 s), at least 1 s and never longer than the L2 TTL. */
export function defaultL1Ttl(ttl: number): number {
  return Math.max(1, Math.min(ttl, Math.max(Math.min(5, ttl), Math.min(10, Math.floor(ttl / 2)))));
}

/** Grace: as long as the TTL itself, capped at one hour. */
export function defaultGrace(ttl: number): number {
  return Math.min(ttl, GRACE_CAP_SECONDS);
}

export function effectiveFrom(o: TtlOverride): EffectiveTtl {
  return { ttl: o.ttl, l1Ttl: o.l1Ttl ?? defaultL1Ttl(o.ttl), grace: o.grace ?? defaultGrace(o.ttl) };
}

export function defaultTtlFor(resource: ResourceName): EffectiveTtl {
  return effectiveFrom({ ttl: TTL_TIERS[RESOURCES[resource].tier] });
}

export interface TtlPolicyStoreOptions {
  /** null: no Redis configured (plan defaults only; saving is refused) */
  redis: RedisClient | null;
  /** physical Redis TTL for an effective policy (default ttl + grace: the engine keeps values through grace) */
  physicalTtlMs?: (ttl: EffectiveTtl) => number;
  /** called after every change of the effective policy (local or from another console) */
  onChanged?: (snapshot: TtlPolicySnapshot) => void;
  /** tell the other consoles (the bus) */
  broadcast?: () => Promise<unknown>;
  onError?: (error: unknown) => void;
}

type Field = `tier:${TtlTier}` | `res:${ResourceName}`;
const isTier = (v: string): v is TtlTier => Object.hasOwn(TTL_TIERS, v);
const isResource = (v: string): v is ResourceName => Object.hasOwn(RESOURCES, v);

export class TtlPolicyStore implements TtlPolicyReader {
  readonly #redisOrNull: RedisClient | null;
  readonly #physical: (ttl: EffectiveTtl) => number;
  readonly #onChanged?: (snapshot: TtlPolicySnapshot) => void;
  readonly #broadcast?: () => Promise<unknown>;
  readonly #onError: (error: unknown) => void;
  #tierOverrides = new Map<TtlTier, TtlOverride>();
  #resourceOverrides = new Map<ResourceName, TtlOverride>();
  #effective = new Map<ResourceName, { ttl: EffectiveTtl; source: TtlSource }>();
  #loadedAt = 0;

  constructor(options: TtlPolicyStoreOptions) {
    this.#redisOrNull = options.redis;
    this.#physical = options.physicalTtlMs ?? ((t) => (t.ttl + t.grace) * 1000);
    this.#onChanged = options.onChanged;
    this.#broadcast = options.broadcast;
    this.#onError = options.onError ?? (() => {});
    this.#recompute();
  }

  get #redis(): RedisClient {
    if (!this.#redisOrNull) {
      throw new TmsError(
        'REDIS_UNAVAILABLE',
        'No Redis is configured: the TTL policy uses the plan defaults.',
      );
    }
    return this.#redisOrNull;
  }

  ttlFor(resource: ResourceName): EffectiveTtl {
    return this.#effective.get(resource)?.ttl ?? defaultTtlFor(resource);
  }

  snapshot(): TtlPolicySnapshot {
    return {
      resources: RESOURCE_NAMES.map((resource) => {
        const e = this.#effective.get(resource)!;
        return {
          resource,
          tier: RESOURCES[resource].tier,
          effective: { ...e.ttl },
          defaults: defaultTtlFor(resource),
          source: e.source,
        };
      }),
      tiers: TIER_NAMES.map((tier) => {
        const override = this.#tierOverrides.get(tier);
        return { tier, defaultTtl: TTL_TIERS[tier], ...(override ? { override: { ...override } } : {}) };
      }),
      loadedFrom: this.#loadedAt > 0 ? 'redis' : 'defaults',
      loadedAt: this.#loadedAt,
      limits: { min: TTL_MIN_SECONDS, max: TTL_MAX_SECONDS },
    };
  }

  /** Reload the overrides from Redis. false (policy unchanged) when Redis is unavailable. */
  async load(): Promise<boolean> {
    let raw: Record<string, string>;
    if (!this.#redisOrNull) return false;
    try {
      raw = await this.#redisOrNull.hgetall(TTL_CONFIG_KEY);
    } catch (error) {
      this.#onError(error);
      return false;
    }
    const tiers = new Map<TtlTier, TtlOverride>();
    const resources = new Map<ResourceName, TtlOverride>();
    for (const [field, value] of Object.entries(raw)) {
      const parsed = parseStored(value);
      if (!parsed) continue; // invalid entries written by hand are ignored, not fatal
      const [kind, name] = splitField(field);
      if (kind === 'tier' && isTier(name)) tiers.set(name, parsed);
      else if (kind === 'res' && isResource(name)) resources.set(name, parsed);
    }
    const before = JSON.stringify(this.snapshot().resources);
    this.#tierOverrides = tiers;
    this.#resourceOverrides = resources;
    this.#loadedAt = Date.now();
    this.#recompute();
    if (JSON.stringify(this.snapshot().resources) !== before) this.#onChanged?.(this.snapshot());
    return true;
  }

  async setResource(resource: ResourceName, override: TtlOverride): Promise<TtlPolicySnapshot> {
    if (!isResource(resource))
      throw invalidInput('cache.unknownResource', `Unknown cache resource "${resource}".`, { resource });
    return this.#write(`res:${resource}`, override);
  }

  async setTier(tier: TtlTier, override: TtlOverride): Promise<TtlPolicySnapshot> {
    if (!isTier(tier)) throw invalidInput('cache.unknownTier', `Unknown TTL tier "${tier}".`, { tier });
    return this.#write(`tier:${tier}`, override);
  }

  /** Back to the plan's defaults: one resource, one tier, or everything. */
  async reset(target: { resource?: ResourceName; tier?: TtlTier } = {}): Promise<TtlPolicySnapshot> {
    try {
      if (target.resource) await this.#redis.hdel(TTL_CONFIG_KEY, `res:${target.resource}`);
      else if (target.tier) await this.#redis.hdel(TTL_CONFIG_KEY, `tier:${target.tier}`);
      else await this.#redis.unlink(TTL_CONFIG_KEY);
    } catch (error) {
      throw redisUnavailable('reset the TTL policy', error);
    }
    return this.#afterWrite();
  }

  /**
   * Re-EXPIRE the existing keys the DBA chose to the current policy's physical TTL: the given resources, of
   * ONE connection (per-connection resources) unless `allConnections` is asked for explicitly; global
   * resources (LLM answers) have no connection. SCAN + PEXPIRE in batches, per master; exact keys without a
   * SCAN. `dryRun` counts the keys it would change (the UI's confirmation) and changes nothing.
   */
  async applyToExisting(
    request: ApplyTtlRequest,
    options: { scanCount?: number; batchSize?: number } = {},
  ): Promise<ApplyTtlResult> {
    const resources = [...new Set(request.resources)];
    if (resources.length === 0) throw invalidInput('cache.chooseResource', 'Choose at least one resource.');
    for (const r of resources) {
      if (!isResource(r))
        throw invalidInput('cache.unknownResource', `Unknown cache resource "${r}".`, { resource: r });
    }
    const connId = request.connId;
    const allConnections = request.allConnections === true && connId === undefined;
    if (!allConnections && connId === undefined && resources.some((r) => RESOURCES[r].scope === 'conn')) {
      throw invalidInput(
        'cache.chooseConnection',
        'Choose the connection whose keys get the new TTL (or every connection, explicitly).',
      );
    }
    const dryRun = request.dryRun === true;
    const perResource: ApplyTtlResult['perResource'] = [];
    try {
      for (const resource of resources) {
        const ttlMs = Math.max(1000, Math.round(this.#physical(this.ttlFor(resource))));
        const perConn = RESOURCES[resource].scope === 'conn';
        const target = perConn && !allConnections ? connId : undefined;
        const counts = await this.#expireMatching(resource, target, ttlMs, dryRun, options);
        perResource.push({ resource, ttlMs, ...counts });
      }
    } catch (error) {
      throw redisUnavailable('apply the TTL to existing keys', error);
    }
    return {
      matched: perResource.reduce((n, r) => n + r.matched, 0),
      updated: perResource.reduce((n, r) => n + r.updated, 0),
      dryRun,
      scope: {
        resources,
        connId: allConnections ? null : (connId ?? null),
        allConnections,
      },
      perResource,
    };
  }

  async #expireMatching(
    resource: ResourceName,
    connId: string | undefined,
    ttlMs: number,
    dryRun: boolean,
    options: { scanCount?: number; batchSize?: number },
  ): Promise<{ matched: number; updated: number; match: string }> {
    const redis = this.#redis;
    const own = connId !== undefined || RESOURCES[resource].scope === 'global';
    const scope = own ? resourceScope(connId, resource) : undefined;
    if (scope?.exact !== undefined) {
      // one key: no SCAN of the keyspace
      const key = scope.exact;
      const matched = await redis.exists(key);
      const updated = matched > 0 && !dryRun ? await redis.pexpire(key, ttlMs) : 0;
      return { matched, updated, match: key };
    }
    const { match, accept } =
      scope !== undefined
        ? {
            match: prefixPattern(scope.prefix),
            accept: (k: string) => {
              const parsed = parseKey(k);
              return parsed?.resource === resource && parsed.connId === connId;
            },
          }
        : resourceMatcher(resource);
    const scanner = new KeyScanner(redis);
    const batchSize = options.batchSize ?? 500;
    let matched = 0;
    let updated = 0;
    for await (const { node, keys } of scanner.scanNodes({ match, count: options.scanCount ?? 500 })) {
      const chosen = keys.filter(accept);
      matched += chosen.length;
      if (dryRun) continue;
      for (let i = 0; i < chosen.length; i += batchSize) {
        const pipeline = (isCluster(redis) ? node.client : redis).pipeline();
        for (const k of chosen.slice(i, i + batchSize)) pipeline.pexpire(k, ttlMs);
        for (const [err, n] of (await pipeline.exec()) ?? []) if (!err) updated += Number(n);
      }
    }
    return { matched, updated, match };
  }

  async #write(field: Field, override: TtlOverride): Promise<TtlPolicySnapshot> {
    const parsed = ttlOverrideSchema.safeParse(override);
    if (!parsed.success) {
      const field = parsed.error.issues[0]?.path.find((p) => typeof p === 'string');
      throw invalidInput('cache.ttl', parsed.error.issues[0]?.message ?? 'Invalid TTL.', {
        ...(field === undefined ? {} : { field }),
        issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      });
    }
    try {
      await this.#redis.hset(TTL_CONFIG_KEY, field, JSON.stringify(parsed.data));
    } catch (error) {
      throw redisUnavailable('save the TTL policy (it is shared by every console through Redis)', error);
    }
    return this.#afterWrite();
  }

  async #afterWrite(): Promise<TtlPolicySnapshot> {
    await this.load(); // notifies onChanged when the effective policy changed
    try {
      await this.#broadcast?.();
    } catch (error) {
      this.#onError(error);
    }
    return this.snapshot();
  }

  #recompute(): void {
    const next = new Map<ResourceName, { ttl: EffectiveTtl; source: TtlSource }>();
    for (const resource of RESOURCE_NAMES) {
      const own = this.#resourceOverrides.get(resource);
      const tier = this.#tierOverrides.get(RESOURCES[resource].tier);
      if (own) next.set(resource, { ttl: effectiveFrom(own), source: 'resource' });
      else if (tier) next.set(resource, { ttl: effectiveFrom(tier), source: 'tier' });
      else next.set(resource, { ttl: defaultTtlFor(resource), source: 'default' });
    }
    this.#effective = next;
  }
}

function splitField(field: string): [string, string] {
  const i = field.indexOf(':');
  return i < 0 ? ['', field] : [field.slice(0, i), field.slice(i + 1)];
}

function parseStored(value: string): TtlOverride | null {
  try {
    const parsed = ttlOverrideSchema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** SCAN MATCH + exact filter for every key of a resource across connections. */
export function resourceMatcher(resource: ResourceName): { match: string; accept: (key: string) => boolean } {
  const def = RESOURCES[resource];
  const literal = def.pattern.split(':');
  if (def.scope === 'global') {
    const scope = resourceScope(undefined, resource);
    if (scope.exact !== undefined)
      return { match: prefixPattern(scope.exact), accept: (k) => k === scope.exact };
    return { match: prefixPattern(scope.prefix), accept: (k) => k.startsWith(scope.prefix) };
  }
  // tms:{connId}:name[:params...] → `tms:*:name` / `tms:*:name:*`, then only keys parseKey recognises
  const name = literal[2]!;
  const params = literal.length - 3;
  return {
    match: params === 0 ? `tms:*:${name}` : `tms:*:${name}:*`,
    accept: (k) => parseKey(k)?.resource === resource,
  };
}
