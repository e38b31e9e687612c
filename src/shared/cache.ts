/**
 * Cache vocabulary shared by main (the engine) and the renderer (ages, origins, the cache panel).
 * Key patterns and TTL tiers are the plan's (seed section 3.2 and 6.3).
 */

/** Where an answer came from. `stale` = served past its TTL inside the grace window. */
export type CacheOrigin = 'l1' | 'l2' | 'oracle' | 'stale' | 'none';

export const TTL_TIERS = {
  realtime: 15,
  short: 30,
  medium: 60,
  long: 300,
  metadata: 1800,
  schema: 3600,
  llm: 86_400,
} as const;
export type TtlTier = keyof typeof TTL_TIERS;

/**
 * Every cached resource, its key shape and its default tier.
 * `scope: 'conn'` keys live under `tms:{connId}:`; `global` keys under `tms:`.
 */
export const RESOURCES = {
  sessions: { scope: 'conn', tier: 'short', pattern: 'tms:{connId}:sessions' },
  locks: { scope: 'conn', tier: 'short', pattern: 'tms:{connId}:locks' },
  'wait-events': { scope: 'conn', tier: 'short', pattern: 'tms:{connId}:wait-events' },
  realtime: { scope: 'conn', tier: 'realtime', pattern: 'tms:{connId}:realtime' },
  'top-sql': { scope: 'conn', tier: 'medium', pattern: 'tms:{connId}:top-sql:{limit}' },
  sql: { scope: 'conn', tier: 'long', pattern: 'tms:{connId}:sql:{sqlId}' },
  'sql-text': { scope: 'conn', tier: 'long', pattern: 'tms:{connId}:sql-text:{sqlId}' },
  'sql-plan': { scope: 'conn', tier: 'long', pattern: 'tms:{connId}:sql-plan:{sqlId}' },
  dashboard: { scope: 'conn', tier: 'short', pattern: 'tms:{connId}:dashboard' },
  trend: { scope: 'conn', tier: 'long', pattern: 'tms:{connId}:trend:{period}' },
  schemas: { scope: 'conn', tier: 'schema', pattern: 'tms:{connId}:schemas' },
  tables: { scope: 'conn', tier: 'metadata', pattern: 'tms:{connId}:tables:{schema}' },
  columns: { scope: 'conn', tier: 'metadata', pattern: 'tms:{connId}:columns:{schema}:{table}' },
  health: { scope: 'conn', tier: 'short', pattern: 'tms:{connId}:health' },
  /** issue 14: the team's V$SQLSTATS snapshot (one per TTL), kept as history for top SQL over a window */
  'sqlstats-snapshot': { scope: 'conn', tier: 'medium', pattern: 'tms:{connId}:sqlstats-snapshot' },
  /** issue 17: tablespaces, recovery area, ASM — space moves slowly and DBA_* usage metrics cost more */
  space: { scope: 'conn', tier: 'long', pattern: 'tms:{connId}:space' },
  /** issue 17: TEMP by session — a sort or hash join spills and ends within a minute */
  'temp-usage': { scope: 'conn', tier: 'short', pattern: 'tms:{connId}:temp-usage' },
  /** issue 17: V$RESOURCE_LIMIT — cheap (memory), and processes/sessions near the limit is urgent */
  limits: { scope: 'conn', tier: 'short', pattern: 'tms:{connId}:limits' },
  /** issue 17: one session's drill-down; the parameter is `{instId}.{sid}.{serial}` */
  session: { scope: 'conn', tier: 'realtime', pattern: 'tms:{connId}:session:{session}' },
  connections: { scope: 'global', tier: 'metadata', pattern: 'tms:connections' },
  'llm-sql': { scope: 'global', tier: 'llm', pattern: 'tms:llm:sql:{hash}' },
  'llm-plan': { scope: 'global', tier: 'llm', pattern: 'tms:llm:plan:{hash}' },
  'llm-tuning': { scope: 'global', tier: 'llm', pattern: 'tms:llm:tuning:{hash}' },
  /**
   * issue 17: SGA/PGA sizes and V$IOSTAT_* rates. 'short' (30 s): the I/O rates are deltas between two
   * Oracle reads, so the TTL is the rate's window — 30 s is long enough to smooth single bursts and
   * agrees with the dashboard's 60 s physical-read metric, short enough to see a batch start; memory
   * sizes change only on resize operations (granules), so they do not need 'realtime'.
   */
  'memory-io': { scope: 'conn', tier: 'short', pattern: 'tms:{connId}:memory-io' },
  /** issue 17: V$DIAG_ALERT_EXT of a whitelisted window (15/60/240/1440 min) — a slow view, read at most once a minute */
  'alert-log': { scope: 'conn', tier: 'medium', pattern: 'tms:{connId}:alert-log:{minutes}' },
  /** issue 17: GV$SESSION_LONGOPS in progress / just finished */
  longops: { scope: 'conn', tier: 'realtime', pattern: 'tms:{connId}:longops' },
  /** issue 15: a table's indexes and constraints in the schema browser (dropped by a DDL change, like columns) */
  indexes: { scope: 'conn', tier: 'metadata', pattern: 'tms:{connId}:indexes:{schema}:{table}' },
  constraints: { scope: 'conn', tier: 'metadata', pattern: 'tms:{connId}:constraints:{schema}:{table}' },
} as const satisfies Record<string, { scope: 'conn' | 'global'; tier: TtlTier; pattern: string }>;

export type ResourceName = keyof typeof RESOURCES;
export const RESOURCE_NAMES = Object.keys(RESOURCES) as ResourceName[];

/** What every cached answer carries so the UI can show "12 s ago · L2". */
export interface CacheMeta {
  key: string;
  origin: CacheOrigin;
  /** epoch ms when the value was fetched from Oracle */
  storedAt: number;
  ttlSeconds: number;
  stale: boolean;
}

export interface Cached<T> {
  data: T;
  cache: CacheMeta;
}

/**
 * Refresh ahead of expiry (issue 15): a read in the last `refreshAheadMs` of a value's TTL starts one
 * background refresh (the engine), and views poll at the start of that window (the renderer), so what a
 * view shows is never older than its TTL. 3 % of the TTL (0.9 s of 30 s), at least 100 ms, at most 2 s:
 * small, because each refresh ahead shortens the value's life by up to that much (≤ 1.03 Oracle
 * queries per key per TTL instead of 1).
 */
export function refreshAheadMs(ttlSeconds: number): number {
  return Math.min(2000, Math.max(100, ttlSeconds * 30));
}
