/**
 * The activity sampler's statements (catalog-activity.ts): active sessions of V$SESSION at one second
 * (the usual session model + the scenarios of activity-scenarios.ts), the environment (one instance,
 * CPU_COUNT), plan hashes of V$SQL, V$SQLSTATS snapshots (the plan-change query grows slower while its
 * bad plan runs) and DBA_OBJECTS names.
 */
import { ACTIVITY_SAMPLE_COLUMNS } from '../../catalog-activity';
import type { RawRow } from '../../mappers';
import { CPU_COUNT } from '../world/model';
import type { DemoWorld } from '../world/world';
import { castOf, inPhase, scenarioRows, slowPlanHash, slowSecondsUntil } from './activity-scenarios';
import { sessionRow } from './session-row';
import { sqlStats } from './sqlstats';
import type { ViewHandlers } from './view';

function sample(w: DemoWorld, t: number): RawRow[] {
  const epoch = Math.floor(t / 1000);
  const overrides = scenarioRows(w, t);
  const out: RawRow[] = [];
  for (const s of w.sessions.values()) {
    const o = overrides.get(s.sid);
    const base = o ? null : sessionRow(w, s, t);
    if (base && (base.STATUS !== 'ACTIVE' || (base.STATE === 'WAITING' && base.WAIT_CLASS === 'Idle'))) {
      continue;
    }
    const sqlId = o ? o.sqlId : (base!.SQL_ID as string | null);
    const blocking = o ? (o.blockingSession ?? null) : (base!.BLOCKING_SESSION as number | null);
    const execAge = o ? Math.floor((t % 60_000) / 1000) : Number(base!.LAST_CALL_ET);
    out.push({
      SAMPLE_EPOCH: epoch,
      INST_ID: 1,
      CON_ID: 3,
      SID: s.sid,
      SERIAL_NO: s.serial,
      USERNAME: s.username,
      SESSION_TYPE: 'USER',
      STATE: o ? o.state : base!.STATE,
      WAIT_CLASS: o ? o.waitClass : base!.WAIT_CLASS,
      EVENT: o ? o.event : base!.EVENT,
      SQL_ID: sqlId,
      SQL_CHILD_NUMBER: sqlId ? (o?.child ?? 0) : null,
      SQL_EXEC_ID: sqlId ? 16_777_216 + ((s.sid * 7919 + Math.floor(t / 15_000)) % 1_000_000) : null,
      EXEC_AGE_SEC: sqlId ? execAge : null,
      MODULE: o?.module ?? s.module,
      ACTION: o && o.action !== undefined ? o.action : s.action,
      PROGRAM: s.program,
      MACHINE: s.machine,
      SERVICE_NAME: s.service,
      BLOCKING_INSTANCE: blocking === null ? null : 1,
      BLOCKING_SESSION: blocking,
      // the demo's chains are one level deep: the final blocker is the blocker
      FINAL_BLOCKING_INSTANCE: blocking === null ? null : 1,
      FINAL_BLOCKING_SESSION: blocking,
      ROW_WAIT_OBJ_NO: o ? (o.rowWaitObj ?? -1) : base!.ROW_WAIT_OBJ_NO,
      WAIT_TIME_MICRO: o ? o.waitMicro : Number(base!.SECONDS_IN_WAIT) * 1_000_000,
    });
  }
  if (out.length > 0) return out;
  const empty: RawRow = { SAMPLE_EPOCH: epoch, INST_ID: 1 };
  // the outer join from DUAL: one row of nulls when no session is active (the statement's own columns)
  for (const c of ACTIVITY_SAMPLE_COLUMNS) if (!(c in empty)) empty[c] = null;
  return [empty];
}

function planHashes(w: DemoWorld, ids: readonly string[]): RawRow[] {
  const out: RawRow[] = [];
  for (const id of new Set(ids)) {
    const e = w.sqlById.get(id);
    if (!e) continue;
    out.push({ SQL_ID: id, CHILD_NUMBER: 0, PLAN_HASH_VALUE: e.planHash });
    // the plan-change query has a second child with the bad plan (it stays loaded once parsed)
    if (e.sqlId === slowSqlId(w)) {
      out.push({ SQL_ID: id, CHILD_NUMBER: 1, PLAN_HASH_VALUE: slowPlanHash(e.planHash) });
    }
  }
  return out;
}

/** the plan-change query's id */
const slowSqlId = (w: DemoWorld): string | null => castOf(w).slowSql?.sqlId ?? null;

function snapshot(w: DemoWorld, t: number, maxRows: number): RawRow[] {
  const epoch = Math.floor(t / 1000);
  const slowId = slowSqlId(w);
  const slowSec = slowSecondsUntil(w.createdAt, t);
  return w.sqls
    .map((e) => {
      const s = sqlStats(w, e, t);
      let elapsed = Number(s.ELAPSED_TIME);
      let cpu = Number(s.CPU_TIME);
      let gets = Number(s.BUFFER_GETS);
      let reads = Number(s.DISK_READS);
      let plan = Number(s.PLAN_HASH_VALUE);
      if (e.sqlId === slowId) {
        // five sessions busy on the bad plan: 5 s of DB time per second, a third on CPU
        elapsed += Math.round(slowSec * 5_000_000);
        cpu += Math.round(slowSec * 1_700_000);
        gets += Math.round(slowSec * 90_000);
        reads += Math.round(slowSec * 4_000);
        if (inPhase(t, 'slowPlan')) plan = slowPlanHash(plan);
      }
      return {
        SAMPLE_EPOCH: epoch,
        SQL_ID: e.sqlId,
        PLAN_HASH_VALUE: plan,
        EXECUTIONS: s.EXECUTIONS,
        ELAPSED_TIME: elapsed,
        CPU_TIME: cpu,
        BUFFER_GETS: gets,
        DISK_READS: reads,
        ROWS_PROCESSED: s.ROWS_PROCESSED,
        SQL_TEXT: String(e.def.text).slice(0, 120),
        lag: e.lastActiveLagSec,
      };
    })
    .filter((r) => r.lag <= 65 * 60)
    .sort((a, b) => a.lag - b.lag)
    .slice(0, maxRows)
    .map(({ lag: _lag, ...row }) => row);
}

function objectNames(w: DemoWorld, ids: readonly number[]): RawRow[] {
  const wanted = new Set(ids);
  return w.objects
    .filter((o) => wanted.has(o.objectId))
    .map((o) => ({ OBJECT_ID: o.objectId, OWNER: o.owner, OBJECT_NAME: o.name, OBJECT_TYPE: 'TABLE' }));
}

const bindList = (bind: (n: string) => string | number, prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => bind(`${prefix}${i}`));

export const ACTIVITY_VIEWS: ViewHandlers = {
  'activity.sample': ({ world, t }) => sample(world, t),
  'activity.sample-rac': ({ world, t }) => sample(world, t),
  'activity.environment': () => [{ INSTANCES: 1, CPU_COUNT }],
  'activity.plan-hashes': ({ world, bind }) => planHashes(world, bindList(bind, 's', 16).map(String)),
  'activity.sqlstats-snapshot': ({ world, t, bind }) => snapshot(world, t, Number(bind('maxRows'))),
  'activity.object-names': ({ world, bind }) => objectNames(world, bindList(bind, 'o', 16).map(Number)),
};
