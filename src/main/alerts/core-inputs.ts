/**
 * The AlertInputs of one connection, from the services that own each figure (built by core.ts).
 * Oracle figures go through the two-level cache (the same keys the views read), so the evaluator adds
 * no Oracle query another console or view has not already paid for within the TTL.
 */
import type { Cached } from '@shared/cache';
import type { CacheStatsSnapshot, RedisInfoView } from '@shared/contract/cache';
import type { BlockingNode, DashboardMetrics, LocksSnapshot } from '@shared/types/oracle';
import type { AlertInputs } from './inputs';

export interface CoreInputSources {
  monitoring: {
    locks(connId: string): Promise<Cached<LocksSnapshot>>;
    dashboard(connId: string): Promise<Cached<DashboardMetrics>>;
  };
  /** CPU_COUNT as the activity sampler learnt it (null until it sampled once) */
  cpuCount(connId: string): Promise<number | null>;
  cacheAdmin: { redisInfo(): Promise<RedisInfoView>; stats(): Promise<CacheStatsSnapshot> };
  /** the inputs other services supply (Space, Limits, Alert log): connected by the lead at merge */
  pending?: Partial<Pick<AlertInputs, 'tablespaces' | 'recoveryArea' | 'resourceLimits' | 'alertLogErrors'>>;
}

/** Every session waiting below a root blocker, with that root as its blocker. */
export function blockedFromLocks(
  locks: LocksSnapshot,
): { sid: number; instId: number; waitSec: number; blocker: string; username: string | null }[] {
  const out: { sid: number; instId: number; waitSec: number; blocker: string; username: string | null }[] =
    [];
  const walk = (node: BlockingNode, blocker: string): void => {
    for (const w of node.waiters) {
      out.push({
        sid: w.session.sid,
        instId: w.session.instId,
        waitSec: w.session.secondsInWait,
        blocker,
        username: w.session.username,
      });
      walk(w, blocker);
    }
  };
  for (const root of locks.roots) walk(root, `sid ${root.session.sid} @${root.session.instId}`);
  return out;
}

export function coreAlertInputs(connId: string, s: CoreInputSources): AlertInputs {
  return {
    // supplied by the Space service (tablespace % of max, FRA % used) at merge
    tablespaces: s.pending?.tablespaces ?? (async () => []),
    recoveryArea: s.pending?.recoveryArea ?? (async () => null),
    // supplied by the Limits service (V$RESOURCE_LIMIT % of limit) at merge
    resourceLimits: s.pending?.resourceLimits ?? (async () => []),
    // supplied by the Alert log service (entries with ORA- codes) at merge
    alertLogErrors: s.pending?.alertLogErrors ?? (async () => []),
    blockedSessions: async () => blockedFromLocks((await s.monitoring.locks(connId)).data),
    load: async () => {
      const [dash, cpuCount] = await Promise.all([s.monitoring.dashboard(connId), s.cpuCount(connId)]);
      return { aas: dash.data.averageActiveSessions, cpuCount };
    },
    redisMemory: async () => {
      const view = await s.cacheAdmin.redisInfo();
      // Redis configured but not answering: not judged this round (the open alert stays as it is)
      if (!view.info && view.errorReason) throw new Error(view.error ?? 'Redis did not answer.');
      const used = view.info?.usedMemory;
      const max = view.info?.maxmemory;
      return typeof used === 'number' && typeof max === 'number' ? { usedBytes: used, maxBytes: max } : null;
    },
    cacheHitRatio: async () => {
      const t = (await s.cacheAdmin.stats()).threshold;
      if (t.ratio === null || t.lookups < t.minSamples) return null; // too few lookups to judge
      return { pct: t.ratio * 100, thresholdPct: t.percent };
    },
  };
}
