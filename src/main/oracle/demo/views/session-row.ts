/**
 * One V$SESSION (⨝ V$PROCESS) row for a session at time t: a pinned state (blocking chains) or an
 * activity re-rolled every 15 s from (seed, sid, interval). Shared by the sessions, locks, counts and
 * ASH views. V$SESSION shows "ON CPU" as STATE <> 'WAITING' (the 'CPU + Wait for CPU' label is an
 * ASH/EM notion).
 */
import type { RawRow } from '../../mappers';
import { hash01 } from '../prng';
import type { DemoSession } from '../world/model';
import { ACTIVE_WAITS, CPU_SHARE, pickWeighted } from '../world/profiles';
import type { DemoWorld } from '../world/world';

export function sessionRow(w: DemoWorld, s: DemoSession, t: number): RawRow {
  const bucket = Math.floor(t / 15_000);
  const p = s.pinned;
  const grown = w.elapsedSec();
  let status: string;
  let event: string;
  let waitClass: string;
  let state: string;
  let sqlId: string | null;
  let prevSqlId: string | null;
  let secondsInWait: number;
  let lastCallEt: number;
  let blocking: number | null = null;
  let blockingInst: number | null = null;
  let rowWaitObj: number | null = null;
  if (p) {
    status = p.status;
    event = p.event;
    waitClass = p.waitClass;
    state = p.state;
    sqlId = p.sqlId;
    prevSqlId = p.prevSqlId;
    blocking = p.blockingSession;
    blockingInst = p.blockingInstance;
    secondsInWait = Math.round(p.waitBaseSec + (state === 'WAITING' ? grown : 0));
    lastCallEt = Math.round(p.callBaseSec + grown);
    rowWaitObj = p.rowWaitObj;
  } else {
    const h = hash01(w.seed, s.sid, bucket);
    const active = h < s.pActive;
    const pool = s.sqlPool;
    prevSqlId = pool.length
      ? (pool[Math.floor(hash01(w.seed, s.sid, bucket, 4) * pool.length)] ?? null)
      : null;
    if (active) {
      status = 'ACTIVE';
      sqlId = pool.length ? (pool[Math.floor(hash01(w.seed, s.sid, bucket, 2) * pool.length)] ?? null) : null;
      const r = hash01(w.seed, s.sid, bucket, 1);
      const wait = pickWeighted(ACTIVE_WAITS, hash01(w.seed, s.sid, bucket, 3));
      event = wait[0];
      waitClass = wait[1];
      state = r < CPU_SHARE ? 'WAITED SHORT TIME' : 'WAITING';
      secondsInWait = state === 'WAITING' ? Math.floor(hash01(w.seed, s.sid, bucket, 5) * 3) : 0;
      lastCallEt = Math.floor(hash01(w.seed, s.sid, bucket, 6) * 40) + Math.floor((t % 15_000) / 1000);
    } else {
      status = 'INACTIVE';
      sqlId = null;
      event = 'SQL*Net message from client';
      waitClass = 'Idle';
      state = 'WAITING';
      lastCallEt = Math.floor(hash01(w.seed, s.sid, bucket, 7) * 1800) + Math.floor((t % 15_000) / 1000);
      secondsInWait = lastCallEt;
    }
  }
  const pga = s.pgaBase * (1 + hash01(w.seed, s.sid, bucket, 8));
  return {
    INST_ID: s.instId,
    CON_ID: s.conId,
    SID: s.sid,
    SERIAL_NO: s.serial,
    USERNAME: s.username,
    STATUS: status,
    OSUSER: s.osUser,
    MACHINE: s.machine,
    PROGRAM: s.program,
    MODULE: s.module,
    ACTION: s.action,
    SERVICE_NAME: s.service,
    SQL_ID: sqlId,
    SQL_CHILD_NUMBER: sqlId ? 0 : null,
    PREV_SQL_ID: prevSqlId,
    SQL_EXEC_START: sqlId ? new Date(Math.floor((t - lastCallEt * 1000) / 1000) * 1000) : null,
    LOGON_TIME: new Date(s.logonAt),
    LAST_CALL_ET: lastCallEt,
    EVENT: event,
    WAIT_CLASS: waitClass,
    STATE: state,
    SECONDS_IN_WAIT: secondsInWait,
    BLOCKING_SESSION_STATUS: blocking === null ? 'NO HOLDER' : 'VALID',
    BLOCKING_INSTANCE: blocking === null ? null : blockingInst,
    BLOCKING_SESSION: blocking,
    ROW_WAIT_OBJ_NO: rowWaitObj ?? -1,
    CLIENT_IDENTIFIER: s.clientIdentifier,
    SPID: s.spid,
    PGA_USED_MEM: Math.round(pga),
    PGA_ALLOC_MEM: Math.round(pga * 1.3),
    PGA_MAX_MEM: Math.round(pga * 1.9),
  };
}
