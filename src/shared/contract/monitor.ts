/**
 * Monitoring reads (issue 3): every answer is `Cached<T>` (data + where it came from and how old it is),
 * read through the two-level cache; `refresh: true` bypasses it (manual refresh). Kill session is the one
 * write: it invalidates the connection's sessions, locks and dashboard at once.
 */
import { z } from 'zod';
import type { Cached } from '../cache';
import type { QueryCountsReport } from '../types/connections';
import type { CancelSqlResult, StopPreview } from '../types/interventions';
import {
  type ColumnRow,
  type ConstraintRow,
  type DashboardMetrics,
  type HealthInfo,
  type IndexRow,
  type KillSessionResult,
  type LocksSnapshot,
  type RealtimeMetrics,
  type SchemaRow,
  type SessionRow,
  type SessionsSnapshot,
  type SqlDetail,
  type SqlPlan,
  type SqlText,
  type TableRow,
  TOP_SQL_ORDERS,
  type TopSqlResult,
  TREND_PERIODS,
  type TrendSeries,
  type WaitEventsSnapshot,
} from '../types/oracle';
import type { DictionaryRows } from '../types/privileges';
import { connIdSchema } from './connections';
import { channel } from './define';
import { SESSION_SORT_KEYS } from './session-sort';

/** The gateway serves 1-200 rows (V$SQLSTATS top N). */
export const TOP_SQL_MAX_LIMIT = 200;
export const TOP_SQL_DEFAULT_LIMIT = 50;

// biome-ignore lint/suspicious/noControlCharactersInRegex: Oracle identifiers never hold control characters
const NO_CONTROL = /^[^\u0000-\u001f\u007f]+$/;
const oracleIdentifier = z.string().min(1).max(128).regex(NO_CONTROL, 'not an Oracle identifier');
const sqlId = z.string().regex(/^[a-z0-9]{13}$/, 'a SQL_ID is 13 characters of a-z and 0-9');
const refresh = z.boolean().optional();

const read = z.object({ connId: connIdSchema, refresh }).strict();

// ------------------------------------------------------------------ sessions window (issue 15)

export { SESSION_SORT_KEYS, type SessionSortKey } from './session-sort';

/** Most rows one window request may ask for (a screen shows ~40; the renderer asks for pages of 100). */
export const SESSIONS_WINDOW_MAX_LIMIT = 500;

export const sessionsFilterSchema = z
  .object({
    /** case-insensitive substring of any text or number shown in a row */
    text: z.string().max(200).default(''),
    /** V$SESSION.STATUS, or null for every status */
    status: z.string().min(1).max(30).regex(NO_CONTROL).nullable().default(null),
    /** wait class ('CPU' for sessions on CPU), or null for every class */
    waitClass: z.string().min(1).max(64).regex(NO_CONTROL).nullable().default(null),
    /** only sessions that block another or are blocked */
    blockingOnly: z.boolean().default(false),
    /** CDB$ROOT: one container's sessions (CON_ID), or null for every visible container */
    conId: z.number().int().min(0).max(1_000_000).nullable().default(null),
  })
  .strict();
export type SessionsFilter = z.infer<typeof sessionsFilterSchema>;

export const sessionsWindowRequestSchema = z
  .object({
    connId: connIdSchema,
    filter: sessionsFilterSchema.default({
      text: '',
      status: null,
      waitClass: null,
      blockingOnly: false,
      conId: null,
    }),
    /** null = the order Oracle returned (V$SESSION order) */
    sort: z
      .object({ key: z.enum(SESSION_SORT_KEYS), desc: z.boolean() })
      .strict()
      .nullable()
      .default(null),
    /** first row (0-based) of the filtered, sorted list */
    offset: z.number().int().min(0).max(10_000_000).default(0),
    limit: z.number().int().min(1).max(SESSIONS_WINDOW_MAX_LIMIT).default(100),
    refresh,
  })
  .strict();
export type SessionsWindowRequest = z.input<typeof sessionsWindowRequestSchema>;

/** A value of a filter list and how many sessions of the whole snapshot have it. */
export interface FacetCount {
  value: string;
  count: number;
}

/**
 * One window of the sessions list, computed in main from the cached snapshot (one Oracle read per TTL
 * whatever the windows asked): the renderer receives only the rows it shows, plus the totals and filter
 * lists of the whole snapshot.
 */
export interface SessionsWindow<Row = SessionRow> {
  /** when Oracle was sampled (the snapshot every window of this answer comes from) */
  sampledAt: number;
  /** sessions in the snapshot (console's own sessions excluded) */
  total: number;
  /** sessions that pass the filter */
  matched: number;
  /** index of rows[0] in the filtered, sorted list */
  offset: number;
  rows: Row[];
  /** per row of `rows`: it blocks at least one other session (the highlight) */
  blocker: boolean[];
  /** over the whole snapshot, for the filter lists */
  statuses: FacetCount[];
  waitClasses: FacetCount[];
  /** sessions waiting on another session, and distinct sessions they wait on (whole snapshot) */
  blockedCount: number;
  blockerCount: number;
  hiddenOwnSessions: number;
  /** 'cluster' when the rows come from every instance (GV$SESSION): the rows carry their instance */
  instanceScope: SessionsSnapshot['instanceScope'];
}
const bySql = z.object({ connId: connIdSchema, sqlId, refresh }).strict();

export const monitorChannels = {
  /** in CDB$ROOT the answer carries `perContainer` (one entry per visible PDB): the UI's PDB filter reads it */
  'monitor:dashboard': channel(read).returns<Cached<DashboardMetrics>>(),
  'monitor:realtime': channel(read).returns<Cached<RealtimeMetrics>>(),
  'monitor:sessions': channel(read).returns<Cached<SessionsSnapshot>>(),
  /** filtered, sorted and windowed in main from the cached snapshot (a 10,000-session list stays in main) */
  'monitor:sessionsWindow': channel(sessionsWindowRequestSchema).returns<Cached<SessionsWindow>>(),
  'monitor:locks': channel(read).returns<Cached<LocksSnapshot>>(),
  'monitor:waitEvents': channel(read).returns<Cached<WaitEventsSnapshot>>(),
  'monitor:topSql': channel(
    z
      .object({
        connId: connIdSchema,
        limit: z.number().int().min(1).max(TOP_SQL_MAX_LIMIT).default(TOP_SQL_DEFAULT_LIMIT),
        orderBy: z.enum(TOP_SQL_ORDERS).default('elapsed'),
        refresh,
      })
      .strict(),
  ).returns<Cached<TopSqlResult>>(),
  /** NOT_FOUND when the statement is no longer in the shared pool */
  'monitor:sqlDetail': channel(bySql).returns<Cached<SqlDetail>>(),
  'monitor:sqlText': channel(bySql).returns<Cached<SqlText>>(),
  'monitor:sqlPlan': channel(bySql).returns<Cached<SqlPlan>>(),
  /** DBA_USERS, or ALL_USERS (`dictionary: 'all'`) when the account cannot read DBA_* */
  'monitor:schemas': channel(read).returns<Cached<DictionaryRows<SchemaRow>>>(),
  'monitor:tables': channel(
    z.object({ connId: connIdSchema, schema: oracleIdentifier, refresh }).strict(),
  ).returns<Cached<DictionaryRows<TableRow>>>(),
  'monitor:columns': channel(
    z.object({ connId: connIdSchema, schema: oracleIdentifier, table: oracleIdentifier, refresh }).strict(),
  ).returns<Cached<DictionaryRows<ColumnRow>>>(),
  'monitor:trend': channel(
    z.object({ connId: connIdSchema, period: z.enum(TREND_PERIODS), refresh }).strict(),
  ).returns<Cached<TrendSeries>>(),
  'monitor:health': channel(read).returns<Cached<HealthInfo>>(),
  'monitor:killSession': channel(
    z
      .object({
        connId: connIdSchema,
        sid: z.number().int().min(1).max(2_147_483_647),
        serial: z.number().int().min(0).max(2_147_483_647),
        /** RAC: the session's instance (GV$SESSION.INST_ID), sent as 'sid,serial#,@inst_id' */
        instId: z.number().int().min(1).max(4_095).optional(),
      })
      .strict(),
  ).returns<KillSessionResult>(),
  /** Issue 17: ALTER SYSTEM CANCEL SQL 'sid, serial#[, @inst_id][, sql_id]' (18c+) or RDS's cancel; never retried */
  'monitor:cancelSql': channel(
    z
      .object({
        connId: connIdSchema,
        sid: z.number().int().min(1).max(2_147_483_647),
        serial: z.number().int().min(0).max(2_147_483_647),
        instId: z.number().int().min(1).max(4_095).optional(),
        /** cancel only this statement (what the dialog showed) */
        sqlId: z
          .string()
          .regex(/^[0-9a-z]{13}$/)
          .optional(),
      })
      .strict(),
  ).returns<CancelSqlResult>(),
  /** Issue 17: the kill / cancel dialogs' fresh look at one session (GV$SESSION ⨝ GV$TRANSACTION), never cached */
  'monitor:stopPreview': channel(
    z
      .object({
        connId: connIdSchema,
        sid: z.number().int().min(1).max(2_147_483_647),
        serial: z.number().int().min(0).max(2_147_483_647),
        instId: z.number().int().min(1).max(4_095).optional(),
      })
      .strict(),
  ).returns<StopPreview>(),
  /** issue 15: DBA_INDEXES ⨝ DBA_IND_COLUMNS, else ALL_* (`dictionary: 'all'`) */
  'monitor:indexes': channel(
    z.object({ connId: connIdSchema, schema: oracleIdentifier, table: oracleIdentifier, refresh }).strict(),
  ).returns<Cached<DictionaryRows<IndexRow>>>(),
  /** issue 15: P/U/R/C constraints from DBA_CONSTRAINTS ⨝ DBA_CONS_COLUMNS, else ALL_* */
  'monitor:constraints': channel(
    z.object({ connId: connIdSchema, schema: oracleIdentifier, table: oracleIdentifier, refresh }).strict(),
  ).returns<Cached<DictionaryRows<ConstraintRow>>>(),
  /** Oracle queries actually run, per connection and resource (all connections when connId is omitted) */
  'monitor:queryCounts': channel(
    z.object({ connId: connIdSchema.optional() }).strict(),
  ).returns<QueryCountsReport>(),
};
