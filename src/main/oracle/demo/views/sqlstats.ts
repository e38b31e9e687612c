/**
 * GV$SQLSTATS / GV$SQL: top SQL (every ORDER BY of the whitelist), one statement's totals, its children,
 * its text. One row per instance whose shared pool holds the cursor (RAC), each with that instance's share.
 */
import type { TopSqlOrder } from '@shared/types/oracle';
import { TOP_SQL_ORDER_EXPR } from '../../catalog';
import type { RawRow } from '../../mappers';
import { LITERAL_VARIANTS } from '../sql-library';
import type { SqlEntry } from '../world/model';
import type { DemoWorld } from '../world/world';
import type { ViewHandlers } from './view';

/** The share of a cursor's executions that ran on one instance. */
function shareOn(w: DemoWorld, e: SqlEntry, instId: number): number {
  if (e.instances.length <= 1) return 1;
  const total = e.instances.reduce((a, i) => a + w.instanceShare(i), 0);
  return w.instanceShare(instId) / Math.max(total, 1e-9);
}

/** (cursor, instance) pairs the console's session sees. */
export function visibleCursors(w: DemoWorld, only?: SqlEntry): { e: SqlEntry; instId: number }[] {
  const visible = w.visibleConIds;
  const out: { e: SqlEntry; instId: number }[] = [];
  for (const e of only ? [only] : w.sqls) {
    if (!visible.has(e.conId)) continue;
    for (const instId of e.instances) out.push({ e, instId });
  }
  return out;
}

export function sqlStats(w: DemoWorld, e: SqlEntry, t: number, instId = e.instances[0] ?? 1): RawRow {
  const d = e.def;
  const age = e.loadAgeSec + w.elapsedSec();
  const executions = Math.max(1, Math.floor(d.execPerSec * age * shareOn(w, e, instId)));
  const elapsed = Math.round(executions * d.elaMsPerExec * 1000);
  const pct = (p: number | undefined) => Math.round((elapsed * (p ?? 0)) / 100);
  const literal = d.module === LITERAL_VARIANTS.base.module;
  return {
    INST_ID: instId,
    CON_ID: e.conId,
    SQL_ID: e.sqlId,
    PLAN_HASH_VALUE: e.planHash,
    EXECUTIONS: executions,
    ELAPSED_TIME: elapsed,
    CPU_TIME: pct(d.cpuPct),
    BUFFER_GETS: Math.round(executions * d.getsPerExec),
    DISK_READS: Math.round(executions * d.readsPerExec),
    ROWS_PROCESSED: Math.round(executions * d.rowsPerExec),
    PARSE_CALLS: literal ? executions : Math.max(1, Math.round(executions * 0.04)),
    FETCHES: Math.max(1, Math.round(executions * Math.max(1, Math.ceil(d.rowsPerExec / 100)))),
    SORTS: d.plan?.some((p) => p[1] === 'SORT' || p[2].includes('SORT')) ? executions : 0,
    LOADS: 1 + (d.children ?? 1),
    INVALIDATIONS: d.children && d.children > 1 ? 1 : 0,
    VERSION_COUNT: d.children ?? 1,
    USER_IO_WAIT_TIME: pct(d.ioPct),
    APPLICATION_WAIT_TIME: pct(d.appPct),
    CONCURRENCY_WAIT_TIME: pct(d.concPct),
    CLUSTER_WAIT_TIME: 0,
    PLSQL_EXEC_TIME: d.plan === null ? pct(20) : 0,
    JAVA_EXEC_TIME: 0,
    SHARABLE_MEM: e.sharableMem,
    AVG_HARD_PARSE_TIME: e.hardParseUs,
    PX_SERVERS_EXECUTIONS: d.text.includes('PARALLEL(4)') ? executions * 4 : 0,
    LAST_ACTIVE_TIME: new Date(Math.floor((t - e.lastActiveLagSec * 1000) / 1000) * 1000),
    SQL_TEXT: d.text.slice(0, 200),
  };
}

function topSql(w: DemoWorld, order: TopSqlOrder, maxRows: number, t: number): RawRow[] {
  const key = SORT_KEYS[order];
  return visibleCursors(w)
    .map(({ e, instId }) => {
      const s = sqlStats(w, e, t, instId);
      return { e, s, k: key(s) };
    })
    .sort((a, b) => b.k - a.k)
    .slice(0, maxRows)
    .map(({ e, s, k }) => ({
      INST_ID: s.INST_ID,
      CON_ID: s.CON_ID,
      SQL_ID: s.SQL_ID,
      PLAN_HASH_VALUE: s.PLAN_HASH_VALUE,
      EXECUTIONS: s.EXECUTIONS,
      ELAPSED_TIME: s.ELAPSED_TIME,
      CPU_TIME: s.CPU_TIME,
      BUFFER_GETS: s.BUFFER_GETS,
      DISK_READS: s.DISK_READS,
      ROWS_PROCESSED: s.ROWS_PROCESSED,
      PARSE_CALLS: s.PARSE_CALLS,
      USER_IO_WAIT_TIME: s.USER_IO_WAIT_TIME,
      APPLICATION_WAIT_TIME: s.APPLICATION_WAIT_TIME,
      CONCURRENCY_WAIT_TIME: s.CONCURRENCY_WAIT_TIME,
      LAST_ACTIVE_TIME: s.LAST_ACTIVE_TIME,
      SQL_TEXT: s.SQL_TEXT,
      SORT_KEY: k,
      PARSING_SCHEMA_NAME: e.def.schema,
      MODULE: e.def.module,
    }));
}

function children(w: DemoWorld, e: SqlEntry, t: number, instId: number): RawRow[] {
  const s = sqlStats(w, e, t, instId);
  const n = e.def.children ?? 1;
  const share = (v: unknown, i: number) => {
    const total = Number(v);
    const part = Math.floor(total / n);
    return i === n - 1 ? total - part * (n - 1) : part;
  };
  return Array.from({ length: n }, (_, i) => ({
    INST_ID: instId,
    CHILD_NUMBER: i,
    PLAN_HASH_VALUE: e.planHash,
    PARSING_SCHEMA_NAME: e.def.schema,
    MODULE: e.def.module,
    ACTION: e.def.action ?? null,
    OPTIMIZER_MODE: e.def.plan ? (e.def.optimizerMode ?? 'ALL_ROWS') : null,
    OPTIMIZER_COST: e.def.plan ? (e.def.plan[0]?.[6] ?? 0) : null,
    EXECUTIONS: share(s.EXECUTIONS, i),
    ELAPSED_TIME: share(s.ELAPSED_TIME, i),
    BUFFER_GETS: share(s.BUFFER_GETS, i),
    LAST_ACTIVE_TIME: s.LAST_ACTIVE_TIME,
    IS_BIND_SENSITIVE: n > 1 ? 'Y' : 'N',
    IS_BIND_AWARE: n > 2 && i > 0 ? 'Y' : 'N',
    SQL_PROFILE: e.profile,
    SQL_PLAN_BASELINE: null,
  }));
}

/** The same ORDER BY expressions as catalog.TOP_SQL_ORDER_EXPR, over V$SQLSTATS-shaped rows. */
const per = (a: unknown, e: unknown) => Number(a) / Math.max(Number(e), 1);
export const SORT_KEYS: Record<TopSqlOrder, (s: RawRow) => number> = {
  elapsed: (s) => Number(s.ELAPSED_TIME),
  cpu: (s) => Number(s.CPU_TIME),
  gets: (s) => Number(s.BUFFER_GETS),
  diskReads: (s) => Number(s.DISK_READS),
  executions: (s) => Number(s.EXECUTIONS),
  rows: (s) => Number(s.ROWS_PROCESSED),
  elapsedPerExec: (s) => per(s.ELAPSED_TIME, s.EXECUTIONS),
  cpuPerExec: (s) => per(s.CPU_TIME, s.EXECUTIONS),
  getsPerExec: (s) => per(s.BUFFER_GETS, s.EXECUTIONS),
};
// keep the two lists in step (a compile-time check that every order has a key)
void (TOP_SQL_ORDER_EXPR satisfies Record<keyof typeof SORT_KEYS, string>);

export const SQLSTATS_VIEWS: ViewHandlers = {
  ...Object.fromEntries(
    (Object.keys(SORT_KEYS) as TopSqlOrder[]).map((order) => [
      `top-sql.${order}`,
      ({ world, t, bind }) => topSql(world, order, Number(bind('maxRows')), t),
    ]),
  ),
  'sql.sqlstats': ({ world, t, bind }) => {
    const e = world.sqlById.get(String(bind('sqlId')));
    if (!e) return [];
    return visibleCursors(world, e)
      .map(({ instId }) => sqlStats(world, e, t, instId))
      .sort((a, b) => Number(b.ELAPSED_TIME) - Number(a.ELAPSED_TIME));
  },
  'sql.children': ({ world, t, bind }) => {
    const e = world.sqlById.get(String(bind('sqlId')));
    if (!e) return [];
    return visibleCursors(world, e).flatMap(({ instId }) => children(world, e, t, instId));
  },
  'sql-text.fulltext': ({ world, bind }) => {
    const e = world.sqlById.get(String(bind('sqlId')));
    return e && visibleCursors(world, e).length ? [{ SQL_FULLTEXT: e.def.text }] : [];
  },
};
