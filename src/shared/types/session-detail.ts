/**
 * One session's drill-down (issue 17): identity, current SQL, recent waits, statistics as rates, open
 * cursors, locks, transaction. Read by the gateway in one call (several statements), cached under
 * `tms:{connId}:session:{instId}.{sid}.{serial}` for the realtime tier.
 */
import type { LockRow, MetricScope } from './oracle';

export interface SessionDetailQuery {
  instId: number;
  sid: number;
  serial: number;
}

export interface SessionIdentity {
  instId: number;
  conId: number;
  sid: number;
  serial: number;
  username: string | null;
  status: string;
  osUser: string | null;
  machine: string | null;
  program: string | null;
  module: string | null;
  action: string | null;
  serviceName: string | null;
  /** epoch ms (instant computed in SQL) */
  logonTime: number | null;
  /** V$SESSION.LAST_CALL_ET: seconds in the current call (ACTIVE) or since the last one (INACTIVE) */
  lastCallEt: number;
  event: string | null;
  waitClass: string | null;
  state: string | null;
  secondsInWait: number | null;
  blockingInstance: number | null;
  blockingSession: number | null;
  prevSqlId: string | null;
}

export interface SessionCurrentSql {
  sqlId: string;
  childNumber: number | null;
  planHashValue: number | null;
  /** first 400 characters of V$SQL.SQL_TEXT (null when the cursor is no longer in the shared pool) */
  textExcerpt: string | null;
  /** epoch ms */
  execStart: number | null;
}

export interface SessionWait {
  /** 1 = the most recent */
  seq: number;
  event: string;
  /** WAIT_TIME_MICRO / 1000 */
  waitMs: number;
  /** TIME_SINCE_LAST_WAIT_MICRO / 1000 (CPU or idle time between this wait and the previous) */
  sinceLastWaitMs: number | null;
  p1Text: string | null;
  p1: number | null;
  p2Text: string | null;
  p2: number | null;
  p3Text: string | null;
  p3: number | null;
}

export const SESSION_STAT_KEYS = [
  'cpu',
  'logicalReads',
  'physicalReads',
  'redoBytes',
  'commits',
  'executions',
  'hardParses',
  'bytesSent',
] as const;
export type SessionStatKey = (typeof SESSION_STAT_KEYS)[number];

export interface SessionStat {
  key: SessionStatKey;
  /** V$STATNAME.NAME */
  name: string;
  /** cumulative since logon (CPU: centiseconds; bytes: bytes; others: counts) */
  value: number;
  /** per second over `SessionDetail.statWindow` (null until a previous read exists) */
  perSec: number | null;
}

export interface SessionStatWindow {
  /** 'rate' = between the previous read and this one; 'cumulative' = since logon (first read) */
  kind: 'rate' | 'cumulative';
  /** rate: seconds between the two reads (database clock); cumulative: seconds since logon */
  seconds: number | null;
}

export interface SessionCursorGroup {
  sqlId: string | null;
  count: number;
  sqlText: string | null;
}

export interface SessionLock extends LockRow {
  /** TM locks: the object (OWNER.NAME via DBA_OBJECTS; null when not readable) */
  objectOwner: string | null;
  objectName: string | null;
}

export interface SessionTransaction {
  /** epoch ms (V$TRANSACTION.START_DATE as an instant) */
  startTime: number | null;
  status: string | null;
  usedUndoBlocks: number;
  usedUndoRecords: number;
  blockSize: number | null;
  /** usedUndoBlocks × blockSize */
  usedUndoBytes: number | null;
}

/** A part of the panel that could not be read (the rest still shows). */
export interface SessionPartError {
  part: 'waits' | 'stats' | 'cursors' | 'locks' | 'transaction' | 'objects';
  code: string;
  /** the GRANT that would make it readable (privilege errors) */
  grant: string | null;
}

export interface SessionDetail {
  /** database clock of the read, epoch ms */
  sampledAt: number;
  /** what the session views show: a PDB's own sessions, the CDB's, or a non-CDB's */
  scope: MetricScope;
  instanceScope: 'instance' | 'cluster';
  identity: SessionIdentity;
  currentSql: SessionCurrentSql | null;
  waits: SessionWait[];
  stats: SessionStat[];
  statWindow: SessionStatWindow;
  openCursors: { total: number; top: SessionCursorGroup[] };
  locks: SessionLock[];
  transaction: SessionTransaction | null;
  errors: SessionPartError[];
}
