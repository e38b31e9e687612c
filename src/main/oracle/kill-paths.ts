/**
 * The three ways the console can kill a session, narrowest grant last:
 *  - 'alter-system': `ALTER SYSTEM KILL SESSION 'sid,serial#[,@inst_id]' IMMEDIATE` (needs ALTER SYSTEM,
 *    a very wide privilege);
 *  - 'procedure:OWNER.NAME': a definer's-rights procedure owned by a DBA that kills only what it allows
 *    (the account needs only EXECUTE on it; README "Monitoring account" gives its CREATE script);
 *  - 'rds': Amazon RDS for Oracle's `rdsadmin.rdsadmin_util.kill(sid, serial, method)` (RDS gives no
 *    ALTER SYSTEM to anyone; single instance, so no inst_id).
 * The PL/SQL paths take sid/serial/inst_id as bind variables; only the procedure's name is text, and it
 * is checked to be OWNER.NAME of simple SQL identifiers (KILL_METHOD_RE) before it gets here.
 */

import { KILL_METHOD_PATTERN } from '@shared/types/privileges';
import { killSessionSql } from './catalog';
import type { KillMethod } from './errors';

/** 'alter-system' | 'rds' | 'procedure:OWNER.NAME' (simple, unquoted identifiers). */
export const KILL_METHOD_RE = KILL_METHOD_PATTERN;

export function isKillMethod(value: unknown): value is KillMethod {
  return typeof value === 'string' && KILL_METHOD_RE.test(value);
}

export interface KillTarget {
  sid: number;
  serial: number;
  /** RAC: the session's instance (GV$SESSION.INST_ID); omitted on a single instance */
  instId?: number;
}

export interface KillStatement {
  sql: string;
  binds: Record<string, string | number | null>;
}

/** The statement that kills `target` by `method`. RangeError for bad numbers or a bad method. */
export function killStatement(target: KillTarget, method: KillMethod = 'alter-system'): KillStatement {
  const { sid, serial, instId } = target;
  // validates sid / serial / inst_id for every path (the same rules)
  const alterSystem = killSessionSql(sid, serial, instId);
  if (method === 'alter-system') return { sql: alterSystem, binds: {} };
  if (!isKillMethod(method)) throw new RangeError('unknown kill method');
  if (method === 'rds') {
    return {
      sql: "BEGIN rdsadmin.rdsadmin_util.kill(sid => :sid, serial => :serial, method => 'IMMEDIATE'); END;",
      binds: { sid, serial },
    };
  }
  const proc = method.slice('procedure:'.length).toUpperCase();
  return {
    sql: `BEGIN ${proc}(p_sid => :sid, p_serial => :serial, p_inst_id => :instId); END;`,
    binds: { sid, serial, instId: instId ?? null },
  };
}
