/**
 * What the console reads from Oracle, as the UI sees it (shared by main and renderer; plain JSON:
 * every value survives structured clone, IPC and the Redis cache).
 *
 * Conventions:
 * - Times are epoch milliseconds (UTC) as numbers; `null` when Oracle has no value.
 * - Durations carry their unit in the field name (`Ms`, `Sec`); rates are "per second".
 * - V$SYSMETRIC-derived values are `number | null`: a metric a given version does not publish is null,
 *   never a made-up 0.
 * Sources for views, columns and units: shared/reference/oracle.md (sections 2.2-2.10).
 */

/** Resources the gateway serves, named like the cache resources (shared/cache.ts) where they overlap. */
export const GATEWAY_RESOURCES = [
  'dashboard',
  'realtime',
  'sessions',
  'locks',
  'wait-events',
  'top-sql',
  'sql',
  'sql-text',
  'sql-plan',
  'schemas',
  'tables',
  'columns',
  'trend',
  'health',
  'ddl-watermark',
  'kill-session',
  'ping',
  'ash',
  /** issue 14: the activity sampler (V$SESSION active sessions), its V$SQLSTATS snapshots, object names */
  'activity-sample',
  'sqlstats-snapshot',
  'activity-objects',
  /** issue 17: tablespaces + recovery area + ASM; TEMP by session; V$RESOURCE_LIMIT */
  'space',
  'temp-usage',
  'limits',
  /** issue 17: one session's drill-down (GV$SESSION, waits, stats, cursors, locks, transaction) */
  'session-detail',
  /** issue 17: SGA, PGA and V$IOSTAT_* (Memory and I/O view) */
  'memory-io',
  /** issue 17: V$DIAG_ALERT_EXT entries of a window; GV$SESSION_LONGOPS */
  'alert-log',
  'longops',
  /** issue 17: ALTER SYSTEM CANCEL SQL; the kill / cancel dialogs' fresh look at one session */
  'cancel-sql',
  'stop-preview',
  /** issue 15: a table's indexes and constraints in the schema browser */
  'indexes',
  'constraints',
] as const;
export type GatewayResource = (typeof GATEWAY_RESOURCES)[number];

/** Oracle queries served per resource (one gateway call = one count, whatever its statement count). */
export type QueryCounts = Record<GatewayResource, number>;

// ---------------------------------------------------------------------------------------------
// Where a figure comes from: database identity, containers, instances, the database clock

/** How the connection sits in a multitenant database. */
export type ContainerKind = 'non-cdb' | 'root' | 'pdb';

/**
 * What a figure covers: 'pdb' = the connected PDB's own (V$CON_SYSMETRIC, CON_ID filters);
 * 'cdb' = the whole CDB, every container (Oracle keeps it only CDB-wide, e.g. V$SYSMETRIC rows with
 * CON_ID 0); 'database' = a non-CDB; 'host' = the database server (e.g. Host CPU).
 */
export type MetricScope = 'pdb' | 'cdb' | 'database' | 'host';

/** 'instance' = one RAC instance (or a single-instance database); 'cluster' = summed over every instance. */
export type InstanceScope = 'instance' | 'cluster';

export interface ContainerInfo {
  /** CON_ID: 0 non-CDB / whole CDB, 1 CDB$ROOT, 2 PDB$SEED, 3+ PDBs */
  conId: number;
  name: string;
  /** V$CONTAINERS.OPEN_MODE ('READ WRITE', 'MOUNTED', ...) */
  openMode: string | null;
}

export interface InstanceInfo {
  /** INST_ID / INSTANCE_NUMBER */
  instId: number;
  instanceName: string;
  hostName: string;
  /** V$INSTANCE.STATUS */
  status: string;
  /** epoch ms (UTC instant) */
  startupTime: number | null;
}

/**
 * The database's clock and zones, read in one round trip. V$ time columns (END_TIME, LOGON_TIME,
 * LAST_ACTIVE_TIME, ...) are the database host's wall clock without a zone; node-oracledb thin builds
 * JS Dates from such values in the CLIENT's zone and sets the session time zone to the client's offset
 * at logon. The console therefore never lets the driver convert them: the catalog computes instants
 * (epoch ms, UTC) in SQL from the host offset, and this record says what the database's clock shows.
 */
export interface DatabaseClock {
  /** SYSTIMESTAMP as an instant, epoch ms */
  dbNow: number;
  /** SYSTIMESTAMP's offset in minutes east of UTC: the host zone V$ wall-clock columns are in */
  hostUtcOffsetMin: number;
  /** DBTIMEZONE, e.g. '+00:00' (zone of TIMESTAMP WITH LOCAL TIME ZONE storage) */
  dbTimeZone: string;
  /** SESSIONTIMEZONE of the console's session (thin sets it to the client's offset at logon) */
  sessionTimeZone: string;
  /** the console's own offset in minutes east of UTC when sampled */
  clientUtcOffsetMin: number;
  /** console clock minus database clock (ms, half the round trip removed); > 0 = console ahead */
  skewMs: number;
}

/** Who the console is talking to, for the header: CDB/PDB/CON_ID and the instances. */
export interface DatabaseIdentity {
  /** V$DATABASE.NAME (the CDB's name in a CDB) */
  dbName: string;
  cdb: boolean;
  containerKind: ContainerKind;
  /** SYS_CONTEXT('USERENV','CON_ID'): 0 in a non-CDB, 1 in CDB$ROOT, the PDB's id in a PDB */
  conId: number;
  /** SYS_CONTEXT('USERENV','CON_NAME') */
  containerName: string;
  /** the CDB's name when cdb, else null */
  cdbName: string | null;
  /** the PDB's name when connected to a PDB, else null */
  pdbName: string | null;
  /**
   * Containers whose rows this account sees in V$ views. In CDB$ROOT that is what CONTAINER_DATA allows
   * (only CDB$ROOT when it is not set); in a PDB only the PDB; empty in a non-CDB.
   */
  visibleContainers: ContainerInfo[];
  /** in CDB$ROOT, true when the account sees no PDB (the grant below would show them) */
  containerDataLimited: boolean;
  /** the statement a DBA runs so this account sees every container, when containerDataLimited */
  containerDataGrant: string | null;
  /** open instances (GV$INSTANCE); one entry for a single-instance database */
  instances: InstanceInfo[];
  /** more than one instance open */
  rac: boolean;
  /** the instance this read's connection landed on (SYS_CONTEXT('USERENV','INSTANCE')) */
  connectedInstId: number;
}

/** One container's share (CDB$ROOT with CONTAINER_DATA: one entry per visible PDB, from V$CON_SYSMETRIC). */
export interface ContainerFigures {
  conId: number;
  name: string;
  averageActiveSessions: number | null;
  dbCpuPerSec: number | null;
  executionsPerSec: number | null;
  /** user sessions in the container (the console's own excluded) */
  sessions: number;
}

/** One instance's share of the dashboard (RAC: one entry per instance; the snapshot's top level is their total). */
export interface InstanceFigures {
  instId: number;
  instanceName: string;
  averageActiveSessions: number | null;
  dbCpuPerSec: number | null;
  hostCpuPct: number | null;
  executionsPerSec: number | null;
  userCallsPerSec: number | null;
  sessions: SessionCounts;
}

// ---------------------------------------------------------------------------------------------
// Dashboard / realtime (V$SYSMETRIC, V$WAITCLASSMETRIC, V$SESSION counts)

/** Average active sessions of one wait class over the metric interval ("CPU" is added from CPU Usage Per Sec). */
export interface WaitClassSlice {
  waitClass: string;
  /** average active sessions waiting in this class (= seconds waited per second) */
  aas: number;
}

export interface SessionCounts {
  /** user sessions (TYPE = 'USER'), the console's own excluded */
  total: number;
  active: number;
  inactive: number;
  /** sessions with BLOCKING_SESSION set (waiting on another session) */
  blocked: number;
}

export interface DashboardMetrics {
  /** epoch ms when the console sampled */
  sampledAt: number;
  /** which containers / instances each figure covers (keys are this record's field names) */
  scopes: Partial<Record<ScopedDashboardFigure, MetricScope>>;
  /** 'cluster' when the top-level figures sum several instances (see perInstance) */
  instanceScope: InstanceScope;
  /** per instance (one entry on a single instance); the top level is their total (Host CPU: their mean) */
  perInstance: InstanceFigures[];
  /** in CDB$ROOT with a PDB filter: the container the figures are restricted to, else null */
  containerFilter: ContainerInfo | null;
  /** in CDB$ROOT: one entry per visible PDB (empty elsewhere, or when CONTAINER_DATA hides them) */
  perContainer: ContainerFigures[];
  /** END_TIME of the V$SYSMETRIC long-duration (group 2, ~60 s) interval the values describe */
  metricEndTime: number | null;
  /** length of that interval in seconds (INTSIZE_CSEC / 100) */
  intervalSec: number | null;
  /** 'Average Active Sessions' */
  averageActiveSessions: number | null;
  /** 'Host CPU Utilization (%)' 0-100 */
  hostCpuPct: number | null;
  /** 'CPU Usage Per Sec' converted from centiseconds/s to seconds of DB CPU per second (= AAS on CPU) */
  dbCpuPerSec: number | null;
  /** 'Database Time Per Sec' converted from centiseconds/s to seconds/s */
  dbTimePerSec: number | null;
  /** 'Executions Per Sec' */
  executionsPerSec: number | null;
  /** 'Logical Reads Per Sec' (blocks/s) */
  logicalReadsPerSec: number | null;
  /** 'Physical Reads Per Sec' (blocks/s) */
  physicalReadsPerSec: number | null;
  /** 'Redo Generated Per Sec' (bytes/s) */
  redoBytesPerSec: number | null;
  /** 'User Calls Per Sec' */
  userCallsPerSec: number | null;
  /** 'User Commits Per Sec' */
  userCommitsPerSec: number | null;
  /** 'Hard Parse Count Per Sec' */
  hardParsesPerSec: number | null;
  /** 'Buffer Cache Hit Ratio' (%) */
  bufferCacheHitPct: number | null;
  sessions: SessionCounts;
  /**
   * FOREGROUND time by non-Idle wait class (V$WAITCLASSMETRIC.TIME_WAITED_FG, last 60 s) plus a 'CPU'
   * slice (foreground DB CPU), sorted by aas desc: the stacks add up to `averageActiveSessions`.
   */
  waitClasses: WaitClassSlice[];
  /** background processes' wait time by class over the same 60 s (TIME_WAITED - TIME_WAITED_FG), apart */
  backgroundWaitClasses: WaitClassSlice[];
  /** 'Background CPU Usage Per Sec' in seconds per second, apart from the foreground CPU slice */
  backgroundCpuPerSec: number | null;
}

/** Dashboard fields that carry a scope label. */
export type ScopedDashboardFigure =
  | 'averageActiveSessions'
  | 'hostCpuPct'
  | 'dbCpuPerSec'
  | 'dbTimePerSec'
  | 'executionsPerSec'
  | 'logicalReadsPerSec'
  | 'physicalReadsPerSec'
  | 'redoBytesPerSec'
  | 'userCallsPerSec'
  | 'userCommitsPerSec'
  | 'hardParsesPerSec'
  | 'bufferCacheHitPct'
  | 'sessions'
  | 'waitClasses';

/** A short-interval sample (V$SYSMETRIC group 3, ~15 s; group 2 value when group 3 lacks the metric). */
export interface RealtimeMetrics {
  sampledAt: number;
  /** which containers each figure covers (keys are this record's field names) */
  scopes: Partial<Record<ScopedRealtimeFigure, MetricScope>>;
  instanceScope: InstanceScope;
  metricEndTime: number | null;
  intervalSec: number | null;
  averageActiveSessions: number | null;
  hostCpuPct: number | null;
  /** seconds of DB CPU per second */
  dbCpuPerSec: number | null;
  executionsPerSec: number | null;
  userCallsPerSec: number | null;
  logicalReadsPerSec: number | null;
  physicalReadsPerSec: number | null;
  /** bytes/s */
  redoBytesPerSec: number | null;
  userCommitsPerSec: number | null;
  /** 'Current Logons Count' */
  currentLogons: number | null;
}

export type ScopedRealtimeFigure = Exclude<
  keyof RealtimeMetrics,
  'sampledAt' | 'scopes' | 'instanceScope' | 'metricEndTime' | 'intervalSec'
>;

// ---------------------------------------------------------------------------------------------
// Sessions (V$SESSION ⨝ V$PROCESS)

export type SessionStatus = 'ACTIVE' | 'INACTIVE' | 'KILLED' | 'CACHED' | 'SNIPED' | (string & {});
/** V$SESSION.STATE: 'WAITING' or one of the 'WAITED ...' values meaning "on CPU" */
export type SessionState =
  | 'WAITING'
  | 'WAITED KNOWN TIME'
  | 'WAITED SHORT TIME'
  | 'WAITED UNKNOWN TIME'
  | (string & {});

export interface SessionRow {
  /** GV$SESSION.INST_ID: the instance the session lives on */
  instId: number;
  /** CON_ID of the session's container (0 in a non-CDB) */
  conId: number;
  sid: number;
  serial: number;
  username: string | null;
  status: SessionStatus;
  osUser: string | null;
  machine: string | null;
  program: string | null;
  module: string | null;
  action: string | null;
  serviceName: string | null;
  sqlId: string | null;
  sqlChildNumber: number | null;
  prevSqlId: string | null;
  /** epoch ms */
  sqlExecStart: number | null;
  /** epoch ms */
  logonTime: number;
  /** seconds since the last call started (ACTIVE) or ended (INACTIVE) */
  lastCallEt: number;
  /** current wait event, or the last one when on CPU (see `onCpu`) */
  event: string | null;
  waitClass: string | null;
  state: SessionState;
  /** true when STATE is not 'WAITING' (the UI shows "ON CPU" instead of the event) */
  onCpu: boolean;
  secondsInWait: number;
  blockingSessionStatus: string | null;
  blockingInstance: number | null;
  blockingSession: number | null;
  rowWaitObj: number | null;
  clientIdentifier: string | null;
  /** OS process id of the server process (V$PROCESS.SPID) */
  spid: string | null;
  /** bytes (V$PROCESS.PGA_USED_MEM / PGA_ALLOC_MEM / PGA_MAX_MEM) */
  pgaUsedBytes: number | null;
  pgaAllocBytes: number | null;
  pgaMaxBytes: number | null;
}

export interface SessionsSnapshot {
  sampledAt: number;
  /** 'cluster' = every instance (GV$); the rows carry instId */
  instanceScope: InstanceScope;
  /** the containers the rows cover */
  scope: MetricScope;
  sessions: SessionRow[];
  /** how many of the console's own sessions were hidden */
  hiddenOwnSessions: number;
}

// ---------------------------------------------------------------------------------------------
// Locks and the blocking tree (V$SESSION.BLOCKING_SESSION + V$LOCK)

export interface LockRow {
  /** GV$LOCK.INST_ID */
  instId: number;
  sid: number;
  /** V$LOCK.TYPE e.g. 'TX', 'TM', 'UL' */
  lockType: string;
  /** e.g. 'Transaction enqueue' */
  lockTypeName: string;
  id1: number;
  id2: number;
  /** V$LOCK.LMODE 0-6 */
  modeHeld: number;
  /** e.g. 'Exclusive (X)' for 6 */
  modeHeldName: string;
  /** V$LOCK.REQUEST 0-6 */
  modeRequested: number;
  modeRequestedName: string;
  /** seconds the lock has been held (or requested) — V$LOCK.CTIME */
  ctimeSec: number;
  /** V$LOCK.BLOCK: 0 not blocking, 1 blocking others, 2 may block on another RAC instance */
  block: number;
}

export interface LockSession {
  instId: number;
  conId: number;
  sid: number;
  serial: number;
  username: string | null;
  status: SessionStatus;
  machine: string | null;
  program: string | null;
  sqlId: string | null;
  prevSqlId: string | null;
  event: string | null;
  waitClass: string | null;
  secondsInWait: number;
  lastCallEt: number;
  blockingSession: number | null;
  blockingInstance: number | null;
  rowWaitObj: number | null;
}

/** One session in the blocking tree: a root blocker (not itself waiting on a session) and its waiters. */
export interface BlockingNode {
  session: LockSession;
  /** V$LOCK rows of this session that hold (BLOCK > 0) or request (REQUEST > 0) a lock */
  locks: LockRow[];
  waiters: BlockingNode[];
  /** all sessions below this node */
  totalWaiters: number;
  /** longest wait (s) among the sessions below */
  maxWaitSec: number;
}

export interface LocksSnapshot {
  sampledAt: number;
  instanceScope: InstanceScope;
  roots: BlockingNode[];
  /** sessions waiting on another session */
  blockedCount: number;
  /** blocking/requesting V$LOCK rows of every session in the tree */
  locks: LockRow[];
  /**
   * OWNER.NAME and type of the objects in the tree: each session's ROW_WAIT_OBJ# and each TM lock's ID1
   * (DBA_OBJECTS by OBJECT_ID). Names are null for an object the read could not name.
   */
  objects: LockObjectName[];
  /** 'resolved': named where the object exists; 'no-privilege': DBA_OBJECTS is not readable (ids only) */
  objectNames: 'resolved' | 'no-privilege';
}

export interface LockObjectName {
  objectId: number;
  owner: string | null;
  name: string | null;
  /** DBA_OBJECTS.OBJECT_TYPE, e.g. TABLE, TABLE PARTITION, INDEX */
  type: string | null;
}

// ---------------------------------------------------------------------------------------------
// Wait events (V$SYSTEM_EVENT, V$SYSTEM_WAIT_CLASS: cumulative -> rates between polls)

export interface WaitEventRow {
  event: string;
  waitClass: string;
  /**
   * FOREGROUND figures over the interval (TOTAL_WAITS_FG / TIME_WAITED_MICRO_FG): the time that adds up
   * with foreground CPU to AAS. Summed over every instance on RAC.
   */
  /** waits per second over the interval */
  waitsPerSec: number;
  /** ms waited per second over the interval (1000 ms/s = one session waiting all the time) */
  timeWaitedMsPerSec: number;
  /** average wait over the interval (ms): interval time / interval waits; null when no waits in the interval */
  avgWaitMs: number | null;
  /** background processes' ms waited per second over the interval (apart from the foreground figures) */
  backgroundMsPerSec: number;
  /** cumulative since instance startup (all sessions, foreground + background; summed over instances) */
  totalWaits: number;
  totalTimeouts: number;
  totalTimeWaitedMs: number;
  /** total time / total waits since startup: a different quantity from the interval's avgWaitMs */
  avgWaitMsSinceStartup: number | null;
}

export interface WaitClassRow {
  waitClass: string;
  waitsPerSec: number;
  timeWaitedMsPerSec: number;
  avgWaitMs: number | null;
  totalWaits: number;
  totalTimeWaitedMs: number;
  /** share of the non-Idle time waited over the interval, 0-100 */
  pctOfWaitTime: number;
  backgroundMsPerSec: number;
}

export interface WaitEventsSnapshot {
  sampledAt: number;
  /**
   * Seconds the rates cover: since the gateway's previous sample, or since instance startup on the
   * first poll (then `sinceStartup` is true and rates are averages over the instance's life).
   */
  intervalSec: number;
  sinceStartup: boolean;
  /** the database-clock instant the interval ends (epoch ms) */
  intervalEnd: number | null;
  /** the instances summed, each against its own baseline (a pooled connection may land on any) */
  instances: WaitEventsInstance[];
  instanceScope: InstanceScope;
  /** V$SYSTEM_EVENT is instance-wide: in a PDB its figures cover the whole CDB ('cdb') */
  scope: MetricScope;
  /** non-Idle events by time waited per second desc */
  events: WaitEventRow[];
  /** non-Idle classes by time waited per second desc */
  classes: WaitClassRow[];
}

/** One instance's part of a wait-events snapshot. */
export interface WaitEventsInstance {
  instId: number;
  /** seconds this instance's rates cover (its own previous sample, or its uptime) */
  intervalSec: number;
  sinceStartup: boolean;
  /** true when this instance's counters went down since its previous sample (it really restarted) */
  restarted: boolean;
}

// ---------------------------------------------------------------------------------------------
// Top SQL (V$SQLSTATS), SQL detail, text and plan

export const TOP_SQL_ORDERS = [
  'elapsed',
  'cpu',
  'gets',
  'diskReads',
  'executions',
  'rows',
  'elapsedPerExec',
  'cpuPerExec',
  'getsPerExec',
] as const;
export type TopSqlOrder = (typeof TOP_SQL_ORDERS)[number];

export interface TopSqlQuery {
  /** 1-200 */
  limit: number;
  orderBy: TopSqlOrder;
}

export interface TopSqlRow {
  /** GV$SQLSTATS.INST_ID: the instance whose shared pool holds the cursor (a SQL_ID may appear once per instance) */
  instId: number;
  /** CON_ID of the cursor's container */
  conId: number;
  sqlId: string;
  planHashValue: number;
  executions: number;
  /** totals since the statement was loaded */
  elapsedMs: number;
  cpuMs: number;
  bufferGets: number;
  diskReads: number;
  rowsProcessed: number;
  parseCalls: number;
  userIoWaitMs: number;
  applicationWaitMs: number;
  concurrencyWaitMs: number;
  /** per execution (executions = 0 counts as 1) */
  elapsedMsPerExec: number;
  cpuMsPerExec: number;
  bufferGetsPerExec: number;
  diskReadsPerExec: number;
  rowsPerExec: number;
  /** epoch ms */
  lastActiveTime: number | null;
  /** from V$SQL (V$SQLSTATS has neither) */
  parsingSchemaName: string | null;
  module: string | null;
  /** first 200 characters of SQL_TEXT */
  sqlTextSnippet: string;
}

export interface TopSqlResult {
  sampledAt: number;
  instanceScope: InstanceScope;
  scope: MetricScope;
  orderBy: TopSqlOrder;
  limit: number;
  rows: TopSqlRow[];
}

/** One child cursor (V$SQL). */
export interface SqlChildRow {
  childNumber: number;
  planHashValue: number;
  parsingSchemaName: string | null;
  module: string | null;
  action: string | null;
  optimizerMode: string | null;
  optimizerCost: number | null;
  executions: number;
  elapsedMs: number;
  bufferGets: number;
  /** epoch ms */
  lastActiveTime: number | null;
  isBindSensitive: boolean;
  isBindAware: boolean;
  sqlProfile: string | null;
  sqlPlanBaseline: string | null;
}

export interface SqlDetail {
  sqlId: string;
  stats: TopSqlRow & {
    fetches: number;
    sorts: number;
    loads: number;
    invalidations: number;
    versionCount: number;
    clusterWaitMs: number;
    plsqlExecMs: number;
    javaExecMs: number;
    sharableMemBytes: number;
    avgHardParseMs: number | null;
    pxServersExecutions: number;
  };
  children: SqlChildRow[];
}

export interface SqlText {
  sqlId: string;
  text: string;
  length: number;
}

/** A structured plan line (V$SQL_PLAN). */
export interface PlanRow {
  id: number;
  parentId: number | null;
  depth: number;
  operation: string;
  options: string | null;
  objectOwner: string | null;
  objectName: string | null;
  cost: number | null;
  cardinality: number | null;
  bytes: number | null;
  /** optimizer's estimated seconds */
  timeSec: number | null;
  accessPredicates: string | null;
  filterPredicates: string | null;
}

export interface SqlPlan {
  sqlId: string;
  /** the instance whose cursor the plan was read from (GV$SQL_PLAN), which may not be the connected one */
  instId: number;
  childNumber: number | null;
  planHashValue: number | null;
  /** DBMS_XPLAN.DISPLAY_CURSOR(:sqlId, NULL, 'TYPICAL') output, one entry per line */
  lines: string[];
  /** V$SQL_PLAN rows of the lowest child number; empty when the cursor aged out */
  rows: PlanRow[];
}

// ---------------------------------------------------------------------------------------------
// Metadata (ALL_USERS, ALL_TABLES, ALL_TAB_COLUMNS, ALL_OBJECTS)

export interface SchemaRow {
  username: string;
  userId: number;
  /** epoch ms */
  created: number | null;
}

export interface TableRow {
  owner: string;
  tableName: string;
  tablespaceName: string | null;
  status: string | null;
  /** optimizer statistics: null when never analyzed */
  numRows: number | null;
  blocks: number | null;
  avgRowLen: number | null;
  /** epoch ms */
  lastAnalyzed: number | null;
  partitioned: boolean;
  temporary: boolean;
  /** 'IOT' etc., null for heap tables */
  iotType: string | null;
  compression: string | null;
  logging: string | null;
}

export interface ColumnRow {
  columnId: number;
  columnName: string;
  dataType: string;
  /** display form, e.g. 'VARCHAR2(100 CHAR)', 'NUMBER(10,2)', 'DATE' */
  typeDisplay: string;
  dataLength: number;
  dataPrecision: number | null;
  dataScale: number | null;
  charLength: number | null;
  nullable: boolean;
  numDistinct: number | null;
  numNulls: number | null;
  density: number | null;
  histogram: string | null;
  /** epoch ms */
  lastAnalyzed: number | null;
}

/** One index of a table (DBA_INDEXES ⨝ DBA_IND_COLUMNS, else the ALL_* forms). */
export interface IndexRow {
  owner: string;
  indexName: string;
  /** NORMAL, BITMAP, FUNCTION-BASED NORMAL, IOT - TOP, LOB, ... */
  indexType: string;
  unique: boolean;
  /** VALID, UNUSABLE, N/A (partitioned: the partitions carry the status) */
  status: string | null;
  /** VISIBLE / INVISIBLE (an invisible index is maintained but ignored by the optimizer) */
  visibility: string | null;
  partitioned: boolean;
  /** in position order; a descending column carries ' DESC'; function-based: the hidden SYS_NC column */
  columns: string[];
  /** optimizer statistics, null when never analyzed */
  blevel: number | null;
  leafBlocks: number | null;
  distinctKeys: number | null;
  clusteringFactor: number | null;
  numRows: number | null;
  /** epoch ms: when the index statistics were gathered */
  lastAnalyzed: number | null;
}

export type ConstraintKind = 'primary' | 'unique' | 'foreign' | 'check';

/** One constraint of a table (DBA_CONSTRAINTS ⨝ DBA_CONS_COLUMNS, else the ALL_* forms). */
export interface ConstraintRow {
  constraintName: string;
  /** CONSTRAINT_TYPE P / U / R / C */
  kind: ConstraintKind;
  columns: string[];
  /** ENABLED / DISABLED */
  status: string | null;
  /** VALIDATED / NOT VALIDATED */
  validated: string | null;
  deferrable: boolean;
  /** foreign keys: CASCADE / SET NULL / NO ACTION */
  deleteRule: string | null;
  /** foreign keys: the referenced table and its primary/unique constraint */
  refOwner: string | null;
  refTable: string | null;
  refConstraint: string | null;
  /** the index enforcing a primary/unique key */
  indexName: string | null;
  /** check constraints: SEARCH_CONDITION_VC (first 400 characters); null before 12.2 or when not a check */
  condition: string | null;
}

/** Change detection for metadata caches: a new token means DDL happened (or a grant). */
export interface DdlWatermark {
  /** MAX(LAST_DDL_TIME) over non-Oracle-maintained owners, epoch ms */
  maxLastDdlTime: number | null;
  /** COUNT(*) of those objects (catches drops MAX misses) */
  objectCount: number;
  /** `${maxLastDdlTime}:${objectCount}` — compare tokens */
  token: string;
}

// ---------------------------------------------------------------------------------------------
// Trends

export const TREND_PERIODS = ['1h', '24h', '7d'] as const;
export type TrendPeriod = (typeof TREND_PERIODS)[number];

export interface TrendPoint {
  /** epoch ms (end of the interval) */
  t: number;
  averageActiveSessions: number | null;
  hostCpuPct: number | null;
  dbCpuPerSec: number | null;
  executionsPerSec: number | null;
  logicalReadsPerSec: number | null;
  physicalReadsPerSec: number | null;
  redoBytesPerSec: number | null;
  userCallsPerSec: number | null;
  /** 'User Commits Per Sec' (the dashboard's throughput chart backfills from it) */
  userCommitsPerSec: number | null;
}

export type TrendMetric = Exclude<keyof TrendPoint, 't'>;

export interface TrendSeries {
  period: TrendPeriod;
  /** seconds between points */
  stepSec: number;
  /**
   * 'metric-history' = V$SYSMETRIC_HISTORY (last hour, 60 s);
   * 'console-samples' = the console's own samples (merged with the last hour of history);
   * 'synthetic' = the demo database.
   */
  source: 'metric-history' | 'console-samples' | 'synthetic';
  points: TrendPoint[];
}

// ---------------------------------------------------------------------------------------------
// Health, test, kill

export interface HealthInfo {
  sampledAt: number;
  /** CDB/PDB/CON_ID and the instances, for the header */
  identity: DatabaseIdentity;
  /** the database's clock and zones, so the UI can show database time and local time */
  clock: DatabaseClock;
  instanceName: string;
  instanceNumber: number;
  hostName: string;
  /** V$INSTANCE.VERSION e.g. '19.0.0.0.0' */
  version: string;
  /** epoch ms */
  startupTime: number;
  uptimeSec: number;
  /** V$INSTANCE.STATUS: 'OPEN', 'MOUNTED', ... */
  status: string;
  databaseStatus: string | null;
  dbName: string;
  dbUniqueName: string | null;
  openMode: string | null;
  /** 'PRIMARY', 'PHYSICAL STANDBY', ... */
  databaseRole: string | null;
  logMode: string | null;
  platformName: string | null;
  /** true when the database is a CDB */
  cdb: boolean | null;
  /** SYS_CONTEXT('USERENV','CON_NAME') */
  containerName: string | null;
  /** SYS_CONTEXT('USERENV','SESSION_USER') */
  sessionUser: string;
  /** measured by the console around the health query, ms */
  roundTripMs: number;
  diagnosticsPackLicensed: boolean;
  /** true for the built-in demo database */
  demo: boolean;
}

/** Result of probing one view the console reads (connection test). */
export interface ViewAccess {
  view: string;
  ok: boolean;
  /** the grant to ask the DBA for when !ok */
  grant?: string;
  error?: string;
}

export interface ConnectionTestResult {
  ok: boolean;
  roundTripMs: number;
  health: HealthInfo | null;
  /** one entry per view the console reads */
  access: ViewAccess[];
  /** can ALTER SYSTEM (kill) — null when unknown */
  canKillSessions: boolean | null;
}

export interface KillSessionResult {
  sid: number;
  serial: number;
  /** RAC: the instance the kill was sent to ('sid,serial#,@inst_id') */
  instId?: number;
  /** 'killed' or 'marked' (ORA-00031: marked for kill, finishes when the session's call returns) */
  outcome: 'killed' | 'marked';
  message: string;
}

// ---------------------------------------------------------------------------------------------
// Active Session History (Diagnostics Pack: only with the connection's explicit licence opt-in)

export interface AshBucket {
  /** epoch ms, start of the minute */
  t: number;
  /** average active sessions per wait class over the minute ('CPU' = ON CPU samples) */
  byClass: Record<string, number>;
}

export interface AshTopSql {
  sqlId: string;
  /** average active sessions over the window */
  aas: number;
  /** share of all samples, 0-100 */
  pct: number;
}

export interface AshTopSession {
  sid: number;
  serial: number;
  username: string | null;
  aas: number;
  pct: number;
}

export interface AshActivity {
  sampledAt: number;
  /** window length */
  minutes: number;
  buckets: AshBucket[];
  topSql: AshTopSql[];
  topSessions: AshTopSession[];
}
