/**
 * Statements about what the connecting account may read and do (issue 13 points 4 and 7), and the
 * DBA_* forms of the schema browser's statements. Kept apart from catalog.ts; every statement here is
 * in PRIVILEGE_QUERIES, which the column-catalog test and the demo database also cover.
 *
 * SESSION_PRIVS / SESSION_ROLES / USER_RESOURCE_LIMITS / ALL_PROCEDURES need no grant: every account
 * can read its own. V$PARAMETER needs SELECT on SYS.V_$PARAMETER (or SELECT_CATALOG_ROLE).
 */
import type { CatalogQuery } from './catalog';
import { COLUMNS, DDL_WATERMARK, epochMs, MAX_TABLES, SCHEMAS, TABLES } from './catalog';

function q(def: CatalogQuery): CatalogQuery {
  return Object.freeze({ ...def, sql: def.sql.trim().replace(/\n\s+/g, '\n  ') });
}

/** The account's system privileges that matter to the console (all of them; the list is short). */
export const SESSION_PRIVILEGES = q({
  id: 'privileges.session-privs',
  resource: 'health',
  sql: `
    SELECT p.privilege
    FROM session_privs p
    WHERE p.privilege IN ('ALTER SYSTEM', 'SELECT ANY DICTIONARY', 'SELECT ANY TABLE', 'CREATE SESSION')
    ORDER BY p.privilege`,
  binds: [],
  columns: ['PRIVILEGE'],
  views: ['SESSION_PRIVS'],
});

export const SESSION_ROLE_LIST = q({
  id: 'privileges.session-roles',
  resource: 'health',
  sql: `
    SELECT r.role
    FROM session_roles r
    ORDER BY r.role`,
  binds: [],
  columns: ['ROLE'],
  views: ['SESSION_ROLES'],
});

/**
 * CONTROL_MANAGEMENT_PACK_ACCESS: NONE | DIAGNOSTIC | DIAGNOSTIC+TUNING (Database Reference). The
 * Diagnostics Pack opt-in is offered only when it allows DIAGNOSTIC. It says nothing about whether the
 * pack is licensed (EE's default is DIAGNOSTIC+TUNING): the DBA still has to opt in.
 */
export const PACK_ACCESS = q({
  id: 'privileges.pack-access',
  resource: 'health',
  sql: `
    SELECT p.value
    FROM v$parameter p
    WHERE p.name = 'control_management_pack_access'`,
  binds: [],
  columns: ['VALUE'],
  views: ['V$PARAMETER'],
});

/** SESSIONS_PER_USER of the account's profile (its own row: no grant). 'UNLIMITED' or a number. */
export const SESSION_LIMIT = q({
  id: 'privileges.sessions-per-user',
  resource: 'health',
  sql: `
    SELECT l.limit
    FROM user_resource_limits l
    WHERE l.resource_name = 'SESSIONS_PER_USER'`,
  binds: [],
  columns: ['LIMIT'],
  views: ['USER_RESOURCE_LIMITS'],
});

/** Whether the account can execute the named procedure (ALL_PROCEDURES lists only executable ones). */
export const EXECUTABLE_PROCEDURE = q({
  id: 'privileges.executable-procedure',
  resource: 'health',
  sql: `
    SELECT COUNT(*) AS n
    FROM all_procedures p
    WHERE p.owner = :owner AND p.object_name = :objectName
      AND (p.procedure_name = :procedureName OR (:procedureName = '-' AND p.procedure_name IS NULL))`,
  binds: ['owner', 'objectName', 'procedureName'],
  columns: ['N'],
  views: ['ALL_PROCEDURES'],
});

/** DBA_* views the schema browser prefers (readable with SELECT_CATALOG_ROLE / SELECT ANY DICTIONARY). */
export const DICTIONARY_PROBED_VIEWS = ['DBA_USERS', 'DBA_TABLES', 'DBA_TAB_COLUMNS', 'DBA_OBJECTS'] as const;

export const DICTIONARY_PROBES: readonly CatalogQuery[] = [...DICTIONARY_PROBED_VIEWS, 'V$PARAMETER'].map(
  (view) =>
    q({
      id: `probe.${view}`,
      resource: 'health',
      sql: `SELECT 1 AS ok FROM ${view} x WHERE 1 = 0`,
      binds: [],
      columns: ['OK'],
      views: [view],
    }),
);

// --- the schema browser on DBA_* (same columns as the ALL_* forms in catalog.ts; their dates are instants
// computed in SQL like the ALL_* forms', since they share `instantColumns`) ---------------------------------

export const DBA_SCHEMAS = q({
  ...SCHEMAS,
  id: 'schemas.dba-users',
  sql: `
    SELECT u.username, u.user_id, ${epochMs('u.created')} AS created
    FROM dba_users u
    WHERE u.oracle_maintained = 'N'
    ORDER BY u.username`,
  views: ['DBA_USERS'],
});

export const DBA_TABLES = q({
  ...TABLES,
  id: 'tables.dba-tables',
  sql: `
    SELECT t.owner, t.table_name, t.tablespace_name, t.status, t.num_rows, t.blocks, t.avg_row_len,
           ${epochMs('t.last_analyzed')} AS last_analyzed, t.partitioned, t.temporary, t.iot_type, t.compression, t.logging
    FROM dba_tables t
    WHERE t.owner = :owner AND t.dropped = 'NO' AND t.nested = 'NO' AND t.secondary = 'N'
    ORDER BY t.table_name
    FETCH FIRST ${MAX_TABLES} ROWS ONLY`,
  views: ['DBA_TABLES'],
});

export const DBA_COLUMNS = q({
  ...COLUMNS,
  id: 'columns.dba-tab-columns',
  sql: `
    SELECT c.column_id, c.column_name, c.data_type, c.data_length, c.data_precision, c.data_scale,
           c.char_length, c.char_used, c.nullable, c.num_distinct, c.num_nulls, c.density, c.histogram,
           ${epochMs('c.last_analyzed')} AS last_analyzed
    FROM dba_tab_columns c
    WHERE c.owner = :owner AND c.table_name = :tableName
    ORDER BY c.column_id`,
  views: ['DBA_TAB_COLUMNS'],
});

export const DBA_DDL_WATERMARK = q({
  ...DDL_WATERMARK,
  id: 'ddl-watermark.dba-objects',
  sql: `
    SELECT ${epochMs('MAX(o.last_ddl_time)')} AS max_last_ddl_time, COUNT(*) AS object_count
    FROM dba_objects o
    WHERE o.owner IN (SELECT u.username FROM dba_users u WHERE u.oracle_maintained = 'N')`,
  views: ['DBA_OBJECTS', 'DBA_USERS'],
});

/** Every statement of this file (column-catalog test, demo database, real-Oracle contract). */
export const PRIVILEGE_QUERIES: readonly CatalogQuery[] = [
  SESSION_PRIVILEGES,
  SESSION_ROLE_LIST,
  PACK_ACCESS,
  SESSION_LIMIT,
  EXECUTABLE_PROCEDURE,
  ...DICTIONARY_PROBES,
  DBA_SCHEMAS,
  DBA_TABLES,
  DBA_COLUMNS,
  DBA_DDL_WATERMARK,
];
