/**
 * What makes the demo's activity worth looking at (issue 14): on top of the sessions' usual 15-second
 * re-rolled activity, a 20-minute cycle on the wall clock (so every console of a team sees the same) runs
 *   02:00-04:30  a CPU-bound burst: 12 sessions ON CPU on one report query;
 *   06:00-11:00  an I/O-heavy batch: 6 ETL sessions in User I/O (multiblock / direct path reads);
 *   10:00-20:00  a plan change: one frequent query switches to a full-scan plan (child 1, another plan
 *                hash) and piles up 5 slow sessions; back to its good plan at the cycle's start;
 *   13:00-15:30  a blocking episode that clears: an idle-in-transaction session holds a row lock and up
 *                to 7 sessions queue on enq: TX - row lock contention, then it commits.
 * Each scenario borrows existing (non-pinned) sessions, so a click-through finds a real session.
 */
import { hash01 } from '../prng';
import type { DemoSession, SqlEntry } from '../world/model';
import type { DemoWorld } from '../world/world';

export const CYCLE_MS = 20 * 60_000;
const M = 60_000;

export const PHASES = {
  burst: [2 * M, 4.5 * M],
  batch: [6 * M, 11 * M],
  slowPlan: [10 * M, 20 * M],
  blocking: [13 * M, 15.5 * M],
} as const;
export type Phase = keyof typeof PHASES;

export function phaseOf(t: number): number {
  return ((t % CYCLE_MS) + CYCLE_MS) % CYCLE_MS;
}
export function inPhase(t: number, phase: Phase): boolean {
  const p = phaseOf(t);
  return p >= PHASES[phase][0] && p < PHASES[phase][1];
}

/** A row override for one session at one instant (the columns the sampler reads). */
export interface ScenarioRow {
  state: 'WAITING' | 'WAITED SHORT TIME';
  event: string;
  waitClass: string;
  sqlId: string | null;
  child: number;
  module?: string;
  action?: string | null;
  blockingSession?: number;
  rowWaitObj?: number;
  waitMicro: number;
}

export interface ScenarioCast {
  burst: DemoSession[];
  batch: DemoSession[];
  slow: DemoSession[];
  blocker: DemoSession | null;
  waiters: DemoSession[];
  burstSql: SqlEntry | null;
  batchSql: SqlEntry | null;
  slowSql: SqlEntry | null;
  lockSql: SqlEntry | null;
  lockObject: number | null;
}

const casts = new WeakMap<DemoWorld, ScenarioCast>();

/** The sessions and statements each scenario uses (fixed per world). */
export function castOf(w: DemoWorld): ScenarioCast {
  const hit = casts.get(w);
  if (hit) return hit;
  const free = [...w.sessions.values()].filter((s) => s.pinned === null && s.module !== 'TMS Console');
  const take = (n: number) => free.splice(0, Math.min(n, free.length));
  const by = (score: (e: SqlEntry) => number) => [...w.sqls].sort((a, b) => score(b) - score(a))[0] ?? null;
  const burstSql = by((e) => e.def.cpuPct * e.def.elaMsPerExec);
  const batchSql = by((e) => (e === burstSql ? -1 : e.def.readsPerExec));
  const slowSql = by((e) => (e === burstSql || e === batchSql ? -1 : e.def.execPerSec));
  const lockSql = w.sqls.find((e) => /^\s*UPDATE/i.test(e.def.text)) ?? slowSql;
  const cast: ScenarioCast = {
    burst: take(12),
    batch: take(6),
    slow: take(5),
    blocker: take(1)[0] ?? null,
    waiters: take(7),
    burstSql,
    batchSql,
    slowSql,
    lockSql,
    lockObject: w.objects[0]?.objectId ?? null,
  };
  casts.set(w, cast);
  return cast;
}

/** The plan hash of the slow plan (child 1) of the plan-change query. */
export const slowPlanHash = (good: number): number => (good ^ 0x5a5a5a5) >>> 0 || 1;

/** Scenario overrides in force at t, by SID. */
export function scenarioRows(w: DemoWorld, t: number): Map<number, ScenarioRow> {
  const c = castOf(w);
  const out = new Map<number, ScenarioRow>();
  const sec = Math.floor(t / 1000);
  const r = (s: DemoSession, salt: number) => hash01(w.seed, s.sid, sec, salt);
  if (inPhase(t, 'burst') && c.burstSql) {
    for (const s of c.burst) {
      out.set(s.sid, {
        state: 'WAITED SHORT TIME',
        event: 'SQL*Net message to client',
        waitClass: 'Network',
        sqlId: c.burstSql.sqlId,
        child: 0,
        module: 'MonthEndReport',
        action: 'RUN',
        waitMicro: 0,
      });
    }
  }
  if (inPhase(t, 'batch') && c.batchSql) {
    for (const s of c.batch) {
      const x = r(s, 1);
      const onCpu = x < 0.2;
      out.set(s.sid, {
        state: onCpu ? 'WAITED SHORT TIME' : 'WAITING',
        event: x < 0.65 ? 'db file scattered read' : 'direct path read',
        waitClass: 'User I/O',
        sqlId: c.batchSql.sqlId,
        child: 0,
        module: 'NIGHTLY_ETL',
        action: 'LOAD_STAGE',
        waitMicro: Math.round(r(s, 2) * 40_000),
      });
    }
  }
  if (c.slowSql) {
    const slow = inPhase(t, 'slowPlan');
    // good plan: one session now and then; slow plan: all five, mostly multiblock reads
    const cast = slow ? c.slow : c.slow.slice(0, 1);
    for (const s of cast) {
      const x = r(s, 3);
      if (!slow && x > 0.5) continue;
      const onCpu = x < (slow ? 0.35 : 0.6);
      out.set(s.sid, {
        state: onCpu ? 'WAITED SHORT TIME' : 'WAITING',
        event: slow ? 'db file scattered read' : 'db file sequential read',
        waitClass: 'User I/O',
        sqlId: c.slowSql.sqlId,
        child: slow ? 1 : 0,
        waitMicro: Math.round(r(s, 4) * (slow ? 25_000 : 4_000)),
      });
    }
  }
  if (inPhase(t, 'blocking') && c.blocker && c.lockSql) {
    const since = phaseOf(t) - PHASES.blocking[0];
    const queued = Math.min(c.waiters.length, 1 + Math.floor(since / 10_000));
    c.waiters.slice(0, queued).forEach((s, i) => {
      out.set(s.sid, {
        state: 'WAITING',
        event: 'enq: TX - row lock contention',
        waitClass: 'Application',
        sqlId: c.lockSql!.sqlId,
        child: 0,
        module: 'OrderService',
        action: 'CONFIRM_ORDER',
        blockingSession: c.blocker!.sid,
        ...(c.lockObject !== null ? { rowWaitObj: c.lockObject } : {}),
        waitMicro: Math.max(0, since - i * 10_000) * 1000,
      });
    });
  }
  return out;
}

/** Seconds of the slow plan's phase between the world's creation and t (extra elapsed in V$SQLSTATS). */
export function slowSecondsUntil(createdAt: number, t: number): number {
  const [a, b] = PHASES.slowPlan;
  const inside = (x: number) => {
    const cycles = Math.floor(x / CYCLE_MS);
    const p = phaseOf(x);
    return cycles * (b - a) + Math.min(Math.max(p - a, 0), b - a);
  };
  return Math.max(0, (inside(t) - inside(createdAt)) / 1000);
}
