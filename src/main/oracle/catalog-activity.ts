/**
 * The activity sampler's statements (issue 14): read-only, bind variables only, no join in the hot
 * statement. Kept apart from catalog.ts (same `CatalogQuery` shape, same demo-by-id answering).
 *
 * Licence: V$SESSION, V$SQL, V$SQLSTATS, V$PARAMETER, GV$INSTANCE and DBA_OBJECTS are not pack views
 * (oracle.md 1.3); nothing here reads ASH/AWR/DBA_HIST_*.
 *
 * Time: the sample time is the DATABASE clock in UTC as whole epoch seconds computed in SQL
 * (SYS_EXTRACT_UTC), and SQL_EXEC_START is returned as an age in seconds against SYSDATE, so no
 * DATE/TIMESTAMP crosses the driver's client-time-zone conversion (oracle.md "Time zones").
 */
import type { CatalogQuery } from './catalog';

function q(def: CatalogQuery): CatalogQuery {
  return Object.freeze({ ...def, sql: def.sql.trim().replace(/\n\s+/g, '\n  ') });
}

export const ACTIVITY_SAMPLE_COLUMNS = [
  'SAMPLE_EPOCH',
  'INST_ID',
  'CON_ID',
  'SID',
  'SERIAL_NO',
  'USERNAME',
  'SESSION_TYPE',
  'STATE',
  'WAIT_CLASS',
  'EVENT',
  'SQL_ID',
  'SQL_CHILD_NUMBER',
  'SQL_EXEC_ID',
  'EXEC_AGE_SEC',
  'MODULE',
  'ACTION',
  'PROGRAM',
  'MACHINE',
  'SERVICE_NAME',
  'BLOCKING_INSTANCE',
  'BLOCKING_SESSION',
  'FINAL_BLOCKING_INSTANCE',
  'FINAL_BLOCKING_SESSION',
  'ROW_WAIT_OBJ_NO',
  'WAIT_TIME_MICRO',
] as const;

/**
 * Active sessions on CPU or in a non-idle wait, the sampler's own session excluded. `s.state <>
 * 'WAITING'` is ON CPU (WAITED SHORT TIME / WAITED KNOWN TIME: the last wait ended, the session runs).
 * In a PDB, V$SESSION shows the container's own sessions only. Blocking columns are kept only when
 * their status is VALID (otherwise the values mean nothing). The outer join from DUAL returns one row
 * (SID NULL) when nothing is active, so every sample carries the database time.
 */
const sampleSelect = (view: 'v$session' | 'gv$session', inst: string, notSelf: string) => `
    SELECT TRUNC((CAST(SYS_EXTRACT_UTC(SYSTIMESTAMP) AS DATE) - DATE '1970-01-01') * 86400) AS sample_epoch,
           ${inst} AS inst_id, s.con_id, s.sid, s.serial# AS serial_no, s.username, s.type AS session_type,
           s.state, s.wait_class, s.event, s.sql_id, s.sql_child_number, s.sql_exec_id,
           ROUND((SYSDATE - s.sql_exec_start) * 86400) AS exec_age_sec,
           s.module, s.action, s.program, s.machine, s.service_name,
           CASE WHEN s.blocking_session_status = 'VALID' THEN s.blocking_instance END AS blocking_instance,
           CASE WHEN s.blocking_session_status = 'VALID' THEN s.blocking_session END AS blocking_session,
           CASE WHEN s.final_blocking_session_status = 'VALID' THEN s.final_blocking_instance END AS final_blocking_instance,
           CASE WHEN s.final_blocking_session_status = 'VALID' THEN s.final_blocking_session END AS final_blocking_session,
           s.row_wait_obj# AS row_wait_obj_no, s.wait_time_micro
    FROM dual d
    LEFT JOIN ${view} s
      ON s.status = 'ACTIVE'
      AND (s.state <> 'WAITING' OR s.wait_class <> 'Idle')
      AND ${notSelf}`;

export const ACTIVITY_SAMPLE = q({
  id: 'activity.sample',
  resource: 'activity-sample',
  sql: sampleSelect(
    'v$session',
    "TO_NUMBER(SYS_CONTEXT('USERENV', 'INSTANCE'))",
    "s.sid <> TO_NUMBER(SYS_CONTEXT('USERENV', 'SID'))",
  ),
  binds: [],
  columns: ACTIVITY_SAMPLE_COLUMNS,
  views: ['V$SESSION'],
});

/** RAC (more than one open instance): every instance's sessions, ours excluded on our instance only. */
export const ACTIVITY_SAMPLE_RAC = q({
  id: 'activity.sample-rac',
  resource: 'activity-sample',
  sql: sampleSelect(
    'gv$session',
    's.inst_id',
    "NOT (s.inst_id = TO_NUMBER(SYS_CONTEXT('USERENV', 'INSTANCE')) AND s.sid = TO_NUMBER(SYS_CONTEXT('USERENV', 'SID')))",
  ),
  binds: [],
  columns: ACTIVITY_SAMPLE_COLUMNS,
  views: ['GV$SESSION'],
});

/**
 * Once per sampler start (and every few minutes): how many instances are open (RAC → GV$SESSION) and
 * CPU_COUNT for the chart's CPU line (in a PDB: the PDB's CPU_COUNT).
 */
export const ACTIVITY_ENVIRONMENT = q({
  id: 'activity.environment',
  resource: 'activity-sample',
  sql: `
    SELECT (SELECT COUNT(*) FROM gv$instance i WHERE i.status = 'OPEN') AS instances,
           (SELECT TO_NUMBER(p.value) FROM v$parameter p WHERE p.name = 'cpu_count') AS cpu_count
    FROM dual d`,
  binds: [],
  columns: ['INSTANCES', 'CPU_COUNT'],
  views: ['GV$INSTANCE', 'V$PARAMETER'],
});

/** How many SQL_IDs one plan-hash look-up asks for (unused binds are NULL). */
export const PLAN_LOOKUP_BATCH = 16;
const planBinds = Array.from({ length: PLAN_LOOKUP_BATCH }, (_, i) => `s${i}`);

/**
 * V$SESSION has no plan hash: the plan of (SQL_ID, CHILD_NUMBER) comes from V$SQL, asked only for the
 * cursors the sampler has not seen in the last minute (a cache in the sampler), so most samples run
 * the one statement above. V$SQL is queried by SQL_ID (its fixed-index access path).
 */
export const ACTIVITY_PLAN_HASHES = q({
  id: 'activity.plan-hashes',
  resource: 'activity-sample',
  sql: `
    SELECT q.sql_id, q.child_number, q.plan_hash_value
    FROM v$sql q
    WHERE q.sql_id IN (${planBinds.map((b) => `:${b}`).join(', ')})`,
  binds: planBinds,
  columns: ['SQL_ID', 'CHILD_NUMBER', 'PLAN_HASH_VALUE'],
  views: ['V$SQL'],
});

/**
 * A V$SQLSTATS snapshot for top SQL over a window: the cursors active in the last 65 minutes (the
 * longest window plus margin), at most :maxRows of them, most recently active first. Cumulative
 * counters: the deltas are computed between two snapshots.
 */
export const SQLSTATS_SNAPSHOT = q({
  id: 'activity.sqlstats-snapshot',
  resource: 'sqlstats-snapshot',
  sql: `
    SELECT TRUNC((CAST(SYS_EXTRACT_UTC(SYSTIMESTAMP) AS DATE) - DATE '1970-01-01') * 86400) AS sample_epoch,
           t.sql_id, t.plan_hash_value, t.executions, t.elapsed_time, t.cpu_time, t.buffer_gets,
           t.disk_reads, t.rows_processed, SUBSTR(t.sql_text, 1, 120) AS sql_text
    FROM v$sqlstats t
    WHERE t.last_active_time >= SYSDATE - 65 / 1440
    ORDER BY t.last_active_time DESC
    FETCH FIRST :maxRows ROWS ONLY`,
  binds: ['maxRows'],
  columns: [
    'SAMPLE_EPOCH',
    'SQL_ID',
    'PLAN_HASH_VALUE',
    'EXECUTIONS',
    'ELAPSED_TIME',
    'CPU_TIME',
    'BUFFER_GETS',
    'DISK_READS',
    'ROWS_PROCESSED',
    'SQL_TEXT',
  ],
  views: ['V$SQLSTATS'],
});

export const OBJECT_LOOKUP_BATCH = 16;
const objectBinds = Array.from({ length: OBJECT_LOOKUP_BATCH }, (_, i) => `o${i}`);

/** Names of the objects a blocking chain waited on (ROW_WAIT_OBJ#); DBA_OBJECTS by OBJECT_ID. */
export const OBJECT_NAMES = q({
  id: 'activity.object-names',
  resource: 'activity-objects',
  sql: `
    SELECT o.object_id, o.owner, o.object_name, o.object_type
    FROM dba_objects o
    WHERE o.object_id IN (${objectBinds.map((b) => `:${b}`).join(', ')})`,
  binds: objectBinds,
  columns: ['OBJECT_ID', 'OWNER', 'OBJECT_NAME', 'OBJECT_TYPE'],
  views: ['DBA_OBJECTS'],
});

export const ACTIVITY_QUERIES: readonly CatalogQuery[] = [
  ACTIVITY_SAMPLE,
  ACTIVITY_SAMPLE_RAC,
  ACTIVITY_ENVIRONMENT,
  ACTIVITY_PLAN_HASHES,
  SQLSTATS_SNAPSHOT,
  OBJECT_NAMES,
];
