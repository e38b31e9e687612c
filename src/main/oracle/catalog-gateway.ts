/**
 * The gateway logic shared by the real database and the demo: it runs catalog statements through a
 * `QueryExecutor` and turns raw rows into UI types with the mappers. Both implementations therefore
 * run the same SQL ids, get rows of the same columns and go through the same code.
 */
import { TmsError } from '@shared/errors';
import type { BlockingObject } from '@shared/types/activity';
import {
  type AshActivity,
  type BlockingNode,
  type ColumnRow,
  type ConnectionTestResult,
  type DashboardMetrics,
  type DdlWatermark,
  GATEWAY_RESOURCES,
  type GatewayResource,
  type HealthInfo,
  type KillSessionResult,
  type LockRow,
  type LockSession,
  type LocksSnapshot,
  type QueryCounts,
  type RealtimeMetrics,
  type SchemaRow,
  type SessionsSnapshot,
  type SqlDetail,
  type SqlPlan,
  type SqlText,
  type TableRow,
  TOP_SQL_ORDERS,
  type TopSqlQuery,
  type TopSqlResult,
  TREND_PERIODS,
  type TrendPeriod,
  type TrendPoint,
  type TrendSeries,
  type ViewAccess,
  type WaitClassRow,
  type WaitEventRow,
  type WaitEventsSnapshot,
} from '@shared/types/oracle';
import { ActivityReader, type ActivitySampleRead, type SqlStatsSnapshot } from './activity-reader';
import * as C from './catalog';
import { classifyOracleError, grantFor } from './errors';
import { CONSOLE_MODULE, type OracleGateway, type TrendSampleStore } from './gateway';
import type { RawRow } from './mappers';
import * as M from './mappers';
import { InMemoryTrendSampleStore } from './trend-store';

export interface QueryExecutor {
  /** runs one catalog statement with named binds; throws the driver's (or demo's) raw error */
  run(query: C.CatalogQuery, binds?: Record<string, string | number>): Promise<RawRow[]>;
  /** ALTER SYSTEM KILL SESSION (the text comes from catalog.killSessionSql) */
  killSession(sid: number, serial: number): Promise<void>;
  /** one round trip */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface CatalogGatewayOptions {
  kind: 'demo' | 'oracle';
  /** the connecting user, for grant hints */
  user?: string;
  diagnosticsPackLicensed?: boolean;
  sampleStore?: TrendSampleStore;
  now?: () => number;
  /** runs before each resource call (the demo sleeps its latency here) */
  beforeCall?: (resource: GatewayResource) => Promise<void>;
}

const SQL_ID_RE = /^[0-9a-z]{13}$/;
const NAME_MAX = 128;
const TREND_SPAN_MS: Record<TrendPeriod, number> = { '1h': 3_600_000, '24h': 86_400_000, '7d': 604_800_000 };
const TREND_STEP_SEC: Record<TrendPeriod, number> = { '1h': 60, '24h': 300, '7d': 1800 };

interface EventSample {
  at: number;
  events: Map<string, { waitClass: string; waits: number; timeouts: number; micro: number }>;
}

function checkSqlId(sqlId: string): void {
  if (typeof sqlId !== 'string' || !SQL_ID_RE.test(sqlId)) {
    throw new TmsError('VALIDATION', 'A SQL_ID is 13 characters of 0-9 and a-z.');
  }
}
function checkName(what: string, name: string): void {
  if (typeof name !== 'string' || name.length === 0 || name.length > NAME_MAX) {
    throw new TmsError('VALIDATION', `${what} must be 1-${NAME_MAX} characters.`);
  }
}

export class CatalogGateway implements OracleGateway {
  readonly kind: 'demo' | 'oracle';
  private readonly counts: QueryCounts;
  private readonly now: () => number;
  protected readonly store: TrendSampleStore;
  private prevEvents: EventSample | null = null;
  private closed = false;

  constructor(
    protected readonly exec: QueryExecutor,
    protected readonly opts: CatalogGatewayOptions,
  ) {
    this.kind = opts.kind;
    this.now = opts.now ?? Date.now;
    this.store = opts.sampleStore ?? new InMemoryTrendSampleStore();
    this.counts = Object.fromEntries(GATEWAY_RESOURCES.map((r) => [r, 0])) as QueryCounts;
  }

  // --- plumbing ---------------------------------------------------------------------------------

  private async enter(resource: GatewayResource): Promise<void> {
    if (this.closed) throw new TmsError('ORACLE_ERROR', 'This connection was closed.', { retryable: true });
    this.counts[resource]++;
    await this.opts.beforeCall?.(resource);
  }

  protected async run(query: C.CatalogQuery, binds?: Record<string, string | number>): Promise<RawRow[]> {
    try {
      return await this.exec.run(query, binds);
    } catch (err) {
      throw classifyOracleError(err, { views: query.views, user: this.opts.user, operation: 'query' });
    }
  }

  // --- activity sampler (issue 14; statements and mapping in activity-reader.ts) -----------------

  private activityReader: ActivityReader | null = null;
  private get activity(): ActivityReader {
    this.activityReader ??= new ActivityReader((q, b) => this.run(q, b), this.now);
    return this.activityReader;
  }
  async activitySample(): Promise<ActivitySampleRead> {
    await this.enter('activity-sample');
    return this.activity.sample();
  }
  async sqlStatsSnapshot(maxRows: number): Promise<SqlStatsSnapshot> {
    if (!Number.isInteger(maxRows) || maxRows < 1 || maxRows > 20_000) {
      throw new TmsError('VALIDATION', 'A V$SQLSTATS snapshot holds 1 to 20000 rows.');
    }
    await this.enter('sqlstats-snapshot');
    return this.activity.sqlStatsSnapshot(maxRows);
  }
  async objectNames(ids: readonly number[]): Promise<BlockingObject[]> {
    await this.enter('activity-objects');
    return this.activity.objectNames(ids);
  }
  /** statements the activity reader ran (a sample may add a plan-hash look-up) */
  activityStatements(): number {
    return this.activityReader?.statements ?? 0;
  }

  queryCounts(): QueryCounts {
    return { ...this.counts };
  }
  totalQueries(): number {
    return Object.values(this.counts).reduce((a, b) => a + b, 0);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.exec.close();
  }

  // --- dashboard / realtime -----------------------------------------------------------------------

  async dashboard(): Promise<DashboardMetrics> {
    await this.enter('dashboard');
    // statements of one resource run one after the other: one pooled connection at a time, so
    // several panels polling together do not exhaust the small pool
    const metricRows = await this.run(C.DASHBOARD_METRICS);
    const countRows = await this.run(C.SESSION_COUNTS, { consoleModule: CONSOLE_MODULE });
    const classRows = await this.run(C.WAIT_CLASS_METRIC);
    const m = M.pivotMetrics(metricRows, 2);
    const { endTime, intervalSec } = M.metricInterval(m, 2);
    const c = countRows[0] ?? {};
    const dbCpu = M.csPerSec(m, 'cpuPerSec');
    const waitClasses = classRows
      .map((r) => {
        const cs = M.num(r.INTSIZE_CSEC);
        const tw = M.num0(r.TIME_WAITED);
        return { waitClass: M.str(r.WAIT_CLASS) ?? '?', aas: cs ? Math.round((tw / cs) * 1000) / 1000 : 0 };
      })
      .concat(dbCpu === null ? [] : [{ waitClass: 'CPU', aas: dbCpu }])
      .sort((a, b) => b.aas - a.aas);
    const sampledAt = this.now();
    this.store.add(M.pointFromMetrics(m, endTime ?? sampledAt));
    return {
      sampledAt,
      metricEndTime: endTime,
      intervalSec,
      averageActiveSessions: M.metric(m, 'aas'),
      hostCpuPct: M.metric(m, 'hostCpu'),
      dbCpuPerSec: dbCpu,
      dbTimePerSec: M.csPerSec(m, 'dbTimePerSec'),
      executionsPerSec: M.metric(m, 'executions'),
      logicalReadsPerSec: M.metric(m, 'logicalReads'),
      physicalReadsPerSec: M.metric(m, 'physicalReads'),
      redoBytesPerSec: M.metric(m, 'redo'),
      userCallsPerSec: M.metric(m, 'userCalls'),
      userCommitsPerSec: M.metric(m, 'commits'),
      hardParsesPerSec: M.metric(m, 'hardParses'),
      bufferCacheHitPct: M.metric(m, 'bufferHit'),
      sessions: {
        total: M.num0(c.TOTAL),
        active: M.num0(c.ACTIVE),
        inactive: M.num0(c.INACTIVE),
        blocked: M.num0(c.BLOCKED),
      },
      waitClasses,
    };
  }

  async realtime(): Promise<RealtimeMetrics> {
    await this.enter('realtime');
    const m = M.pivotMetrics(await this.run(C.REALTIME_METRICS), 3);
    const { endTime, intervalSec } = M.metricInterval(m, 3);
    return {
      sampledAt: this.now(),
      metricEndTime: endTime,
      intervalSec,
      averageActiveSessions: M.metric(m, 'aas'),
      hostCpuPct: M.metric(m, 'hostCpu'),
      dbCpuPerSec: M.csPerSec(m, 'cpuPerSec'),
      executionsPerSec: M.metric(m, 'executions'),
      userCallsPerSec: M.metric(m, 'userCalls'),
      logicalReadsPerSec: M.metric(m, 'logicalReads'),
      physicalReadsPerSec: M.metric(m, 'physicalReads'),
      redoBytesPerSec: M.metric(m, 'redo'),
      userCommitsPerSec: M.metric(m, 'commits'),
      currentLogons: M.metric(m, 'logons'),
    };
  }

  // --- sessions / locks ------------------------------------------------------------------------

  async sessions(): Promise<SessionsSnapshot> {
    await this.enter('sessions');
    const rows = (await this.run(C.SESSIONS)).map(M.mapSession);
    const sessions = rows.filter((s) => s.module !== CONSOLE_MODULE);
    return { sampledAt: this.now(), sessions, hiddenOwnSessions: rows.length - sessions.length };
  }

  async locks(): Promise<LocksSnapshot> {
    await this.enter('locks');
    const sessionRows = await this.run(C.LOCK_SESSIONS);
    const lockRows = await this.run(C.LOCK_ROWS);
    return buildLockTree(sessionRows.map(M.mapLockSession), lockRows.map(M.mapLock), this.now());
  }

  // --- wait events -------------------------------------------------------------------------------

  async waitEvents(): Promise<WaitEventsSnapshot> {
    await this.enter('wait-events');
    const rows = await this.run(C.SYSTEM_EVENTS);
    const at = this.now();
    const current: EventSample = { at, events: new Map() };
    for (const r of rows) {
      current.events.set(M.str(r.EVENT) ?? '?', {
        waitClass: M.str(r.WAIT_CLASS) ?? 'Other',
        waits: M.num0(r.TOTAL_WAITS),
        timeouts: M.num0(r.TOTAL_TIMEOUTS),
        micro: M.num0(r.TIME_WAITED_MICRO),
      });
    }
    let prev = this.prevEvents;
    // counters went down: the instance restarted since the previous sample
    if (prev) {
      for (const [name, cur] of current.events) {
        const p = prev.events.get(name);
        if (p && (cur.waits < p.waits || cur.micro < p.micro)) {
          prev = null;
          break;
        }
      }
    }
    let intervalSec: number;
    let sinceStartup = false;
    if (prev && at - prev.at >= 1000) {
      intervalSec = (at - prev.at) / 1000;
    } else if (prev) {
      // polled again within a second: keep the older baseline so the rates stay meaningful
      intervalSec = Math.max((at - prev.at) / 1000, 0.001);
    } else {
      const up = await this.run(C.INSTANCE_UPTIME);
      intervalSec = Math.max(M.num0(up[0]?.UPTIME_SEC), 1);
      sinceStartup = true;
    }
    const events: WaitEventRow[] = [];
    const classes = new Map<
      string,
      { waits: number; micro: number; totalWaits: number; totalMicro: number }
    >();
    for (const [event, cur] of current.events) {
      const p = prev?.events.get(event);
      const dWaits = cur.waits - (p?.waits ?? 0);
      const dMicro = cur.micro - (p?.micro ?? 0);
      const dMs = dMicro / 1000;
      events.push({
        event,
        waitClass: cur.waitClass,
        waitsPerSec: r3(dWaits / intervalSec),
        timeWaitedMsPerSec: r3(dMs / intervalSec),
        avgWaitMs: dWaits > 0 ? r3(dMs / dWaits) : null,
        totalWaits: cur.waits,
        totalTimeouts: cur.timeouts,
        totalTimeWaitedMs: r3(cur.micro / 1000),
        avgWaitMsSinceStartup: cur.waits > 0 ? r3(cur.micro / 1000 / cur.waits) : null,
      });
      const c = classes.get(cur.waitClass) ?? { waits: 0, micro: 0, totalWaits: 0, totalMicro: 0 };
      c.waits += dWaits;
      c.micro += dMicro;
      c.totalWaits += cur.waits;
      c.totalMicro += cur.micro;
      classes.set(cur.waitClass, c);
    }
    if (!prev || at - prev.at >= 1000) this.prevEvents = current;
    const totalMicro = [...classes.values()].reduce((a, c) => a + c.micro, 0);
    const classRows: WaitClassRow[] = [...classes.entries()].map(([waitClass, c]) => ({
      waitClass,
      waitsPerSec: r3(c.waits / intervalSec),
      timeWaitedMsPerSec: r3(c.micro / 1000 / intervalSec),
      avgWaitMs: c.waits > 0 ? r3(c.micro / 1000 / c.waits) : null,
      totalWaits: c.totalWaits,
      totalTimeWaitedMs: r3(c.totalMicro / 1000),
      pctOfWaitTime: totalMicro > 0 ? Math.round((c.micro / totalMicro) * 1000) / 10 : 0,
    }));
    events.sort(
      (a, b) => b.timeWaitedMsPerSec - a.timeWaitedMsPerSec || b.totalTimeWaitedMs - a.totalTimeWaitedMs,
    );
    classRows.sort(
      (a, b) => b.timeWaitedMsPerSec - a.timeWaitedMsPerSec || b.totalTimeWaitedMs - a.totalTimeWaitedMs,
    );
    return { sampledAt: at, intervalSec: r3(intervalSec), sinceStartup, events, classes: classRows };
  }

  // --- SQL ---------------------------------------------------------------------------------------

  async topSql(query: TopSqlQuery): Promise<TopSqlResult> {
    const { limit, orderBy } = query;
    if (!Number.isInteger(limit) || limit < 1 || limit > 200) {
      throw new TmsError('VALIDATION', 'Top SQL limit must be an integer from 1 to 200.');
    }
    if (!(TOP_SQL_ORDERS as readonly string[]).includes(orderBy)) {
      throw new TmsError('VALIDATION', `Top SQL order must be one of ${TOP_SQL_ORDERS.join(', ')}.`);
    }
    await this.enter('top-sql');
    const rows = await this.run(C.TOP_SQL[orderBy], { maxRows: limit });
    return { sampledAt: this.now(), orderBy, limit, rows: rows.map(M.mapTopSql) };
  }

  async sqlDetail(sqlId: string): Promise<SqlDetail | null> {
    checkSqlId(sqlId);
    await this.enter('sql');
    const statRows = await this.run(C.SQL_STATS, { sqlId });
    const childRows = await this.run(C.SQL_CHILDREN, { sqlId });
    const s = statRows[0];
    if (!s) return null;
    const children = childRows.map(M.mapSqlChild);
    const top = M.mapTopSql({
      ...s,
      PARSING_SCHEMA_NAME: children[0]?.parsingSchemaName ?? null,
      MODULE: children[0]?.module ?? null,
    });
    const avgHard = M.num(s.AVG_HARD_PARSE_TIME);
    return {
      sqlId,
      stats: {
        ...top,
        fetches: M.num0(s.FETCHES),
        sorts: M.num0(s.SORTS),
        loads: M.num0(s.LOADS),
        invalidations: M.num0(s.INVALIDATIONS),
        versionCount: M.num0(s.VERSION_COUNT),
        clusterWaitMs: r3(M.num0(s.CLUSTER_WAIT_TIME) / 1000),
        plsqlExecMs: r3(M.num0(s.PLSQL_EXEC_TIME) / 1000),
        javaExecMs: r3(M.num0(s.JAVA_EXEC_TIME) / 1000),
        sharableMemBytes: M.num0(s.SHARABLE_MEM),
        avgHardParseMs: avgHard === null ? null : r3(avgHard / 1000),
        pxServersExecutions: M.num0(s.PX_SERVERS_EXECUTIONS),
      },
      children,
    };
  }

  async sqlText(sqlId: string): Promise<SqlText | null> {
    checkSqlId(sqlId);
    await this.enter('sql-text');
    const rows = await this.run(C.SQL_FULLTEXT, { sqlId });
    const text = M.str(rows[0]?.SQL_FULLTEXT);
    if (text === null) return null;
    return { sqlId, text, length: text.length };
  }

  async sqlPlan(sqlId: string): Promise<SqlPlan | null> {
    checkSqlId(sqlId);
    await this.enter('sql-plan');
    const xplanRows = await this.run(C.SQL_PLAN_XPLAN, { sqlId });
    const planRows = await this.run(C.SQL_PLAN_ROWS, { sqlId });
    const lines = xplanRows.map((r) => M.str(r.PLAN_TABLE_OUTPUT) ?? '');
    const rows = planRows.map(M.mapPlanRow);
    const notFound = lines.some((l) =>
      /cannot be found|could not be found|cannot fetch plan|is not loaded/i.test(l),
    );
    if (rows.length === 0 && (lines.length === 0 || notFound)) return null;
    const first = planRows[0];
    return {
      sqlId,
      childNumber: first ? M.num(first.CHILD_NUMBER) : null,
      planHashValue: first ? M.num(first.PLAN_HASH_VALUE) : null,
      lines,
      rows,
    };
  }

  // --- metadata ----------------------------------------------------------------------------------

  async schemas(): Promise<SchemaRow[]> {
    await this.enter('schemas');
    return (await this.run(C.SCHEMAS)).map(M.mapSchema);
  }

  async tables(schema: string): Promise<TableRow[]> {
    checkName('Schema', schema);
    await this.enter('tables');
    return (await this.run(C.TABLES, { owner: schema })).map(M.mapTable);
  }

  async columns(schema: string, table: string): Promise<ColumnRow[]> {
    checkName('Schema', schema);
    checkName('Table', table);
    await this.enter('columns');
    return (await this.run(C.COLUMNS, { owner: schema, tableName: table })).map(M.mapColumn);
  }

  async ddlWatermark(): Promise<DdlWatermark> {
    await this.enter('ddl-watermark');
    const r = (await this.run(C.DDL_WATERMARK))[0] ?? {};
    const maxLastDdlTime = M.date(r.MAX_LAST_DDL_TIME);
    const objectCount = M.num0(r.OBJECT_COUNT);
    return { maxLastDdlTime, objectCount, token: `${maxLastDdlTime ?? 'none'}:${objectCount}` };
  }

  // --- trend ---------------------------------------------------------------------------------------

  async trend(period: TrendPeriod): Promise<TrendSeries> {
    if (!(TREND_PERIODS as readonly string[]).includes(period)) {
      throw new TmsError('VALIDATION', `Trend period must be one of ${TREND_PERIODS.join(', ')}.`);
    }
    await this.enter('trend');
    const history = M.pivotHistory(await this.run(C.TREND_HISTORY));
    for (const p of history) this.store.add(p);
    if (period === '1h')
      return { period, stepSec: 60, source: this.trendSource('metric-history'), points: history };
    const now = this.now();
    const since = now - TREND_SPAN_MS[period];
    const firstHistory = history[0]?.t ?? Number.POSITIVE_INFINITY;
    const older = this.store.since(since).filter((p) => p.t < firstHistory);
    const points = downsample([...older, ...history], TREND_STEP_SEC[period] * 1000);
    return { period, stepSec: TREND_STEP_SEC[period], source: this.trendSource('console-samples'), points };
  }

  protected trendSource(real: TrendSeries['source']): TrendSeries['source'] {
    return this.kind === 'demo' ? 'synthetic' : real;
  }

  // --- health, test, kill, ping ---------------------------------------------------------------------

  async health(): Promise<HealthInfo> {
    await this.enter('health');
    return this.readHealth();
  }

  private async readHealth(): Promise<HealthInfo> {
    const t0 = performance.now();
    const r = (await this.run(C.HEALTH))[0];
    const roundTripMs = Math.round((performance.now() - t0) * 10) / 10;
    if (!r) throw new TmsError('ORACLE_ERROR', 'V$INSTANCE returned no row.');
    const cdb = M.str(r.CDB);
    return {
      sampledAt: this.now(),
      instanceName: M.str(r.INSTANCE_NAME) ?? '',
      instanceNumber: M.num0(r.INSTANCE_NUMBER),
      hostName: M.str(r.HOST_NAME) ?? '',
      version: M.str(r.VERSION) ?? '',
      startupTime: M.date(r.STARTUP_TIME) ?? 0,
      uptimeSec: M.num0(r.UPTIME_SEC),
      status: M.str(r.STATUS) ?? '',
      databaseStatus: M.str(r.DATABASE_STATUS),
      dbName: M.str(r.DB_NAME) ?? '',
      dbUniqueName: M.str(r.DB_UNIQUE_NAME),
      openMode: M.str(r.OPEN_MODE),
      databaseRole: M.str(r.DATABASE_ROLE),
      logMode: M.str(r.LOG_MODE),
      platformName: M.str(r.PLATFORM_NAME),
      cdb: cdb === null ? null : M.yes(cdb),
      containerName: M.str(r.CON_NAME),
      sessionUser: M.str(r.SESSION_USER) ?? '',
      roundTripMs,
      diagnosticsPackLicensed: this.opts.diagnosticsPackLicensed ?? false,
      demo: this.kind === 'demo',
    };
  }

  async ping(): Promise<number> {
    await this.enter('ping');
    const t0 = performance.now();
    try {
      await this.exec.ping();
    } catch (err) {
      throw classifyOracleError(err, { user: this.opts.user, operation: 'connect' });
    }
    return Math.round((performance.now() - t0) * 10) / 10;
  }

  async test(): Promise<ConnectionTestResult> {
    const roundTripMs = await this.ping();
    await this.enter('health');
    let health: HealthInfo | null = null;
    try {
      health = await this.readHealth();
    } catch (err) {
      if (!(err instanceof TmsError) || err.code !== 'ORACLE_PRIVILEGE') throw err;
    }
    const access: ViewAccess[] = [];
    for (const probe of C.PROBES) {
      const view = probe.views[0] ?? '?';
      try {
        await this.run(probe);
        access.push({ view, ok: true });
      } catch (err) {
        const e = classifyOracleError(err);
        if (e.code !== 'ORACLE_PRIVILEGE') throw e;
        access.push({ view, ok: false, grant: grantFor([view], this.opts.user), error: e.message });
      }
    }
    let canKillSessions: boolean | null = null;
    try {
      canKillSessions = M.num0((await this.run(C.CAN_KILL))[0]?.N) > 0;
    } catch {
      canKillSessions = null;
    }
    return { ok: access.every((a) => a.ok) && health !== null, roundTripMs, health, access, canKillSessions };
  }

  // --- Diagnostics Pack extra ---------------------------------------------------------------------

  async ashActivity(minutes: number): Promise<AshActivity> {
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > 60) {
      throw new TmsError('VALIDATION', 'The ASH window is 1 to 60 minutes.');
    }
    if (!this.opts.diagnosticsPackLicensed) {
      throw new TmsError(
        'UNSUPPORTED',
        'Active Session History needs the Oracle Diagnostics Pack licence. Turn on "Diagnostics Pack licensed" ' +
          'for this connection only if the database is licensed for it.',
      );
    }
    await this.enter('ash');
    const minuteRows = await this.run(C.ASH_BY_MINUTE, { minutes });
    const sqlRows = await this.run(C.ASH_TOP_SQL, { minutes });
    const sessionRows = await this.run(C.ASH_TOP_SESSIONS, { minutes });
    const total = minuteRows.reduce((a, r) => a + M.num0(r.SAMPLES), 0);
    const windowSec = minutes * 60;
    const buckets = new Map<number, Record<string, number>>();
    for (const r of minuteRows) {
      const t = M.date(r.MINUTE_START);
      if (t === null) continue;
      const b = buckets.get(t) ?? {};
      const cls = M.str(r.WAIT_CLASS) ?? 'Other';
      b[cls] = r3((b[cls] ?? 0) + M.num0(r.SAMPLES) / 60);
      buckets.set(t, b);
    }
    const share = (samples: number) => ({
      aas: r3(samples / windowSec),
      pct: total > 0 ? Math.round((samples / total) * 1000) / 10 : 0,
    });
    return {
      sampledAt: this.now(),
      minutes,
      buckets: [...buckets.entries()].sort((a, b) => a[0] - b[0]).map(([t, byClass]) => ({ t, byClass })),
      topSql: sqlRows.map((r) => ({ sqlId: M.str(r.SQL_ID) ?? '', ...share(M.num0(r.SAMPLES)) })),
      topSessions: sessionRows.map((r) => ({
        sid: M.num0(r.SESSION_ID),
        serial: M.num0(r.SERIAL_NO),
        username: M.str(r.USERNAME),
        ...share(M.num0(r.SAMPLES)),
      })),
    };
  }

  async killSession(sid: number, serial: number): Promise<KillSessionResult> {
    try {
      C.killSessionSql(sid, serial);
    } catch {
      throw new TmsError('VALIDATION', 'sid and serial# must be positive integers.');
    }
    await this.enter('kill-session');
    try {
      await this.exec.killSession(sid, serial);
      return { sid, serial, outcome: 'killed', message: `Session ${sid},${serial} was killed.` };
    } catch (err) {
      const e = classifyOracleError(err, { user: this.opts.user, operation: 'kill' });
      if (e.code === 'CONFLICT' && e.details?.oracleCode === 'ORA-00031') {
        return { sid, serial, outcome: 'marked', message: e.message };
      }
      throw e;
    }
  }
}

const r3 = (n: number): number => Math.round(n * 1000) / 1000;

/** Bucket points to `stepMs` (mean of each metric per bucket; nulls ignored). */
export function downsample(points: TrendPoint[], stepMs: number): TrendPoint[] {
  const buckets = new Map<number, TrendPoint[]>();
  for (const p of points) {
    const b = Math.ceil(p.t / stepMs) * stepMs;
    const list = buckets.get(b) ?? [];
    list.push(p);
    buckets.set(b, list);
  }
  const keys = Object.keys(M.emptyPoint(0)).filter((k) => k !== 't') as (keyof Omit<TrendPoint, 't'>)[];
  return [...buckets.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([t, list]) => {
      const out = M.emptyPoint(t);
      for (const k of keys) {
        const vals = list.map((p) => p[k]).filter((v): v is number => v !== null);
        out[k] = vals.length ? r3(vals.reduce((a, b) => a + b, 0) / vals.length) : null;
      }
      return out;
    });
}

/** Blocker at the root, waiters below (oracle.md 2.3: parent = BLOCKING_SESSION). Cycles are broken. */
export function buildLockTree(sessions: LockSession[], locks: LockRow[], sampledAt: number): LocksSnapshot {
  const bySid = new Map(sessions.map((s) => [s.sid, s]));
  const locksBySid = new Map<number, LockRow[]>();
  for (const l of locks) {
    const list = locksBySid.get(l.sid) ?? [];
    list.push(l);
    locksBySid.set(l.sid, list);
  }
  // blockers outside the result (another instance, or gone between statements) get a placeholder
  for (const s of sessions) {
    if (s.blockingSession !== null && !bySid.has(s.blockingSession)) {
      bySid.set(s.blockingSession, {
        instId: s.blockingInstance ?? s.instId,
        sid: s.blockingSession,
        serial: 0,
        username: null,
        status: 'UNKNOWN',
        machine: null,
        program: null,
        sqlId: null,
        prevSqlId: null,
        event: null,
        waitClass: null,
        secondsInWait: 0,
        lastCallEt: 0,
        blockingSession: null,
        blockingInstance: null,
        rowWaitObj: null,
      });
    }
  }
  const children = new Map<number, LockSession[]>();
  for (const s of bySid.values()) {
    if (s.blockingSession === null) continue;
    const list = children.get(s.blockingSession) ?? [];
    list.push(s);
    children.set(s.blockingSession, list);
  }
  const visited = new Set<number>();
  const build = (s: LockSession): BlockingNode => {
    visited.add(s.sid);
    const waiters = (children.get(s.sid) ?? [])
      .filter((w) => !visited.has(w.sid))
      .sort((a, b) => b.secondsInWait - a.secondsInWait || a.sid - b.sid)
      .map(build);
    return {
      session: s,
      locks: locksBySid.get(s.sid) ?? [],
      waiters,
      totalWaiters: waiters.reduce((n, w) => n + 1 + w.totalWaiters, 0),
      maxWaitSec: waiters.reduce((m, w) => Math.max(m, w.session.secondsInWait, w.maxWaitSec), 0),
    };
  };
  const roots: BlockingNode[] = [];
  const ordered = [...bySid.values()].sort((a, b) => a.sid - b.sid);
  for (const s of ordered) if (s.blockingSession === null && children.has(s.sid)) roots.push(build(s));
  // what is left is a cycle (a deadlock being resolved): root it at its lowest sid
  for (const s of ordered) if (!visited.has(s.sid) && children.has(s.sid)) roots.push(build(s));
  roots.sort((a, b) => b.totalWaiters - a.totalWaiters || b.maxWaitSec - a.maxWaitSec);
  const inTree = new Set(visited);
  return {
    sampledAt,
    roots,
    blockedCount: sessions.filter((s) => s.blockingSession !== null).length,
    locks: locks.filter((l) => inTree.has(l.sid)),
  };
}
