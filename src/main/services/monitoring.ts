/**
 * MonitoringService: every monitoring read goes THROUGH the two-level cache (cache-aside, plan 4.2)
 * with the plan's key for its resource, and answers `Cached<T>` so the UI can show the age and origin.
 * `refresh: true` is the manual refresh: the key is invalidated everywhere and read from Oracle.
 * Kill session is a write-through invalidation: the connection's sessions, locks and dashboard go at once.
 *
 * Keys (src/shared/cache.ts RESOURCES):
 *   dashboard, realtime, sessions, locks, wait-events, health, schemas   (no parameter)
 *   top-sql:{limit}          the plan's key for the default order (elapsed); other orders are cached
 *                            as `{limit}.{orderBy}` in the same single parameter (e.g. `top-sql:50.cpu`),
 *                            so invalidating `top-sql` still drops every variant
 *   sql:{sqlId}, sql-text:{sqlId}, sql-plan:{sqlId}, trend:{period}, tables:{schema}, columns:{schema}:{table}
 *   indexes:{schema}:{table}, constraints:{schema}:{table}   (issue 15)
 */

import type { Cached, ResourceName } from '@shared/cache';
import type { SessionsWindow } from '@shared/contract/monitor';
import { invalidInput } from '@shared/error-reasons';
import { TmsError } from '@shared/errors';
import type { CancelSqlResult, StopPreview } from '@shared/types/interventions';
import type {
  ColumnRow,
  ConstraintRow,
  DashboardMetrics,
  HealthInfo,
  IndexRow,
  KillSessionResult,
  LocksSnapshot,
  RealtimeMetrics,
  SchemaRow,
  SessionsSnapshot,
  SqlDetail,
  SqlPlan,
  SqlText,
  TableRow,
  TopSqlOrder,
  TopSqlResult,
  TrendPeriod,
  TrendSeries,
  WaitEventsSnapshot,
} from '@shared/types/oracle';
import type { DictionaryRows } from '@shared/types/privileges';
import type { CacheKeySpec, ReadThroughCache } from '../cache/types';
import type { UseOptions } from '../connections/registry';
import type { OracleGateway } from '../oracle/gateway';
import { type SessionsWindowQuery, sessionsWindow } from './sessions-window';

/** The part of the gateway registry the service uses. */
export interface GatewayAccess {
  use<T>(connId: string, fn: (gateway: OracleGateway) => Promise<T>, options?: UseOptions): Promise<T>;
  /** record activity (also for cache hits) and throw NOT_FOUND for an unknown connection */
  touch(connId: string): void;
}

export interface ReadOptions {
  /** manual refresh: bypass (and refill) the cache */
  refresh?: boolean;
}

export interface MonitoringDeps {
  cache: ReadThroughCache;
  gateways: GatewayAccess;
  /** where background problems go (a failed invalidation after a kill) */
  onError?: (message: string, error: unknown) => void;
}

/**
 * Resources a kill makes stale: the lists and counts, and (issue 17) the session's own drill-down, its long
 * operations and the TEMP it held.
 */
export const KILL_INVALIDATES: readonly ResourceName[] = [
  'sessions',
  'locks',
  'dashboard',
  'session',
  'longops',
  'temp-usage',
];
/**
 * Resources a cancel makes stale (issue 17): the session turns INACTIVE, its SQL_ID clears, a waiter stops
 * waiting, its long operation ends — the lists as after a kill (the session itself stays). The stop preview is never cached (read fresh for each dialog), and
 * the activity sampler reads V$SESSION itself every second, so neither has a key to drop.
 */
export const CANCEL_INVALIDATES: readonly ResourceName[] = [
  'sessions',
  'locks',
  'dashboard',
  'session',
  'longops',
];
/** Resources a DDL change makes stale. */
export const DDL_INVALIDATES: readonly ResourceName[] = [
  'schemas',
  'tables',
  'columns',
  'indexes',
  'constraints',
];

/** The single `top-sql` key parameter: `50` for the default order (the plan's key), `50.cpu` otherwise. */
export function topSqlKeyParam(limit: number, orderBy: TopSqlOrder): string {
  return orderBy === 'elapsed' ? String(limit) : `${limit}.${orderBy}`;
}

export class MonitoringService {
  readonly #cache: ReadThroughCache;
  readonly #gateways: GatewayAccess;
  readonly #onError: (message: string, error: unknown) => void;

  constructor(deps: MonitoringDeps) {
    this.#cache = deps.cache;
    this.#gateways = deps.gateways;
    this.#onError = deps.onError ?? (() => {});
  }

  dashboard(connId: string, o?: ReadOptions): Promise<Cached<DashboardMetrics>> {
    return this.#read({ resource: 'dashboard', connId }, (g) => g.dashboard(), o);
  }

  realtime(connId: string, o?: ReadOptions): Promise<Cached<RealtimeMetrics>> {
    return this.#read({ resource: 'realtime', connId }, (g) => g.realtime(), o);
  }

  sessions(connId: string, o?: ReadOptions): Promise<Cached<SessionsSnapshot>> {
    return this.#read({ resource: 'sessions', connId }, (g) => g.sessions(), o);
  }

  /**
   * One window of the sessions list (filtered, sorted) computed from the same cached snapshot as
   * `sessions`: no extra Oracle read, and the renderer never receives the rows it does not show.
   */
  async sessionsWindow(
    connId: string,
    query: SessionsWindowQuery,
    o?: ReadOptions,
  ): Promise<Cached<SessionsWindow>> {
    const snapshot = await this.sessions(connId, o);
    return { data: sessionsWindow(snapshot.data, query), cache: snapshot.cache };
  }

  locks(connId: string, o?: ReadOptions): Promise<Cached<LocksSnapshot>> {
    return this.#read({ resource: 'locks', connId }, (g) => g.locks(), o);
  }

  waitEvents(connId: string, o?: ReadOptions): Promise<Cached<WaitEventsSnapshot>> {
    return this.#read({ resource: 'wait-events', connId }, (g) => g.waitEvents(), o);
  }

  topSql(
    connId: string,
    query: { limit: number; orderBy: TopSqlOrder },
    o?: ReadOptions,
  ): Promise<Cached<TopSqlResult>> {
    const { limit, orderBy } = query;
    return this.#read(
      { resource: 'top-sql', connId, params: [topSqlKeyParam(limit, orderBy)] },
      (g) => g.topSql({ limit, orderBy }),
      o,
    );
  }

  sqlDetail(connId: string, sqlId: string, o?: ReadOptions): Promise<Cached<SqlDetail>> {
    return this.#read(
      { resource: 'sql', connId, params: [sqlId] },
      async (g) => notNull(await g.sqlDetail(sqlId), sqlId, 'statistics'),
      o,
    );
  }

  sqlText(connId: string, sqlId: string, o?: ReadOptions): Promise<Cached<SqlText>> {
    return this.#read(
      { resource: 'sql-text', connId, params: [sqlId] },
      async (g) => notNull(await g.sqlText(sqlId), sqlId, 'text'),
      o,
    );
  }

  sqlPlan(connId: string, sqlId: string, o?: ReadOptions): Promise<Cached<SqlPlan>> {
    return this.#read(
      { resource: 'sql-plan', connId, params: [sqlId] },
      async (g) => notNull(await g.sqlPlan(sqlId), sqlId, 'execution plan'),
      o,
    );
  }

  schemas(connId: string, o?: ReadOptions): Promise<Cached<DictionaryRows<SchemaRow>>> {
    return this.#read({ resource: 'schemas', connId }, (g) => g.schemas(), o);
  }

  tables(connId: string, schema: string, o?: ReadOptions): Promise<Cached<DictionaryRows<TableRow>>> {
    return this.#read({ resource: 'tables', connId, params: [schema] }, (g) => g.tables(schema), o);
  }

  columns(
    connId: string,
    schema: string,
    table: string,
    o?: ReadOptions,
  ): Promise<Cached<DictionaryRows<ColumnRow>>> {
    return this.#read(
      { resource: 'columns', connId, params: [schema, table] },
      (g) => g.columns(schema, table),
      o,
    );
  }

  /** issue 15: the table's indexes (tms:{connId}:indexes:{schema}:{table}, metadata tier) */
  indexes(
    connId: string,
    schema: string,
    table: string,
    o?: ReadOptions,
  ): Promise<Cached<DictionaryRows<IndexRow>>> {
    return this.#read(
      { resource: 'indexes', connId, params: [schema, table] },
      (g) => optional(g.indexes?.bind(g), 'indexes')(schema, table),
      o,
    );
  }

  /** issue 15: the table's constraints (tms:{connId}:constraints:{schema}:{table}, metadata tier) */
  constraints(
    connId: string,
    schema: string,
    table: string,
    o?: ReadOptions,
  ): Promise<Cached<DictionaryRows<ConstraintRow>>> {
    return this.#read(
      { resource: 'constraints', connId, params: [schema, table] },
      (g) => optional(g.constraints?.bind(g), 'constraints')(schema, table),
      o,
    );
  }

  trend(connId: string, period: TrendPeriod, o?: ReadOptions): Promise<Cached<TrendSeries>> {
    return this.#read({ resource: 'trend', connId, params: [period] }, (g) => g.trend(period), o);
  }

  health(connId: string, o?: ReadOptions): Promise<Cached<HealthInfo>> {
    return this.#read({ resource: 'health', connId }, (g) => g.health(), o);
  }

  /**
   * Kill through the gateway (on RAC with '@inst_id'), then drop the connection's sessions, locks and
   * dashboard entries (also when the session had already gone: the cached lists still show it).
   */
  async killSession(
    connId: string,
    sid: number,
    serial: number,
    instId?: number,
  ): Promise<KillSessionResult> {
    if (!Number.isInteger(sid) || sid < 1 || !Number.isInteger(serial) || serial < 0) {
      throw invalidInput(
        'session.badIds',
        'SID must be a positive integer and SERIAL# a non-negative integer.',
      );
    }
    if (instId !== undefined && (!Number.isInteger(instId) || instId < 1)) {
      throw invalidInput('session.badIds', 'INST_ID must be a positive integer.');
    }
    this.#gateways.touch(connId); // NOT_FOUND for an unknown connection, before anything else
    try {
      const result = await this.#gateways.use(connId, (g) => g.killSession(sid, serial, instId));
      await this.#invalidateAfterKill(connId);
      return result;
    } catch (error) {
      // the cached lists are wrong after: the session had already gone (ORA-00030), the instance named
      // is not there (ORA-00026), or the connection broke mid-kill (outcome unknown)
      if (
        error instanceof TmsError &&
        (error.code === 'NOT_FOUND' || error.details?.sessionListStale === true)
      ) {
        await this.#invalidateAfterKill(connId);
      }
      throw error;
    }
  }

  /**
   * Issue 17: cancel the session's current SQL (ALTER SYSTEM CANCEL SQL 'sid, serial#[, @inst_id][,
   * sql_id]' or RDS's cancel), never retried, then drop what it made stale — also when the session had
   * gone or the outcome is unknown, as kill does.
   */
  async cancelSql(
    connId: string,
    target: { sid: number; serial: number; instId?: number; sqlId?: string },
  ): Promise<CancelSqlResult> {
    const { sid, serial, instId, sqlId } = checkStopTarget(target);
    if (sqlId !== undefined && !/^[0-9a-z]{13}$/.test(sqlId)) {
      throw new TmsError('VALIDATION', 'SQL_ID must be 13 characters of [0-9a-z].');
    }
    this.#gateways.touch(connId);
    try {
      const result = await this.#gateways.use(connId, (g) => {
        if (!g.cancelSql) throw new TmsError('UNSUPPORTED', 'This connection cannot cancel SQL.');
        return g.cancelSql(sid, serial, instId, sqlId);
      });
      await this.#invalidateAfterKill(connId, CANCEL_INVALIDATES);
      return result;
    } catch (error) {
      if (
        error instanceof TmsError &&
        (error.code === 'NOT_FOUND' || error.details?.sessionListStale === true)
      ) {
        await this.#invalidateAfterKill(connId, CANCEL_INVALIDATES);
      }
      throw error;
    }
  }

  /**
   * Issue 17: the kill / cancel dialogs' look at one session, read from Oracle every time (not cached):
   * it backs a destructive decision, so it must be as of the moment the dialog opens; a cached copy
   * would never be read again and would only need invalidating.
   */
  async stopPreview(
    connId: string,
    target: { sid: number; serial: number; instId?: number },
  ): Promise<StopPreview> {
    const { sid, serial, instId } = checkStopTarget(target);
    this.#gateways.touch(connId);
    return this.#gateways.use(connId, (g) => {
      if (!g.stopPreview) throw new TmsError('UNSUPPORTED', 'This connection cannot preview a session.');
      return g.stopPreview(sid, serial, instId);
    });
  }

  async #invalidateAfterKill(connId: string, resources = KILL_INVALIDATES): Promise<void> {
    try {
      await this.#cache.invalidateResources(connId, resources);
    } catch (error) {
      this.#onError(`could not invalidate sessions/locks/dashboard of "${connId}" after a kill`, error);
    }
  }

  async #read<T>(
    spec: CacheKeySpec & { connId: string },
    fetch: (g: OracleGateway) => Promise<T>,
    o?: ReadOptions,
  ): Promise<Cached<T>> {
    this.#gateways.touch(spec.connId);
    return this.#cache.getOrFetch<T>(spec, () => this.#gateways.use(spec.connId, fetch), {
      bypass: o?.refresh === true,
    });
  }
}

/** VALIDATION for a bad sid / serial# / inst_id (the rules of killSession), before the connection is touched. */
function checkStopTarget<T extends { sid: number; serial: number; instId?: number }>(t: T): T {
  if (!Number.isInteger(t.sid) || t.sid < 1 || !Number.isInteger(t.serial) || t.serial < 0) {
    throw new TmsError('VALIDATION', 'SID must be a positive integer and SERIAL# a non-negative integer.');
  }
  if (t.instId !== undefined && (!Number.isInteger(t.instId) || t.instId < 1)) {
    throw new TmsError('VALIDATION', 'INST_ID must be a positive integer.');
  }
  return t;
}

/** A gateway method test doubles may omit: UNSUPPORTED instead of a TypeError. */
function optional<A extends unknown[], R>(fn: ((...args: A) => Promise<R>) | undefined, what: string) {
  if (!fn) throw new TmsError('UNSUPPORTED', `This connection cannot read a table's ${what}.`);
  return fn;
}

function notNull<T>(value: T | null, sqlId: string, what: string): T {
  if (value === null || value === undefined) {
    throw new TmsError(
      'NOT_FOUND',
      `SQL_ID ${sqlId} is no longer in the shared pool, so its ${what} cannot be read (the cursor aged out or was flushed).`,
      { details: { sqlId } },
    );
  }
  return value;
}
