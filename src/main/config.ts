import { homedir } from 'node:os';
import { join } from 'node:path';
import type { PackAccessValue } from '@shared/types/privileges';
import { type DemoPrivilegeLevel, parseDemoPrivilegeLevel } from './oracle/demo/privileges';
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
    locale: env.TMS_LOCALE ?? env.LANG?.split('.')[0]?.replace('_', '-') ?? 'en',
    version: env.npm_package_version ?? '0.1.0',
    env,
    ...overrides,
  };
}
