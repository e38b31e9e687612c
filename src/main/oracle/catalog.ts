/**
 * The read-only query catalog: every statement the console runs against Oracle, with its output
 * columns (the keys node-oracledb returns with outFormat OBJECT), its bind names and the views it reads
 * (for the "missing grant" message). Values always travel as bind variables; the only text assembled
 * here is the ORDER BY of top SQL, chosen from a fixed whitelist (never from request text), and the
 * metric-name IN lists, which are constants.
 *
 * Cheap views only (oracle.md 2.2-2.10). No ASH/AWR/DBA_HIST_/SQL Monitor: those need the
 * Diagnostics/Tuning Pack and are not used here.
 */
import type { GatewayResource, TopSqlOrder } from '@shared/types/oracle';

export interface CatalogQuery {
  /** stable id: the demo database answers by id */
  readonly id: string;
  readonly resource: GatewayResource;
  readonly sql: string;
  /** bind names without the colon */
  readonly binds: readonly string[];
  /** output columns as returned (upper case, aliases applied) */
  readonly columns: readonly string[];
  /** views / packages the statement reads (for grants) */
  readonly views: readonly string[];
  /** output columns that are instants computed in SQL (epoch ms, UTC) with epochMs(); the rest carry no time */
  readonly instantColumns?: readonly string[];
}

function q(def: CatalogQuery): CatalogQuery {
  return Object.freeze({ ...def, sql: def.sql.trim().replace(/\n\s+/g, '\n  ') });
}

/**
 * The database host's UTC offset in days, from one SYSTIMESTAMP (host wall clock minus UTC, rounded
 * to the minute). V$ DATE columns are the host's wall clock with no zone.
 */
const HOST_OFFSET_DAYS =
  'ROUND((CAST(SYSTIMESTAMP AS DATE) - CAST(SYS_EXTRACT_UTC(SYSTIMESTAMP) AS DATE)) * 1440) / 1440';

/**
 * A zoneless DATE column of the host's wall clock as an instant: epoch milliseconds (UTC), computed on
 * the server. The driver never sees a DATE, so thin mode's "build a JS Date in the client's zone"
 * (lib/util.js makeDate, useLocal for DATE/TIMESTAMP) cannot shift it. Output columns computed this
 * way are listed in `instantColumns`. (Across a DST change of the host zone the current offset is used.)
 */
export function epochMs(column: string): string {
  return `ROUND((${column} - DATE '1970-01-01' - ${HOST_OFFSET_DAYS}) * 86400000)`;
}

/** V$SYSMETRIC names the console reads (exact strings; oracle.md 2.7). */
export const METRIC = {
  aas: 'Average Active Sessions',
  hostCpu: 'Host CPU Utilization (%)',
  cpuPerSec: 'CPU Usage Per Sec',
  bgCpuPerSec: 'Background CPU Usage Per Sec',
  dbTimePerSec: 'Database Time Per Sec',
  executions: 'Executions Per Sec',
  logicalReads: 'Logical Reads Per Sec',
  physicalReads: 'Physical Reads Per Sec',
  redo: 'Redo Generated Per Sec',
  userCalls: 'User Calls Per Sec',
  commits: 'User Commits Per Sec',
  hardParses: 'Hard Parse Count Per Sec',
  bufferHit: 'Buffer Cache Hit Ratio',
  logons: 'Current Logons Count',
} as const;
export type MetricKey = keyof typeof METRIC;
export const METRIC_NAMES: readonly string[] = Object.values(METRIC);

const metricList = METRIC_NAMES.map((n) => `'${n.replace(/'/g, "''")}'`).join(', ');

/** Trend metrics (V$SYSMETRIC_HISTORY, group 2). */
export const TREND_METRIC_NAMES: readonly string[] = [
  METRIC.aas,
  METRIC.hostCpu,
  METRIC.cpuPerSec,
  METRIC.executions,
  METRIC.logicalReads,
  METRIC.physicalReads,
  METRIC.redo,
  METRIC.userCalls,
  METRIC.commits,
];
const trendMetricList = TREND_METRIC_NAMES.map((n) => `'${n.replace(/'/g, "''")}'`).join(', ');

// --- dashboard --------------------------------------------------------------------------------

/** Columns of the per-instance V$SYSMETRIC reads (GV$: one set per instance). */
export const SYSMETRIC_COLUMNS = [
  'INST_ID',
  'METRIC_NAME',
  'VALUE',
  'GROUP_ID',
  'END_TIME',
  'INTSIZE_CSEC',
] as const;

/**
 * Long-duration group (60 s) per instance. The rows have CON_ID 0: in a CDB they describe the whole
 * CDB, every container (in a PDB only the metrics V$CON_SYSMETRIC lacks are taken from here, labelled so).
 */
export const DASHBOARD_METRICS = q({
  id: 'dashboard.sysmetric',
  resource: 'dashboard',
  sql: `
    SELECT m.inst_id, m.metric_name, m.value, m.group_id, ${epochMs('m.end_time')} AS end_time, m.intsize_csec
    FROM gv$sysmetric m
    WHERE m.group_id = 2 AND m.metric_name IN (${metricList})`,
  binds: [],
  columns: SYSMETRIC_COLUMNS,
  views: ['GV$SYSMETRIC'],
  instantColumns: ['END_TIME'],
});

export const CON_SYSMETRIC_COLUMNS = [
  'INST_ID',
  'CON_ID',
  'METRIC_NAME',
  'VALUE',
  'END_TIME',
  'INTSIZE_CSEC',
] as const;

/**
 * Per-container metrics (12.2+, 60 s group only). In a PDB it shows that PDB's rows; in CDB$ROOT the
 * containers CONTAINER_DATA lets the account see (the per-PDB breakdown and the PDB filter).
 */
export const CON_METRICS = q({
  id: 'dashboard.con-sysmetric',
  resource: 'dashboard',
  sql: `
    SELECT m.inst_id, m.con_id, m.metric_name, m.value, ${epochMs('m.end_time')} AS end_time, m.intsize_csec
    FROM gv$con_sysmetric m
    WHERE m.metric_name IN (${metricList})`,
  binds: [],
  columns: CON_SYSMETRIC_COLUMNS,
  views: ['GV$CON_SYSMETRIC'],
  instantColumns: ['END_TIME'],
});

/** User sessions per instance and container (V$SESSION in a PDB shows only that PDB's sessions). */
export const SESSION_COUNTS = q({
  id: 'dashboard.session-counts',
  resource: 'dashboard',
  sql: `
    SELECT s.inst_id, s.con_id, COUNT(*) AS total,
           NVL(SUM(CASE WHEN s.status = 'ACTIVE' THEN 1 ELSE 0 END), 0) AS active,
           NVL(SUM(CASE WHEN s.status = 'INACTIVE' THEN 1 ELSE 0 END), 0) AS inactive,
           NVL(SUM(CASE WHEN s.blocking_session IS NOT NULL THEN 1 ELSE 0 END), 0) AS blocked
    FROM gv$session s
    WHERE s.type = 'USER' AND NVL(s.module, '-') <> :consoleModule
    GROUP BY s.inst_id, s.con_id`,
  binds: ['consoleModule'],
  columns: ['INST_ID', 'CON_ID', 'TOTAL', 'ACTIVE', 'INACTIVE', 'BLOCKED'],
  views: ['GV$SESSION'],
});

/**
 * Per wait class and instance, last 60 s. TIME_WAITED and INTSIZE_CSEC are centiseconds, so the ratio
 * is average sessions waiting. TIME_WAITED_FG is foreground only: it adds up with foreground CPU to AAS;
 * TIME_WAITED also counts background processes (shown apart).
 */
export const WAIT_CLASS_METRIC = q({
  id: 'dashboard.waitclassmetric',
  resource: 'dashboard',
  sql: `
    SELECT m.inst_id, n.wait_class, m.time_waited, m.time_waited_fg, m.wait_count, m.wait_count_fg,
           ${epochMs('m.end_time')} AS end_time, m.intsize_csec
    FROM gv$waitclassmetric m
    JOIN gv$system_wait_class n ON n.inst_id = m.inst_id AND n.wait_class_id = m.wait_class_id
    WHERE n.wait_class <> 'Idle'`,
  binds: [],
  columns: [
    'INST_ID',
    'WAIT_CLASS',
    'TIME_WAITED',
    'TIME_WAITED_FG',
    'WAIT_COUNT',
    'WAIT_COUNT_FG',
    'END_TIME',
    'INTSIZE_CSEC',
  ],
  views: ['GV$WAITCLASSMETRIC', 'GV$SYSTEM_WAIT_CLASS'],
  instantColumns: ['END_TIME'],
});

// --- realtime ---------------------------------------------------------------------------------

/** Group 3 (15 s) preferred; group 2 rows are the fallback for metrics group 3 does not publish. */
export const REALTIME_METRICS = q({
  id: 'realtime.sysmetric',
  resource: 'realtime',
  sql: `
    SELECT m.inst_id, m.metric_name, m.value, m.group_id, ${epochMs('m.end_time')} AS end_time, m.intsize_csec
    FROM gv$sysmetric m
    WHERE m.group_id IN (2, 3) AND m.metric_name IN (${metricList})`,
  binds: [],
  columns: SYSMETRIC_COLUMNS,
  views: ['GV$SYSMETRIC'],
  instantColumns: ['END_TIME'],
});

/** In a PDB: the PDB's own 60 s values (V$CON_SYSMETRIC has no 15 s group). */
export const REALTIME_CON_METRICS = q({
  id: 'realtime.con-sysmetric',
  resource: 'realtime',
  sql: `
    SELECT m.inst_id, m.con_id, m.metric_name, m.value, ${epochMs('m.end_time')} AS end_time, m.intsize_csec
    FROM gv$con_sysmetric m
    WHERE m.metric_name IN (${metricList})`,
  binds: [],
  columns: CON_SYSMETRIC_COLUMNS,
  views: ['GV$CON_SYSMETRIC'],
  instantColumns: ['END_TIME'],
});

// --- sessions ---------------------------------------------------------------------------------

export const SESSION_COLUMNS = [
  'INST_ID',
  'CON_ID',
  'SID',
  'SERIAL_NO',
  'USERNAME',
  'STATUS',
  'OSUSER',
  'MACHINE',
  'PROGRAM',
  'MODULE',
  'ACTION',
  'SERVICE_NAME',
  'SQL_ID',
  'SQL_CHILD_NUMBER',
  'PREV_SQL_ID',
  'SQL_EXEC_START',
  'LOGON_TIME',
  'LAST_CALL_ET',
  'EVENT',
  'WAIT_CLASS',
  'STATE',
  'SECONDS_IN_WAIT',
  'BLOCKING_SESSION_STATUS',
  'BLOCKING_INSTANCE',
  'BLOCKING_SESSION',
  'ROW_WAIT_OBJ_NO',
  'CLIENT_IDENTIFIER',
  'SPID',
  'PGA_USED_MEM',
  'PGA_ALLOC_MEM',
  'PGA_MAX_MEM',
] as const;

/**
 * User sessions. The console's own sessions (MODULE = 'TMS Console') are returned too and dropped by
 * the gateway so it can say how many it hid; everything else is filtered here.
 */
export const SESSIONS = q({
  id: 'sessions.list',
  resource: 'sessions',
  sql: `
    SELECT s.inst_id, s.con_id,
           s.sid, s.serial# AS serial_no, s.username, s.status, s.osuser, s.machine, s.program,
           s.module, s.action, s.service_name, s.sql_id, s.sql_child_number, s.prev_sql_id,
           ${epochMs('s.sql_exec_start')} AS sql_exec_start, ${epochMs('s.logon_time')} AS logon_time,
           s.last_call_et, s.event, s.wait_class, s.state,
           s.seconds_in_wait, s.blocking_session_status, s.blocking_instance, s.blocking_session,
           s.row_wait_obj# AS row_wait_obj_no, s.client_identifier,
           p.spid, p.pga_used_mem, p.pga_alloc_mem, p.pga_max_mem
    FROM gv$session s
    LEFT JOIN gv$process p ON p.inst_id = s.inst_id AND p.addr = s.paddr
    WHERE s.type = 'USER'
    ORDER BY s.inst_id, s.sid`,
  binds: [],
  columns: SESSION_COLUMNS,
  views: ['GV$SESSION', 'GV$PROCESS'],
  instantColumns: ['SQL_EXEC_START', 'LOGON_TIME'],
});

// --- locks ------------------------------------------------------------------------------------

export const LOCK_SESSION_COLUMNS = [
  'INST_ID',
  'CON_ID',
  'SID',
  'SERIAL_NO',
  'USERNAME',
  'STATUS',
  'MACHINE',
  'PROGRAM',
  'SQL_ID',
  'PREV_SQL_ID',
  'EVENT',
  'WAIT_CLASS',
  'SECONDS_IN_WAIT',
  'LAST_CALL_ET',
  'BLOCKING_SESSION',
  'BLOCKING_INSTANCE',
  'ROW_WAIT_OBJ_NO',
] as const;

/**
 * Waiters and the sessions they wait on, cluster-wide: a blocker is (BLOCKING_INSTANCE, BLOCKING_SESSION),
 * so a waiter on one instance finds its blocker on another (blockers that wait on nobody are the roots).
 */
export const LOCK_SESSIONS = q({
  id: 'locks.sessions',
  resource: 'locks',
  sql: `
    SELECT s.inst_id, s.con_id,
           s.sid, s.serial# AS serial_no, s.username, s.status, s.machine, s.program, s.sql_id,
           s.prev_sql_id, s.event, s.wait_class, s.seconds_in_wait, s.last_call_et,
           s.blocking_session, s.blocking_instance, s.row_wait_obj# AS row_wait_obj_no
    FROM gv$session s
    WHERE s.blocking_session IS NOT NULL
       OR (s.inst_id, s.sid) IN (
            SELECT w.blocking_instance, w.blocking_session FROM gv$session w WHERE w.blocking_session IS NOT NULL)`,
  binds: [],
  columns: LOCK_SESSION_COLUMNS,
  views: ['GV$SESSION'],
});

/** Locks that block someone or are being waited for. */
export const LOCK_ROWS = q({
  id: 'locks.v$lock',
  resource: 'locks',
  sql: `
    SELECT l.inst_id, l.sid, l.type, l.id1, l.id2, l.lmode, l.request, l.ctime, l.block
    FROM gv$lock l
    WHERE l.block > 0 OR l.request > 0`,
  binds: [],
  columns: ['INST_ID', 'SID', 'TYPE', 'ID1', 'ID2', 'LMODE', 'REQUEST', 'CTIME', 'BLOCK'],
  views: ['GV$LOCK'],
});

// --- wait events ------------------------------------------------------------------------------

/**
 * Cumulative since each instance's startup, per instance (GV$): rates are deltas against that
 * instance's own previous sample. Foreground columns (_FG) are what adds up with foreground CPU to AAS.
 * Per-class totals are sums of these (same as V$SYSTEM_WAIT_CLASS).
 */
export const SYSTEM_EVENTS = q({
  id: 'wait-events.system-event',
  resource: 'wait-events',
  sql: `
    SELECT e.inst_id, e.event, e.wait_class, e.total_waits, e.total_timeouts, e.time_waited_micro,
           e.total_waits_fg, e.time_waited_micro_fg
    FROM gv$system_event e
    WHERE e.wait_class <> 'Idle'`,
  binds: [],
  columns: [
    'INST_ID',
    'EVENT',
    'WAIT_CLASS',
    'TOTAL_WAITS',
    'TOTAL_TIMEOUTS',
    'TIME_WAITED_MICRO',
    'TOTAL_WAITS_FG',
    'TIME_WAITED_MICRO_FG',
  ],
  views: ['GV$SYSTEM_EVENT'],
});

/**
 * In a PDB: the PDB's own waits (V$CON_SYSTEM_EVENT: "queried from a PDB, that PDB's wait event data",
 * 12.1 Reference), per instance, same columns and meaning as SYSTEM_EVENTS.
 */
export const CON_SYSTEM_EVENTS = q({
  id: 'wait-events.con-system-event',
  resource: 'wait-events',
  sql: `
    SELECT e.inst_id, e.con_id, e.event, e.wait_class, e.total_waits, e.total_timeouts, e.time_waited_micro,
           e.total_waits_fg, e.time_waited_micro_fg
    FROM gv$con_system_event e
    WHERE e.wait_class <> 'Idle'`,
  binds: [],
  columns: [
    'INST_ID',
    'CON_ID',
    'EVENT',
    'WAIT_CLASS',
    'TOTAL_WAITS',
    'TOTAL_TIMEOUTS',
    'TIME_WAITED_MICRO',
    'TOTAL_WAITS_FG',
    'TIME_WAITED_MICRO_FG',
  ],
  views: ['GV$CON_SYSTEM_EVENT'],
});

/**
 * Each instance's startup (an instant) and uptime, computed on the server: a changed STARTUP_TIME is
 * the only proof an instance restarted (a pooled connection landing elsewhere is not one).
 */
export const INSTANCE_UPTIME = q({
  id: 'wait-events.uptime',
  resource: 'wait-events',
  sql: `
    SELECT i.inst_id, ${epochMs('i.startup_time')} AS startup_time,
           ROUND((SYSDATE - i.startup_time) * 86400) AS uptime_sec,
           ${epochMs('SYSDATE')} AS db_now
    FROM gv$instance i`,
  binds: [],
  columns: ['INST_ID', 'STARTUP_TIME', 'UPTIME_SEC', 'DB_NOW'],
  views: ['GV$INSTANCE'],
  instantColumns: ['STARTUP_TIME', 'DB_NOW'],
});

// --- top SQL ----------------------------------------------------------------------------------

/** The ORDER BY whitelist: a TopSqlOrder picks one of these fixed expressions. */
export const TOP_SQL_ORDER_EXPR: Record<TopSqlOrder, string> = {
  elapsed: 's.elapsed_time',
  cpu: 's.cpu_time',
  gets: 's.buffer_gets',
  diskReads: 's.disk_reads',
  executions: 's.executions',
  rows: 's.rows_processed',
  elapsedPerExec: 's.elapsed_time / GREATEST(s.executions, 1)',
  cpuPerExec: 's.cpu_time / GREATEST(s.executions, 1)',
  getsPerExec: 's.buffer_gets / GREATEST(s.executions, 1)',
};

export const TOP_SQL_COLUMNS = [
  'INST_ID',
  'CON_ID',
  'SQL_ID',
  'PLAN_HASH_VALUE',
  'EXECUTIONS',
  'ELAPSED_TIME',
  'CPU_TIME',
  'BUFFER_GETS',
  'DISK_READS',
  'ROWS_PROCESSED',
  'PARSE_CALLS',
  'USER_IO_WAIT_TIME',
  'APPLICATION_WAIT_TIME',
  'CONCURRENCY_WAIT_TIME',
  'LAST_ACTIVE_TIME',
  'SQL_TEXT',
  'SORT_KEY',
  'PARSING_SCHEMA_NAME',
  'MODULE',
] as const;

/**
 * Top N of GV$SQLSTATS (one round trip; one row per instance holding the cursor, so the same SQL_ID may
 * appear once per RAC instance). The inline view limits first, so the GV$SQL lookups (parsing schema
 * and module: V$SQLSTATS has neither) run only for the N rows kept, on the row's own instance.
 */
function topSqlQuery(order: TopSqlOrder): CatalogQuery {
  const expr = TOP_SQL_ORDER_EXPR[order];
  return q({
    id: `top-sql.${order}`,
    resource: 'top-sql',
    sql: `
      SELECT t.inst_id, t.con_id, t.sql_id, t.plan_hash_value, t.executions, t.elapsed_time, t.cpu_time,
             t.buffer_gets, t.disk_reads, t.rows_processed, t.parse_calls, t.user_io_wait_time,
             t.application_wait_time, t.concurrency_wait_time, t.last_active_time, t.sql_text, t.sort_key,
             (SELECT MAX(q.parsing_schema_name) FROM gv$sql q
               WHERE q.inst_id = t.inst_id AND q.sql_id = t.sql_id) AS parsing_schema_name,
             (SELECT MAX(q.module) FROM gv$sql q WHERE q.inst_id = t.inst_id AND q.sql_id = t.sql_id) AS module
      FROM (
        SELECT s.inst_id, s.con_id, s.sql_id, s.plan_hash_value, s.executions, s.elapsed_time, s.cpu_time,
               s.buffer_gets, s.disk_reads, s.rows_processed, s.parse_calls, s.user_io_wait_time,
               s.application_wait_time, s.concurrency_wait_time, ${epochMs('s.last_active_time')} AS last_active_time,
               SUBSTR(s.sql_text, 1, 200) AS sql_text, ${expr} AS sort_key
        FROM gv$sqlstats s
        ORDER BY ${expr} DESC
        FETCH FIRST :maxRows ROWS ONLY
      ) t
      ORDER BY t.sort_key DESC`,
    binds: ['maxRows'],
    columns: TOP_SQL_COLUMNS,
    views: ['GV$SQLSTATS', 'GV$SQL'],
    instantColumns: ['LAST_ACTIVE_TIME'],
  });
}

export const TOP_SQL: Record<TopSqlOrder, CatalogQuery> = Object.fromEntries(
  (Object.keys(TOP_SQL_ORDER_EXPR) as TopSqlOrder[]).map((o) => [o, topSqlQuery(o)]),
) as Record<TopSqlOrder, CatalogQuery>;

// --- SQL detail, text, plan -------------------------------------------------------------------

export const SQL_STATS = q({
  id: 'sql.sqlstats',
  resource: 'sql',
  sql: `
    SELECT s.inst_id, s.con_id, s.sql_id, s.plan_hash_value, s.executions, s.elapsed_time, s.cpu_time,
           s.buffer_gets, s.disk_reads, s.rows_processed, s.parse_calls, s.fetches, s.sorts, s.loads,
           s.invalidations, s.version_count, s.user_io_wait_time, s.application_wait_time,
           s.concurrency_wait_time, s.cluster_wait_time, s.plsql_exec_time, s.java_exec_time, s.sharable_mem,
           s.avg_hard_parse_time, s.px_servers_executions, ${epochMs('s.last_active_time')} AS last_active_time,
           SUBSTR(s.sql_text, 1, 200) AS sql_text
    FROM gv$sqlstats s
    WHERE s.sql_id = :sqlId
    ORDER BY s.elapsed_time DESC`,
  binds: ['sqlId'],
  instantColumns: ['LAST_ACTIVE_TIME'],
  columns: [
    'INST_ID',
    'CON_ID',
    'SQL_ID',
    'PLAN_HASH_VALUE',
    'EXECUTIONS',
    'ELAPSED_TIME',
    'CPU_TIME',
    'BUFFER_GETS',
    'DISK_READS',
    'ROWS_PROCESSED',
    'PARSE_CALLS',
    'FETCHES',
    'SORTS',
    'LOADS',
    'INVALIDATIONS',
    'VERSION_COUNT',
    'USER_IO_WAIT_TIME',
    'APPLICATION_WAIT_TIME',
    'CONCURRENCY_WAIT_TIME',
    'CLUSTER_WAIT_TIME',
    'PLSQL_EXEC_TIME',
    'JAVA_EXEC_TIME',
    'SHARABLE_MEM',
    'AVG_HARD_PARSE_TIME',
    'PX_SERVERS_EXECUTIONS',
    'LAST_ACTIVE_TIME',
    'SQL_TEXT',
  ],
  views: ['GV$SQLSTATS'],
});

export const SQL_CHILDREN = q({
  id: 'sql.children',
  resource: 'sql',
  sql: `
    SELECT c.inst_id, c.child_number, c.plan_hash_value, c.parsing_schema_name, c.module, c.action,
           c.optimizer_mode, c.optimizer_cost, c.executions, c.elapsed_time, c.buffer_gets,
           ${epochMs('c.last_active_time')} AS last_active_time,
           c.is_bind_sensitive, c.is_bind_aware, c.sql_profile, c.sql_plan_baseline
    FROM gv$sql c
    WHERE c.sql_id = :sqlId
    ORDER BY c.inst_id, c.child_number`,
  binds: ['sqlId'],
  instantColumns: ['LAST_ACTIVE_TIME'],
  columns: [
    'INST_ID',
    'CHILD_NUMBER',
    'PLAN_HASH_VALUE',
    'PARSING_SCHEMA_NAME',
    'MODULE',
    'ACTION',
    'OPTIMIZER_MODE',
    'OPTIMIZER_COST',
    'EXECUTIONS',
    'ELAPSED_TIME',
    'BUFFER_GETS',
    'LAST_ACTIVE_TIME',
    'IS_BIND_SENSITIVE',
    'IS_BIND_AWARE',
    'SQL_PROFILE',
    'SQL_PLAN_BASELINE',
  ],
  views: ['GV$SQL'],
});

/** Full text; SQL_FULLTEXT is a CLOB fetched as a string (fetchTypeHandler in the real executor). */
export const SQL_FULLTEXT = q({
  id: 'sql-text.fulltext',
  resource: 'sql-text',
  sql: `
    SELECT s.sql_fulltext
    FROM gv$sqlstats s
    WHERE s.sql_id = :sqlId
    FETCH FIRST 1 ROWS ONLY`,
  binds: ['sqlId'],
  columns: ['SQL_FULLTEXT'],
  views: ['GV$SQLSTATS'],
});

/**
 * Every child cursor's plan (NULL child = all), TYPICAL format. Reads only V$ views (no AWR), and only
 * the CONNECTED instance's shared pool: on RAC a cursor living elsewhere has no text here, and the
 * structured rows (GV$SQL_PLAN, below) still show its plan.
 */
export const SQL_PLAN_XPLAN = q({
  id: 'sql-plan.display-cursor',
  resource: 'sql-plan',
  sql: `
    SELECT x.plan_table_output
    FROM TABLE(DBMS_XPLAN.DISPLAY_CURSOR(:sqlId, NULL, 'TYPICAL')) x`,
  binds: ['sqlId'],
  columns: ['PLAN_TABLE_OUTPUT'],
  views: ['DBMS_XPLAN.DISPLAY_CURSOR', 'V$SQL_PLAN', 'V$SQL_PLAN_STATISTICS_ALL', 'V$SESSION', 'V$SQL'],
});

export const SQL_PLAN_ROWS = q({
  id: 'sql-plan.rows',
  resource: 'sql-plan',
  sql: `
    SELECT p.inst_id, p.child_number, p.plan_hash_value, p.id, p.parent_id, p.depth, p.operation, p.options,
           p.object_owner, p.object_name, p.cost, p.cardinality, p.bytes, p.time,
           p.access_predicates, p.filter_predicates,
           TO_NUMBER(SYS_CONTEXT('USERENV', 'INSTANCE')) AS connected_inst_id
    FROM gv$sql_plan p
    WHERE p.sql_id = :sqlId
      AND (p.inst_id, p.child_number) IN (
            SELECT c.inst_id, MIN(c.child_number) FROM gv$sql_plan c WHERE c.sql_id = :sqlId GROUP BY c.inst_id)
    ORDER BY p.inst_id, p.id`,
  binds: ['sqlId'],
  columns: [
    'INST_ID',
    'CHILD_NUMBER',
    'PLAN_HASH_VALUE',
    'ID',
    'PARENT_ID',
    'DEPTH',
    'OPERATION',
    'OPTIONS',
    'OBJECT_OWNER',
    'OBJECT_NAME',
    'COST',
    'CARDINALITY',
    'BYTES',
    'TIME',
    'ACCESS_PREDICATES',
    'FILTER_PREDICATES',
    'CONNECTED_INST_ID',
  ],
  views: ['GV$SQL_PLAN'],
});

// --- metadata ---------------------------------------------------------------------------------

export const SCHEMAS = q({
  id: 'schemas.all-users',
  resource: 'schemas',
  sql: `
    SELECT u.username, u.user_id, ${epochMs('u.created')} AS created
    FROM all_users u
    WHERE u.oracle_maintained = 'N'
    ORDER BY u.username`,
  binds: [],
  columns: ['USERNAME', 'USER_ID', 'CREATED'],
  views: ['ALL_USERS'],
  instantColumns: ['CREATED'],
});

/** Bounded: a schema with more tables than this is cut (the UI says so). */
export const MAX_TABLES = 10_000;

export const TABLES = q({
  id: 'tables.all-tables',
  resource: 'tables',
  sql: `
    SELECT t.owner, t.table_name, t.tablespace_name, t.status, t.num_rows, t.blocks, t.avg_row_len,
           ${epochMs('t.last_analyzed')} AS last_analyzed, t.partitioned, t.temporary, t.iot_type, t.compression, t.logging
    FROM all_tables t
    WHERE t.owner = :owner AND t.dropped = 'NO' AND t.nested = 'NO' AND t.secondary = 'N'
    ORDER BY t.table_name
    FETCH FIRST ${MAX_TABLES} ROWS ONLY`,
  binds: ['owner'],
  columns: [
    'OWNER',
    'TABLE_NAME',
    'TABLESPACE_NAME',
    'STATUS',
    'NUM_ROWS',
    'BLOCKS',
    'AVG_ROW_LEN',
    'LAST_ANALYZED',
    'PARTITIONED',
    'TEMPORARY',
    'IOT_TYPE',
    'COMPRESSION',
    'LOGGING',
  ],
  views: ['ALL_TABLES'],
  instantColumns: ['LAST_ANALYZED'],
});

export const COLUMNS = q({
  id: 'columns.all-tab-columns',
  resource: 'columns',
  sql: `
    SELECT c.column_id, c.column_name, c.data_type, c.data_length, c.data_precision, c.data_scale,
           c.char_length, c.char_used, c.nullable, c.num_distinct, c.num_nulls, c.density, c.histogram,
           ${epochMs('c.last_analyzed')} AS last_analyzed
    FROM all_tab_columns c
    WHERE c.owner = :owner AND c.table_name = :tableName
    ORDER BY c.column_id`,
  binds: ['owner', 'tableName'],
  columns: [
    'COLUMN_ID',
    'COLUMN_NAME',
    'DATA_TYPE',
    'DATA_LENGTH',
    'DATA_PRECISION',
    'DATA_SCALE',
    'CHAR_LENGTH',
    'CHAR_USED',
    'NULLABLE',
    'NUM_DISTINCT',
    'NUM_NULLS',
    'DENSITY',
    'HISTOGRAM',
    'LAST_ANALYZED',
  ],
  views: ['ALL_TAB_COLUMNS'],
  instantColumns: ['LAST_ANALYZED'],
});

/** MAX(LAST_DDL_TIME) + COUNT(*) (COUNT catches drops). Polled at most once a minute by the DDL watch. */
export const DDL_WATERMARK = q({
  id: 'ddl-watermark.all-objects',
  resource: 'ddl-watermark',
  sql: `
    SELECT ${epochMs('MAX(o.last_ddl_time)')} AS max_last_ddl_time, COUNT(*) AS object_count
    FROM all_objects o
    WHERE o.owner IN (SELECT u.username FROM all_users u WHERE u.oracle_maintained = 'N')`,
  binds: [],
  columns: ['MAX_LAST_DDL_TIME', 'OBJECT_COUNT'],
  views: ['ALL_OBJECTS', 'ALL_USERS'],
  instantColumns: ['MAX_LAST_DDL_TIME'],
});

// --- trend, health ----------------------------------------------------------------------------

/**
 * Last hour, 60 s points (long-duration group), per instance (summed per minute by the gateway). CON_ID 0
 * rows: the whole CDB in a CDB.
 */
export const TREND_HISTORY = q({
  id: 'trend.sysmetric-history',
  resource: 'trend',
  sql: `
    SELECT h.inst_id, ${epochMs('h.end_time')} AS end_time, h.metric_name, h.value
    FROM gv$sysmetric_history h
    WHERE h.group_id = 2 AND h.metric_name IN (${trendMetricList})
    ORDER BY h.end_time`,
  binds: [],
  columns: ['INST_ID', 'END_TIME', 'METRIC_NAME', 'VALUE'],
  views: ['GV$SYSMETRIC_HISTORY'],
  instantColumns: ['END_TIME'],
});

/** In a PDB: the PDB's own last hour (V$CON_SYSMETRIC_HISTORY, 60 s). */
export const TREND_CON_HISTORY = q({
  id: 'trend.con-sysmetric-history',
  resource: 'trend',
  sql: `
    SELECT h.inst_id, h.con_id, ${epochMs('h.end_time')} AS end_time, h.metric_name, h.value
    FROM gv$con_sysmetric_history h
    WHERE h.metric_name IN (${trendMetricList})
    ORDER BY h.end_time`,
  binds: [],
  columns: ['INST_ID', 'CON_ID', 'END_TIME', 'METRIC_NAME', 'VALUE'],
  views: ['GV$CON_SYSMETRIC_HISTORY'],
  instantColumns: ['END_TIME'],
});

export const HEALTH = q({
  id: 'health.instance',
  resource: 'health',
  sql: `
    SELECT i.instance_name, i.instance_number, i.host_name, i.version, ${epochMs('i.startup_time')} AS startup_time,
           i.status, i.database_status, ROUND((SYSDATE - i.startup_time) * 86400) AS uptime_sec,
           d.name AS db_name, d.db_unique_name, d.open_mode, d.database_role, d.log_mode, d.platform_name,
           d.cdb, SYS_CONTEXT('USERENV', 'CON_NAME') AS con_name,
           TO_NUMBER(SYS_CONTEXT('USERENV', 'CON_ID')) AS con_id,
           SYS_CONTEXT('USERENV', 'SESSION_USER') AS session_user,
           ROUND((CAST(SYS_EXTRACT_UTC(SYSTIMESTAMP) AS DATE) - DATE '1970-01-01') * 86400000
             + TO_NUMBER(TO_CHAR(SYSTIMESTAMP, 'FF3'))) AS db_now,
           ROUND(${HOST_OFFSET_DAYS} * 1440) AS host_offset_min,
           DBTIMEZONE AS db_time_zone, SESSIONTIMEZONE AS session_time_zone
    FROM v$instance i
    CROSS JOIN v$database d`,
  binds: [],
  columns: [
    'INSTANCE_NAME',
    'INSTANCE_NUMBER',
    'HOST_NAME',
    'VERSION',
    'STARTUP_TIME',
    'STATUS',
    'DATABASE_STATUS',
    'UPTIME_SEC',
    'DB_NAME',
    'DB_UNIQUE_NAME',
    'OPEN_MODE',
    'DATABASE_ROLE',
    'LOG_MODE',
    'PLATFORM_NAME',
    'CDB',
    'CON_NAME',
    'CON_ID',
    'SESSION_USER',
    'DB_NOW',
    'HOST_OFFSET_MIN',
    'DB_TIME_ZONE',
    'SESSION_TIME_ZONE',
  ],
  views: ['V$INSTANCE', 'V$DATABASE'],
  instantColumns: ['STARTUP_TIME', 'DB_NOW'],
});

/**
 * Who and where, from USERENV and the clock only (no grant needed): the identity when V$INSTANCE /
 * V$DATABASE are not readable, so the views keep their scope labels. CDB_NAME is 12.2+.
 */
export const IDENTITY_USERENV = q({
  id: 'health.userenv',
  resource: 'health',
  sql: `
    SELECT SYS_CONTEXT('USERENV', 'DB_NAME') AS db_name, SYS_CONTEXT('USERENV', 'CDB_NAME') AS cdb_name,
           TO_NUMBER(SYS_CONTEXT('USERENV', 'CON_ID')) AS con_id, SYS_CONTEXT('USERENV', 'CON_NAME') AS con_name,
           TO_NUMBER(SYS_CONTEXT('USERENV', 'INSTANCE')) AS instance_number,
           SYS_CONTEXT('USERENV', 'INSTANCE_NAME') AS instance_name,
           SYS_CONTEXT('USERENV', 'SESSION_USER') AS session_user,
           ROUND((CAST(SYS_EXTRACT_UTC(SYSTIMESTAMP) AS DATE) - DATE '1970-01-01') * 86400000
             + TO_NUMBER(TO_CHAR(SYSTIMESTAMP, 'FF3'))) AS db_now,
           ROUND(${HOST_OFFSET_DAYS} * 1440) AS host_offset_min,
           DBTIMEZONE AS db_time_zone, SESSIONTIMEZONE AS session_time_zone
    FROM dual d`,
  binds: [],
  columns: [
    'DB_NAME',
    'CDB_NAME',
    'CON_ID',
    'CON_NAME',
    'INSTANCE_NUMBER',
    'INSTANCE_NAME',
    'SESSION_USER',
    'DB_NOW',
    'HOST_OFFSET_MIN',
    'DB_TIME_ZONE',
    'SESSION_TIME_ZONE',
  ],
  views: ['DUAL'],
  instantColumns: ['DB_NOW'],
});

/** Every open instance (one row on a single instance). */
export const HEALTH_INSTANCES = q({
  id: 'health.instances',
  resource: 'health',
  sql: `
    SELECT i.inst_id, i.instance_name, i.host_name, i.status, ${epochMs('i.startup_time')} AS startup_time
    FROM gv$instance i
    ORDER BY i.inst_id`,
  binds: [],
  columns: ['INST_ID', 'INSTANCE_NAME', 'HOST_NAME', 'STATUS', 'STARTUP_TIME'],
  views: ['GV$INSTANCE'],
  instantColumns: ['STARTUP_TIME'],
});

/**
 * The containers this account sees (CDB only): in a PDB itself; in CDB$ROOT what its CONTAINER_DATA
 * attribute allows (only CDB$ROOT when unset). PDB$SEED is left out.
 */
export const HEALTH_CONTAINERS = q({
  id: 'health.containers',
  resource: 'health',
  sql: `
    SELECT c.con_id, c.name, c.open_mode
    FROM v$containers c
    WHERE c.name <> 'PDB$SEED'
    ORDER BY c.con_id`,
  binds: [],
  columns: ['CON_ID', 'NAME', 'OPEN_MODE'],
  views: ['V$CONTAINERS'],
});

/** Whether the user may kill sessions (ALTER SYSTEM), for the connection test. */
export const CAN_KILL = q({
  id: 'health.can-kill',
  resource: 'health',
  sql: `
    SELECT COUNT(*) AS n
    FROM session_privs p
    WHERE p.privilege = 'ALTER SYSTEM'`,
  binds: [],
  columns: ['N'],
  views: ['SESSION_PRIVS'],
});

/**
 * Views probed by the connection test: a parse is enough to raise ORA-00942 (no rows read). Every
 * fixed view (V$ / GV$) a console statement reads, i.e. the README's minimal grants (catalog.test.ts
 * checks it against grant-script.ts's fixedViewsRead). DBA_* / CDB_* are not probed: the console has a
 * way without each (ALL_*, or a section that names its grant), so "Check privileges" judges them.
 */
export const PROBED_VIEWS = [
  'GV$SYSMETRIC',
  'GV$SYSMETRIC_HISTORY',
  'GV$CON_SYSMETRIC',
  'GV$CON_SYSMETRIC_HISTORY',
  'GV$WAITCLASSMETRIC',
  'GV$SYSTEM_WAIT_CLASS',
  'GV$SESSION',
  'GV$PROCESS',
  'GV$LOCK',
  'GV$SYSTEM_EVENT',
  'GV$CON_SYSTEM_EVENT',
  'GV$SQLSTATS',
  'GV$SQL',
  'GV$SQL_PLAN',
  'GV$INSTANCE',
  'V$SQL_PLAN',
  'V$SQL_PLAN_STATISTICS_ALL',
  'V$INSTANCE',
  'V$DATABASE',
  'V$CONTAINERS',
  // DBMS_XPLAN.DISPLAY_CURSOR's own reads; the activity sampler on one instance; the Top SQL window
  'V$SESSION',
  'V$SQL',
  'V$SQLSTATS',
  'V$PARAMETER',
  // the session drill-down, the kill / cancel dialogs
  'GV$SESSION_WAIT_HISTORY',
  'GV$SESSTAT',
  'GV$STATNAME',
  'GV$OPEN_CURSOR',
  'GV$TRANSACTION',
  'GV$PARAMETER',
  // space (TEMP by session, recovery area, ASM) and limits
  'GV$TEMPSEG_USAGE',
  'V$RECOVERY_FILE_DEST',
  'V$RECOVERY_AREA_USAGE',
  'V$ASM_DISKGROUP_STAT',
  'GV$RESOURCE_LIMIT',
  // memory and I/O
  'GV$SGA_DYNAMIC_COMPONENTS',
  'GV$SGAINFO',
  'GV$PGASTAT',
  'GV$IOSTAT_FILE',
  'GV$IOSTAT_FUNCTION',
  // alert log, long operations
  'V$DIAG_ALERT_EXT',
  'GV$SESSION_LONGOPS',
] as const;

export const PROBES: readonly CatalogQuery[] = PROBED_VIEWS.map((view) =>
  q({
    id: `probe.${view}`,
    resource: 'health',
    sql: `SELECT 1 AS ok FROM ${view} x WHERE 1 = 0`,
    binds: [],
    columns: ['OK'],
    views: [view],
  }),
);

/** Every statement, for the column-catalog test and the demo database. */
export const ALL_QUERIES: readonly CatalogQuery[] = [
  DASHBOARD_METRICS,
  CON_METRICS,
  SESSION_COUNTS,
  WAIT_CLASS_METRIC,
  REALTIME_METRICS,
  REALTIME_CON_METRICS,
  SESSIONS,
  LOCK_SESSIONS,
  LOCK_ROWS,
  SYSTEM_EVENTS,
  CON_SYSTEM_EVENTS,
  INSTANCE_UPTIME,
  ...Object.values(TOP_SQL),
  SQL_STATS,
  SQL_CHILDREN,
  SQL_FULLTEXT,
  SQL_PLAN_XPLAN,
  SQL_PLAN_ROWS,
  SCHEMAS,
  TABLES,
  COLUMNS,
  DDL_WATERMARK,
  TREND_HISTORY,
  TREND_CON_HISTORY,
  HEALTH,
  HEALTH_INSTANCES,
  HEALTH_CONTAINERS,
  IDENTITY_USERENV,
  CAN_KILL,
  ...PROBES,
];

/**
 * ALTER SYSTEM KILL SESSION is DDL-like: Oracle cannot bind inside the quoted 'sid,serial#[,@inst_id]'
 * operand, so the text must be assembled. That is safe only because every value is checked here to be
 * a positive safe integer first (no other characters can reach the statement). On RAC `@inst_id`
 * reaches a session of another instance (11g+); without it only the local instance is searched.
 */
export function killSessionSql(sid: number, serial: number, instId?: number): string {
  if (!Number.isSafeInteger(sid) || sid <= 0 || !Number.isSafeInteger(serial) || serial <= 0) {
    throw new RangeError('sid and serial# must be positive integers');
  }
  if (instId !== undefined && (!Number.isSafeInteger(instId) || instId <= 0)) {
    throw new RangeError('inst_id must be a positive integer');
  }
  const inst = instId === undefined ? '' : `,@${instId}`;
  return `ALTER SYSTEM KILL SESSION '${sid},${serial}${inst}' IMMEDIATE`;
}

/** 'V$SESSION' -> 'SYS.V_$SESSION', 'GV$SESSION' -> 'SYS.GV_$SESSION' (V$/GV$ names are public synonyms). */
export function fixedViewGrantTarget(view: string): string {
  return view.startsWith('GV$') ? `SYS.GV_${view.slice(2)}` : `SYS.V_${view.slice(1)}`;
}

/**
 * In CDB$ROOT a common user sees only the root's rows in V$ views until its CONTAINER_DATA attribute
 * names the PDBs (run in the root by a common user with SET CONTAINER / ALTER USER).
 */
export function containerDataGrant(user: string): string {
  const name = user.trim().toUpperCase();
  const safe = /^[A-Z][A-Z0-9_$#]{0,127}$/.test(name) ? name : '<monitoring user>';
  return `ALTER USER ${safe} SET CONTAINER_DATA = ALL CONTAINER = CURRENT;`;
}

/**
 * The grants a read-only monitoring user needs for everything the console reads (object grants on
 * the V_$ views, the least-privilege alternative to SELECT_CATALOG_ROLE), plus the optional kill
 * privilege. `user` must be a simple SQL name (checked; it is the only text put into the script).
 */
export function monitoringGrantScript(user: string, opts: { allowKill?: boolean } = {}): string {
  const name = user.trim().toUpperCase();
  if (!/^[A-Z][A-Z0-9_$#]{0,127}$/.test(name)) throw new RangeError('not a simple Oracle user name');
  const lines = [
    `-- TMS Console: read-only monitoring grants for ${name} (run as a DBA)`,
    `GRANT CREATE SESSION TO ${name};`,
    ...PROBED_VIEWS.map((v) => `GRANT SELECT ON ${fixedViewGrantTarget(v)} TO ${name};`),
    `-- or, instead of the object grants above: GRANT SELECT_CATALOG_ROLE TO ${name};`,
    opts.allowKill
      ? `GRANT ALTER SYSTEM TO ${name};  -- lets the console kill sessions`
      : `-- to let the console kill sessions: GRANT ALTER SYSTEM TO ${name};`,
  ];
  return `${lines.join('\n')}\n`;
}

// --- Diagnostics Pack (only when the connection opted in) ------------------------------------------

/**
 * V$ACTIVE_SESSION_HISTORY needs the Diagnostics Pack licence (oracle.md 1.3). These statements run
 * only when the connection says `diagnosticsPackLicensed`; ALL_QUERIES never contains them.
 * ASH samples active sessions once a second: samples / 60 per minute = average active sessions.
 */
export const ASH_BY_MINUTE = q({
  id: 'ash.by-minute',
  resource: 'ash',
  sql: `
    SELECT ${epochMs("TRUNC(a.sample_time, 'MI')")} AS minute_start,
           CASE WHEN a.session_state = 'ON CPU' THEN 'CPU' ELSE a.wait_class END AS wait_class,
           COUNT(*) AS samples
    FROM v$active_session_history a
    WHERE a.sample_time > CAST(SYSTIMESTAMP AS TIMESTAMP) - NUMTODSINTERVAL(:minutes, 'MINUTE')
    GROUP BY TRUNC(a.sample_time, 'MI'), CASE WHEN a.session_state = 'ON CPU' THEN 'CPU' ELSE a.wait_class END
    ORDER BY minute_start`,
  binds: ['minutes'],
  columns: ['MINUTE_START', 'WAIT_CLASS', 'SAMPLES'],
  views: ['V$ACTIVE_SESSION_HISTORY'],
  instantColumns: ['MINUTE_START'],
});

export const ASH_TOP_SQL = q({
  id: 'ash.top-sql',
  resource: 'ash',
  sql: `
    SELECT a.sql_id, COUNT(*) AS samples
    FROM v$active_session_history a
    WHERE a.sample_time > CAST(SYSTIMESTAMP AS TIMESTAMP) - NUMTODSINTERVAL(:minutes, 'MINUTE') AND a.sql_id IS NOT NULL
    GROUP BY a.sql_id
    ORDER BY samples DESC
    FETCH FIRST 10 ROWS ONLY`,
  binds: ['minutes'],
  columns: ['SQL_ID', 'SAMPLES'],
  views: ['V$ACTIVE_SESSION_HISTORY'],
});

export const ASH_TOP_SESSIONS = q({
  id: 'ash.top-sessions',
  resource: 'ash',
  sql: `
    SELECT a.session_id, a.session_serial# AS serial_no, MAX(u.username) AS username, COUNT(*) AS samples
    FROM v$active_session_history a
    LEFT JOIN all_users u ON u.user_id = a.user_id
    WHERE a.sample_time > CAST(SYSTIMESTAMP AS TIMESTAMP) - NUMTODSINTERVAL(:minutes, 'MINUTE') AND a.session_type = 'FOREGROUND'
    GROUP BY a.session_id, a.session_serial#
    ORDER BY samples DESC
    FETCH FIRST 10 ROWS ONLY`,
  binds: ['minutes'],
  columns: ['SESSION_ID', 'SERIAL_NO', 'USERNAME', 'SAMPLES'],
  views: ['V$ACTIVE_SESSION_HISTORY', 'ALL_USERS'],
});

export const DIAGNOSTICS_PACK_QUERIES: readonly CatalogQuery[] = [
  ASH_BY_MINUTE,
  ASH_TOP_SQL,
  ASH_TOP_SESSIONS,
];
