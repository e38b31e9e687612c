/** The blocking tree's two reads: GV$SESSION waiters + their blockers, and GV$LOCK rows that block or wait. */
import { visibleSessionRows } from './sessions';
import type { ViewHandlers } from './view';

export const LOCK_VIEWS: ViewHandlers = {
  'locks.sessions': ({ world, t }) => {
    const rows = visibleSessionRows(world, t);
    // (BLOCKING_INSTANCE, BLOCKING_SESSION) pairs, as the catalog's IN (SELECT ...) matches them
    const blockers = new Set(
      rows
        .filter((r) => r.BLOCKING_SESSION !== null)
        .map((r) => `${r.BLOCKING_INSTANCE}:${r.BLOCKING_SESSION}`),
    );
    return rows
      .filter((r) => r.BLOCKING_SESSION !== null || blockers.has(`${r.INST_ID}:${r.SID}`))
      .map((r) => ({
        INST_ID: r.INST_ID,
        CON_ID: r.CON_ID,
        SID: r.SID,
        SERIAL_NO: r.SERIAL_NO,
        USERNAME: r.USERNAME,
        STATUS: r.STATUS,
        MACHINE: r.MACHINE,
        PROGRAM: r.PROGRAM,
        SQL_ID: r.SQL_ID,
        PREV_SQL_ID: r.PREV_SQL_ID,
        EVENT: r.EVENT,
        WAIT_CLASS: r.WAIT_CLASS,
        SECONDS_IN_WAIT: r.SECONDS_IN_WAIT,
        LAST_CALL_ET: r.LAST_CALL_ET,
        BLOCKING_SESSION: r.BLOCKING_SESSION,
        BLOCKING_INSTANCE: r.BLOCKING_INSTANCE,
        ROW_WAIT_OBJ_NO: r.ROW_WAIT_OBJ_NO,
      }));
  },
  'locks.v$lock': ({ world }) => {
    const grown = Math.round(world.elapsedSec());
    return world.locks
      .filter((l) => l.block > 0 || l.request > 0)
      .map((l) => ({
        INST_ID: l.instId,
        SID: l.sid,
        TYPE: l.type,
        ID1: l.id1,
        ID2: l.id2,
        LMODE: l.lmode,
        REQUEST: l.request,
        CTIME: l.ctimeBaseSec + grown,
        BLOCK: l.block,
      }));
  },
};
