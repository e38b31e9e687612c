/**
 * Interventions (issue 17): cancelling a session's current SQL, and the fresh look at a session the kill
 * and cancel dialogs show before the DBA confirms (what is about to be stopped, how big its rollback is,
 * and the exact statement that will be sent).
 */

/** ALTER SYSTEM CANCEL SQL is documented from 18c; below it the Cancel button is hidden. */
export const CANCEL_SQL_MIN_MAJOR = 18;

/** The major release of V$INSTANCE.VERSION ('19.0.0.0.0' -> 19); null when unreadable. */
export function majorVersion(version: string | null | undefined): number | null {
  const m = /^(\d+)\./.exec(version ?? '');
  return m ? Number(m[1]) : null;
}

/**
 * Whether the console can cancel SQL on this database with this kill method: 18c or later, and a path
 * that has a cancel ('alter-system' → ALTER SYSTEM CANCEL SQL, 'rds' → rdsadmin_util.cancel). A DBA's
 * kill procedure has no cancel twin (README), so cancel is off for 'procedure:' connections.
 */
export function cancelSqlAvailable(version: string | null | undefined, killMethod: string): boolean {
  const major = majorVersion(version);
  if (major === null || major < CANCEL_SQL_MIN_MAJOR) return false;
  return killMethod === 'alter-system' || killMethod === 'rds';
}

export interface CancelSqlResult {
  sid: number;
  serial: number;
  /** RAC: the instance the cancel was sent to ('sid, serial#, @inst_id') */
  instId?: number;
  /** the SQL_ID named in the cancel (only that statement is cancelled), if any */
  sqlId?: string;
  /** 'cancelled': Oracle accepted it; the session's call ends with ORA-01013, the session stays */
  outcome: 'cancelled';
  message: string;
}

/** "a large rollback will take a while": undo above this many bytes (V$TRANSACTION.USED_UBLK × block size) */
export const LARGE_ROLLBACK_BYTES = 100 * 1024 * 1024;
/** ... or above this many undo records (V$TRANSACTION.USED_UREC) */
export const LARGE_ROLLBACK_RECORDS = 1_000_000;

export interface StopPreviewSession {
  /** the session's SERIAL# now (differs from the one asked for: the SID was reused by another session) */
  serial: number;
  instId: number;
  conId: number;
  username: string | null;
  status: string;
  osUser: string | null;
  machine: string | null;
  program: string | null;
  module: string | null;
  sqlId: string | null;
  /** V$SQL.SQL_TEXT, first 300 characters, of the current statement */
  sqlTextExcerpt: string | null;
  /** V$SESSION.LAST_CALL_ET: seconds in the current call (ACTIVE) or idle (INACTIVE) */
  lastCallEtSec: number | null;
  /** seconds since SQL_EXEC_START (SYSDATE - SQL_EXEC_START, computed in SQL); null when no SQL runs */
  execAgeSec: number | null;
  event: string | null;
  waitClass: string | null;
}

export interface StopPreviewTransaction {
  /** V$TRANSACTION.USED_UBLK: undo blocks in use */
  usedUblk: number;
  /** V$TRANSACTION.USED_UREC: undo records (≈ rows changed, + index entries) */
  usedUrec: number;
  /** db_block_size of the session's instance (bytes) */
  blockSize: number;
  /** usedUblk × blockSize */
  undoBytes: number;
  /** seconds since V$TRANSACTION.START_DATE (computed in SQL) */
  ageSec: number | null;
  /** undo above LARGE_ROLLBACK_BYTES or LARGE_ROLLBACK_RECORDS: a kill rolls all of it back */
  largeRollback: boolean;
}

/** A fresh read of one session, taken when the kill / cancel dialog opens (never cached). */
export interface StopPreview {
  /** console clock when read (epoch ms) */
  sampledAt: number;
  sid: number;
  /** the SERIAL# the DBA picked */
  serial: number;
  instId?: number;
  /** 'same': the session is there; 'changed': the SID now belongs to another session; 'gone': no such SID */
  state: 'same' | 'changed' | 'gone';
  session: StopPreviewSession | null;
  /** the open transaction of the session (null: none) */
  transaction: StopPreviewTransaction | null;
  /** V$INSTANCE.VERSION of the connected instance */
  version: string;
  /** exactly what Kill will send (bind values shown in place for the PL/SQL paths) */
  killStatement: string;
  /** exactly what Cancel will send; null when cancel is not available (version < 18c or the procedure path) */
  cancelStatement: string | null;
}
