/**
 * The statement text the dialogs fall back to when the fresh read failed (main builds and validates the
 * real statement; the preview carries main's own text, which is what the dialog shows when it has it).
 */
import type { StopTarget } from './types';

export function fallbackKillText(method: string, t: StopTarget): string {
  if (method === 'rds') {
    return `BEGIN rdsadmin.rdsadmin_util.kill(sid => ${t.sid}, serial => ${t.serial}, method => 'IMMEDIATE'); END;`;
  }
  if (method.startsWith('procedure:')) {
    return `BEGIN ${method.slice('procedure:'.length).toUpperCase()}(p_sid => ${t.sid}, p_serial => ${t.serial}, p_inst_id => ${t.instId ?? 'NULL'}); END;`;
  }
  return `ALTER SYSTEM KILL SESSION '${t.sid},${t.serial}${t.instId !== undefined ? `,@${t.instId}` : ''}' IMMEDIATE`;
}

export function fallbackCancelText(method: string, t: StopTarget): string {
  if (method === 'rds') {
    return `BEGIN rdsadmin.rdsadmin_util.cancel(sid => ${t.sid}, serial => ${t.serial}, sql_id => NULL); END;`;
  }
  return `ALTER SYSTEM CANCEL SQL '${t.sid}, ${t.serial}${t.instId !== undefined ? `, @${t.instId}` : ''}'`;
}
