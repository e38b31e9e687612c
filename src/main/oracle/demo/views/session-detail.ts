/**
 * One session's drill-down (issue 17, catalog-session.ts): its V$SESSION row (the same row the session
 * list shows), wait history, statistics, open cursors, locks and transaction, modelled from the same
 * world: the blocking chains' locks and idle-in-transaction blockers, the session's SQL pool as its
 * open cursors, counters that grow from LOGON_TIME at the session's own pace. Only sessions of the
 * containers the console's session sees answer (a PDB sees its own), on the instance asked for.
 */
import type { RawRow } from '../../mappers';
import { hash01 } from '../prng';
import type { DemoSession } from '../world/model';
import { ACTIVE_WAITS, pickWeighted } from '../world/profiles';
import type { DemoWorld } from '../world/world';
import { sessionRow } from './session-row';
import type { ViewContext, ViewHandlers } from './view';

const BLOCK_SIZE = 8192;

/** The session (INST_ID, SID) binds name, if the console's container may see it. */
function target(ctx: ViewContext): DemoSession | undefined {
  const s = ctx.world.session(Number(ctx.bind('instId')), Number(ctx.bind('sid')));
  return s && ctx.world.visibleConIds.has(s.conId) ? s : undefined;
}

/** P1..P3 texts of the events the demo produces (V$EVENT_NAME.PARAMETER1-3). */
const P_TEXT: Record<string, readonly [string, string | null, string | null]> = {
  'db file sequential read': ['file#', 'block#', 'blocks'],
  'db file scattered read': ['file#', 'block#', 'blocks'],
  'direct path read': ['file number', 'first dba', 'block cnt'],
  'direct path write temp': ['file number', 'first dba', 'block cnt'],
  'read by other session': ['file#', 'block#', 'class#'],
  'buffer busy waits': ['file#', 'block#', 'class#'],
  'log file sync': ['buffer#', 'sync scn', null],
  'latch: cache buffers chains': ['address', 'number', 'tries'],
  'library cache: mutex X': ['idn', 'value', 'where'],
  'SQL*Net message to client': ['driver id', '#bytes', null],
  'SQL*Net message from client': ['driver id', '#bytes', null],
  'SQL*Net more data from client': ['driver id', '#bytes', null],
  'resmgr:cpu quantum': ['location', 'consumer group id', null],
  'enq: TX - row lock contention': ['name|mode', 'usn<<16 | slot', 'sequence'],
  'enq: TM - contention': ['name|mode', 'object #', 'table/partition'],
};

/** Typical wait length (µs) of an event: [min, spread]. */
function waitMicro(event: string, h: number): number {
  if (event.startsWith('SQL*Net message from')) return Math.round(2_000 + h * 1_500_000);
  if (event.startsWith('SQL*Net')) return Math.round(2 + h * 20);
  if (event === 'log file sync') return Math.round(400 + h * 3_500);
  if (event.startsWith('enq:')) return Math.round(3_000_000 * (0.2 + h));
  if (event.includes('read') || event.includes('write')) return Math.round(150 + h * 7_000);
  return Math.round(10 + h * 900);
}

function waitHistory(w: DemoWorld, s: DemoSession, t: number): RawRow[] {
  const row = sessionRow(w, s, t);
  const bucket = Math.floor(t / 15_000);
  const idle = row.STATUS === 'INACTIVE';
  const out: RawRow[] = [];
  for (let seq = 1; seq <= 10; seq++) {
    const h = hash01(w.seed, s.sid, bucket, 40 + seq);
    // an idle session's history alternates the client's think time and the answer it was sent
    let event: string;
    if (idle && seq <= 4) event = seq % 2 === 1 ? 'SQL*Net message from client' : 'SQL*Net message to client';
    else if (s.pinned?.event.startsWith('enq:') && seq % 3 === 0) event = s.pinned.event;
    else event = pickWeighted(ACTIVE_WAITS, hash01(w.seed, s.sid, bucket, 60 + seq))[0];
    const micro = waitMicro(event, h);
    const [p1t, p2t, p3t] = P_TEXT[event] ?? [null, null, null];
    const file = 1 + Math.floor(h * 12);
    out.push({
      SEQ_NO: seq,
      EVENT: event,
      // hundredths of a second, truncated: a wait under 10 ms shows 0 here
      WAIT_TIME: Math.floor(micro / 10_000),
      WAIT_TIME_MICRO: micro,
      TIME_SINCE_LAST_WAIT_MICRO: Math.round(hash01(w.seed, s.sid, bucket, 80 + seq) * 4_000),
      P1TEXT: p1t,
      P1: p1t === null ? 0 : p1t === 'driver id' ? 1_413_697_536 : p1t === 'name|mode' ? 1_415_053_318 : file,
      P2TEXT: p2t,
      P2: p2t === null ? 0 : Math.floor(hash01(w.seed, s.sid, seq, 81) * 900_000),
      P3TEXT: p3t,
      P3: p3t === null ? 0 : 1 + Math.floor(h * 16),
    });
  }
  return out;
}

/** Per-second pace of each counter for a fully active session (V$SESSTAT units). */
const PACE: Record<string, number> = {
  'CPU used by this session': 45, // centiseconds per second
  'session logical reads': 18_000,
  'physical reads': 260,
  'redo size': 42_000,
  'user commits': 4,
  'execute count': 180,
  'parse count (hard)': 0.4,
  'bytes sent via SQL*Net to client': 35_000,
};

/**
 * A counter since logon: pace × (1 + 0.3 sin ωt) integrated, so it only grows and its rate moves
 * over a 5-minute wave (two reads 15 s apart give a rate that is not constant).
 */
function counter(w: DemoWorld, s: DemoSession, name: string, t: number, i: number): number {
  const pace = (PACE[name] ?? 1) * s.pActive * (0.4 + hash01(w.seed, s.sid, 90 + i));
  const omega = (2 * Math.PI) / 300;
  const sec = Math.max(0, (t - s.logonAt) / 1000);
  const phase = ((s.logonAt / 1000) % 300) * omega;
  const integral = sec + (0.3 / omega) * (Math.cos(phase) - Math.cos(phase + omega * sec));
  return Math.floor(pace * integral);
}

function openCursors(w: DemoWorld, s: DemoSession, t: number): RawRow[] {
  const current = sessionRow(w, s, t).SQL_ID as string | null;
  const ids = [...new Set([...(current ? [current] : []), ...s.sqlPool])];
  const groups = ids.map((sqlId, i) => ({
    SQL_ID: sqlId,
    CURSORS: 1 + Math.floor(hash01(w.seed, s.sid, 100 + i) * 3) + (sqlId === current ? 1 : 0),
    SQL_TEXT: String(w.sqls.find((e) => e.sqlId === sqlId)?.def.text ?? '').slice(0, 60),
  }));
  const total = groups.reduce((a, g) => a + g.CURSORS, 0);
  return groups
    .sort((a, b) => b.CURSORS - a.CURSORS || a.SQL_ID.localeCompare(b.SQL_ID))
    .slice(0, 5)
    .map((g) => ({ ...g, TOTAL: total }));
}

export const SESSION_DETAIL_VIEWS: ViewHandlers = {
  'session.identity': (ctx) => {
    const s = target(ctx);
    if (!s) return [];
    const r = sessionRow(ctx.world, s, ctx.t);
    const sql = r.SQL_ID ? ctx.world.sqls.find((e) => e.sqlId === r.SQL_ID) : undefined;
    return [
      {
        DB_NOW: Math.floor(ctx.t / 1000) * 1000,
        INST_ID: r.INST_ID,
        CON_ID: r.CON_ID,
        SID: r.SID,
        SERIAL_NO: r.SERIAL_NO,
        USERNAME: r.USERNAME,
        STATUS: r.STATUS,
        OSUSER: r.OSUSER,
        MACHINE: r.MACHINE,
        PROGRAM: r.PROGRAM,
        MODULE: r.MODULE,
        ACTION: r.ACTION,
        SERVICE_NAME: r.SERVICE_NAME,
        SQL_ID: r.SQL_ID,
        SQL_CHILD_NUMBER: r.SQL_CHILD_NUMBER,
        PREV_SQL_ID: r.PREV_SQL_ID,
        SQL_EXEC_START: r.SQL_EXEC_START,
        LOGON_TIME: r.LOGON_TIME,
        LAST_CALL_ET: r.LAST_CALL_ET,
        EVENT: r.EVENT,
        WAIT_CLASS: r.WAIT_CLASS,
        STATE: r.STATE,
        SECONDS_IN_WAIT: r.SECONDS_IN_WAIT,
        BLOCKING_INSTANCE: r.BLOCKING_INSTANCE,
        BLOCKING_SESSION: r.BLOCKING_SESSION,
        PLAN_HASH_VALUE: sql ? sql.planHash : null,
        SQL_TEXT: sql ? sql.def.text.slice(0, 400) : null,
      },
    ];
  },
  'session.wait-history': (ctx) => {
    const s = target(ctx);
    return s ? waitHistory(ctx.world, s, ctx.t) : [];
  },
  'session.stats': (ctx) => {
    const s = target(ctx);
    if (!s) return [];
    return Object.keys(PACE).map((name, i) => ({ NAME: name, VALUE: counter(ctx.world, s, name, ctx.t, i) }));
  },
  'session.open-cursors': (ctx) => {
    const s = target(ctx);
    return s ? openCursors(ctx.world, s, ctx.t) : [];
  },
  'session.locks': (ctx) => {
    const s = target(ctx);
    if (!s) return [];
    const grown = Math.round(ctx.world.elapsedSec());
    return ctx.world.locks
      .filter((l) => l.instId === s.instId && l.sid === s.sid)
      .sort((a, b) => b.block - a.block || b.ctimeBaseSec - a.ctimeBaseSec)
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
  'session.transaction': (ctx) => {
    const s = target(ctx);
    if (!s || s.serial !== Number(ctx.bind('serial'))) return [];
    // a transaction is what a held TX lock stands for (V$SESSION.TADDR → V$TRANSACTION.ADDR)
    const tx = ctx.world.locks.find(
      (l) => l.instId === s.instId && l.sid === s.sid && l.type === 'TX' && l.lmode === 6,
    );
    if (!tx) return [];
    const ageSec = tx.ctimeBaseSec + Math.round(ctx.world.elapsedSec());
    const ublk = 1 + Math.floor(hash01(ctx.world.seed, s.sid, 120) * 400);
    return [
      {
        USED_UBLK: ublk,
        USED_UREC: ublk * (8 + Math.floor(hash01(ctx.world.seed, s.sid, 121) * 20)),
        STATUS: 'ACTIVE',
        START_TIME: new Date(Math.floor((ctx.t - ageSec * 1000) / 1000) * 1000),
        BLOCK_SIZE: BLOCK_SIZE,
      },
    ];
  },
};
