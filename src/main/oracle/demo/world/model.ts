/**
 * The demo world's shapes: sessions, locks, cursors, objects, and the error the demo raises. The world
 * (world.ts) holds instances of these; the views (../views) turn them into V$ rows.
 */
import type { DemoSql } from '../sql-library';

export const MIN = 60_000;
export const DAY = 86_400_000;
export const CPU_COUNT = 16;
/** the console's monitoring account in the demo */
export const OWN_USER = 'TMS_MONITOR';

/** An Error shaped like node-oracledb's (code + errorNum + "ORA-xxxxx: ..." message). */
export class DemoOracleError extends Error {
  readonly code: string;
  readonly errorNum: number;
  constructor(code: string, text: string) {
    super(`${code}: ${text}`);
    this.code = code;
    this.errorNum = Number(code.slice(4));
  }
}

export interface Pinned {
  status: 'ACTIVE' | 'INACTIVE';
  event: string;
  waitClass: string;
  state: string;
  sqlId: string | null;
  prevSqlId: string | null;
  blockingSession: number | null;
  /** the blocker's instance (GV$SESSION.BLOCKING_INSTANCE) */
  blockingInstance: number | null;
  /** seconds already waited / in call when the database was created */
  waitBaseSec: number;
  callBaseSec: number;
  rowWaitObj: number | null;
}

export interface DemoSession {
  /** the instance the session lives on (sids are unique per instance only) */
  instId: number;
  /** CON_ID of its container (0 in a non-CDB) */
  conId: number;
  sid: number;
  serial: number;
  username: string;
  osUser: string;
  machine: string;
  program: string;
  module: string;
  action: string | null;
  service: string;
  logonAt: number;
  spid: string;
  pgaBase: number;
  clientIdentifier: string | null;
  pActive: number;
  sqlPool: string[];
  pinned: Pinned | null;
}

export interface DemoLock {
  instId: number;
  sid: number;
  type: string;
  id1: number;
  id2: number;
  lmode: number;
  request: number;
  ctimeBaseSec: number;
  block: number;
}

export interface SqlEntry {
  sqlId: string;
  def: DemoSql;
  planHash: number;
  loadAgeSec: number;
  lastActiveLagSec: number;
  sharableMem: number;
  hardParseUs: number;
  profile: string | null;
  /** instances whose shared pool holds the cursor (RAC: some live on one instance only) */
  instances: number[];
  /** the container the cursor was parsed in */
  conId: number;
}

export interface DemoObject {
  owner: string;
  name: string;
  objectId: number;
}

/** Key of a session in the world: sids are unique per instance only. */
export const sessionKey = (instId: number, sid: number): string => `${instId}:${sid}`;
