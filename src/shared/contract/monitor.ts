/**
 * Monitoring reads (issue 3): every answer is `Cached<T>` (data + where it came from and how old it is),
 * read through the two-level cache; `refresh: true` bypasses it (manual refresh). Kill session is the one
 * write: it invalidates the connection's sessions, locks and dashboard at once.
 */
import { z } from 'zod';
import type { Cached } from '../cache';
import type { QueryCountsReport } from '../types/connections';
import {
  type ColumnRow,
  type DashboardMetrics,
  type HealthInfo,
  type KillSessionResult,
  type LocksSnapshot,
  type RealtimeMetrics,
  type SchemaRow,
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

/** The gateway serves 1-200 rows (V$SQLSTATS top N). */
export const TOP_SQL_MAX_LIMIT = 200;
export const TOP_SQL_DEFAULT_LIMIT = 50;

// biome-ignore lint/suspicious/noControlCharactersInRegex: Oracle identifiers never hold control characters
const NO_CONTROL = /^[^\u0000-\u001f\u007f]+$/;
const oracleIdentifier = z.string().min(1).max(128).regex(NO_CONTROL, 'not an Oracle identifier');
const sqlId = z.string().regex(/^[a-z0-9]{13}$/, 'a SQL_ID is 13 characters of a-z and 0-9');
const refresh = z.boolean().optional();

const read = z.object({ connId: connIdSchema, refresh }).strict();

const bySql = z.object({ connId: connIdSchema, sqlId, refresh }).strict();

export const monitorChannels = {
  /** in CDB$ROOT the answer carries `perContainer` (one entry per visible PDB): the UI's PDB filter reads it */
  'monitor:dashboard': channel(read).returns<Cached<DashboardMetrics>>(),
  'monitor:realtime': channel(read).returns<Cached<RealtimeMetrics>>(),
  'monitor:sessions': channel(read).returns<Cached<SessionsSnapshot>>(),
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
  /** Oracle queries actually run, per connection and resource (all connections when connId is omitted) */
  'monitor:queryCounts': channel(
    z.object({ connId: connIdSchema.optional() }).strict(),
  ).returns<QueryCountsReport>(),
};
