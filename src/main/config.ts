import { homedir } from 'node:os';
import { join } from 'node:path';
import type { PackAccessValue } from '@shared/types/privileges';
import { type DemoPrivilegeLevel, parseDemoPrivilegeLevel } from './oracle/demo/privileges';
import { DEMO_WORLD_NAMES, type DemoTopology, type DemoWorldName } from './oracle/demo/world/topology';
import { parseRedisConfig, type RedisConfig } from './redis/client';

/** Everything the core needs from the environment; Electron passes its own paths on top. */
export interface CoreConfig {
  /** settings, connections, encrypted secrets */
  dataDir: string;
  /** REDIS_URL (default redis://localhost:6379), REDIS_ENABLED, Sentinel, Cluster, timeouts */
  redis: RedisConfig;
  /** demo database: latency of each query as a fraction of the plan's measured latency (1 = real) */
  demoLatencyScale: number;
  demoSessionCount?: number;
  demoSeed: number;
  /** demo account's grants: TMS_DEMO_PRIVILEGES=full|least|bare (oracle/demo/privileges.ts) */
  demoPrivileges?: DemoPrivilegeLevel;
  /** demo CONTROL_MANAGEMENT_PACK_ACCESS: TMS_DEMO_PACK_ACCESS=NONE|DIAGNOSTIC|DIAGNOSTIC+TUNING */
  demoPackAccess?: PackAccessValue;
  /**
   * The demo world (TMS_DEMO_WORLD: pdb | root | root-limited | rac | pdb-rac | non-cdb; default pdb) and
   * per-field overrides: TMS_DEMO_INSTANCES (1|2), TMS_DEMO_CONNECT_TO (non-cdb|pdb|root),
   * TMS_DEMO_CONTAINER_DATA (all|current), TMS_DEMO_HOST_UTC_OFFSET (database host zone: '+09:00',
   * '-05:00' or minutes; default: a zone other than the console's), TMS_DEMO_CLOCK_SKEW_MS.
   */
  demoWorld?: DemoWorldName;
  demoTopology: Partial<DemoTopology>;
  /** set by Electron (`app.getLocale()`), else from the environment */
  locale: string;
  version: string;
  env: NodeJS.ProcessEnv;
}

function numberFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) {
    throw new Error(`${name} must be a non-negative number (got "${value.slice(0, 40)}").`);
  }
  return n;
}

function parsePackAccess(value: string | undefined): PackAccessValue | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const v = value.trim().toUpperCase();
  if (v === 'NONE' || v === 'DIAGNOSTIC' || v === 'DIAGNOSTIC+TUNING') return v;
  throw new Error(
    `TMS_DEMO_PACK_ACCESS must be NONE, DIAGNOSTIC or DIAGNOSTIC+TUNING (got "${value.slice(0, 20)}").`,
  );
}

/** '+09:00', '-05:30', 'UTC' or minutes east of UTC -> minutes. */
export function parseUtcOffset(name: string, value: string): number {
  const v = value.trim();
  if (/^(utc|z|gmt)$/i.test(v)) return 0;
  const hm = /^([+-])(\d{1,2}):?(\d{2})$/.exec(v);
  const n = hm
    ? (hm[1] === '-' ? -1 : 1) * (Number(hm[2]) * 60 + Number(hm[3]))
    : /^[+-]?\d{1,4}$/.test(v)
      ? Number(v)
      : Number.NaN;
  if (!Number.isInteger(n) || n < -12 * 60 || n > 14 * 60) {
    throw new Error(`${name} must be a UTC offset like +09:00, -05:00 or minutes (got "${v.slice(0, 20)}").`);
  }
  return n;
}

function oneOf<T extends string>(env: NodeJS.ProcessEnv, name: string, allowed: readonly T[]): T | undefined {
  const v = env[name]?.trim();
  if (!v) return undefined;
  if (!(allowed as readonly string[]).includes(v)) {
    throw new Error(`${name} must be one of ${allowed.join(', ')} (got "${v.slice(0, 40)}").`);
  }
  return v as T;
}

/** The demo world from TMS_DEMO_* (validated; unknown values are refused, not ignored). */
export function demoWorldFrom(env: NodeJS.ProcessEnv): {
  world?: DemoWorldName;
  topology: Partial<DemoTopology>;
} {
  const topology: Partial<DemoTopology> = {};
  const instances = oneOf(env, 'TMS_DEMO_INSTANCES', ['1', '2'] as const);
  if (instances) topology.instances = Number(instances) as 1 | 2;
  const connectTo = oneOf(env, 'TMS_DEMO_CONNECT_TO', ['non-cdb', 'pdb', 'root'] as const);
  if (connectTo) topology.connectTo = connectTo;
  const containerData = oneOf(env, 'TMS_DEMO_CONTAINER_DATA', ['all', 'current'] as const);
  if (containerData) topology.containerData = containerData;
  if (env.TMS_DEMO_HOST_UTC_OFFSET?.trim())
    topology.hostUtcOffsetMin = parseUtcOffset('TMS_DEMO_HOST_UTC_OFFSET', env.TMS_DEMO_HOST_UTC_OFFSET);
  if (env.TMS_DEMO_CLOCK_SKEW_MS?.trim()) {
    const n = Number(env.TMS_DEMO_CLOCK_SKEW_MS);
    if (!Number.isInteger(n) || Math.abs(n) > 86_400_000)
      throw new Error('TMS_DEMO_CLOCK_SKEW_MS must be an integer number of milliseconds (at most a day).');
    topology.dbClockSkewMs = n;
  }
  const world = oneOf(env, 'TMS_DEMO_WORLD', DEMO_WORLD_NAMES);
  return { ...(world ? { world } : {}), topology };
}

export function loadConfig(env: NodeJS.ProcessEnv, overrides: Partial<CoreConfig> = {}): CoreConfig {
  const sessions = env.TMS_DEMO_SESSIONS ? numberFrom(env, 'TMS_DEMO_SESSIONS', 0) : undefined;
  const privileges = parseDemoPrivilegeLevel(env.TMS_DEMO_PRIVILEGES);
  const packAccess = parsePackAccess(env.TMS_DEMO_PACK_ACCESS);
  return {
    dataDir: env.TMS_DATA_DIR ?? join(homedir(), '.tms-console'),
    redis: parseRedisConfig(env),
    demoLatencyScale: numberFrom(env, 'TMS_DEMO_LATENCY_SCALE', 1),
    ...(sessions !== undefined ? { demoSessionCount: sessions } : {}),
    demoSeed: numberFrom(env, 'TMS_DEMO_SEED', 20260401),
    ...(privileges ? { demoPrivileges: privileges } : {}),
    ...(packAccess ? { demoPackAccess: packAccess } : {}),
    ...(() => {
      const d = demoWorldFrom(env);
      return { ...(d.world ? { demoWorld: d.world } : {}), demoTopology: d.topology };
    })(),
    locale: env.TMS_LOCALE ?? env.LANG?.split('.')[0]?.replace('_', '-') ?? 'en',
    version: env.npm_package_version ?? '0.1.0',
    env,
    ...overrides,
  };
}
