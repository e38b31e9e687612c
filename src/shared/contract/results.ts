/**
 * The shapes of the values the cache stores per resource (the `data` of `Cached<T>`), so a value read from
 * Redis is shown to be one this release can use before it is served (issue 16): another release, another
 * program or a hand-edited key may have written something of the right envelope but the wrong shape.
 *
 * Every schema is typed against its TypeScript type (`z.ZodType<T>`): adding a required field to a type in
 * src/shared/types without adding it here fails `tsc`. Objects are not strict: a field added by a newer
 * release does not make its value unreadable here.
 *
 * `RESULT_FORMATS[resource].version` is the format version written into every L2 envelope. Bump it when
 * a value of the new shape cannot be read by the previous release, or the new release cannot read the old
 * one (a field made required, renamed, retyped). A console that reads a NEWER version refetches and
 * serves its own value without writing L2; one that reads an OLDER version replaces it (cache/engine).
 * results.test.ts pins a fingerprint of each schema so a shape change is a conscious decision.
 */
import { z } from 'zod';
import type { ResourceName } from '../cache';
import type { LlmCachedAnswer } from '../types/llm';
import type {
  BlockingNode,
  ColumnRow,
  DashboardMetrics,
  HealthInfo,
  LockRow,
  LockSession,
  LocksSnapshot,
  PlanRow,
  RealtimeMetrics,
  SchemaRow,
  SessionRow,
  SessionsSnapshot,
  SqlChildRow,
  SqlDetail,
  SqlPlan,
  SqlText,
  TableRow,
  TopSqlResult,
  TopSqlRow,
  TrendPoint,
  TrendSeries,
  WaitClassRow,
  WaitEventRow,
  WaitEventsSnapshot,
} from '../types/oracle';
import { TOP_SQL_ORDERS, TREND_PERIODS } from '../types/oracle';

const num = z.number();
const numOrNull = z.number().nullable();
const strOrNull = z.string().nullable();
/** epoch ms */
const time = z.number();
const timeOrNull = z.number().nullable();

// ----------------------------------------------------------------------- dashboard / realtime

export const dashboardMetricsSchema: z.ZodType<DashboardMetrics> = z.object({
  sampledAt: time,
  metricEndTime: timeOrNull,
  intervalSec: numOrNull,
  averageActiveSessions: numOrNull,
  hostCpuPct: numOrNull,
  dbCpuPerSec: numOrNull,
  dbTimePerSec: numOrNull,
  executionsPerSec: numOrNull,
  logicalReadsPerSec: numOrNull,
  physicalReadsPerSec: numOrNull,
  redoBytesPerSec: numOrNull,
  userCallsPerSec: numOrNull,
  userCommitsPerSec: numOrNull,
  hardParsesPerSec: numOrNull,
  bufferCacheHitPct: numOrNull,
  sessions: z.object({ total: num, active: num, inactive: num, blocked: num }),
  waitClasses: z.array(z.object({ waitClass: z.string(), aas: num })),
});

export const realtimeMetricsSchema: z.ZodType<RealtimeMetrics> = z.object({
  sampledAt: time,
  metricEndTime: timeOrNull,
  intervalSec: numOrNull,
  averageActiveSessions: numOrNull,
  hostCpuPct: numOrNull,
  dbCpuPerSec: numOrNull,
  executionsPerSec: numOrNull,
  userCallsPerSec: numOrNull,
  logicalReadsPerSec: numOrNull,
  physicalReadsPerSec: numOrNull,
  redoBytesPerSec: numOrNull,
  userCommitsPerSec: numOrNull,
  currentLogons: numOrNull,
});

// ----------------------------------------------------------------------- sessions, locks, waits

const sessionRowSchema: z.ZodType<SessionRow> = z.object({
  instId: num,
  sid: num,
  serial: num,
  username: strOrNull,
  status: z.string(),
  osUser: strOrNull,
  machine: strOrNull,
  program: strOrNull,
  module: strOrNull,
  action: strOrNull,
  serviceName: strOrNull,
  sqlId: strOrNull,
  sqlChildNumber: numOrNull,
  prevSqlId: strOrNull,
  sqlExecStart: timeOrNull,
  logonTime: time,
  lastCallEt: num,
  event: strOrNull,
  waitClass: strOrNull,
  state: z.string(),
  onCpu: z.boolean(),
  secondsInWait: num,
  blockingSessionStatus: strOrNull,
  blockingInstance: numOrNull,
  blockingSession: numOrNull,
  rowWaitObj: numOrNull,
  clientIdentifier: strOrNull,
  spid: strOrNull,
  pgaUsedBytes: numOrNull,
  pgaAllocBytes: numOrNull,
  pgaMaxBytes: numOrNull,
});

export const sessionsSnapshotSchema: z.ZodType<SessionsSnapshot> = z.object({
  sampledAt: time,
  sessions: z.array(sessionRowSchema),
  hiddenOwnSessions: num,
});

const lockRowSchema: z.ZodType<LockRow> = z.object({
  sid: num,
  lockType: z.string(),
  lockTypeName: z.string(),
  id1: num,
  id2: num,
  modeHeld: num,
  modeHeldName: z.string(),
  modeRequested: num,
  modeRequestedName: z.string(),
  ctimeSec: num,
  block: num,
});

const lockSessionSchema: z.ZodType<LockSession> = z.object({
  instId: num,
  sid: num,
  serial: num,
  username: strOrNull,
  status: z.string(),
  machine: strOrNull,
  program: strOrNull,
  sqlId: strOrNull,
  prevSqlId: strOrNull,
  event: strOrNull,
  waitClass: strOrNull,
  secondsInWait: num,
  lastCallEt: num,
  blockingSession: numOrNull,
  blockingInstance: numOrNull,
  rowWaitObj: numOrNull,
});

const blockingNodeSchema: z.ZodType<BlockingNode> = z.object({
  session: lockSessionSchema,
  locks: z.array(lockRowSchema),
  waiters: z.array(z.lazy(() => blockingNodeSchema)),
  totalWaiters: num,
  maxWaitSec: num,
});

export const locksSnapshotSchema: z.ZodType<LocksSnapshot> = z.object({
  sampledAt: time,
  roots: z.array(blockingNodeSchema),
  blockedCount: num,
  locks: z.array(lockRowSchema),
});

const waitEventRowSchema: z.ZodType<WaitEventRow> = z.object({
  event: z.string(),
  waitClass: z.string(),
  waitsPerSec: num,
  timeWaitedMsPerSec: num,
  avgWaitMs: numOrNull,
  totalWaits: num,
  totalTimeouts: num,
  totalTimeWaitedMs: num,
  avgWaitMsSinceStartup: numOrNull,
});

const waitClassRowSchema: z.ZodType<WaitClassRow> = z.object({
  waitClass: z.string(),
  waitsPerSec: num,
  timeWaitedMsPerSec: num,
  avgWaitMs: numOrNull,
  totalWaits: num,
  totalTimeWaitedMs: num,
  pctOfWaitTime: num,
});

export const waitEventsSnapshotSchema: z.ZodType<WaitEventsSnapshot> = z.object({
  sampledAt: time,
  intervalSec: num,
  sinceStartup: z.boolean(),
  events: z.array(waitEventRowSchema),
  classes: z.array(waitClassRowSchema),
});

// ----------------------------------------------------------------------- SQL

const topSqlRowFields = {
  sqlId: z.string(),
  planHashValue: num,
  executions: num,
  elapsedMs: num,
  cpuMs: num,
  bufferGets: num,
  diskReads: num,
  rowsProcessed: num,
  parseCalls: num,
  userIoWaitMs: num,
  applicationWaitMs: num,
  concurrencyWaitMs: num,
  elapsedMsPerExec: num,
  cpuMsPerExec: num,
  bufferGetsPerExec: num,
  diskReadsPerExec: num,
  rowsPerExec: num,
  lastActiveTime: timeOrNull,
  parsingSchemaName: strOrNull,
  module: strOrNull,
  sqlTextSnippet: z.string(),
};
const topSqlRowSchema: z.ZodType<TopSqlRow> = z.object(topSqlRowFields);

export const topSqlResultSchema: z.ZodType<TopSqlResult> = z.object({
  sampledAt: time,
  orderBy: z.enum(TOP_SQL_ORDERS),
  limit: num,
  rows: z.array(topSqlRowSchema),
});

const sqlChildRowSchema: z.ZodType<SqlChildRow> = z.object({
  childNumber: num,
  planHashValue: num,
  parsingSchemaName: strOrNull,
  module: strOrNull,
  action: strOrNull,
  optimizerMode: strOrNull,
  optimizerCost: numOrNull,
  executions: num,
  elapsedMs: num,
  bufferGets: num,
  lastActiveTime: timeOrNull,
  isBindSensitive: z.boolean(),
  isBindAware: z.boolean(),
  sqlProfile: strOrNull,
  sqlPlanBaseline: strOrNull,
});

export const sqlDetailSchema: z.ZodType<SqlDetail> = z.object({
  sqlId: z.string(),
  stats: z.object({
    ...topSqlRowFields,
    fetches: num,
    sorts: num,
    loads: num,
    invalidations: num,
    versionCount: num,
    clusterWaitMs: num,
    plsqlExecMs: num,
    javaExecMs: num,
    sharableMemBytes: num,
    avgHardParseMs: numOrNull,
    pxServersExecutions: num,
  }),
  children: z.array(sqlChildRowSchema),
});

export const sqlTextSchema: z.ZodType<SqlText> = z.object({
  sqlId: z.string(),
  text: z.string(),
  length: num,
});

const planRowSchema: z.ZodType<PlanRow> = z.object({
  id: num,
  parentId: numOrNull,
  depth: num,
  operation: z.string(),
  options: strOrNull,
  objectOwner: strOrNull,
  objectName: strOrNull,
  cost: numOrNull,
  cardinality: numOrNull,
  bytes: numOrNull,
  timeSec: numOrNull,
  accessPredicates: strOrNull,
  filterPredicates: strOrNull,
});

export const sqlPlanSchema: z.ZodType<SqlPlan> = z.object({
  sqlId: z.string(),
  childNumber: numOrNull,
  planHashValue: numOrNull,
  lines: z.array(z.string()),
  rows: z.array(planRowSchema),
});

// ----------------------------------------------------------------------- metadata, trend, health

export const schemaRowsSchema: z.ZodType<SchemaRow[]> = z.array(
  z.object({ username: z.string(), userId: num, created: timeOrNull }),
);

export const tableRowsSchema: z.ZodType<TableRow[]> = z.array(
  z.object({
    owner: z.string(),
    tableName: z.string(),
    tablespaceName: strOrNull,
    status: strOrNull,
    numRows: numOrNull,
    blocks: numOrNull,
    avgRowLen: numOrNull,
    lastAnalyzed: timeOrNull,
    partitioned: z.boolean(),
    temporary: z.boolean(),
    iotType: strOrNull,
    compression: strOrNull,
    logging: strOrNull,
  }),
);

export const columnRowsSchema: z.ZodType<ColumnRow[]> = z.array(
  z.object({
    columnId: num,
    columnName: z.string(),
    dataType: z.string(),
    typeDisplay: z.string(),
    dataLength: num,
    dataPrecision: numOrNull,
    dataScale: numOrNull,
    charLength: numOrNull,
    nullable: z.boolean(),
    numDistinct: numOrNull,
    numNulls: numOrNull,
    density: numOrNull,
    histogram: strOrNull,
    lastAnalyzed: timeOrNull,
  }),
);

const trendPointSchema: z.ZodType<TrendPoint> = z.object({
  t: time,
  averageActiveSessions: numOrNull,
  hostCpuPct: numOrNull,
  dbCpuPerSec: numOrNull,
  executionsPerSec: numOrNull,
  logicalReadsPerSec: numOrNull,
  physicalReadsPerSec: numOrNull,
  redoBytesPerSec: numOrNull,
  userCallsPerSec: numOrNull,
  // added later: values cached before it have no such field
  userCommitsPerSec: numOrNull.default(null),
});

export const trendSeriesSchema: z.ZodType<TrendSeries> = z.object({
  period: z.enum(TREND_PERIODS),
  stepSec: num,
  source: z.enum(['metric-history', 'console-samples', 'synthetic']),
  points: z.array(trendPointSchema),
});

export const healthInfoSchema: z.ZodType<HealthInfo> = z.object({
  sampledAt: time,
  instanceName: z.string(),
  instanceNumber: num,
  hostName: z.string(),
  version: z.string(),
  startupTime: time,
  uptimeSec: num,
  status: z.string(),
  databaseStatus: strOrNull,
  dbName: z.string(),
  dbUniqueName: strOrNull,
  openMode: strOrNull,
  databaseRole: strOrNull,
  logMode: strOrNull,
  platformName: strOrNull,
  cdb: z.boolean().nullable(),
  containerName: strOrNull,
  sessionUser: z.string(),
  roundTripMs: num,
  diagnosticsPackLicensed: z.boolean(),
  demo: z.boolean(),
});

// ----------------------------------------------------------------------- SQL analysis (LLM)

export const llmCachedAnswerSchema: z.ZodType<LlmCachedAnswer> = z.object({
  markdown: z.string(),
  model: z.string(),
  usage: z
    .object({
      promptTokens: num.optional(),
      completionTokens: num.optional(),
      totalTokens: num.optional(),
    })
    .optional(),
  latencyMs: num,
  createdAt: time,
  masked: z.boolean(),
  finishReason: z.string().optional(),
});

/** `tms:connections` is only invalidated, never cached, by this release: no stored value is accepted. */
const notCachedSchema = z.never();

/** the shared V$SQLSTATS snapshot of the activity sampler's top-SQL window (src/main/oracle/activity-reader.ts) */
const sqlStatsSnapshotSchema = z.object({
  t: z.number(),
  rows: z.array(
    z.object({
      sqlId: z.string(),
      planHashValue: z.number(),
      executions: z.number(),
      elapsedUs: z.number(),
      cpuUs: z.number(),
      bufferGets: z.number(),
      diskReads: z.number(),
      rowsProcessed: z.number(),
      text: z.string(),
    }),
  ),
});

// ----------------------------------------------------------------------- the table

export interface ResultFormat {
  /** written into every L2 envelope; see the header for when to bump it */
  readonly version: number;
  readonly schema: z.ZodType;
}

export const RESULT_FORMATS = {
  dashboard: { version: 1, schema: dashboardMetricsSchema },
  realtime: { version: 1, schema: realtimeMetricsSchema },
  sessions: { version: 1, schema: sessionsSnapshotSchema },
  locks: { version: 1, schema: locksSnapshotSchema },
  'wait-events': { version: 1, schema: waitEventsSnapshotSchema },
  'top-sql': { version: 1, schema: topSqlResultSchema },
  sql: { version: 1, schema: sqlDetailSchema },
  'sql-text': { version: 1, schema: sqlTextSchema },
  'sql-plan': { version: 1, schema: sqlPlanSchema },
  schemas: { version: 1, schema: schemaRowsSchema },
  tables: { version: 1, schema: tableRowsSchema },
  columns: { version: 1, schema: columnRowsSchema },
  trend: { version: 1, schema: trendSeriesSchema },
  health: { version: 1, schema: healthInfoSchema },
  'sqlstats-snapshot': { version: 1, schema: sqlStatsSnapshotSchema },
  connections: { version: 1, schema: notCachedSchema },
  'llm-sql': { version: 1, schema: llmCachedAnswerSchema },
  'llm-plan': { version: 1, schema: llmCachedAnswerSchema },
  'llm-tuning': { version: 1, schema: llmCachedAnswerSchema },
} as const satisfies Record<ResourceName, ResultFormat>;

/** Per resource: the format version and a check of a value read from the shared cache (the engine's formats). */
export function resultValidators(): Record<
  ResourceName,
  { version: number; isValid(value: unknown): boolean }
> {
  const out = {} as Record<ResourceName, { version: number; isValid(value: unknown): boolean }>;
  for (const [resource, format] of Object.entries(RESULT_FORMATS) as [ResourceName, ResultFormat][]) {
    out[resource] = { version: format.version, isValid: (value) => format.schema.safeParse(value).success };
  }
  return out;
}
