/**
 * Row mappers: raw rows (outFormat OBJECT: upper-case keys, NUMBER -> number) to the UI types. Time
 * columns arrive as instants (epoch ms computed in SQL by catalog.epochMs), never as driver-built Dates. The real executor and the demo database both produce raw rows, and both go through
 * these same functions.
 */
import type {
  ColumnRow,
  LockRow,
  LockSession,
  PlanRow,
  SchemaRow,
  SessionRow,
  SqlChildRow,
  TableRow,
  TopSqlRow,
  TrendPoint,
} from '@shared/types/oracle';
import { METRIC, type MetricKey } from './catalog';

export type RawRow = Record<string, unknown>;

export function num(v: unknown): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}
export const num0 = (v: unknown): number => num(v) ?? 0;
export function str(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  return typeof v === 'string' ? v : String(v);
}
export function date(v: unknown): number | null {
  if (v instanceof Date) {
    const t = v.getTime();
    return Number.isNaN(t) ? null : t;
  }
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const t = Date.parse(v);
    return Number.isNaN(t) ? null : t;
  }
  return null;
}
/** 'YES'/'Y'/'TRUE' -> true */
export const yes = (v: unknown): boolean => {
  const s = str(v)?.trim().toUpperCase();
  return s === 'YES' || s === 'Y' || s === 'TRUE';
};
const round = (n: number, digits = 3): number => {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
};

// --- V$SYSMETRIC ------------------------------------------------------------------------------

export interface MetricValue {
  value: number | null;
  group: number;
  endTime: number | null;
  intervalSec: number | null;
}
export type MetricSet = Partial<Record<MetricKey, MetricValue>>;

const KEY_OF_NAME = new Map<string, MetricKey>(
  (Object.entries(METRIC) as [MetricKey, string][]).map(([k, n]) => [n, k]),
);

/** Pivot V$SYSMETRIC rows; for each metric the `preferGroup` row wins over the other group. */
export function pivotMetrics(rows: RawRow[], preferGroup: number): MetricSet {
  const out: MetricSet = {};
  for (const r of rows) {
    const key = KEY_OF_NAME.get(str(r.METRIC_NAME) ?? '');
    if (!key) continue;
    const group = num0(r.GROUP_ID);
    const prev = out[key];
    if (prev && prev.group === preferGroup && group !== preferGroup) continue;
    const cs = num(r.INTSIZE_CSEC);
    out[key] = {
      value: num(r.VALUE),
      group,
      endTime: date(r.END_TIME),
      intervalSec: cs === null ? null : cs / 100,
    };
  }
  return out;
}

export const metric = (m: MetricSet, k: MetricKey): number | null => {
  const v = m[k]?.value;
  return v === null || v === undefined ? null : round(v);
};
/** centiseconds per second -> seconds per second */
export const csPerSec = (m: MetricSet, k: MetricKey): number | null => {
  const v = m[k]?.value;
  return v === null || v === undefined ? null : round(v / 100);
};

/** The interval the set describes: the END_TIME / INTSIZE of the preferred group's rows. */
export function metricInterval(
  m: MetricSet,
  preferGroup: number,
): { endTime: number | null; intervalSec: number | null } {
  const all = Object.values(m).filter((v): v is MetricValue => !!v);
  const pick = all.find((v) => v.group === preferGroup) ?? all[0];
  return { endTime: pick?.endTime ?? null, intervalSec: pick?.intervalSec ?? null };
}

/** Metrics that are ratios or host-wide: averaged over instances, never summed. */
const AVERAGED: ReadonlySet<MetricKey> = new Set<MetricKey>(['hostCpu', 'bufferHit']);

/** Rows grouped by a numeric column (INST_ID, CON_ID), in key order. */
export function groupBy(rows: RawRow[], column: string): Map<number, RawRow[]> {
  const out = new Map<number, RawRow[]>();
  for (const r of rows) {
    const k = num(r[column]) ?? 0;
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return new Map([...out.entries()].sort((a, b) => a[0] - b[0]));
}

/**
 * The cluster total of per-instance metric sets: rates and counts add up; Host CPU and the hit ratio are
 * averaged. The interval is the latest END_TIME of the parts.
 */
export function combineInstances(sets: MetricSet[]): MetricSet {
  if (sets.length === 1) return sets[0] ?? {};
  const out: MetricSet = {};
  const keys = new Set(sets.flatMap((m) => Object.keys(m) as MetricKey[]));
  for (const k of keys) {
    const parts = sets.map((m) => m[k]).filter((v): v is MetricValue => !!v && v.value !== null);
    if (parts.length === 0) continue;
    const total = parts.reduce((a, v) => a + (v.value ?? 0), 0);
    const first = parts[0] as MetricValue;
    out[k] = {
      value: AVERAGED.has(k) ? total / parts.length : total,
      group: first.group,
      endTime: Math.max(...parts.map((v) => v.endTime ?? 0)) || null,
      intervalSec: first.intervalSec,
    };
  }
  return out;
}

/** Pivot GV$ metric rows per instance, then combine: the cluster total and each instance's set. */
export function pivotCluster(
  rows: RawRow[],
  preferGroup: number,
): { total: MetricSet; byInstance: Map<number, MetricSet> } {
  const byInstance = new Map<number, MetricSet>();
  for (const [inst, list] of groupBy(rows, 'INST_ID')) byInstance.set(inst, pivotMetrics(list, preferGroup));
  return { total: combineInstances([...byInstance.values()]), byInstance };
}

/** V$CON_SYSMETRIC rows carry no GROUP_ID: they are the 60 s group. */
export const asGroup2 = (rows: RawRow[]): RawRow[] => rows.map((r) => ({ ...r, GROUP_ID: 2 }));

/**
 * GV$SYSMETRIC_HISTORY rows (INST_ID, END_TIME, METRIC_NAME, VALUE) -> points, oldest first. Instances'
 * minutes are not aligned to the second: values are summed per minute (Host CPU averaged).
 */
export function pivotClusterHistory(rows: RawRow[]): TrendPoint[] {
  const byMinute = new Map<number, Map<number, RawRow[]>>();
  for (const r of rows) {
    const t = date(r.END_TIME);
    if (t === null) continue;
    const minute = Math.round(t / 60_000) * 60_000;
    const inst = num(r.INST_ID) ?? 1;
    const m = byMinute.get(minute) ?? new Map<number, RawRow[]>();
    m.set(inst, [...(m.get(inst) ?? []), { ...r, GROUP_ID: 2 }]);
    byMinute.set(minute, m);
  }
  return [...byMinute.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([minute, insts]) =>
      pointFromMetrics(combineInstances([...insts.values()].map((l) => pivotMetrics(l, 2))), minute),
    );
}

/** V$SYSMETRIC_HISTORY rows (END_TIME, METRIC_NAME, VALUE) -> points, oldest first. */
export function pivotHistory(rows: RawRow[]): TrendPoint[] {
  const byT = new Map<number, TrendPoint>();
  for (const r of rows) {
    const t = date(r.END_TIME);
    const key = KEY_OF_NAME.get(str(r.METRIC_NAME) ?? '');
    if (t === null || !key) continue;
    let p = byT.get(t);
    if (!p) {
      p = emptyPoint(t);
      byT.set(t, p);
    }
    setPointMetric(p, key, num(r.VALUE));
  }
  return [...byT.values()].sort((a, b) => a.t - b.t);
}

export function emptyPoint(t: number): TrendPoint {
  return {
    t,
    averageActiveSessions: null,
    hostCpuPct: null,
    dbCpuPerSec: null,
    executionsPerSec: null,
    logicalReadsPerSec: null,
    physicalReadsPerSec: null,
    redoBytesPerSec: null,
    userCallsPerSec: null,
    userCommitsPerSec: null,
  };
}

function setPointMetric(p: TrendPoint, key: MetricKey, v: number | null): void {
  const r = v === null ? null : round(v);
  switch (key) {
    case 'aas':
      p.averageActiveSessions = r;
      break;
    case 'hostCpu':
      p.hostCpuPct = r;
      break;
    case 'cpuPerSec':
      p.dbCpuPerSec = v === null ? null : round(v / 100);
      break;
    case 'executions':
      p.executionsPerSec = r;
      break;
    case 'logicalReads':
      p.logicalReadsPerSec = r;
      break;
    case 'physicalReads':
      p.physicalReadsPerSec = r;
      break;
    case 'redo':
      p.redoBytesPerSec = r;
      break;
    case 'userCalls':
      p.userCallsPerSec = r;
      break;
    case 'commits':
      p.userCommitsPerSec = r;
      break;
    default:
      break;
  }
}

export function pointFromMetrics(m: MetricSet, t: number): TrendPoint {
  return {
    t,
    averageActiveSessions: metric(m, 'aas'),
    hostCpuPct: metric(m, 'hostCpu'),
    dbCpuPerSec: csPerSec(m, 'cpuPerSec'),
    executionsPerSec: metric(m, 'executions'),
    logicalReadsPerSec: metric(m, 'logicalReads'),
    physicalReadsPerSec: metric(m, 'physicalReads'),
    redoBytesPerSec: metric(m, 'redo'),
    userCallsPerSec: metric(m, 'userCalls'),
    userCommitsPerSec: metric(m, 'commits'),
  };
}

/** ROW_WAIT_OBJ# is -1 when the session waits on no object */
const objNo = (v: unknown): number | null => {
  const n = num(v);
  return n === null || n < 0 ? null : n;
};

// --- sessions, locks --------------------------------------------------------------------------

export function mapSession(r: RawRow): SessionRow {
  const state = str(r.STATE) ?? 'WAITING';
  return {
    instId: num(r.INST_ID) ?? 1,
    conId: num0(r.CON_ID),
    sid: num0(r.SID),
    serial: num0(r.SERIAL_NO),
    username: str(r.USERNAME),
    status: str(r.STATUS) ?? 'INACTIVE',
    osUser: str(r.OSUSER),
    machine: str(r.MACHINE),
    program: str(r.PROGRAM),
    module: str(r.MODULE),
    action: str(r.ACTION),
    serviceName: str(r.SERVICE_NAME),
    sqlId: str(r.SQL_ID),
    sqlChildNumber: num(r.SQL_CHILD_NUMBER),
    prevSqlId: str(r.PREV_SQL_ID),
    sqlExecStart: date(r.SQL_EXEC_START),
    logonTime: date(r.LOGON_TIME) ?? 0,
    lastCallEt: num0(r.LAST_CALL_ET),
    event: str(r.EVENT),
    waitClass: str(r.WAIT_CLASS),
    state,
    onCpu: state !== 'WAITING',
    secondsInWait: num0(r.SECONDS_IN_WAIT),
    blockingSessionStatus: str(r.BLOCKING_SESSION_STATUS),
    blockingInstance: num(r.BLOCKING_INSTANCE),
    blockingSession: num(r.BLOCKING_SESSION),
    rowWaitObj: objNo(r.ROW_WAIT_OBJ_NO),
    clientIdentifier: str(r.CLIENT_IDENTIFIER),
    spid: str(r.SPID),
    pgaUsedBytes: num(r.PGA_USED_MEM),
    pgaAllocBytes: num(r.PGA_ALLOC_MEM),
    pgaMaxBytes: num(r.PGA_MAX_MEM),
  };
}

export function mapLockSession(r: RawRow): LockSession {
  return {
    instId: num(r.INST_ID) ?? 1,
    conId: num0(r.CON_ID),
    sid: num0(r.SID),
    serial: num0(r.SERIAL_NO),
    username: str(r.USERNAME),
    status: str(r.STATUS) ?? 'INACTIVE',
    machine: str(r.MACHINE),
    program: str(r.PROGRAM),
    sqlId: str(r.SQL_ID),
    prevSqlId: str(r.PREV_SQL_ID),
    event: str(r.EVENT),
    waitClass: str(r.WAIT_CLASS),
    secondsInWait: num0(r.SECONDS_IN_WAIT),
    lastCallEt: num0(r.LAST_CALL_ET),
    blockingSession: num(r.BLOCKING_SESSION),
    blockingInstance: num(r.BLOCKING_INSTANCE),
    rowWaitObj: objNo(r.ROW_WAIT_OBJ_NO),
  };
}

/** V$LOCK.LMODE / REQUEST names (oracle.md 2.3). */
export const LOCK_MODE_NAMES: Record<number, string> = {
  0: 'None',
  1: 'Null (N)',
  2: 'Row-S (SS)',
  3: 'Row-X (SX)',
  4: 'Share (S)',
  5: 'S/Row-X (SSX)',
  6: 'Exclusive (X)',
};
export const lockModeName = (m: number): string => LOCK_MODE_NAMES[m] ?? `Mode ${m}`;

/** The common enqueue types (V$LOCK.TYPE); others show as "<type> enqueue". */
export const LOCK_TYPE_NAMES: Record<string, string> = {
  TX: 'Transaction enqueue',
  TM: 'DML enqueue (table)',
  UL: 'User-defined lock (DBMS_LOCK)',
  CF: 'Control file enqueue',
  CI: 'Cross-instance call',
  CU: 'Cursor bind',
  JQ: 'Job queue',
  KO: 'Multiple object checkpoint',
  MR: 'Media recovery',
  RT: 'Redo thread',
  SQ: 'Sequence cache',
  ST: 'Space transaction',
  TO: 'Temp object',
  TS: 'Temporary segment / tablespace',
  HW: 'Segment high-water mark',
  US: 'Undo segment',
  AE: 'Edition',
};
export const lockTypeName = (t: string): string => LOCK_TYPE_NAMES[t] ?? `${t} enqueue`;

export function mapLock(r: RawRow): LockRow {
  const lockType = str(r.TYPE) ?? '??';
  const held = num0(r.LMODE);
  const req = num0(r.REQUEST);
  return {
    instId: num(r.INST_ID) ?? 1,
    sid: num0(r.SID),
    lockType,
    lockTypeName: lockTypeName(lockType),
    id1: num0(r.ID1),
    id2: num0(r.ID2),
    modeHeld: held,
    modeHeldName: lockModeName(held),
    modeRequested: req,
    modeRequestedName: lockModeName(req),
    ctimeSec: num0(r.CTIME),
    block: num0(r.BLOCK),
  };
}

// --- SQL --------------------------------------------------------------------------------------

const usToMs = (v: unknown): number => round(num0(v) / 1000);

export function mapTopSql(r: RawRow): TopSqlRow {
  const executions = num0(r.EXECUTIONS);
  const per = Math.max(executions, 1);
  const elapsedMs = usToMs(r.ELAPSED_TIME);
  const cpuMs = usToMs(r.CPU_TIME);
  const bufferGets = num0(r.BUFFER_GETS);
  const diskReads = num0(r.DISK_READS);
  const rowsProcessed = num0(r.ROWS_PROCESSED);
  return {
    instId: num(r.INST_ID) ?? 1,
    conId: num0(r.CON_ID),
    sqlId: str(r.SQL_ID) ?? '',
    planHashValue: num0(r.PLAN_HASH_VALUE),
    executions,
    elapsedMs,
    cpuMs,
    bufferGets,
    diskReads,
    rowsProcessed,
    parseCalls: num0(r.PARSE_CALLS),
    userIoWaitMs: usToMs(r.USER_IO_WAIT_TIME),
    applicationWaitMs: usToMs(r.APPLICATION_WAIT_TIME),
    concurrencyWaitMs: usToMs(r.CONCURRENCY_WAIT_TIME),
    elapsedMsPerExec: round(elapsedMs / per),
    cpuMsPerExec: round(cpuMs / per),
    bufferGetsPerExec: round(bufferGets / per, 1),
    diskReadsPerExec: round(diskReads / per, 1),
    rowsPerExec: round(rowsProcessed / per, 1),
    lastActiveTime: date(r.LAST_ACTIVE_TIME),
    parsingSchemaName: str(r.PARSING_SCHEMA_NAME),
    module: str(r.MODULE),
    sqlTextSnippet: str(r.SQL_TEXT) ?? '',
  };
}

export function mapSqlChild(r: RawRow): SqlChildRow {
  return {
    childNumber: num0(r.CHILD_NUMBER),
    planHashValue: num0(r.PLAN_HASH_VALUE),
    parsingSchemaName: str(r.PARSING_SCHEMA_NAME),
    module: str(r.MODULE),
    action: str(r.ACTION),
    optimizerMode: str(r.OPTIMIZER_MODE),
    optimizerCost: num(r.OPTIMIZER_COST),
    executions: num0(r.EXECUTIONS),
    elapsedMs: usToMs(r.ELAPSED_TIME),
    bufferGets: num0(r.BUFFER_GETS),
    lastActiveTime: date(r.LAST_ACTIVE_TIME),
    isBindSensitive: yes(r.IS_BIND_SENSITIVE),
    isBindAware: yes(r.IS_BIND_AWARE),
    sqlProfile: str(r.SQL_PROFILE),
    sqlPlanBaseline: str(r.SQL_PLAN_BASELINE),
  };
}

export function mapPlanRow(r: RawRow): PlanRow {
  return {
    id: num0(r.ID),
    parentId: num(r.PARENT_ID),
    depth: num0(r.DEPTH),
    operation: str(r.OPERATION) ?? '',
    options: str(r.OPTIONS),
    objectOwner: str(r.OBJECT_OWNER),
    objectName: str(r.OBJECT_NAME),
    cost: num(r.COST),
    cardinality: num(r.CARDINALITY),
    bytes: num(r.BYTES),
    timeSec: num(r.TIME),
    accessPredicates: str(r.ACCESS_PREDICATES),
    filterPredicates: str(r.FILTER_PREDICATES),
  };
}

// --- metadata ---------------------------------------------------------------------------------

export function mapSchema(r: RawRow): SchemaRow {
  return { username: str(r.USERNAME) ?? '', userId: num0(r.USER_ID), created: date(r.CREATED) };
}

export function mapTable(r: RawRow): TableRow {
  const iot = str(r.IOT_TYPE);
  return {
    owner: str(r.OWNER) ?? '',
    tableName: str(r.TABLE_NAME) ?? '',
    tablespaceName: str(r.TABLESPACE_NAME),
    status: str(r.STATUS),
    numRows: num(r.NUM_ROWS),
    blocks: num(r.BLOCKS),
    avgRowLen: num(r.AVG_ROW_LEN),
    lastAnalyzed: date(r.LAST_ANALYZED),
    partitioned: yes(r.PARTITIONED),
    temporary: yes(r.TEMPORARY),
    iotType: iot,
    compression: str(r.COMPRESSION)?.trim() || null,
    logging: str(r.LOGGING)?.trim() || null,
  };
}

/** 'VARCHAR2(100 CHAR)', 'NUMBER(10,2)', 'NUMBER', 'RAW(16)', 'TIMESTAMP(6)' ... */
export function typeDisplay(
  dataType: string,
  dataLength: number,
  precision: number | null,
  scale: number | null,
  charLength: number | null,
  charUsed: string | null,
): string {
  switch (dataType) {
    case 'VARCHAR2':
    case 'CHAR':
      return `${dataType}(${charLength ?? dataLength}${charUsed === 'C' ? ' CHAR' : ' BYTE'})`;
    case 'NVARCHAR2':
    case 'NCHAR':
      return `${dataType}(${charLength ?? dataLength})`;
    case 'NUMBER':
      if (precision === null) return scale === 0 ? 'INTEGER' : 'NUMBER';
      return scale ? `NUMBER(${precision},${scale})` : `NUMBER(${precision})`;
    case 'FLOAT':
      return precision === null ? 'FLOAT' : `FLOAT(${precision})`;
    case 'RAW':
      return `RAW(${dataLength})`;
    default:
      return dataType;
  }
}

export function mapColumn(r: RawRow): ColumnRow {
  const dataType = str(r.DATA_TYPE) ?? '';
  const dataLength = num0(r.DATA_LENGTH);
  const dataPrecision = num(r.DATA_PRECISION);
  const dataScale = num(r.DATA_SCALE);
  const charLength = num(r.CHAR_LENGTH);
  return {
    columnId: num0(r.COLUMN_ID),
    columnName: str(r.COLUMN_NAME) ?? '',
    dataType,
    typeDisplay: typeDisplay(dataType, dataLength, dataPrecision, dataScale, charLength, str(r.CHAR_USED)),
    dataLength,
    dataPrecision,
    dataScale,
    charLength: charLength === 0 ? null : charLength,
    nullable: str(r.NULLABLE) !== 'N',
    numDistinct: num(r.NUM_DISTINCT),
    numNulls: num(r.NUM_NULLS),
    density: num(r.DENSITY),
    histogram: str(r.HISTOGRAM),
    lastAnalyzed: date(r.LAST_ANALYZED),
  };
}
