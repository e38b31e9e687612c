/**
 * The one seam between the console and an Oracle database. Two implementations:
 * - `OracledbGateway` (oracledb-gateway.ts): node-oracledb thin mode, a small lazy pool per connection;
 * - `DemoGateway` (demo/): the built-in demo database, deterministic from a seed, with the plan's latencies.
 *
 * Every method is one "Oracle query" of one resource (it may run a few statements) and is counted in
 * `queryCounts()`: the console's promise is fewer Oracle queries, so the count is a product metric.
 * Errors are thrown as `TmsError` (see errors.ts `classifyOracleError`): ORACLE_AUTH, ORACLE_UNREACHABLE,
 * ORACLE_TIMEOUT, ORACLE_PRIVILEGE (with the grant needed), ORACLE_POOL_TIMEOUT, ORACLE_THIN_UNSUPPORTED,
 * ORACLE_CONFIG, ORACLE_ERROR; NOT_FOUND for a session to kill that does not exist; VALIDATION for bad input.
 */
import type { AppError } from '@shared/errors';

import type { BlockingObject } from '@shared/types/activity';
import type { AlertLogSnapshot } from '@shared/types/alert-log';
import type { CancelSqlResult, StopPreview } from '@shared/types/interventions';
import type { LimitsSnapshot } from '@shared/types/limits';
import type { LongOpsSnapshot } from '@shared/types/long-ops';
import type { MemoryIoSnapshot } from '@shared/types/memory-io';
import type {
  AshActivity,
  ColumnRow,
  ConnectionTestResult,
  ConstraintRow,
  DashboardMetrics,
  DdlWatermark,
  GatewayResource,
  HealthInfo,
  IndexRow,
  KillSessionResult,
  LocksSnapshot,
  QueryCounts,
  RealtimeMetrics,
  SchemaRow,
  SessionsSnapshot,
  SqlDetail,
  SqlPlan,
  SqlText,
  TableRow,
  TopSqlQuery,
  TopSqlResult,
  TrendPeriod,
  TrendPoint,
  TrendSeries,
  WaitEventsSnapshot,
} from '@shared/types/oracle';
import type { DictionaryRows, PackAccess, PackAccessValue, PrivilegeReport } from '@shared/types/privileges';
import type { SessionDetail, SessionDetailQuery } from '@shared/types/session-detail';
import type { SpaceSnapshot, TempUsageSnapshot } from '@shared/types/space';
import type { ActivitySampleRead, SqlStatsSnapshot } from './activity-reader';
import type { DemoPrivilegeLevel } from './demo/privileges';
import type { DemoHooks } from './demo/world/hooks';
import type { DemoTopology, DemoWorldName } from './demo/world/topology';
import type { KillMethod } from './errors';

export interface OracleGateway {
  /** 'demo' or 'oracle' */
  readonly kind: 'demo' | 'oracle';

  /** V$SYSMETRIC group 2 (60 s) + session counts + V$WAITCLASSMETRIC wait classes */
  /** `conId` (CDB$ROOT only): restrict the figures to one visible PDB */
  dashboard(conId?: number): Promise<DashboardMetrics>;
  /** V$SYSMETRIC group 3 (15 s), group 2 as fallback per metric */
  realtime(): Promise<RealtimeMetrics>;
  /** user sessions (V$SESSION ⨝ V$PROCESS), the console's own hidden */
  sessions(): Promise<SessionsSnapshot>;
  /** blocking tree (BLOCKING_SESSION) with V$LOCK types and modes */
  locks(): Promise<LocksSnapshot>;
  /** V$SYSTEM_EVENT / V$SYSTEM_WAIT_CLASS as rates since this gateway's previous call */
  waitEvents(): Promise<WaitEventsSnapshot>;
  /** V$SQLSTATS top N; `orderBy` is mapped through a whitelist */
  topSql(query: TopSqlQuery): Promise<TopSqlResult>;
  /** null when the SQL_ID is not (or no longer) in the shared pool */
  sqlDetail(sqlId: string): Promise<SqlDetail | null>;
  sqlText(sqlId: string): Promise<SqlText | null>;
  /** DBMS_XPLAN.DISPLAY_CURSOR lines + V$SQL_PLAN rows; null when no cursor is loaded */
  sqlPlan(sqlId: string): Promise<SqlPlan | null>;
  /** DBA_USERS (ALL_USERS when DBA_* is not readable) where ORACLE_MAINTAINED = 'N' */
  schemas(): Promise<DictionaryRows<SchemaRow>>;
  /** DBA_TABLES, else ALL_TABLES (only tables the account can access: `dictionary: 'all'`) */
  tables(schema: string): Promise<DictionaryRows<TableRow>>;
  columns(schema: string, table: string): Promise<DictionaryRows<ColumnRow>>;
  trend(period: TrendPeriod): Promise<TrendSeries>;
  health(): Promise<HealthInfo>;
  /** MAX(LAST_DDL_TIME) + COUNT(*) of DBA_OBJECTS (else ALL_OBJECTS) of non-Oracle-maintained owners */
  ddlWatermark(): Promise<DdlWatermark>;
  /**
   * Kills by the connection's kill method (ALTER SYSTEM KILL SESSION 'sid,serial#[,@inst_id]' IMMEDIATE,
   * a DBA's procedure, or RDS's rdsadmin_util.kill). sid, serial and instId must be positive integers
   * (VALIDATION otherwise). 'marked' on ORA-00031; NOT_FOUND when the session does not exist (ORA-00030).
   * Errors after which the session list is wrong carry `details.sessionListStale`.
   */
  killSession(sid: number, serial: number, instId?: number): Promise<KillSessionResult>;
  /** the latest logon warning (ORA-28002: password about to expire), null when none */
  logonWarning?(): AppError | null;
  /** what the account can read and do, and which features that leaves off */
  privileges?(): Promise<Omit<PrivilegeReport, 'connId'>>;
  /** CONTROL_MANAGEMENT_PACK_ACCESS: whether the database allows the Diagnostics Pack */
  packAccess?(): Promise<PackAccess>;
  /**
   * Optional, Diagnostics Pack only: V$ACTIVE_SESSION_HISTORY over the last `minutes` (1-60).
   * Throws UNSUPPORTED unless the connection opted in with `diagnosticsPackLicensed`.
   */
  ashActivity?(minutes: number): Promise<AshActivity>;
  /**
   * Issue 14 (catalog-activity.ts): one sample of the active sessions (V$SESSION, GV$ on RAC), the
   * V$SQLSTATS cursors active in the last 65 min, and object names by id. Optional so test doubles
   * may omit them; both real implementations have them.
   */
  activitySample?(): Promise<ActivitySampleRead>;
  sqlStatsSnapshot?(maxRows: number): Promise<SqlStatsSnapshot>;
  objectNames?(ids: readonly number[]): Promise<BlockingObject[]>;
  /**
   * Issue 17 (catalog-space.ts): tablespaces (DBA_*, CDB_* from the root), the recovery area and ASM
   * disk groups; TEMP in use by session (GV$TEMPSEG_USAGE); V$RESOURCE_LIMIT per instance.
   */
  space?(): Promise<SpaceSnapshot>;
  tempUsage?(): Promise<TempUsageSnapshot>;
  resourceLimits?(): Promise<LimitsSnapshot>;
  /**
   * Issue 17 (catalog-session.ts): one session's drill-down read on its own instance (GV$ + INST_ID);
   * NOT_FOUND when the session is gone or its SID now carries another SERIAL#.
   */
  sessionDetail?(query: SessionDetailQuery): Promise<SessionDetail>;
  /**
   * Issue 17 (catalog-memory-io.ts): SGA, PGA and V$IOSTAT_* per instance; I/O as rates since this
   * gateway's previous call (cumulative since startup on the first call or after a restart).
   */
  memoryIo?(): Promise<MemoryIoSnapshot>;
  /**
   * Issue 17 (catalog-diagnostics.ts): V$DIAG_ALERT_EXT entries of the last `minutes` (a whitelisted
   * window, VALIDATION otherwise), newest first, at most ALERT_LOG_MAX_ROWS; every instance on RAC.
   */
  alertLog?(minutes: number): Promise<AlertLogSnapshot>;
  /** GV$SESSION_LONGOPS in progress, and finished in the last LONG_OPS_RECENT_MIN minutes */
  longOps?(): Promise<LongOpsSnapshot>;
  /**
   * Issue 17 (interventions.ts): cancel the session's current SQL by the kill method (never retried;
   * NOT_FOUND on ORA-00030; UNSUPPORTED below 18c or for a procedure kill method), and the kill / cancel
   * dialogs' fresh look at one session. Optional so test doubles may omit them.
   */
  cancelSql?(sid: number, serial: number, instId?: number, sqlId?: string): Promise<CancelSqlResult>;
  stopPreview?(sid: number, serial: number, instId?: number): Promise<StopPreview>;
  /** issue 15: a table's indexes (DBA_INDEXES ⨝ DBA_IND_COLUMNS, else ALL_*: `dictionary: 'all'`) */
  indexes?(schema: string, table: string): Promise<DictionaryRows<IndexRow>>;
  /** issue 15: a table's P/U/R/C constraints (DBA_CONSTRAINTS ⨝ DBA_CONS_COLUMNS, else ALL_*) */
  constraints?(schema: string, table: string): Promise<DictionaryRows<ConstraintRow>>;
  /** one round trip; resolves to the round-trip time in ms */
  ping(): Promise<number>;
  /** connect, read health, probe every view the console reads (never throws for a missing grant) */
  test(): Promise<ConnectionTestResult>;

  /** Oracle queries served per resource since the gateway was created */
  queryCounts(): QueryCounts;
  totalQueries(): number;

  /** drains the pool (real) / stops timers (demo); idempotent */
  close(): Promise<void>;
}

/** Every method name of the gateway that maps to a counted resource. */
export const RESOURCE_OF_METHOD = {
  dashboard: 'dashboard',
  realtime: 'realtime',
  sessions: 'sessions',
  locks: 'locks',
  waitEvents: 'wait-events',
  topSql: 'top-sql',
  sqlDetail: 'sql',
  sqlText: 'sql-text',
  sqlPlan: 'sql-plan',
  schemas: 'schemas',
  tables: 'tables',
  columns: 'columns',
  trend: 'trend',
  health: 'health',
  ddlWatermark: 'ddl-watermark',
  killSession: 'kill-session',
  ping: 'ping',
  ashActivity: 'ash',
  activitySample: 'activity-sample',
  sqlStatsSnapshot: 'sqlstats-snapshot',
  objectNames: 'activity-objects',
  space: 'space',
  tempUsage: 'temp-usage',
  resourceLimits: 'limits',
  sessionDetail: 'session-detail',
  memoryIo: 'memory-io',
  alertLog: 'alert-log',
  longOps: 'longops',
  cancelSql: 'cancel-sql',
  stopPreview: 'stop-preview',
  indexes: 'indexes',
  constraints: 'constraints',
} as const satisfies Partial<Record<keyof OracleGateway, GatewayResource>>;

// ---------------------------------------------------------------------------------------------
// Connection parameters (what the connections store hands to the factory)

/** A secret is read only when a connection is opened; never logged, never kept in a field. */
export type SecretGetter = () => string | Promise<string>;

export interface OracleConnectParams {
  user: string;
  password: SecretGetter;
  /**
   * Easy Connect (`host:1521/service`), a full descriptor `(DESCRIPTION=...)` (TLS: PROTOCOL=TCPS),
   * or a TNS alias (then `configDir` must hold tnsnames.ora — thin mode reads it only from there).
   */
  connectString: string;
  configDir?: string;
  /** directory holding ewallet.pem (thin mode needs PEM) for mTLS */
  walletLocation?: string;
  walletPassword?: SecretGetter;
  /** seconds to establish the connection (thin); default 10 */
  connectTimeoutSec?: number;
  /** per round-trip limit for each query, ms; default 10 000 */
  callTimeoutMs?: number;
  /** pool queue timeout (all connections busy), ms; default 5 000 — below the UI's patience */
  queueTimeoutMs?: number;
  /** default 4 */
  poolMax?: number;
  /** opt-in: the connection has the Diagnostics Pack licensed (ASH/AWR may be used) */
  diagnosticsPackLicensed?: boolean;
  /** how sessions are killed (kill-paths.ts); default 'alter-system' */
  killMethod?: KillMethod;
}

export interface DemoParams {
  /** PRNG seed: same seed, same database */
  seed?: number;
  /** multiplies the plan's latencies (1 = plan, 0 = none: unit tests) */
  latencyScale?: number;
  /** number of user sessions (default 320; 10 000 for UI benches) */
  sessionCount?: number;
  /** clock (epoch ms) — tests pass a fixed or stepping clock */
  now?: () => number;
  /** pretend the demo database is Diagnostics Pack licensed (enables ashActivity) */
  diagnosticsPackLicensed?: boolean;
  /** the demo account's grants: 'full' (default), 'least' (minimal object grants), 'bare' (CREATE SESSION) */
  privileges?: DemoPrivilegeLevel;
  /** the demo's CONTROL_MANAGEMENT_PACK_ACCESS (default 'DIAGNOSTIC+TUNING') */
  packAccess?: PackAccessValue;
  /** how the demo connection kills sessions (default 'alter-system') */
  killMethod?: KillMethod;
  /** the demo world (default 'pdb': a PDB of a CDB, one instance, host in another zone) */
  world?: DemoWorldName;
  /** overrides of the world's shape, field by field (instances, zones, CONTAINER_DATA, ...) */
  topology?: Partial<DemoTopology>;
  /** the world's privileges and driver errors (least-privilege / driver-error worlds) */
  hooks?: DemoHooks;
}

export type GatewayTarget =
  | { kind: 'demo'; connId: string; demo?: DemoParams }
  | { kind: 'oracle'; connId: string; params: OracleConnectParams };

export interface GatewayFactory {
  create(target: GatewayTarget): OracleGateway;
}

// ---------------------------------------------------------------------------------------------
// The console's own samples for trends longer than V$SYSMETRIC_HISTORY's hour

export interface TrendSampleStore {
  /** record a point (the gateway records one per dashboard()/realtime()) */
  add(point: TrendPoint): void;
  /** points with t >= since, oldest first */
  since(since: number): TrendPoint[];
}

/** The console's own session tags (V$SESSION.MODULE/ACTION/PROGRAM): used to hide them from the lists. */
export const CONSOLE_MODULE = 'TMS Console';
/** V$SESSION.PROGRAM (thin `program` option: network-name characters only, so no space). */
export const CONSOLE_PROGRAM = 'TMS-Console';
