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
import type { SqlStatsSnapshot } from '../types/activity';
import type { LlmCachedAnswer } from '../types/llm';
import type { IoLine, MemoryIoSnapshot } from '../types/memory-io';
import type {
  BlockingNode,
  ColumnRow,
  ConstraintRow,
  DashboardMetrics,
  HealthInfo,
  IndexRow,
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
import type { DictionaryRows } from '../types/privileges';
import { alertLogSnapshotSchema, longOpsSnapshotSchema } from './results-diagnostics';
import { sessionDetailSchema } from './session-detail';
import { SPACE_RESULT_FORMATS } from './space-results';

const num = z.number();
const numOrNull = z.number().nullable();
const strOrNull = z.string().nullable();
/** epoch ms */
const time = z.number();
const timeOrNull = z.number().nullable();
const metricScope = z.enum(['pdb', 'cdb', 'database', 'host']);
const instanceScope = z.enum(['instance', 'cluster']);
const sessionCounts = z.object({ total: num, active: num, inactive: num, blocked: num });
const waitSlices = z.array(z.object({ waitClass: z.string(), aas: num }));
const containerInfo = z.object({ conId: num, name: z.string(), openMode: strOrNull });

// ----------------------------------------------------------------------- dashboard / realtime

export const dashboardMetricsSchema: z.ZodType<DashboardMetrics> = z.object({
  sampledAt: time,
  scopes: z.partialRecord(
    z.enum([
      'averageActiveSessions',
      'hostCpuPct',
      'dbCpuPerSec',
      'dbTimePerSec',
      'executionsPerSec',
      'logicalReadsPerSec',
      'physicalReadsPerSec',
      'redoBytesPerSec',
      'userCallsPerSec',
      'userCommitsPerSec',
      'hardParsesPerSec',
      'bufferCacheHitPct',
      'sessions',
      'waitClasses',
    ]),
    metricScope,
  ),
  instanceScope,
  perInstance: z.array(
    z.object({
      instId: num,
      instanceName: z.string(),
      averageActiveSessions: numOrNull,
      dbCpuPerSec: numOrNull,
      hostCpuPct: numOrNull,
      executionsPerSec: numOrNull,
      userCallsPerSec: numOrNull,
      sessions: sessionCounts,
    }),
  ),
  containerFilter: containerInfo.nullable(),
  perContainer: z.array(
    z.object({
      conId: num,
      name: z.string(),
      averageActiveSessions: numOrNull,
      dbCpuPerSec: numOrNull,
      executionsPerSec: numOrNull,
      sessions: num,
    }),
  ),
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
  sessions: sessionCounts,
  waitClasses: waitSlices,
  backgroundWaitClasses: waitSlices,
  backgroundCpuPerSec: numOrNull,
});

export const realtimeMetricsSchema: z.ZodType<RealtimeMetrics> = z.object({
  sampledAt: time,
  scopes: z.partialRecord(
    z.enum([
      'averageActiveSessions',
      'hostCpuPct',
      'dbCpuPerSec',
      'executionsPerSec',
      'userCallsPerSec',
      'logicalReadsPerSec',
      'physicalReadsPerSec',
      'redoBytesPerSec',
      'userCommitsPerSec',
      'currentLogons',
    ]),
    metricScope,
  ),
  instanceScope,
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
  conId: num,
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
  instanceScope,
  scope: metricScope,
  sessions: z.array(sessionRowSchema),
  hiddenOwnSessions: num,
});

const lockRowSchema: z.ZodType<LockRow> = z.object({
  instId: num,
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
  conId: num,
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
  instanceScope,
  roots: z.array(blockingNodeSchema),
  blockedCount: num,
  locks: z.array(lockRowSchema),
  objects: z.array(z.object({ objectId: num, owner: strOrNull, name: strOrNull, type: strOrNull })),
  objectNames: z.enum(['resolved', 'no-privilege']),
});

const waitEventRowSchema: z.ZodType<WaitEventRow> = z.object({
  event: z.string(),
  waitClass: z.string(),
  waitsPerSec: num,
  timeWaitedMsPerSec: num,
  avgWaitMs: numOrNull,
  backgroundMsPerSec: num,
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
  backgroundMsPerSec: num,
});

export const waitEventsSnapshotSchema: z.ZodType<WaitEventsSnapshot> = z.object({
  sampledAt: time,
  intervalSec: num,
  sinceStartup: z.boolean(),
  intervalEnd: timeOrNull,
  instances: z.array(
    z.object({ instId: num, intervalSec: num, sinceStartup: z.boolean(), restarted: z.boolean() }),
  ),
  instanceScope,
  scope: metricScope,
  events: z.array(waitEventRowSchema),
  classes: z.array(waitClassRowSchema),
});

// ----------------------------------------------------------------------- SQL

const topSqlRowFields = {
  instId: num,
  conId: num,
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
  instanceScope,
  scope: metricScope,
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
  instId: num,
  childNumber: numOrNull,
  planHashValue: numOrNull,
  lines: z.array(z.string()),
  rows: z.array(planRowSchema),
});

// ----------------------------------------------------------------------- metadata, trend, health

const schemaRowSchema: z.ZodType<SchemaRow> = z.object({
  username: z.string(),
  userId: num,
  created: timeOrNull,
});

const tableRowSchema: z.ZodType<TableRow> = z.object({
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
});

const columnRowSchema: z.ZodType<ColumnRow> = z.object({
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
});

/** The schema browser's lists with where they come from ('all' = only objects the account can access). */
const dictionaryRows = <T>(row: z.ZodType<T>): z.ZodType<DictionaryRows<T>> =>
  z.object({ dictionary: z.enum(['dba', 'all']), rows: z.array(row) });

export const schemaRowsSchema = dictionaryRows(schemaRowSchema);
export const tableRowsSchema = dictionaryRows(tableRowSchema);
export const columnRowsSchema = dictionaryRows(columnRowSchema);

const indexRowSchema: z.ZodType<IndexRow> = z.object({
  owner: z.string(),
  indexName: z.string(),
  indexType: z.string(),
  unique: z.boolean(),
  status: strOrNull,
  visibility: strOrNull,
  partitioned: z.boolean(),
  columns: z.array(z.string()),
  blevel: numOrNull,
  leafBlocks: numOrNull,
  distinctKeys: numOrNull,
  clusteringFactor: numOrNull,
  numRows: numOrNull,
  lastAnalyzed: timeOrNull,
});

const constraintRowSchema: z.ZodType<ConstraintRow> = z.object({
  constraintName: z.string(),
  kind: z.enum(['primary', 'unique', 'foreign', 'check']),
  columns: z.array(z.string()),
  status: strOrNull,
  validated: strOrNull,
  deferrable: z.boolean(),
  deleteRule: strOrNull,
  refOwner: strOrNull,
  refTable: strOrNull,
  refConstraint: strOrNull,
  indexName: strOrNull,
  condition: strOrNull,
});

/** issue 15: the schema browser's indexes / constraints of one table */
export const indexRowsSchema = dictionaryRows(indexRowSchema);
export const constraintRowsSchema = dictionaryRows(constraintRowSchema);

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
  identity: z.object({
    dbName: z.string(),
    cdb: z.boolean(),
    containerKind: z.enum(['non-cdb', 'root', 'pdb']),
    conId: num,
    containerName: z.string(),
    cdbName: strOrNull,
    pdbName: strOrNull,
    visibleContainers: z.array(containerInfo),
    containerDataLimited: z.boolean(),
    containerDataGrant: strOrNull,
    instances: z.array(
      z.object({
        instId: num,
        instanceName: z.string(),
        hostName: z.string(),
        status: z.string(),
        startupTime: timeOrNull,
      }),
    ),
    rac: z.boolean(),
    connectedInstId: num,
  }),
  clock: z.object({
    dbNow: time,
    hostUtcOffsetMin: num,
    dbTimeZone: z.string(),
    sessionTimeZone: z.string(),
    clientUtcOffsetMin: num,
    skewMs: num,
  }),
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

/** issue 14: the team's V$SQLSTATS snapshot (top SQL over a window) */
export const sqlStatsSnapshotSchema: z.ZodType<SqlStatsSnapshot> = z.object({
  t: time,
  rows: z.array(
    z.object({
      sqlId: z.string(),
      planHashValue: num,
      executions: num,
      elapsedUs: num,
      cpuUs: num,
      bufferGets: num,
      diskReads: num,
      rowsProcessed: num,
      text: z.string(),
    }),
  ),
});

// ----------------------------------------------------------------------- memory and I/O (issue 17)

const ioFigures = {
  smallReadReqs: num,
  largeReadReqs: num,
  smallWriteReqs: num,
  largeWriteReqs: num,
  readMiB: num,
  writeMiB: num,
};
const ioLineSchema: z.ZodType<IoLine> = z.object({
  name: z.string(),
  perSec: z.object({ ...ioFigures, waitMsPerSec: numOrNull }).nullable(),
  total: z.object({ ...ioFigures, waitMs: numOrNull, waits: numOrNull }),
});
export const memoryIoSnapshotSchema: z.ZodType<MemoryIoSnapshot> = z.object({
  sampledAt: time,
  dbTime: timeOrNull,
  scope: metricScope,
  inPdb: z.boolean(),
  instanceScope,
  instIds: z.array(num),
  sga: z.object({
    instances: z.array(
      z.object({
        instId: num,
        totalBytes: num,
        maxBytes: numOrNull,
        targetBytes: numOrNull,
        memoryTargetBytes: numOrNull,
        granuleBytes: numOrNull,
        freeBytes: numOrNull,
      }),
    ),
    components: z.array(
      z.object({
        instId: num,
        component: z.string(),
        currentBytes: num,
        minBytes: num,
        maxBytes: num,
        userSpecifiedBytes: num,
        granuleBytes: num,
        operationCount: num,
      }),
    ),
  }),
  pga: z.array(
    z.object({
      instId: num,
      targetBytes: numOrNull,
      limitBytes: numOrNull,
      allocatedBytes: numOrNull,
      inUseBytes: numOrNull,
      maxAllocatedBytes: numOrNull,
      overAllocationCount: numOrNull,
      cacheHitPct: numOrNull,
    }),
  ),
  io: z.object({
    window: z.object({
      seconds: numOrNull,
      cumulativeOnly: z.boolean(),
      instances: z.array(
        z.object({ instId: num, seconds: numOrNull, restarted: z.boolean(), startupTime: timeOrNull }),
      ),
    }),
    byFileType: z.array(ioLineSchema),
    byFunction: z.array(ioLineSchema),
    perInstance: z.array(
      z.object({ instId: num, byFileType: z.array(ioLineSchema), byFunction: z.array(ioLineSchema) }),
    ),
  }),
});

// ----------------------------------------------------------------------- the table

export interface ResultFormat {
  /** written into every L2 envelope; see the header for when to bump it */
  readonly version: number;
  readonly schema: z.ZodType;
}

export const RESULT_FORMATS = {
  // version 2 (issue 13): instance ids, containers, scopes, the database identity and clock
  dashboard: { version: 2, schema: dashboardMetricsSchema },
  realtime: { version: 2, schema: realtimeMetricsSchema },
  sessions: { version: 2, schema: sessionsSnapshotSchema },
  // version 3 (issue 15): the objects in the tree by name
  locks: { version: 3, schema: locksSnapshotSchema },
  'wait-events': { version: 2, schema: waitEventsSnapshotSchema },
  'top-sql': { version: 2, schema: topSqlResultSchema },
  sql: { version: 2, schema: sqlDetailSchema },
  'sql-text': { version: 1, schema: sqlTextSchema },
  'sql-plan': { version: 2, schema: sqlPlanSchema },
  // version 2 (issue 13): { dictionary: 'dba' | 'all', rows } instead of a bare array
  schemas: { version: 2, schema: schemaRowsSchema },
  tables: { version: 2, schema: tableRowsSchema },
  columns: { version: 2, schema: columnRowsSchema },
  trend: { version: 1, schema: trendSeriesSchema },
  health: { version: 2, schema: healthInfoSchema },
  'sqlstats-snapshot': { version: 1, schema: sqlStatsSnapshotSchema },
  session: { version: 1, schema: sessionDetailSchema },
  connections: { version: 1, schema: notCachedSchema },
  'llm-sql': { version: 1, schema: llmCachedAnswerSchema },
  'llm-plan': { version: 1, schema: llmCachedAnswerSchema },
  'llm-tuning': { version: 1, schema: llmCachedAnswerSchema },
  ...SPACE_RESULT_FORMATS,
  'memory-io': { version: 1, schema: memoryIoSnapshotSchema },
  // issue 17
  'alert-log': { version: 1, schema: alertLogSnapshotSchema },
  longops: { version: 1, schema: longOpsSnapshotSchema },
  indexes: { version: 1, schema: indexRowsSchema },
  constraints: { version: 1, schema: constraintRowsSchema },
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
