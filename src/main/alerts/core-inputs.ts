/**
 * The AlertInputs of one connection, from the services that own each figure (built by core.ts).
 * Oracle figures go through the two-level cache (the same keys the views read), so the evaluator adds
 * no Oracle query another console or view has not already paid for within the TTL.
 */
import type { Cached } from '@shared/cache';
import type { CacheStatsSnapshot, RedisInfoView } from '@shared/contract/cache';
import type { AlertLogEntry } from '@shared/types/alert-log';
import type { LimitsSnapshot } from '@shared/types/limits';
import type { BlockingNode, DashboardMetrics, LocksSnapshot } from '@shared/types/oracle';
import type { SpaceSnapshot } from '@shared/types/space';
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

/** The parts of the Space and Alert log services the alert inputs read (their cached answers). */
export interface SpaceAlertSources {
  space(connId: string): Promise<{ data: SpaceSnapshot }>;
  limits(connId: string): Promise<{ data: LimitsSnapshot }>;
}
export interface AlertLogAlertSources {
  oraErrorsSince(connId: string, since: number): Promise<{ entries: AlertLogEntry[] }>;
}

/**
 * Tablespaces (% of the autoextend maximum), the recovery area, resource limits and the alert log's ORA-
 * errors, read through the same cached answers the views show (no Oracle query of their own). A section
 * the account cannot read gives nothing to judge (its view names the grant).
 */
export function spaceAlertInputs(
  connId: string,
  space: SpaceAlertSources,
  alertLog: AlertLogAlertSources,
): NonNullable<CoreInputSources['pending']> {
  return {
    tablespaces: async () => {
      const ts = (await space.space(connId)).data.tablespaces;
      if (!ts.ok) return [];
      return ts.data.rows.map((r) => ({
        name: r.container ? `${r.container}:${r.name}` : r.name,
        pctOfMax: r.usedPct,
      }));
    },
    recoveryArea: async () => {
      const fra = (await space.space(connId)).data.recoveryArea;
      if (!fra.ok || !fra.data.configured) return null;
      // what is really taken: Oracle deletes reclaimable files (backed up, obsolete) when it needs room
      const pct = fra.data.usedNetPct ?? fra.data.usedPct;
      return pct === null ? null : { pctUsed: pct };
    },
    resourceLimits: async () =>
      (await space.limits(connId)).data.rows
        .filter((r) => r.currentPct !== null)
        .map((r) => ({ name: r.resource, instId: r.instId, pctOfLimit: r.currentPct as number })),
    alertLogErrors: async (sinceMs) =>
      (await alertLog.oraErrorsSince(connId, sinceMs)).entries.flatMap((e) =>
        e.oraCodes.map((code) => ({ t: e.time, instId: e.instId, code, text: e.text })),
      ),
  };
}
