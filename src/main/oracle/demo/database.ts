/**
 * The demo database: an in-memory Oracle that answers the catalog's statements (by query id) with
 * rows of exactly the columns the SQL returns, deterministic from a seed and the clock.
 *
 * A facade over two halves: the world (world/: sessions, locks, cursors, objects, the clock and load
 * curve) and the simulated views (views/: one file per view family, each a map of query id →
 * handler). Adding a view = one file in views/ + one line in VIEWS below.
 *
 * Worlds (world/topology.ts): non-CDB, a CDB connected to a PDB or to CDB$ROOT (with or without
 * CONTAINER_DATA), one or two RAC instances, a database host zone other than the console's. Time columns
 * behave like the real driver's: a zoneless DATE the SQL returns as such comes back as a JS Date built in
 * the console's zone from the host's wall clock (shifted by the zone difference); the catalog avoids
 * that by returning instants (`instantColumns`), which pass through as epoch ms.
 *
 * Not simulated: background sessions (the catalog reads TYPE = 'USER' only).
 */
import type { CatalogQuery } from '../catalog';
import type { RawRow } from '../mappers';
import { ACTIVITY_VIEWS } from './views/activity';
import { ALERT_LOG_VIEWS } from './views/alert-log';
import { ASH_VIEWS } from './views/ash';
import { DBA_DICTIONARY_VIEWS } from './views/dba-dictionary';
import { DICTIONARY_VIEWS } from './views/dictionary';
import { DICTIONARY_KEY_VIEWS } from './views/dictionary-keys';
import { HEALTH_VIEWS } from './views/health';
import { INTERVENTION_VIEWS } from './views/interventions';
import { LOCK_VIEWS } from './views/locks';
import { LONG_OPS_VIEWS } from './views/longops';
import { MEMORY_IO_VIEWS } from './views/memory-io';
import { METRIC_VIEWS } from './views/metrics';
import { PLAN_VIEWS } from './views/plans';
import { SESSION_DETAIL_VIEWS } from './views/session-detail';
import { sessionRow } from './views/session-row';
import { SESSION_VIEWS } from './views/sessions';
import { SPACE_VIEWS } from './views/space';
import { SQLSTATS_VIEWS } from './views/sqlstats';
import { TREND_VIEWS } from './views/trend';
import type { ViewHandlers } from './views/view';
import { WAIT_VIEWS } from './views/waits';
import { DemoOracleError } from './world/model';
import { DemoWorld, type DemoWorldOptions } from './world/world';

export { SORT_KEYS } from './views/sqlstats';
export { DemoOracleError } from './world/model';

export type DemoDatabaseOptions = DemoWorldOptions;

/** Every simulated view, by catalog query id. */
const VIEWS: ViewHandlers = {
  ...METRIC_VIEWS,
  ...SESSION_VIEWS,
  ...LOCK_VIEWS,
  ...WAIT_VIEWS,
  ...SQLSTATS_VIEWS,
  ...PLAN_VIEWS,
  ...DICTIONARY_VIEWS,
  ...DBA_DICTIONARY_VIEWS,
  ...TREND_VIEWS,
  ...HEALTH_VIEWS,
  ...ASH_VIEWS,
  ...ACTIVITY_VIEWS,
  ...SPACE_VIEWS,
  ...SESSION_DETAIL_VIEWS,
  ...MEMORY_IO_VIEWS,
  ...ALERT_LOG_VIEWS,
  ...LONG_OPS_VIEWS,
  ...INTERVENTION_VIEWS,
  ...DICTIONARY_KEY_VIEWS,
};

export class DemoDatabase {
  readonly world: DemoWorld;

  constructor(opts: DemoDatabaseOptions) {
    this.world = new DemoWorld(opts);
  }

  get seed(): number {
    return this.world.seed;
  }
  /** the clock time the database was created: growing counters start from here */
  get createdAt(): number {
    return this.world.createdAt;
  }
  get startupTime(): number {
    return this.world.startupTime;
  }

  // --- the query router ------------------------------------------------------------------------

  run(query: CatalogQuery, binds: Record<string, string | number> = {}): RawRow[] {
    const t = this.world.now();
    for (const k of Object.keys(binds)) {
      if (!query.binds.includes(k))
        throw new DemoOracleError('ORA-01036', `illegal variable name/number (:${k})`);
    }
    const bind = (name: string): string | number => {
      const v = binds[name];
      if (v === undefined) throw new DemoOracleError('ORA-01008', 'not all variables bound');
      return v;
    };
    const denied = this.world.hooks.deniedViews;
    const hidden = denied ? query.views.find((v) => denied.has(v)) : undefined;
    if (hidden) {
      this.world.nextCall();
      throw new DemoOracleError('ORA-00942', 'table or view does not exist');
    }
    const injected = this.world.hooks.errorFor?.(query, this.world.connectedInstance());
    if (injected) {
      this.world.nextCall();
      throw injected;
    }
    // the connection test's probes: a parse of `SELECT 1 FROM view WHERE 1 = 0`
    if (query.id.startsWith('probe.')) {
      this.world.nextCall();
      return [];
    }
    const view = VIEWS[query.id];
    if (!view) {
      throw new DemoOracleError(
        'ORA-00942',
        `table or view does not exist (demo has no answer for ${query.id})`,
      );
    }
    try {
      return this.asDriverReturns(query, view({ world: this.world, t, bind }));
    } finally {
      // the next statement may run on another pooled connection (on RAC: another instance)
      this.world.nextCall();
    }
  }

  /**
   * Views produce true instants as Dates. A column the statement computes as an instant (epochMs) comes
   * back as a number; any other DATE comes back as thin mode builds it: the host's wall-clock fields
   * read in the console's zone (node-oracledb lib/util.js makeDate with useLocal).
   */
  private asDriverReturns(query: CatalogQuery, rows: RawRow[]): RawRow[] {
    const instants = new Set(query.instantColumns ?? []);
    const { hostUtcOffsetMin, clientUtcOffsetMin } = this.world.topology;
    const shiftMs = (hostUtcOffsetMin - clientUtcOffsetMin) * 60_000;
    for (const row of rows) {
      for (const [k, v] of Object.entries(row)) {
        if (!(v instanceof Date)) continue;
        row[k] = instants.has(k) ? v.getTime() : new Date(v.getTime() + shiftMs);
      }
    }
    return rows;
  }

  // --- hooks ---------------------------------------------------------------------------------

  /** V$SYSMETRIC-like values for the interval ending at `t` (the 24 h / 7 d synthetic trend uses it). */
  metricsAt(t: number, noiseSalt = 0): Record<string, number> {
    return this.world.metricsAt(t, noiseSalt);
  }

  /**
   * ALTER SYSTEM KILL SESSION 'sid,serial#[,@inst]': removes the session and releases the sessions it
   * was blocking. Without `instId` it acts on the instance the call's connection landed on.
   */
  kill(sid: number, serial: number, instId?: number): void {
    try {
      const injected = this.world.hooks.killErrorFor?.(sid, serial, instId);
      if (injected) throw injected;
      this.world.kill(sid, serial, instId);
    } finally {
      this.world.nextCall();
    }
  }

  /**
   * ALTER SYSTEM CANCEL SQL 'sid, serial#[, @inst][, sql_id]' (issue 17): ORA-00030 for no such session;
   * an ACTIVE session running a statement (that SQL_ID when one is named) ends its call and stays, idle.
   * Nothing running, or another statement than the one named: Oracle accepts it and nothing happens.
   */
  cancel(sid: number, serial: number, instId?: number, sqlId?: string): void {
    try {
      const inst = instId ?? this.world.connectedInstance();
      const s = this.world.session(inst, sid);
      if (!s || s.serial !== serial)
        throw new DemoOracleError('ORA-00030', 'User session ID does not exist.');
      const row = sessionRow(this.world, s, this.world.now());
      const running = row.STATUS === 'ACTIVE' && typeof row.SQL_ID === 'string' ? row.SQL_ID : null;
      if (running && (sqlId === undefined || sqlId === running)) this.world.endCall(s, running);
    } finally {
      this.world.nextCall();
    }
  }

  /** Simulates DDL (e.g. CREATE INDEX): LAST_DDL_TIME moves and the object count changes. */
  simulateDdl(kind: 'create' | 'alter' | 'drop' = 'create'): void {
    this.world.simulateDdl(kind);
  }

  /** SQL_IDs the demo knows (for tests and the UI's examples). */
  sqlIds(): string[] {
    return this.world.sqls.map((s) => s.sqlId);
  }

  /** Sids of the sessions in blocking chains that block others. */
  blockerSids(): number[] {
    return [...new Set(this.world.locks.filter((l) => l.block > 0).map((l) => l.sid))];
  }

  /** Serial# of a session (the first instance holding that sid, or the given one). */
  sessionSerial(sid: number, instId?: number): number | null {
    for (const s of this.world.sessions.values()) {
      if (s.sid === sid && (instId === undefined || s.instId === instId)) return s.serial;
    }
    return null;
  }

  get sessionTotal(): number {
    return this.world.sessions.size;
  }
}
