/**
 * Issue 17: the kill / cancel dialogs' fresh look at one session — GV$SESSION ⨝ GV$TRANSACTION (the
 * undo a kill would roll back), the current statement's first 300 characters (GV$SQL), the instance's
 * db_block_size (GV$PARAMETER) and V$INSTANCE.VERSION (cancel needs 18c). GV$ on every topology (a
 * single instance answers with its own INST_ID); `:inst_id` 0 means the instance the connection landed
 * on, as KILL SESSION without '@inst_id' does. Read-only, bind variables only.
 *
 * Time: LAST_CALL_ET is seconds already; SQL_EXEC_START and START_DATE are turned into ages in seconds
 * against SYSDATE in SQL, so no DATE reaches the driver (oracle.md "Time zones").
 * Scope: inside a PDB V$SESSION / V$TRANSACTION show the PDB's own sessions only.
 */
import type { CatalogQuery } from './catalog';

function q(def: CatalogQuery): CatalogQuery {
  return Object.freeze({ ...def, sql: def.sql.trim().replace(/\n\s+/g, '\n  ') });
}

export const STOP_PREVIEW_COLUMNS = [
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
  'SQL_ID',
  'SQL_TEXT',
  'LAST_CALL_ET',
  'EXEC_AGE_SEC',
  'EVENT',
  'WAIT_CLASS',
  'USED_UBLK',
  'USED_UREC',
  'TXN_AGE_SEC',
  'BLOCK_SIZE',
  'VERSION',
] as const;

export const STOP_PREVIEW = q({
  id: 'interventions.stop-preview',
  resource: 'stop-preview',
  sql: `
    SELECT s.inst_id, s.con_id, s.sid, s.serial# AS serial_no, s.username, s.status, s.osuser, s.machine,
           s.program, s.module, s.sql_id,
           (SELECT SUBSTR(x.sql_text, 1, 300) FROM gv$sql x
             WHERE x.inst_id = s.inst_id AND x.sql_id = s.sql_id AND x.child_number = s.sql_child_number
               AND ROWNUM = 1) AS sql_text,
           s.last_call_et,
           ROUND((SYSDATE - s.sql_exec_start) * 86400) AS exec_age_sec,
           s.event, s.wait_class,
           t.used_ublk, t.used_urec,
           ROUND((SYSDATE - t.start_date) * 86400) AS txn_age_sec,
           (SELECT TO_NUMBER(p.value) FROM gv$parameter p
             WHERE p.inst_id = s.inst_id AND p.name = 'db_block_size') AS block_size,
           i.version
    FROM gv$session s
    LEFT JOIN gv$transaction t ON t.inst_id = s.inst_id AND t.addr = s.taddr
    CROSS JOIN v$instance i
    WHERE s.sid = :sid
      AND s.inst_id = DECODE(:inst_id, 0, TO_NUMBER(SYS_CONTEXT('USERENV', 'INSTANCE')), :inst_id)`,
  binds: ['sid', 'inst_id'],
  columns: STOP_PREVIEW_COLUMNS,
  views: ['GV$SESSION', 'GV$TRANSACTION', 'GV$SQL', 'GV$PARAMETER', 'V$INSTANCE'],
});

/** Every statement of this file (grant-script.ts reads their views). */
export const INTERVENTION_QUERIES: readonly CatalogQuery[] = [STOP_PREVIEW];
