/**
 * The cache panel (issues 4 and 6): hit ratios (this console / all consoles / per resource / 30-minute
 * history / server-wide keyspace ratio), Redis health and advice, the L2 switch, invalidation, the shared TTL
 * policy, the hit-ratio threshold, and the key browser. All Redis work runs in main; these are the DTOs.
 */
import { z } from 'zod';
import { RESOURCE_NAMES, RESOURCES, type ResourceName, TTL_TIERS, type TtlTier } from '../cache';
import { channel, event } from './define';

// ------------------------------------------------------------------ DTOs: stats

export type CacheStatEventName =
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

export type StatCounters = Record<CacheStatEventName, number> & {
  latencySumMs: number;
  latencyCount: number;
  /** only known for this console (null in the all-consoles view) */
  latencyMaxMs: number | null;
};

/**
 * The panel's figures, each defined ONCE (computed in main: src/main/cache/ops/stats.ts summarizeCounters):
 *   hits       = l1Hit + l2Hit + staleServed            lookups answered from the cache
 *   misses     = miss − failed                          lookups answered by Oracle (own query or a shared one)
 *   lookups    = hits + misses                          answered lookups; failed ones are counted apart
 *   hitRatio   = hits / lookups                         the ONE hit ratio (since `since`, or the last 5 min)
 *   oracleAvoided = hits + coalesced                    lookups that ran no Oracle query of their own
 *   failedLookups = failed                              no answer: the source failed and nothing was cached
 */
export interface HitSummary {
  lookups: number;
  hits: number;
  misses: number;
  /** 0..1, null without lookups */
  hitRatio: number | null;
  /** shares of lookups answered by each layer (0..1, null without lookups); they add up to hitRatio */
  l1Ratio: number | null;
  l2Ratio: number | null;
  staleRatio: number | null;
  /** every Oracle query the cache ran: misses, background refreshes (stale and ahead of expiry), manual refreshes */
  oracleQueries: number;
  /** hits + misses that waited for another lookup's query (coalesced): ≥ hits by the coalesced waits */
  oracleAvoided: number;
  /** misses that shared another lookup's Oracle query */
  coalesced: number;
  /** lookups that got no answer (Oracle unreachable and nothing cached): not in `lookups`, not a miss */
  failedLookups: number;
  /** Redis trouble: failed Redis commands + corrupt values read + lookups made without Redis while it was unreachable */
  redisErrors: number;
  avgFetchMs: number | null;
}

export interface ResourceStats {
  resource: ResourceName;
  counters: StatCounters;
  summary: HitSummary;
}

export interface StatsMinute {
  /** epoch ms of the minute's start */
  at: number;
  counters: StatCounters;
  summary: HitSummary;
}

export interface StatsScope {
  /** epoch ms since when the totals count */
  since: number;
  totals: StatCounters;
  summary: HitSummary;
  /** resources with at least one event, busiest first */
  perResource: ResourceStats[];
  /** the last 30 minutes, oldest first, one entry per minute (zeros where nothing happened) */
  history: StatsMinute[];
  /** the last `recentMinutes` minutes (the window the low-ratio warning judges) */
  recent: HitSummary;
  recentMinutes: number;
}

export interface ThresholdConfig {
  /** percent 0..100 */
  percent: number;
  /** lookups needed in the window before the ratio is judged */
  minSamples: number;
}

export interface ThresholdState extends ThresholdConfig {
  windowMinutes: number;
  /** which counters were judged: all consoles when Redis answers, else this console */
  scope: 'all' | 'console';
  ratio: number | null;
  lookups: number;
  low: boolean;
}

export interface HitRatioLowEvent {
  ratio: number;
  thresholdPercent: number;
  scope: 'all' | 'console';
  lookups: number;
  windowMinutes: number;
  at: number;
}

export interface CacheStatsSnapshot {
  at: number;
  consoleId: string;
  console: StatsScope;
  /** null when Redis did not answer (or is switched off) */
  all: StatsScope | null;
  /** server-wide INFO keyspace_hits/misses: every application and tool using this Redis, not only ours */
  keyspace: { hits: number; misses: number; ratio: number | null } | null;
  threshold: ThresholdState;
}

// ------------------------------------------------------------------ DTOs: Redis health

export type RedisDeploymentMode = 'standalone' | 'sentinel' | 'cluster';

export interface RedisNodeInfo {
  address: string;
  version: string | null;
  role: string | null;
  usedMemory: number | null;
  usedMemoryPeak: number | null;
  maxmemory: number | null;
  maxmemoryPolicy: string | null;
  fragmentationRatio: number | null;
  evictedKeys: number | null;
  expiredKeys: number | null;
  keyspaceHits: number | null;
  keyspaceMisses: number | null;
  connectedClients: number | null;
  opsPerSec: number | null;
  uptimeSeconds: number | null;
  keys: number;
  aofEnabled: boolean;
  /** RDB snapshots configured (CONFIG GET save); null when CONFIG is not allowed */
  rdbSaveConfigured: boolean | null;
}

/** Stable codes: the UI translates them (params fill the sentence). */
export type AdviceCode =
  | 'NO_MAXMEMORY'
  | 'POLICY_NOEVICTION'
  | 'POLICY_VOLATILE'
  | 'POLICY_NOT_LRU'
  | 'MEMORY_NEAR_LIMIT'
  | 'EVICTIONS_HAPPENING'
  | 'HIGH_FRAGMENTATION'
  | 'PERSISTENCE_AOF'
  | 'PERSISTENCE_RDB';

export interface Advice {
  code: AdviceCode;
  severity: 'warning' | 'info';
  params: Record<string, string | number>;
}

export interface RedisInfoSummary {
  mode: RedisDeploymentMode;
  version: string | null;
  /** summed over masters for a cluster */
  usedMemory: number | null;
  usedMemoryPeak: number | null;
  /** 0 = no limit */
  maxmemory: number | null;
  maxmemoryPolicy: string | null;
  /** the worst (highest) ratio of the nodes */
  fragmentationRatio: number | null;
  evictedKeys: number | null;
  expiredKeys: number | null;
  keyspaceHits: number | null;
  keyspaceMisses: number | null;
  /** server-wide keyspace_hits / (hits + misses): mixes every application using this Redis */
  keyspaceHitRatio: number | null;
  connectedClients: number | null;
  opsPerSec: number | null;
  keys: number;
  nodes: RedisNodeInfo[];
  advice: Advice[];
  at: number;
}

/** The L2 switch and the circuit breaker, as the panel shows them. */
export interface L2Status {
  /** the runtime switch (and REDIS_ENABLED) */
  enabled: boolean;
  /** 'none' = no Redis configured; otherwise the breaker: closed = in use, open = failing (L1 → Oracle) */
  state: 'closed' | 'open' | 'half-open' | 'disabled' | 'none';
  /** ioredis connection status, when there is a client */
  redisStatus?: string;
  lastError?: string;
}

export interface RedisInfoView {
  l2: L2Status;
  /** null when Redis did not answer; `error` says why */
  info: RedisInfoSummary | null;
  error?: string;
  /** stable reason of `error` ('redis.offline', …) the renderer words in the chosen language */
  errorReason?: string;
}

// ------------------------------------------------------------------ DTOs: TTL policy

export interface EffectiveTtlDto {
  ttl: number;
  l1Ttl: number;
  grace: number;
}

export interface TtlOverrideDto {
  ttl: number;
  l1Ttl?: number;
  grace?: number;
}

export type TtlSource = 'default' | 'tier' | 'resource';

export interface TtlPolicyEntry {
  resource: ResourceName;
  tier: TtlTier;
  effective: EffectiveTtlDto;
  defaults: EffectiveTtlDto;
  source: TtlSource;
}

export interface TtlTierEntry {
  tier: TtlTier;
  defaultTtl: number;
  override?: TtlOverrideDto;
}

export interface TtlPolicySnapshot {
  resources: TtlPolicyEntry[];
  tiers: TtlTierEntry[];
  /** where the overrides came from: Redis, or nothing loaded yet (plan defaults) */
  loadedFrom: 'redis' | 'defaults';
  /** epoch ms of the last successful load (0 = never) */
  loadedAt: number;
  limits: { min: number; max: number };
}

/** "Apply to existing keys": what the DBA chose. */
export interface ApplyTtlRequest {
  resources: ResourceName[];
  /** the connection whose keys change; required for per-connection resources unless allConnections */
  connId?: string;
  /** every connection's keys of these resources (asked for explicitly) */
  allConnections?: boolean;
  /** count the keys that would change, change nothing (the confirmation's figure) */
  dryRun?: boolean;
}

export interface ApplyTtlResult {
  /** keys found in the scope */
  matched: number;
  /** keys whose expiry was changed (0 on a dry run; a key that expired meanwhile is not counted) */
  updated: number;
  dryRun: boolean;
  /** the scope actually used: connId null = every connection (or only global resources) */
  scope: { resources: ResourceName[]; connId: string | null; allConnections: boolean };
  perResource: { resource: ResourceName; matched: number; updated: number; ttlMs: number; match: string }[];
}

// ------------------------------------------------------------------ DTOs: key browser

export interface KeyPage {
  keys: string[];
  /** pass back for the next page; null when every master has been scanned to the end */
  cursor: string | null;
  calls: number;
  /** the page stopped on its time budget / call cap: more may follow even if few keys came back */
  partial: boolean;
  nodes: number;
  /** the MATCH pattern actually used */
  match: string;
  /** keys of this page outside `tms:` (other applications'; only when asked for) */
  foreignKeys: number;
}

export interface KeyDetails {
  key: string;
  /** outside `tms:`: another application's key, shown read-only because the DBA asked */
  foreign: boolean;
  /** 'none' when the key vanished since the scan */
  type: string;
  /** live PTTL in ms: -1 = no expiry, -2 = gone */
  pttlMs: number;
  memoryBytes: number | null;
  resource: ResourceName | null;
  connId: string | null;
  /** the current policy for the key's resource */
  configuredTtl: EffectiveTtlDto | null;
  /** epoch ms the value was fetched from Oracle (the engine's envelope), when readable */
  storedAt: number | null;
  ageMs: number | null;
  writtenTtl: number | null;
  writtenGrace: number | null;
  writtenBy: string | null;
}

export interface KeyValue {
  key: string;
  /** outside `tms:` (read-only) */
  foreign: boolean;
  type: string;
  exists: boolean;
  pttlMs: number;
  /** bytes for a string, elements for the other types */
  size: number;
  truncated: boolean;
  text?: string;
  /** the parsed JSON when the whole string value is JSON */
  json?: unknown;
  entries?: { field?: string; value: string; score?: number }[];
}

// ------------------------------------------------------------------ DTOs: invalidation

export const INVALIDATION_SCOPES = ['key', 'resource', 'connection', 'llm', 'all'] as const;
export type InvalidationScopeName = (typeof INVALIDATION_SCOPES)[number];

export interface InvalidateResult {
  removed: number;
  /** 'ok' = Redis keys removed; 'skipped' = L2 off or not configured (L1 only); 'unavailable' = Redis failed */
  l2: 'ok' | 'skipped' | 'unavailable';
}

export interface CacheInvalidatedEvent {
  scope: InvalidationScopeName | 'remote';
  /** local: this console asked; remote: another console did (L1 copies dropped here) */
  origin: 'local' | 'remote';
  removed: number;
  connId?: string;
  resource?: ResourceName;
  key?: string;
  at: number;
}

// ------------------------------------------------------------------ request schemas

const resourceName = z.enum(RESOURCE_NAMES as [ResourceName, ...ResourceName[]]);
const tierName = z.enum(Object.keys(TTL_TIERS) as [TtlTier, ...TtlTier[]]);
const connId = z.string().min(1).max(128);
const redisKey = z.string().min(1).max(1024);
const tmsKey = redisKey.refine((k) => k.startsWith('tms:'), 'only keys under "tms:" can be changed here');
const seconds = z
  .number()
  .int()
  .min(1)
  .max(7 * 24 * 3600);
const empty = z.object({}).strict();

const invalidateRequest = z
  .object({
    scope: z.enum(INVALIDATION_SCOPES),
    connId: connId.optional(),
    resource: resourceName.optional(),
    key: tmsKey.optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.scope === 'key' && !r.key)
      ctx.addIssue({ code: 'custom', message: 'key is required', path: ['key'] });
    if (r.scope === 'connection' && !r.connId) {
      ctx.addIssue({ code: 'custom', message: 'connId is required', path: ['connId'] });
    }
    if (r.scope === 'resource') {
      if (!r.resource) ctx.addIssue({ code: 'custom', message: 'resource is required', path: ['resource'] });
      else if (RESOURCES[r.resource].scope === 'conn' && !r.connId) {
        ctx.addIssue({ code: 'custom', message: 'connId is required for this resource', path: ['connId'] });
      }
    }
  });

const setTtlRequest = z
  .object({
    resource: resourceName.optional(),
    tier: tierName.optional(),
    ttl: seconds,
    l1Ttl: seconds.optional(),
    grace: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 3600)
      .optional(),
  })
  .strict()
  .refine((r) => (r.resource === undefined) !== (r.tier === undefined), 'give either a resource or a tier')
  .refine((r) => r.l1Ttl === undefined || r.l1Ttl <= r.ttl, {
    message: 'The L1 TTL cannot be longer than the L2 TTL.',
    path: ['l1Ttl'],
  });

const resetTtlRequest = z
  .object({ resource: resourceName.optional(), tier: tierName.optional() })
  .strict()
  .refine((r) => !(r.resource && r.tier), 'give a resource, a tier, or neither (everything)');

const applyTtlRequest = z
  .object({
    resources: z.array(resourceName).min(1).max(RESOURCE_NAMES.length),
    connId: connId.optional(),
    allConnections: z.boolean().optional(),
    dryRun: z.boolean().optional(),
  })
  .strict()
  .refine(
    (r) => !(r.connId !== undefined && r.allConnections),
    'give a connection or every connection, not both',
  )
  .refine(
    (r) =>
      r.connId !== undefined ||
      r.allConnections === true ||
      r.resources.every((x) => RESOURCES[x].scope === 'global'),
    {
      message: 'connId is required for per-connection resources (or allConnections: true)',
      path: ['connId'],
    },
  );

const scanKeysRequest = z
  .object({
    cursor: z
      .string()
      .max(120)
      .regex(/^(0|[^@\s]{1,100}@\d{1,20})$/)
      .optional(),
    pattern: z.string().max(256).optional(),
    includeForeign: z.boolean().optional(),
    type: z.enum(['string', 'hash', 'list', 'set', 'zset', 'stream']).optional(),
    limit: z.number().int().min(1).max(2000).optional(),
    count: z.number().int().min(10).max(2000).optional(),
    budgetMs: z.number().int().min(10).max(2000).optional(),
  })
  .strict();

export const cacheChannels = {
  'cache:stats': channel(empty).returns<CacheStatsSnapshot>(),
  'cache:redisInfo': channel(empty).returns<RedisInfoView>(),
  'cache:setL2Enabled': channel(z.object({ enabled: z.boolean() }).strict()).returns<L2Status>(),
  'cache:invalidate': channel(invalidateRequest).returns<InvalidateResult>(),
  'cache:ttlPolicy': channel(empty).returns<TtlPolicySnapshot>(),
  'cache:setTtl': channel(setTtlRequest).returns<TtlPolicySnapshot>(),
  'cache:resetTtl': channel(resetTtlRequest).returns<TtlPolicySnapshot>(),
  'cache:applyTtlToExisting': channel(applyTtlRequest).returns<ApplyTtlResult>(),
  'cache:setHitRatioThreshold': channel(
    z
      .object({
        percent: z.number().min(0).max(100),
        minSamples: z.number().int().min(1).max(1_000_000).optional(),
      })
      .strict(),
  ).returns<ThresholdConfig>(),
  'cache:scanKeys': channel(scanKeysRequest).returns<KeyPage>(),
  'cache:keyDetails': channel(
    z.object({ keys: z.array(redisKey).min(1).max(500), includeForeign: z.boolean().optional() }).strict(),
  ).returns<KeyDetails[]>(),
  'cache:getValue': channel(
    z
      .object({
        key: redisKey,
        maxBytes: z
          .number()
          .int()
          .min(1)
          .max(4 * 1024 * 1024)
          .optional(),
        maxItems: z.number().int().min(1).max(10_000).optional(),
        includeForeign: z.boolean().optional(),
      })
      .strict(),
  ).returns<KeyValue>(),
  'cache:deleteKey': channel(z.object({ key: tmsKey }).strict()).returns<{ removed: number }>(),
};

export const cacheEvents = {
  /** every few seconds while the app runs */
  'cache:stats': event<CacheStatsSnapshot>(),
  'cache:invalidated': event<CacheInvalidatedEvent>(),
  'cache:ttlPolicyChanged': event<TtlPolicySnapshot>(),
  'cache:hitRatioLow': event<HitRatioLowEvent>(),
  'cache:l2State': event<L2Status>(),
};
