/**
 * The product pieces the bench drives, imported from ../src (bundled by esbuild; `ioredis` here is the
 * product's ioredis 6). Kept in one file so that an API change of the product shows up in one place.
 */
import { RESOURCES, type ResourceName, TTL_TIERS } from '@shared/cache';
import { CacheEngine } from '../../src/main/cache/engine';
import { defaultGrace, defaultL1Ttl } from '../../src/main/cache/ops/ttl-policy';
import type { EffectiveTtl, TtlPolicyReader } from '../../src/main/cache/types';
import type { OracleGateway } from '../../src/main/oracle/gateway';
import {
  closeRedisClient,
  createRedisClient,
  parseRedisConfig,
  type RedisClient,
  waitUntilReady,
} from '../../src/main/redis/client';
import { MonitoringService } from '../../src/main/services/monitoring';

export { CacheEngine, type RedisClient };

/**
 * The product's MonitoringService (every read through the cache, the plan's keys) over a gateway that the
 * caller provides (the bench: a proxy to the shared oracle server).
 */
export function createMonitoring(cache: CacheEngine, gateway: OracleGateway): MonitoringService {
  return new MonitoringService({
    cache,
    gateways: { use: (_connId, fn) => fn(gateway), touch: () => {} },
  });
}

/** An OracleGateway whose every method is forwarded to `call(method, args)`. */
export function forwardingGateway(
  call: (method: string, args: unknown[]) => Promise<unknown>,
): OracleGateway {
  return new Proxy({} as OracleGateway, {
    get: (_t, prop) => (prop === 'then' ? undefined : (...args: unknown[]) => call(String(prop), args)),
  });
}

/** The plan's TTLs (the defaults of the TTL policy store) divided by the time acceleration. */
export function scaledTtlPolicy(
  accel: number,
): TtlPolicyReader & { plan(resource: ResourceName): EffectiveTtl } {
  const plan = (resource: ResourceName): EffectiveTtl => {
    const ttl = TTL_TIERS[RESOURCES[resource].tier];
    return { ttl, l1Ttl: defaultL1Ttl(ttl), grace: defaultGrace(ttl) };
  };
  const cache = new Map<ResourceName, EffectiveTtl>();
  return {
    plan,
    ttlFor(resource) {
      let t = cache.get(resource);
      if (!t) {
        const p = plan(resource);
        t = { ttl: p.ttl / accel, l1Ttl: p.l1Ttl / accel, grace: p.grace / accel };
        cache.set(resource, t);
      }
      return t;
    },
  };
}

/** The product's L2 client (no offline queue, 500 ms command timeout, background reconnect), connected. */
export async function connectRedis(url: string, env: Record<string, string> = {}): Promise<RedisClient> {
  const client = createRedisClient(parseRedisConfig({ REDIS_URL: url, ...env }), { onError: () => {} });
  if (!(await waitUntilReady(client, 5000))) throw new Error(`Redis at ${url} not ready`);
  return client;
}

export { closeRedisClient };

export interface EngineSetup {
  redis: RedisClient | null;
  consoleId: string;
  /** time acceleration: TTLs, lock lifetimes/waits and the breaker's break are divided by it */
  accel?: number;
  ttl?: TtlPolicyReader;
  onError?: (where: string, error: unknown) => void;
  /** lock poll interval (real ms); default max(5, 25 / accel) */
  lockPollMs?: number;
}

export function createEngine(setup: EngineSetup): CacheEngine {
  const accel = setup.accel ?? 1;
  return new CacheEngine({
    redis: setup.redis,
    ttl: setup.ttl ?? scaledTtlPolicy(accel),
    consoleId: setup.consoleId,
    // lock lifetime and wait scale with time; the poll interval does not go below 5 ms (each poll is a
    // real Redis round trip whose cost is not accelerated)
    lock: {
      ttlMs: Math.round(10_000 / accel),
      waitMs: Math.round(3000 / accel),
      pollMs: setup.lockPollMs ?? Math.max(5, Math.round(25 / accel)),
    },
    breaker: { breakMs: Math.round(5000 / accel) },
    ...(setup.onError ? { onError: setup.onError } : {}),
  });
}
