/**
 * Session drill-down statements (issue 17): everything about ONE session, (INST_ID, SID) bound, read
 * from GV$ views with INST_ID so a RAC session on another instance is read where it lives. Inside a PDB
 * GV$SESSION and the per-session views show only that container's sessions (another container's SID
 * is simply not found). Read-only, bind variables only; nothing here reads ASH/AWR.
 *
 * Time: LOGON_TIME, SQL_EXEC_START and V$TRANSACTION.START_DATE are zoneless host DATEs, returned as
 * instants (epochMs); DB_NOW is the database clock in UTC epoch ms (the rates' window is measured on it).
 * Units: V$SESSION_WAIT_HISTORY.WAIT_TIME is in hundredths of a second (and 0 for a wait shorter than
 * that): WAIT_TIME_MICRO (11gR2+, microseconds) is what the panel shows, as ms.
 */
import { type CatalogQuery, epochMs } from './catalog';

function q(def: CatalogQuery): CatalogQuery {
  return Object.freeze({ ...def, sql: def.sql.trim().replace(/\n\s+/g, '\n  ') });
}

/** The database clock, UTC, epoch ms (whole seconds: a DATE holds no fraction). */
const DB_NOW_MS = "TRUNC((CAST(SYS_EXTRACT_UTC(SYSTIMESTAMP) AS DATE) - DATE '1970-01-01') * 86400) * 1000";

export const SESSION_IDENTITY_COLUMNS = [
  'DB_NOW',
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
  'BLOCKING_INSTANCE',
  'BLOCKING_SESSION',
  'PLAN_HASH_VALUE',
  'SQL_TEXT',
] as const;

/** The session row and its current cursor (V$SQL by SQL_ID + child: its fixed-index access path). */
export const SESSION_IDENTITY = q({
  id: 'session.identity',
  resource: 'session-detail',
  sql: `
    SELECT ${DB_NOW_MS} AS db_now,
           s.inst_id, s.con_id, s.sid, s.serial# AS serial_no, s.username, s.status, s.osuser, s.machine,
           s.program, s.module, s.action, s.service_name, s.sql_id, s.sql_child_number, s.prev_sql_id,
           ${epochMs('s.sql_exec_start')} AS sql_exec_start, ${epochMs('s.logon_time')} AS logon_time,
           s.last_call_et, s.event, s.wait_class, s.state, s.seconds_in_wait,
           CASE WHEN s.blocking_session_status = 'VALID' THEN s.blocking_instance END AS blocking_instance,
           CASE WHEN s.blocking_session_status = 'VALID' THEN s.blocking_session END AS blocking_session,
           c.plan_hash_value, SUBSTR(c.sql_text, 1, 400) AS sql_text
    FROM gv$session s
    LEFT JOIN gv$sql c
      ON c.inst_id = s.inst_id AND c.sql_id = s.sql_id AND c.child_number = s.sql_child_number
    WHERE s.inst_id = :instId AND s.sid = :sid`,
  binds: ['instId', 'sid'],
  columns: SESSION_IDENTITY_COLUMNS,
  views: ['GV$SESSION', 'GV$SQL'],
  instantColumns: ['SQL_EXEC_START', 'LOGON_TIME'],
});

/** The last 10 waits, SEQ# 1 the most recent. */
export const SESSION_WAIT_HISTORY = q({
  id: 'session.wait-history',
  resource: 'session-detail',
  sql: `
    SELECT w.seq# AS seq_no, w.event, w.wait_time, w.wait_time_micro, w.time_since_last_wait_micro,
           w.p1text, w.p1, w.p2text, w.p2, w.p3text, w.p3
    FROM gv$session_wait_history w
    WHERE w.inst_id = :instId AND w.sid = :sid
    ORDER BY w.seq#`,
  binds: ['instId', 'sid'],
  columns: [
    'SEQ_NO',
    'EVENT',
    'WAIT_TIME',
    'WAIT_TIME_MICRO',
    'TIME_SINCE_LAST_WAIT_MICRO',
    'P1TEXT',
    'P1',
    'P2TEXT',
    'P2',
    'P3TEXT',
    'P3',
  ],
  views: ['GV$SESSION_WAIT_HISTORY'],
});

/**
 * The statistics the panel shows as rates (V$STATNAME names, exact). Cumulative since logon in
 * V$SESSTAT; 'CPU used by this session' is in centiseconds, the byte counters in bytes.
 */
export const SESSION_STAT_NAMES = [
  'CPU used by this session',
  'session logical reads',
  'physical reads',
  'redo size',
  'user commits',
  'execute count',
  'parse count (hard)',
  'bytes sent via SQL*Net to client',
] as const;
export type SessionStatName = (typeof SESSION_STAT_NAMES)[number];
const statList = SESSION_STAT_NAMES.map((n) => `'${n.replace(/'/g, "''")}'`).join(', ');

export const SESSION_STATS = q({
  id: 'session.stats',
  resource: 'session-detail',
  sql: `
    SELECT n.name, t.value
    FROM gv$sesstat t
    JOIN gv$statname n ON n.inst_id = t.inst_id AND n.statistic# = t.statistic#
    WHERE t.inst_id = :instId AND t.sid = :sid AND n.name IN (${statList})`,
  binds: ['instId', 'sid'],
  columns: ['NAME', 'VALUE'],
  views: ['GV$SESSTAT', 'GV$STATNAME'],
});

/** How many cursors to list by SQL_ID (the total counts them all). */
export const OPEN_CURSOR_TOP = 5;

/** Open cursors grouped by SQL_ID, the most first; TOTAL is the session's count over every group. */
export const SESSION_OPEN_CURSORS = q({
  id: 'session.open-cursors',
  resource: 'session-detail',
  sql: `
    SELECT o.sql_id, COUNT(*) AS cursors, MAX(o.sql_text) AS sql_text,
           (SELECT COUNT(*) FROM gv$open_cursor a WHERE a.inst_id = :instId AND a.sid = :sid) AS total
    FROM gv$open_cursor o
    WHERE o.inst_id = :instId AND o.sid = :sid
    GROUP BY o.sql_id
    ORDER BY cursors DESC, o.sql_id
    FETCH FIRST ${OPEN_CURSOR_TOP} ROWS ONLY`,
  binds: ['instId', 'sid'],
  columns: ['SQL_ID', 'CURSORS', 'SQL_TEXT', 'TOTAL'],
  views: ['GV$OPEN_CURSOR'],
});

/** Every lock the session holds or requests (TM: ID1 is the object id). */
export const SESSION_LOCKS = q({
  id: 'session.locks',
  resource: 'session-detail',
  sql: `
    SELECT l.inst_id, l.sid, l.type, l.id1, l.id2, l.lmode, l.request, l.ctime, l.block
    FROM gv$lock l
    WHERE l.inst_id = :instId AND l.sid = :sid
    ORDER BY l.block DESC, l.ctime DESC`,
  binds: ['instId', 'sid'],
  columns: ['INST_ID', 'SID', 'TYPE', 'ID1', 'ID2', 'LMODE', 'REQUEST', 'CTIME', 'BLOCK'],
  views: ['GV$LOCK'],
});

/**
 * The session's open transaction (V$SESSION.TADDR = V$TRANSACTION.ADDR), with the block size that
 * turns USED_UBLK into bytes (undo lives in the default block size). No row: no open transaction.
 */
export const SESSION_TRANSACTION = q({
  id: 'session.transaction',
  resource: 'session-detail',
  sql: `
    SELECT x.used_ublk, x.used_urec, x.status, ${epochMs('x.start_date')} AS start_time,
           (SELECT TO_NUMBER(p.value) FROM gv$parameter p WHERE p.inst_id = s.inst_id AND p.name = 'db_block_size') AS block_size
    FROM gv$session s
    JOIN gv$transaction x ON x.inst_id = s.inst_id AND x.addr = s.taddr
    WHERE s.inst_id = :instId AND s.sid = :sid AND s.serial# = :serial`,
  binds: ['instId', 'sid', 'serial'],
  columns: ['USED_UBLK', 'USED_UREC', 'STATUS', 'START_TIME', 'BLOCK_SIZE'],
  views: ['GV$SESSION', 'GV$TRANSACTION', 'GV$PARAMETER'],
  instantColumns: ['START_TIME'],
});

export const SESSION_QUERIES: readonly CatalogQuery[] = [
  SESSION_IDENTITY,
  SESSION_WAIT_HISTORY,
  SESSION_STATS,
  SESSION_OPEN_CURSORS,
  SESSION_LOCKS,
  SESSION_TRANSACTION,
];
