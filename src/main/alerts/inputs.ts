/**
 * What the alert rules read, per connection, in simple shapes. core.ts builds one AlertInputs per
 * connection from the services that own each figure; tests pass fakes. Every method may throw (Oracle
 * down, missing grant): the evaluator then skips that rule for this round and keeps its alerts as they are.
 */

export interface AlertInputs {
  /** permanent tablespaces, % used of their maximum size (autoextend included) */
  tablespaces(): Promise<{ name: string; pctOfMax: number }[]>;
  /** the fast recovery area, % used (reclaimable excluded); null when there is none */
  recoveryArea(): Promise<{ pctUsed: number } | null>;
  /** V$RESOURCE_LIMIT: current utilisation as % of the limit (UNLIMITED resources left out) */
  resourceLimits(): Promise<{ name: string; instId: number; pctOfLimit: number }[]>;
  /** alert log entries with an ORA- code newer than `sinceMs` (epoch ms) */
  alertLogErrors(sinceMs: number): Promise<{ t: number; instId: number; code: string; text: string }[]>;
  /** sessions waiting on another session, with how long they have waited (s) */
  blockedSessions(): Promise<
    { sid: number; instId: number; waitSec: number; blocker: string | null; username: string | null }[]
  >;
  /** average active sessions over the last metric interval and CPU_COUNT (null when unknown) */
  load(): Promise<{ aas: number | null; cpuCount: number | null }>;
  /** Redis used_memory and maxmemory in bytes (maxmemory 0 = no limit); null without Redis */
  redisMemory(): Promise<{ usedBytes: number; maxBytes: number } | null>;
  /**
   * the cache hit ratio (%) over the cache panel's recent window, with the panel's own threshold (%)
   * when one is set; null until enough lookups were made to judge it
   */
  cacheHitRatio(): Promise<{ pct: number; thresholdPct: number | null } | null>;
}

/** Inputs that have nothing to say (a test's base, or a connection that cannot be read). */
export const EMPTY_INPUTS: AlertInputs = {
  tablespaces: async () => [],
  recoveryArea: async () => null,
  resourceLimits: async () => [],
  alertLogErrors: async () => [],
  blockedSessions: async () => [],
  load: async () => ({ aas: null, cpuCount: null }),
  redisMemory: async () => null,
  cacheHitRatio: async () => null,
};
