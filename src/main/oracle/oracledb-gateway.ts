/**
 * The real gateway: node-oracledb 26 in thin mode (the default: no Oracle Client, no initOracleClient).
 * One small lazily-created pool per connection; every statement runs on a pooled connection tagged
 * MODULE = 'TMS Console' / ACTION = <resource> (so the console can hide its own sessions), with a
 * per-call timeout, and is released at once.
 */

import type { AppError } from '@shared/errors';
import * as oracledbModule from 'oracledb';
import { type CancelTarget, cancelStatement } from './cancel-paths';
import type { CatalogQuery } from './catalog';
import { CatalogGateway, type KillOptions, type QueryExecutor } from './catalog-gateway';
import { SESSION_LIMIT } from './catalog-privileges';
import { DemoGateway } from './demo/demo-gateway';
import {
  classifyOracleWarning,
  driverClosedConnection,
  type KillMethod,
  oracleCodes,
  serverCode,
} from './errors';
import {
  CONSOLE_MODULE,
  CONSOLE_PROGRAM,
  type GatewayFactory,
  type GatewayTarget,
  type OracleConnectParams,
  type OracleGateway,
  type TrendSampleStore,
} from './gateway';
import { killStatement } from './kill-paths';
import type { RawRow } from './mappers';

/**
 * oracledb is CommonJS without a `default` export. Node's ESM loader (vitest) exposes it only as the
 * namespace's `default`; the electron-vite bundle `require`s it and a default import would compile to
 * `require("oracledb").default` (undefined). Take whichever holds the API.
 */
const oracledb: typeof oracledbModule =
  (oracledbModule as unknown as { default?: typeof oracledbModule }).default ?? oracledbModule;

/** Pool settings (oracle.md 3.3): small, lazy, queue timeout below the UI's patience. */
export const POOL_DEFAULTS = {
  poolMin: 0,
  poolMax: 4,
  poolIncrement: 1,
  /** NJS-040 after this (ms): the UI shows "pool busy" instead of hanging */
  queueTimeout: 5_000,
  queueMax: 50,
  /** idle connections above poolMin close after this (s) */
  poolTimeout: 60,
  poolPingInterval: 60,
  stmtCacheSize: 30,
  /** thin-mode connect timeout (s) */
  connectTimeout: 10,
  /** TCP keepalive (min) against firewalls that drop idle connections (oracle.md 3.3) */
  expireTime: 2,
  /** per round-trip limit (ms) set on the connection before each query */
  callTimeout: 10_000,
  /** seconds given to in-flight queries when the pool closes */
  drainTime: 5,
} as const;

/** Anything that hands out a pool: the default lazy pool, or one the connections service owns. */
export interface PoolProvider {
  getPool(): Promise<oracledbModule.Pool>;
  close(): Promise<void>;
}

/** Creates the pool on first use; a failed creation is forgotten so the next call tries again. */
export class LazyPool implements PoolProvider {
  private pool: Promise<oracledbModule.Pool> | null = null;
  private closed = false;

  constructor(private readonly params: OracleConnectParams) {}

  getPool(): Promise<oracledbModule.Pool> {
    if (this.closed)
      return Promise.reject(
        Object.assign(new Error('NJS-065: connection pool was closed'), { code: 'NJS-065' }),
      );
    if (!this.pool) {
      this.pool = this.create().catch((err: unknown) => {
        this.pool = null;
        throw err;
      });
    }
    return this.pool;
  }

  private async create(): Promise<oracledbModule.Pool> {
    const p = this.params;
    // the secrets are read here and handed to the driver; they are never stored on this object
    const attrs: oracledbModule.PoolAttributes = {
      user: p.user,
      password: await p.password(),
      connectString: p.connectString,
      poolMin: POOL_DEFAULTS.poolMin,
      poolMax: p.poolMax ?? POOL_DEFAULTS.poolMax,
      poolIncrement: POOL_DEFAULTS.poolIncrement,
      queueTimeout: p.queueTimeoutMs ?? POOL_DEFAULTS.queueTimeout,
      queueMax: POOL_DEFAULTS.queueMax,
      poolTimeout: POOL_DEFAULTS.poolTimeout,
      poolPingInterval: POOL_DEFAULTS.poolPingInterval,
      stmtCacheSize: POOL_DEFAULTS.stmtCacheSize,
      connectTimeout: p.connectTimeoutSec ?? POOL_DEFAULTS.connectTimeout,
      expireTime: POOL_DEFAULTS.expireTime,
      program: CONSOLE_PROGRAM,
    };
    if (p.configDir) attrs.configDir = p.configDir;
    if (p.walletLocation) attrs.walletLocation = p.walletLocation;
    if (p.walletPassword) attrs.walletPassword = await p.walletPassword();
    return oracledb.createPool(attrs);
  }

  async close(): Promise<void> {
    this.closed = true;
    const pending = this.pool;
    this.pool = null;
    if (!pending) return;
    const pool = await pending.catch(() => null);
    if (pool) await pool.close(POOL_DEFAULTS.drainTime);
  }
}

/**
 * Codes after which a pooled connection is dropped instead of released (oracle.md 3.4/3.5). NJS-500
 * covers every ORA- code the driver rewrites to "connection closed" (errors.js adjustErrorXref); the
 * driver has then already disconnected, and `isHealthy()` says so too.
 */
const DROP_ON = new Set(['NJS-123', 'DPI-1067', 'DPI-1080', 'NJS-500', 'NJS-501', 'NJS-521', 'NJS-003']);

/** Whether a pooled connection must leave the pool after `err` (or when the driver says it is unhealthy). */
export function mustDrop(conn: { isHealthy?: () => boolean }, err: unknown): boolean {
  if (err !== undefined && oracleCodes(err).some((c) => DROP_ON.has(c))) return true;
  try {
    return conn.isHealthy ? !conn.isHealthy() : false;
  } catch {
    return true;
  }
}

/**
 * A read that failed because the driver closed its connection (a killed / idle-timed-out session, a
 * stale pooled connection cut by a firewall) is tried once more on a fresh connection: catalog SQL is
 * read-only, so running it again is harmless. Kill is never retried.
 */
function retryOnFreshConnection(err: unknown): boolean {
  return driverClosedConnection(err) || oracleCodes(err).includes('NJS-003');
}

/** CLOB / NCLOB columns (SQL_FULLTEXT) come back as strings, not Lob streams. */
const fetchTypeHandler = (
  metadata: oracledbModule.Metadata<unknown>,
): oracledbModule.FetchTypeResponse | undefined => {
  if (metadata.dbType === oracledb.DB_TYPE_CLOB || metadata.dbType === oracledb.DB_TYPE_NCLOB) {
    return { type: oracledb.STRING };
  }
  return undefined;
};

export interface OracledbExecutorOptions {
  callTimeoutMs?: number;
  /** the connecting user (named in warnings) */
  user?: string;
  /** a logon warning (ORA-28002 password about to expire): the connection works, the DBA must be told */
  onWarning?: (warning: AppError) => void;
}

export class OracledbExecutor implements QueryExecutor {
  private readonly opts: OracledbExecutorOptions;
  private readonly callTimeoutMs: number;
  /** the pool already sized to the profile's SESSIONS_PER_USER */
  private sizedPool: unknown = null;

  constructor(
    private readonly pools: PoolProvider,
    opts: OracledbExecutorOptions | number = {},
  ) {
    this.opts = typeof opts === 'number' ? { callTimeoutMs: opts } : opts;
    this.callTimeoutMs = this.opts.callTimeoutMs ?? POOL_DEFAULTS.callTimeout;
  }

  /**
   * A pooled connection. ORA-02391 (the profile's SESSIONS_PER_USER is below the pool size): the pool is
   * shrunk to the sessions it already holds and the request waits for one of them; with none open the
   * error goes to the caller.
   */
  private async acquire(): Promise<oracledbModule.Connection> {
    const pool = await this.pools.getPool();
    try {
      const conn = await pool.getConnection();
      if (this.sizedPool !== pool) {
        this.sizedPool = pool;
        await this.sizeToProfile(pool, conn);
      }
      return conn;
    } catch (err) {
      if (serverCode(err) !== 'ORA-02391') throw err;
      const open = pool.connectionsOpen;
      if (!(open >= 1)) throw err;
      if (open < pool.poolMax)
        await pool.reconfigure({ poolMax: open, poolMin: Math.min(pool.poolMin, open) });
      return pool.getConnection();
    }
  }

  /**
   * Once per pool: keep poolMax within the profile's SESSIONS_PER_USER (USER_RESOURCE_LIMITS, the
   * account's own row: no grant), so the pool never asks for a session the profile refuses (ORA-02391).
   * Best effort: a failure leaves the pool as configured (ORA-02391 still shrinks it).
   */
  private async sizeToProfile(pool: oracledbModule.Pool, conn: oracledbModule.Connection): Promise<void> {
    try {
      const r = await conn.execute<{ LIMIT?: unknown }>(
        SESSION_LIMIT.sql,
        {},
        { outFormat: oracledb.OUT_FORMAT_OBJECT },
      );
      const limit = Number(r.rows?.[0]?.LIMIT);
      if (Number.isInteger(limit) && limit >= 1 && limit < pool.poolMax) {
        await pool.reconfigure({ poolMax: limit, poolMin: Math.min(pool.poolMin, limit) });
      }
    } catch {
      // UNLIMITED / DEFAULT / not readable: nothing to do
    }
  }

  private async withConnection<T>(
    action: string,
    fn: (c: oracledbModule.Connection) => Promise<T>,
  ): Promise<T> {
    const conn = await this.acquire();
    const warning = classifyOracleWarning((conn as { warning?: unknown }).warning, this.opts.user);
    if (warning) this.opts.onWarning?.(warning);
    let drop = false;
    try {
      conn.callTimeout = this.callTimeoutMs;
      // end-to-end tags: sent with the next round trip, so the statement itself already carries them
      conn.module = CONSOLE_MODULE;
      conn.action = action;
      const result = await fn(conn);
      drop = mustDrop(conn, undefined);
      return result;
    } catch (err) {
      // after a call timeout or a broken connection, do not hand the session back to the pool
      drop = mustDrop(conn, err);
      throw err;
    } finally {
      try {
        if (!drop) conn.callTimeout = 0;
        await conn.close({ drop });
      } catch {
        // closing a connection that is already broken: the pool forgets it either way
      }
    }
  }

  /** `withConnection`, tried once more on a fresh connection when the driver closed the first one. */
  private async withRead<T>(action: string, fn: (c: oracledbModule.Connection) => Promise<T>): Promise<T> {
    try {
      return await this.withConnection(action, fn);
    } catch (err) {
      if (!retryOnFreshConnection(err)) throw err;
      return this.withConnection(action, fn);
    }
  }

  run(query: CatalogQuery, binds: Record<string, string | number> = {}): Promise<RawRow[]> {
    return this.withRead(query.resource, async (conn) => {
      const topN = typeof binds.maxRows === 'number' ? binds.maxRows : undefined;
      const result = await conn.execute<RawRow>(query.sql, binds, {
        outFormat: oracledb.OUT_FORMAT_OBJECT,
        fetchTypeHandler,
        // one round trip for top-N (oracle.md 3.3: fetchArraySize N, prefetchRows N + 1)
        ...(topN ? { fetchArraySize: topN, prefetchRows: topN + 1 } : {}),
      });
      return result.rows ?? [];
    });
  }

  killSession(sid: number, serial: number, opts: KillOptions = {}): Promise<void> {
    // ALTER SYSTEM is DDL: Oracle cannot bind inside its 'sid,serial#,@inst_id' literal. killStatement
    // formats it only after checking every value is a positive integer (no other text can get in);
    // the procedure / RDS paths bind them.
    const target = opts.instId === undefined ? { sid, serial } : { sid, serial, instId: opts.instId };
    const stmt = killStatement(target, opts.method);
    return this.withConnection('kill-session', async (conn) => {
      await conn.execute(stmt.sql, stmt.binds);
    });
  }

  cancelSql(target: CancelTarget, method: KillMethod): Promise<void> {
    // like kill: CANCEL SQL's operand cannot be bound; cancelStatement checks every value first. Never retried.
    const stmt = cancelStatement(target, method);
    return this.withConnection('cancel-sql', async (conn) => {
      await conn.execute(stmt.sql, stmt.binds);
    });
  }

  ping(): Promise<void> {
    return this.withRead('ping', (conn) => conn.ping());
  }

  close(): Promise<void> {
    return this.pools.close();
  }
}

export interface OracledbGatewayOptions {
  /** a pool the caller owns (the connections service); default: a LazyPool over `params` */
  pools?: PoolProvider;
  sampleStore?: TrendSampleStore;
  now?: () => number;
}

export class OracledbGateway extends CatalogGateway {
  constructor(params: OracleConnectParams, opts: OracledbGatewayOptions = {}) {
    const warnings: { last: AppError | null } = { last: null };
    super(
      new OracledbExecutor(opts.pools ?? new LazyPool(params), {
        callTimeoutMs: params.callTimeoutMs ?? POOL_DEFAULTS.callTimeout,
        user: params.user,
        onWarning: (w) => {
          warnings.last = w;
        },
      }),
      {
        kind: 'oracle',
        user: params.user,
        diagnosticsPackLicensed: params.diagnosticsPackLicensed ?? false,
        ...(params.killMethod ? { killMethod: params.killMethod } : {}),
        warning: () => warnings.last,
        ...(opts.sampleStore ? { sampleStore: opts.sampleStore } : {}),
        ...(opts.now ? { now: opts.now } : {}),
      },
    );
  }
}

/** The default factory: the demo database or a real Oracle, per connection. */
export const gatewayFactory: GatewayFactory = {
  create(target: GatewayTarget): OracleGateway {
    return target.kind === 'demo' ? new DemoGateway(target.demo) : new OracledbGateway(target.params);
  },
};
