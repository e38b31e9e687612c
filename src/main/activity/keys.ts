/**
 * The Redis keys of one connection's activity. All under the connection's `tms:<connId>:` namespace
 * (so invalidating the connection removes them, and SCAN by connection finds them), and all with the
 * same hash tag `{<connId>}` so the Lua scripts that touch several of them run on one Cluster slot.
 * The connection id is encoded by cache/keys.ts (never contains braces or `:`).
 *
 * The lease and the fencing counter live under `tms:lock:` (reserved: never removed by an
 * invalidation), with the same hash tag: if invalidating a connection reset the fence, a stalled
 * sampler holding an old, higher token could write again.
 */
import { encodeConnId, KEY_NAMESPACE, LOCK_PREFIX } from '../cache/keys';

/** The segment after `tms:<connId>:` that marks activity keys (the key browser and TTL policy know it). */
export const ACTIVITY_SEGMENT = 'activity';

export interface ActivityKeys {
  /** Stream of samples: entry id = database second × 1000, one field `d` (binary, codec.ts) */
  readonly samples: string;
  /** Stream of per-minute roll-ups: entry id = minute start ms, field `d` (JSON, rollup.ts) */
  readonly rollups: string;
  /** Hash: string → id (the dictionary of repeated strings) */
  readonly dict: string;
  /** Hash: id → string, `#next` (the last id given) and `#epoch` (changes when the dictionary is recreated) */
  readonly dictRev: string;
  /** String: `<consoleId>:<token>` with PX = the lease */
  readonly lease: string;
  /** String (INCR): the highest fencing token ever issued */
  readonly fence: string;
  /** Hash: the shared settings (settings.ts) */
  readonly settings: string;
  /** Sorted set: `<consoleId>:<viewerId>` scored by expiry (epoch ms) */
  readonly watchers: string;
  /** Stream of V$SQLSTATS snapshots (sqlstats-window.ts) */
  readonly sqlstats: string;
  /** Hash: `rows` / `rollupRows` (exact counters kept by the fenced appends), `cpuCount`, `rac` */
  readonly meta: string;
}

export function activityKeys(connId: string): ActivityKeys {
  const c = encodeConnId(connId);
  const head = `${KEY_NAMESPACE}${c}:${ACTIVITY_SEGMENT}:{${c}}:`;
  const lock = `${LOCK_PREFIX}${ACTIVITY_SEGMENT}:{${c}}:`;
  return {
    samples: `${head}samples`,
    rollups: `${head}rollups`,
    dict: `${head}dict`,
    dictRev: `${head}dict-rev`,
    lease: `${lock}lease`,
    fence: `${lock}fence`,
    settings: `${head}settings`,
    watchers: `${head}watchers`,
    sqlstats: `${head}sqlstats`,
    meta: `${head}meta`,
  };
}

/** The activity keys of a connection that hold data (memory accounting; the lock keys excluded). */
export function activityDataKeys(connId: string): string[] {
  const k = activityKeys(connId);
  return [k.samples, k.rollups, k.dict, k.dictRev, k.meta, k.settings, k.watchers, k.sqlstats];
}
