/**
 * Resource limits (issue 17): V$RESOURCE_LIMIT (GV$ on RAC), one row per instance and resource,
 * `tms:{connId}:limits`. The view is instance-wide: inside a PDB it still counts the whole instance
 * (every container), so its scope is the CDB (or the non-CDB database), per instance.
 */

export interface ResourceLimitRow {
  instId: number;
  /** processes, sessions, enqueue_locks, transactions, parallel_max_servers, ... */
  resource: string;
  current: number;
  /** MAX_UTILIZATION: the high-water mark since the instance started (see `startupTime`) */
  max: number;
  /** INITIAL_ALLOCATION; null = UNLIMITED */
  initial: number | null;
  /** LIMIT_VALUE; null = UNLIMITED (no % then) */
  limit: number | null;
  /** current of limit, 0-100+; null when unlimited or the limit is 0 */
  currentPct: number | null;
  /** high-water mark of limit; null when unlimited or the limit is 0 */
  maxPct: number | null;
}

export interface LimitsInstance {
  instId: number;
  /** epoch ms: the high-water marks count from here */
  startupTime: number | null;
}

export interface LimitsSnapshot {
  sampledAt: number;
  /** instance-wide figures: 'cdb' in a CDB (also read from a PDB), 'database' in a non-CDB */
  scope: 'cdb' | 'database';
  instanceScope: 'instance' | 'cluster';
  instances: LimitsInstance[];
  /** closest to its limit first (by current %, then high-water %); unlimited last */
  rows: ResourceLimitRow[];
}
