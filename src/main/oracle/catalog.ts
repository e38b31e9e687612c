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
}

function q(def: CatalogQuery): CatalogQuery {
  return Object.freeze({ ...def, sql: def.sql.trim().replace(/\n\s+/g, '\n  ') });
}

/** V$SYSMETRIC names the console reads (exact strings; oracle.md 2.7). */
export const METRIC = {
  aas: 'Average Active Sessions',
  hostCpu: 'Host CPU Utilization (%)',
  cpuPerSec: 'CPU Usage Per Sec',
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

export const SYSMETRIC_COLUMNS = ['METRIC_NAME', 'VALUE', 'GROUP_ID', 'END_TIME', 'INTSIZE_CSEC'] as const;

// --- dashboard --------------------------------------------------------------------------------

export const DASHBOARD_METRICS = q({
  id: 'dashboard.sysmetric',
  resource: 'dashboard',
  sql: `
    SELECT m.metric_name, m.value, m.group_id, m.end_time, m.intsize_csec
    FROM v$sysmetric m
    WHERE m.group_id = 2 AND m.metric_name IN (${metricList})`,
  binds: [],
  columns: SYSMETRIC_COLUMNS,
  views: ['V$SYSMETRIC'],
});

export const SESSION_COUNTS = q({
  id: 'dashboard.session-counts',
  resource: 'dashboard',
  sql: `
    SELECT COUNT(*) AS total,
           NVL(SUM(CASE WHEN s.status = 'ACTIVE' THEN 1 ELSE 0 END), 0) AS active,
           NVL(SUM(CASE WHEN s.status = 'INACTIVE' THEN 1 ELSE 0 END), 0) AS inactive,
           NVL(SUM(CASE WHEN s.blocking_session IS NOT NULL THEN 1 ELSE 0 END), 0) AS blocked
    FROM v$session s
    WHERE s.type = 'USER' AND NVL(s.module, '-') <> :consoleModule`,
  binds: ['consoleModule'],
  columns: ['TOTAL', 'ACTIVE', 'INACTIVE', 'BLOCKED'],
  views: ['V$SESSION'],
});

/** Per wait class, last 60 s. TIME_WAITED and INTSIZE_CSEC are centiseconds, so the ratio is AAS. */
export const WAIT_CLASS_METRIC = q({
  id: 'dashboard.waitclassmetric',
  resource: 'dashboard',
  sql: `
    SELECT n.wait_class, m.time_waited, m.wait_count, m.intsize_csec
    FROM v$waitclassmetric m
    JOIN v$system_wait_class n ON n.wait_class_id = m.wait_class_id
    WHERE n.wait_class <> 'Idle'`,
  binds: [],
  columns: ['WAIT_CLASS', 'TIME_WAITED', 'WAIT_COUNT', 'INTSIZE_CSEC'],
  views: ['V$WAITCLASSMETRIC', 'V$SYSTEM_WAIT_CLASS'],
});

// --- realtime ---------------------------------------------------------------------------------

/** Group 3 (15 s) preferred; group 2 rows are the fallback for metrics group 3 does not publish. */
export const REALTIME_METRICS = q({
  id: 'realtime.sysmetric',
  resource: 'realtime',
  sql: `
    SELECT m.metric_name, m.value, m.group_id, m.end_time, m.intsize_csec
    FROM v$sysmetric m
    WHERE m.group_id IN (2, 3) AND m.metric_name IN (${metricList})`,
  binds: [],
  columns: SYSMETRIC_COLUMNS,
  views: ['V$SYSMETRIC'],
});

// --- sessions ---------------------------------------------------------------------------------

export const SESSION_COLUMNS = [
  'INST_ID',
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
    SELECT TO_NUMBER(SYS_CONTEXT('USERENV', 'INSTANCE')) AS inst_id,
           s.sid, s.serial# AS serial_no, s.username, s.status, s.osuser, s.machine, s.program,
           s.module, s.action, s.service_name, s.sql_id, s.sql_child_number, s.prev_sql_id,
           s.sql_exec_start, s.logon_time, s.last_call_et, s.event, s.wait_class, s.state,
           s.seconds_in_wait, s.blocking_session_status, s.blocking_instance, s.blocking_session,
           s.row_wait_obj# AS row_wait_obj_no, s.client_identifier,
           p.spid, p.pga_used_mem, p.pga_alloc_mem, p.pga_max_mem
    FROM v$session s
    LEFT JOIN v$process p ON p.addr = s.paddr
    WHERE s.type = 'USER'
    ORDER BY s.sid`,
  binds: [],
  columns: SESSION_COLUMNS,
  views: ['V$SESSION', 'V$PROCESS'],
});

// --- locks ------------------------------------------------------------------------------------

export const LOCK_SESSION_COLUMNS = [
  'INST_ID',
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

/** Waiters and the sessions they wait on (blockers that wait on nobody are the tree's roots). */
export const LOCK_SESSIONS = q({
  id: 'locks.sessions',
  resource: 'locks',
  sql: `
    SELECT TO_NUMBER(SYS_CONTEXT('USERENV', 'INSTANCE')) AS inst_id,
           s.sid, s.serial# AS serial_no, s.username, s.status, s.machine, s.program, s.sql_id,
           s.prev_sql_id, s.event, s.wait_class, s.seconds_in_wait, s.last_call_et,
           s.blocking_session, s.blocking_instance, s.row_wait_obj# AS row_wait_obj_no
    FROM v$session s
    WHERE s.blocking_session IS NOT NULL
       OR s.sid IN (SELECT w.blocking_session FROM v$session w WHERE w.blocking_session IS NOT NULL)`,
  binds: [],
  columns: LOCK_SESSION_COLUMNS,
  views: ['V$SESSION'],
});

/** Locks that block someone or are being waited for. */
export const LOCK_ROWS = q({
  id: 'locks.v$lock',
  resource: 'locks',
  sql: `
    SELECT l.sid, l.type, l.id1, l.id2, l.lmode, l.request, l.ctime, l.block
    FROM v$lock l
    WHERE l.block > 0 OR l.request > 0`,
  binds: [],
  columns: ['SID', 'TYPE', 'ID1', 'ID2', 'LMODE', 'REQUEST', 'CTIME', 'BLOCK'],
  views: ['V$LOCK'],
});

// --- wait events ------------------------------------------------------------------------------

/** Cumulative since startup; per-class totals are sums of these (same as V$SYSTEM_WAIT_CLASS). */
export const SYSTEM_EVENTS = q({
  id: 'wait-events.system-event',
  resource: 'wait-events',
  sql: `
    SELECT e.event, e.wait_class, e.total_waits, e.total_timeouts, e.time_waited_micro
    FROM v$system_event e
    WHERE e.wait_class <> 'Idle'`,
  binds: [],
  columns: ['EVENT', 'WAIT_CLASS', 'TOTAL_WAITS', 'TOTAL_TIMEOUTS', 'TIME_WAITED_MICRO'],
  views: ['V$SYSTEM_EVENT'],
});

/** Seconds since instance startup, computed on the server (no client/server time zone skew). */
export const INSTANCE_UPTIME = q({
  id: 'wait-events.uptime',
  resource: 'wait-events',
  sql: `
    SELECT ROUND((SYSDATE - i.startup_time) * 86400) AS uptime_sec
    FROM v$instance i`,
  binds: [],
  columns: ['UPTIME_SEC'],
  views: ['V$INSTANCE'],
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
 * Top N of V$SQLSTATS (one round trip). The inline view limits first, so the V$SQL lookups
 * (parsing schema and module: V$SQLSTATS has neither) run only for the N rows kept.
 */
function topSqlQuery(order: TopSqlOrder): CatalogQuery {
  const expr = TOP_SQL_ORDER_EXPR[order];
  return q({
    id: `top-sql.${order}`,
    resource: 'top-sql',
    sql: `
      SELECT t.sql_id, t.plan_hash_value, t.executions, t.elapsed_time, t.cpu_time, t.buffer_gets,
             t.disk_reads, t.rows_processed, t.parse_calls, t.user_io_wait_time, t.application_wait_time,
             t.concurrency_wait_time, t.last_active_time, t.sql_text, t.sort_key,
             (SELECT MAX(q.parsing_schema_name) FROM v$sql q WHERE q.sql_id = t.sql_id) AS parsing_schema_name,
             (SELECT MAX(q.module) FROM v$sql q WHERE q.sql_id = t.sql_id) AS module
      FROM (
        SELECT s.sql_id, s.plan_hash_value, s.executions, s.elapsed_time, s.cpu_time, s.buffer_gets,
               s.disk_reads, s.rows_processed, s.parse_calls, s.user_io_wait_time, s.application_wait_time,
               s.concurrency_wait_time, s.last_active_time, SUBSTR(s.sql_text, 1, 200) AS sql_text,
               ${expr} AS sort_key
        FROM v$sqlstats s
        ORDER BY ${expr} DESC
        FETCH FIRST :maxRows ROWS ONLY
      ) t
      ORDER BY t.sort_key DESC`,
    binds: ['maxRows'],
    columns: TOP_SQL_COLUMNS,
    views: ['V$SQLSTATS', 'V$SQL'],
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
    SELECT s.sql_id, s.plan_hash_value, s.executions, s.elapsed_time, s.cpu_time, s.buffer_gets,
           s.disk_reads, s.rows_processed, s.parse_calls, s.fetches, s.sorts, s.loads, s.invalidations,
           s.version_count, s.user_io_wait_time, s.application_wait_time, s.concurrency_wait_time,
           s.cluster_wait_time, s.plsql_exec_time, s.java_exec_time, s.sharable_mem, s.avg_hard_parse_time,
           s.px_servers_executions, s.last_active_time, SUBSTR(s.sql_text, 1, 200) AS sql_text
    FROM v$sqlstats s
    WHERE s.sql_id = :sqlId
    ORDER BY s.elapsed_time DESC`,
  binds: ['sqlId'],
  columns: [
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
  views: ['V$SQLSTATS'],
});

export const SQL_CHILDREN = q({
  id: 'sql.children',
  resource: 'sql',
  sql: `
    SELECT c.child_number, c.plan_hash_value, c.parsing_schema_name, c.module, c.action, c.optimizer_mode,
           c.optimizer_cost, c.executions, c.elapsed_time, c.buffer_gets, c.last_active_time,
           c.is_bind_sensitive, c.is_bind_aware, c.sql_profile, c.sql_plan_baseline
    FROM v$sql c
    WHERE c.sql_id = :sqlId
    ORDER BY c.child_number`,
  binds: ['sqlId'],
  columns: [
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
  views: ['V$SQL'],
});

/** Full text; SQL_FULLTEXT is a CLOB fetched as a string (fetchTypeHandler in the real executor). */
export const SQL_FULLTEXT = q({
  id: 'sql-text.fulltext',
  resource: 'sql-text',
  sql: `
    SELECT s.sql_fulltext
    FROM v$sqlstats s
    WHERE s.sql_id = :sqlId
    FETCH FIRST 1 ROWS ONLY`,
  binds: ['sqlId'],
  columns: ['SQL_FULLTEXT'],
  views: ['V$SQLSTATS'],
});

/** Every child cursor's plan (NULL child = all), TYPICAL format. Reads only V$ views (no AWR). */
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
    SELECT p.child_number, p.plan_hash_value, p.id, p.parent_id, p.depth, p.operation, p.options,
           p.object_owner, p.object_name, p.cost, p.cardinality, p.bytes, p.time,
           p.access_predicates, p.filter_predicates
    FROM v$sql_plan p
    WHERE p.sql_id = :sqlId
      AND p.child_number = (SELECT MIN(c.child_number) FROM v$sql_plan c WHERE c.sql_id = :sqlId)
    ORDER BY p.id`,
  binds: ['sqlId'],
  columns: [
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
  ],
  views: ['V$SQL_PLAN'],
});

// --- metadata ---------------------------------------------------------------------------------

export const SCHEMAS = q({
  id: 'schemas.all-users',
  resource: 'schemas',
  sql: `
    SELECT u.username, u.user_id, u.created
    FROM all_users u
    WHERE u.oracle_maintained = 'N'
    ORDER BY u.username`,
  binds: [],
  columns: ['USERNAME', 'USER_ID', 'CREATED'],
  views: ['ALL_USERS'],
});

/** Bounded: a schema with more tables than this is cut (the UI says so). */
export const MAX_TABLES = 10_000;

export const TABLES = q({
  id: 'tables.all-tables',
  resource: 'tables',
  sql: `
    SELECT t.owner, t.table_name, t.tablespace_name, t.status, t.num_rows, t.blocks, t.avg_row_len,
           t.last_analyzed, t.partitioned, t.temporary, t.iot_type, t.compression, t.logging
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
});

export const COLUMNS = q({
  id: 'columns.all-tab-columns',
  resource: 'columns',
  sql: `
    SELECT c.column_id, c.column_name, c.data_type, c.data_length, c.data_precision, c.data_scale,
           c.char_length, c.char_used, c.nullable, c.num_distinct, c.num_nulls, c.density, c.histogram,
           c.last_analyzed
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
});

/** MAX(LAST_DDL_TIME) + COUNT(*) (COUNT catches drops). Polled at most once a minute by the DDL watch. */
export const DDL_WATERMARK = q({
  id: 'ddl-watermark.all-objects',
  resource: 'ddl-watermark',
  sql: `
    SELECT MAX(o.last_ddl_time) AS max_last_ddl_time, COUNT(*) AS object_count
    FROM all_objects o
    WHERE o.owner IN (SELECT u.username FROM all_users u WHERE u.oracle_maintained = 'N')`,
  binds: [],
  columns: ['MAX_LAST_DDL_TIME', 'OBJECT_COUNT'],
  views: ['ALL_OBJECTS', 'ALL_USERS'],
});

// --- trend, health ----------------------------------------------------------------------------

/** Last hour, 60 s points (long-duration group). */
export const TREND_HISTORY = q({
  id: 'trend.sysmetric-history',
  resource: 'trend',
  sql: `
    SELECT h.end_time, h.metric_name, h.value
    FROM v$sysmetric_history h
    WHERE h.group_id = 2 AND h.metric_name IN (${trendMetricList})
    ORDER BY h.end_time`,
  binds: [],
  columns: ['END_TIME', 'METRIC_NAME', 'VALUE'],
  views: ['V$SYSMETRIC_HISTORY'],
});

export const HEALTH = q({
  id: 'health.instance',
  resource: 'health',
  sql: `
    SELECT i.instance_name, i.instance_number, i.host_name, i.version, i.startup_time, i.status,
           i.database_status, ROUND((SYSDATE - i.startup_time) * 86400) AS uptime_sec,
           d.name AS db_name, d.db_unique_name, d.open_mode, d.database_role, d.log_mode, d.platform_name,
           d.cdb, SYS_CONTEXT('USERENV', 'CON_NAME') AS con_name,
           SYS_CONTEXT('USERENV', 'SESSION_USER') AS session_user
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
    'SESSION_USER',
  ],
  views: ['V$INSTANCE', 'V$DATABASE'],
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

/** Views probed by the connection test: a parse is enough to raise ORA-00942 (no rows read). */
export const PROBED_VIEWS = [
  'V$SYSMETRIC',
  'V$SYSMETRIC_HISTORY',
  'V$WAITCLASSMETRIC',
  'V$SYSTEM_WAIT_CLASS',
  'V$SESSION',
  'V$PROCESS',
  'V$LOCK',
  'V$SYSTEM_EVENT',
  'V$SQLSTATS',
  'V$SQL',
  'V$SQL_PLAN',
  'V$SQL_PLAN_STATISTICS_ALL',
  'V$INSTANCE',
  'V$DATABASE',
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
  SESSION_COUNTS,
  WAIT_CLASS_METRIC,
  REALTIME_METRICS,
  SESSIONS,
  LOCK_SESSIONS,
  LOCK_ROWS,
  SYSTEM_EVENTS,
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
  HEALTH,
  CAN_KILL,
  ...PROBES,
];

/**
 * ALTER SYSTEM KILL SESSION is DDL-like: Oracle cannot bind inside the quoted 'sid,serial#' operand,
 * so the text must be assembled. That is safe only because both values are checked here to be
 * positive safe integers first (no other characters can reach the statement).
 */
export function killSessionSql(sid: number, serial: number): string {
  if (!Number.isSafeInteger(sid) || sid <= 0 || !Number.isSafeInteger(serial) || serial <= 0) {
    throw new RangeError('sid and serial# must be positive integers');
  }
  return `ALTER SYSTEM KILL SESSION '${sid},${serial}' IMMEDIATE`;
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
    ...PROBED_VIEWS.map((v) => `GRANT SELECT ON SYS.V_${v.slice(1)} TO ${name};`),
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
    SELECT TRUNC(a.sample_time, 'MI') AS minute_start,
           CASE WHEN a.session_state = 'ON CPU' THEN 'CPU' ELSE a.wait_class END AS wait_class,
           COUNT(*) AS samples
    FROM v$active_session_history a
    WHERE a.sample_time > SYSTIMESTAMP - NUMTODSINTERVAL(:minutes, 'MINUTE')
    GROUP BY TRUNC(a.sample_time, 'MI'), CASE WHEN a.session_state = 'ON CPU' THEN 'CPU' ELSE a.wait_class END
    ORDER BY minute_start`,
  binds: ['minutes'],
  columns: ['MINUTE_START', 'WAIT_CLASS', 'SAMPLES'],
  views: ['V$ACTIVE_SESSION_HISTORY'],
});

export const ASH_TOP_SQL = q({
  id: 'ash.top-sql',
  resource: 'ash',
  sql: `
    SELECT a.sql_id, COUNT(*) AS samples
    FROM v$active_session_history a
    WHERE a.sample_time > SYSTIMESTAMP - NUMTODSINTERVAL(:minutes, 'MINUTE') AND a.sql_id IS NOT NULL
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
    WHERE a.sample_time > SYSTIMESTAMP - NUMTODSINTERVAL(:minutes, 'MINUTE') AND a.session_type = 'FOREGROUND'
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
