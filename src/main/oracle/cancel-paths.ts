/**
 * How the console cancels a session's current SQL (issue 17), alongside kill (kill-paths.ts):
 *  - 'alter-system': `ALTER SYSTEM CANCEL SQL 'sid, serial#[, @inst_id][, sql_id]'` (18c+, needs ALTER
 *    SYSTEM). The session stays; its running call ends with ORA-01013 and the statement's own changes
 *    are rolled back (the transaction's earlier work stays). With a SQL_ID only that statement is
 *    cancelled: if the session has moved on, nothing is.
 *  - 'rds': Amazon RDS for Oracle's `rdsadmin.rdsadmin_util.cancel(sid, serial, sql_id)` (19c+).
 *  - 'procedure:OWNER.NAME': unsupported — the DBA's kill procedure has no cancel twin (README).
 * Like KILL SESSION, CANCEL SQL cannot bind inside its quoted operand: every value is checked first
 * (positive safe integers, a 13-character SQL_ID of [0-9a-z]), so no other text can reach it.
 */
import { TmsError } from '@shared/errors';
import type { KillMethod } from './errors';
import { type KillStatement, type KillTarget, killStatement } from './kill-paths';

const SQL_ID_RE = /^[0-9a-z]{13}$/;

export interface CancelTarget extends KillTarget {
  /** cancel only this statement (V$SESSION.SQL_ID as the DBA saw it) */
  sqlId?: string;
}

function positive(n: number | undefined): boolean {
  return n !== undefined && Number.isSafeInteger(n) && n > 0;
}

/** RangeError for a bad sid / serial# / inst_id / SQL_ID (nothing unchecked reaches the statement). */
export function checkCancelTarget(t: CancelTarget): void {
  if (!positive(t.sid) || !positive(t.serial))
    throw new RangeError('sid and serial# must be positive integers');
  if (t.instId !== undefined && !positive(t.instId))
    throw new RangeError('inst_id must be a positive integer');
  if (t.sqlId !== undefined && !SQL_ID_RE.test(t.sqlId))
    throw new RangeError('sql_id must be 13 of [0-9a-z]');
}

/** `ALTER SYSTEM CANCEL SQL 'sid, serial#[, @inst_id][, sql_id]'` (the documented 18c+ operand). */
export function cancelSqlSql(target: CancelTarget): string {
  checkCancelTarget(target);
  const parts = [String(target.sid), String(target.serial)];
  if (target.instId !== undefined) parts.push(`@${target.instId}`);
  if (target.sqlId !== undefined) parts.push(target.sqlId);
  return `ALTER SYSTEM CANCEL SQL '${parts.join(', ')}'`;
}

/** The statement that cancels `target`'s SQL by `method`. RangeError for bad values; UNSUPPORTED for a procedure. */
export function cancelStatement(target: CancelTarget, method: KillMethod = 'alter-system'): KillStatement {
  const sql = cancelSqlSql(target);
  if (method === 'alter-system') return { sql, binds: {} };
  if (method === 'rds') {
    return {
      sql: 'BEGIN rdsadmin.rdsadmin_util.cancel(sid => :sid, serial => :serial, sql_id => :sqlId); END;',
      binds: { sid: target.sid, serial: target.serial, sqlId: target.sqlId ?? null },
    };
  }
  throw new TmsError(
    'UNSUPPORTED',
    "This connection kills through a DBA's procedure, which has no cancel: Cancel SQL needs the 'alter-system' " +
      "or 'rds' kill method (README: Monitoring account).",
    { details: { reason: 'oracle.cancelNoProcedure' } },
  );
}

/** The statement as the dialog shows it: bind values written in place (the driver still binds them). */
export function statementText(stmt: { sql: string; binds: Record<string, string | number | null> }): string {
  return stmt.sql.replace(/:(\w+)/g, (all, name: string) => {
    if (!(name in stmt.binds)) return all;
    const v = stmt.binds[name];
    if (v === null || v === undefined) return 'NULL';
    return typeof v === 'number' ? String(v) : `'${v}'`;
  });
}

/** What the kill dialog will send, as text. */
export function killStatementText(target: KillTarget, method: KillMethod = 'alter-system'): string {
  return statementText(killStatement(target, method));
}
