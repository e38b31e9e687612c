/**
 * Issue 17: the stop dialogs' one-session read (GV$SESSION ⨝ GV$TRANSACTION, GV$SQL text, db_block_size,
 * V$INSTANCE.VERSION). A session has a transaction when it holds a TX or TM lock; the batch job that
 * holds a table exclusively (chain B) carries a large one (a kill rolls back ~375 MB of undo), the rest a
 * few hundred blocks at most. `:inst_id` 0 is the instance the call landed on.
 */
import type { RawRow } from '../../mappers';
import { hash01 } from '../prng';
import type { DemoSession } from '../world/model';
import type { DemoWorld } from '../world/world';
import { sessionRow } from './session-row';
import type { ViewHandlers } from './view';

export const DEMO_BLOCK_SIZE = 8192;
/** the batch job's exclusive-table transaction: 48 000 blocks × 8 KiB = 375 MiB of undo */
export const LARGE_TXN_BLOCKS = 48_000;

/** The session's open transaction as V$TRANSACTION would show it, or null. */
export function demoTransaction(
  w: DemoWorld,
  s: DemoSession,
): { usedUblk: number; usedUrec: number; ageSec: number } | null {
  const held = w.locks.filter(
    (l) => l.instId === s.instId && l.sid === s.sid && l.lmode > 0 && (l.type === 'TX' || l.type === 'TM'),
  );
  if (held.length === 0) return null;
  const ageSec = Math.round(Math.max(...held.map((l) => l.ctimeBaseSec)) + w.elapsedSec());
  if (held.some((l) => l.type === 'TM' && l.lmode === 6)) {
    return { usedUblk: LARGE_TXN_BLOCKS, usedUrec: 2_150_000, ageSec };
  }
  const blocks = 2 + Math.floor(hash01(w.seed, s.sid, 91) * 400);
  return { usedUblk: blocks, usedUrec: blocks * 37, ageSec };
}

export const INTERVENTION_VIEWS: ViewHandlers = {
  'interventions.stop-preview': ({ world, t, bind }) => {
    const sid = Number(bind('sid'));
    const asked = Number(bind('inst_id'));
    const instId = asked === 0 ? world.connectedInstance() : asked;
    const s = world.session(instId, sid);
    if (!s || !world.visibleConIds.has(s.conId)) return [];
    const r: RawRow = sessionRow(world, s, t);
    const sqlId = typeof r.SQL_ID === 'string' ? r.SQL_ID : null;
    const txn = demoTransaction(world, s);
    const execStart = r.SQL_EXEC_START instanceof Date ? r.SQL_EXEC_START.getTime() : null;
    return [
      {
        INST_ID: s.instId,
        CON_ID: s.conId,
        SID: s.sid,
        SERIAL_NO: s.serial,
        USERNAME: r.USERNAME,
        STATUS: r.STATUS,
        OSUSER: r.OSUSER,
        MACHINE: r.MACHINE,
        PROGRAM: r.PROGRAM,
        MODULE: r.MODULE,
        SQL_ID: sqlId,
        SQL_TEXT: sqlId ? (world.sqlById.get(sqlId)?.def.text.slice(0, 300) ?? null) : null,
        LAST_CALL_ET: r.LAST_CALL_ET,
        EXEC_AGE_SEC: execStart === null ? null : Math.round((t - execStart) / 1000),
        EVENT: r.EVENT,
        WAIT_CLASS: r.WAIT_CLASS,
        USED_UBLK: txn?.usedUblk ?? null,
        USED_UREC: txn?.usedUrec ?? null,
        TXN_AGE_SEC: txn?.ageSec ?? null,
        BLOCK_SIZE: DEMO_BLOCK_SIZE,
        VERSION: world.topology.version,
      },
    ];
  },
};
