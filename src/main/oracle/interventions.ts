/**
 * Issue 17, the gateway side of kill / cancel dialogs: the stop preview (one session's fresh row, its
 * transaction's undo, the exact statements) mapped from STOP_PREVIEW, and the cancel call's outcome.
 * CatalogGateway holds thin methods over these (it owns the executor and the counters).
 */
import { TmsError } from '@shared/errors';
import {
  type CancelSqlResult,
  cancelSqlAvailable,
  LARGE_ROLLBACK_BYTES,
  LARGE_ROLLBACK_RECORDS,
  type StopPreview,
  type StopPreviewTransaction,
} from '@shared/types/interventions';
import {
  type CancelTarget,
  cancelStatement,
  checkCancelTarget,
  killStatementText,
  statementText,
} from './cancel-paths';
import type { KillMethod } from './errors';
import type { RawRow } from './mappers';
import * as M from './mappers';

/** VALIDATION for anything CANCEL SQL / KILL SESSION would not accept (before Oracle is asked). */
export function validateStopTarget(t: CancelTarget): void {
  try {
    checkCancelTarget(t);
  } catch {
    throw new TmsError(
      'VALIDATION',
      'sid, serial# and inst_id must be positive integers, and a SQL_ID 13 characters of [0-9a-z].',
    );
  }
}

export function mapTransaction(r: RawRow): StopPreviewTransaction | null {
  const usedUblk = M.num(r.USED_UBLK);
  if (usedUblk === null) return null; // no row in V$TRANSACTION: no open transaction
  const usedUrec = M.num(r.USED_UREC) ?? 0;
  const blockSize = M.num(r.BLOCK_SIZE) ?? 8192;
  const undoBytes = usedUblk * blockSize;
  return {
    usedUblk,
    usedUrec,
    blockSize,
    undoBytes,
    ageSec: M.num(r.TXN_AGE_SEC),
    largeRollback: undoBytes >= LARGE_ROLLBACK_BYTES || usedUrec >= LARGE_ROLLBACK_RECORDS,
  };
}

/**
 * The preview for (sid, serial#[, inst_id]) from STOP_PREVIEW's rows (0 or 1) and the connected
 * instance's version (when the session is gone the row carrying VERSION is missing too).
 */
export function buildStopPreview(
  rows: RawRow[],
  target: { sid: number; serial: number; instId?: number },
  method: KillMethod,
  fallbackVersion: string,
  now: number,
): StopPreview {
  const r = rows[0];
  const version = M.str(r?.VERSION) ?? fallbackVersion;
  const base = {
    sampledAt: now,
    sid: target.sid,
    serial: target.serial,
    ...(target.instId === undefined ? {} : { instId: target.instId }),
    version,
  };
  const kt = {
    sid: target.sid,
    serial: target.serial,
    ...(target.instId === undefined ? {} : { instId: target.instId }),
  };
  const killText = killStatementText(kt, method);
  if (!r) {
    return {
      ...base,
      state: 'gone',
      session: null,
      transaction: null,
      killStatement: killText,
      cancelStatement: null,
    };
  }
  const serialNow = M.num(r.SERIAL_NO) ?? 0;
  const sqlId = M.str(r.SQL_ID);
  const status = M.str(r.STATUS) ?? 'UNKNOWN';
  const same = serialNow === target.serial;
  // cancel names the statement the DBA is looking at: if the session moved on, nothing is cancelled
  const cancelText =
    same && cancelSqlAvailable(version, method)
      ? statementText(cancelStatement({ ...kt, ...(sqlId ? { sqlId } : {}) }, method))
      : null;
  return {
    ...base,
    state: same ? 'same' : 'changed',
    session: {
      serial: serialNow,
      instId: M.num(r.INST_ID) ?? target.instId ?? 1,
      conId: M.num(r.CON_ID) ?? 0,
      username: M.str(r.USERNAME),
      status,
      osUser: M.str(r.OSUSER),
      machine: M.str(r.MACHINE),
      program: M.str(r.PROGRAM),
      module: M.str(r.MODULE),
      sqlId,
      sqlTextExcerpt: M.str(r.SQL_TEXT),
      lastCallEtSec: M.num(r.LAST_CALL_ET),
      execAgeSec: sqlId ? M.num(r.EXEC_AGE_SEC) : null,
      event: M.str(r.EVENT),
      waitClass: M.str(r.WAIT_CLASS),
    },
    transaction: same ? mapTransaction(r) : null,
    killStatement: killText,
    cancelStatement: cancelText,
  };
}

export function cancelResult(t: CancelTarget): CancelSqlResult {
  const who = [t.sid, t.serial, ...(t.instId === undefined ? [] : [`@${t.instId}`])].join(',');
  return {
    sid: t.sid,
    serial: t.serial,
    ...(t.instId === undefined ? {} : { instId: t.instId }),
    ...(t.sqlId === undefined ? {} : { sqlId: t.sqlId }),
    outcome: 'cancelled',
    message:
      `Cancel sent to session ${who}${t.sqlId ? ` for SQL_ID ${t.sqlId}` : ''}: its current call ends with ` +
      'ORA-01013; the session stays connected.',
  };
}
