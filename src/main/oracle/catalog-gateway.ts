/**
 * The gateway logic shared by the real database and the demo: it runs catalog statements through a
 * `QueryExecutor` and turns raw rows into UI types with the mappers. Both implementations therefore
 * run the same SQL ids, get rows of the same columns and go through the same code.
 */
import { type AppError, TmsError } from '@shared/errors';
import type { BlockingObject } from '@shared/types/activity';
import { ALERT_LOG_MAX_ROWS, type AlertLogSnapshot, isAlertLogWindow } from '@shared/types/alert-log';
import type { CancelSqlResult, StopPreview } from '@shared/types/interventions';
import type { LimitsSnapshot } from '@shared/types/limits';
import { LONG_OPS_MAX_ROWS, LONG_OPS_RECENT_MIN, type LongOpsSnapshot } from '@shared/types/long-ops';
import type { MemoryIoSnapshot } from '@shared/types/memory-io';
import {
  type AshActivity,
  type BlockingNode,
  type ColumnRow,
  type ConnectionTestResult,
  type ConstraintRow,
  type ContainerFigures,
  type ContainerInfo,
  type DashboardMetrics,
  type DatabaseClock,
  type DatabaseIdentity,
  type DdlWatermark,
  GATEWAY_RESOURCES,
  type GatewayResource,
  type HealthInfo,
  type IndexRow,
  type InstanceFigures,
  type InstanceInfo,
  type KillSessionResult,
  type LockRow,
  type LockSession,
  type LocksSnapshot,
  type MetricScope,
  type QueryCounts,
  type RealtimeMetrics,
  type SchemaRow,
  type ScopedDashboardFigure,
  type ScopedRealtimeFigure,
  type SessionCounts,
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
  type WaitClassSlice,
  type WaitEventRow,
  type WaitEventsInstance,
  type WaitEventsSnapshot,
} from '@shared/types/oracle';
import type { DictionaryRows, DictionaryScope, PackAccess, PrivilegeReport } from '@shared/types/privileges';
import type { SessionDetail, SessionDetailQuery } from '@shared/types/session-detail';
import type { SpaceSnapshot, TempUsageSnapshot } from '@shared/types/space';
import { ActivityReader, type ActivitySampleRead, type SqlStatsSnapshot } from './activity-reader';
import type { CancelTarget } from './cancel-paths';
import { cancelStatement } from './cancel-paths';
import * as C from './catalog';
import * as D from './catalog-diagnostics';
import { STOP_PREVIEW } from './catalog-interventions';
import * as P from './catalog-privileges';
import * as K from './catalog-table-keys';
import { alertLogSnapshot, longOpsSnapshot } from './diagnostics-mappers';
import { classifyOracleError, grantFor, type KillMethod } from './errors';
import { CONSOLE_MODULE, type OracleGateway, type TrendSampleStore } from './gateway';
import { buildStopPreview, cancelResult, validateStopTarget } from './interventions';
import type { RawRow } from './mappers';
import * as M from './mappers';
import { MemoryIoReader } from './memory-io-reader';
import { checkPrivileges, packRefusal, readPackAccess, xplanPrivilegeError } from './privilege-check';
import { checkSessionQuery, SessionDetailReader } from './session-detail-reader';
import { SpaceReader } from './space-reader';
import { mapConstraints, mapIndexes } from './table-keys-mappers';
import { InMemoryTrendSampleStore } from './trend-store';

export interface QueryExecutor {
  /** runs one catalog statement with named binds; throws the driver's (or demo's) raw error */
  run(query: C.CatalogQuery, binds?: Record<string, string | number>): Promise<RawRow[]>;
  /** kills by the connection's kill method (kill-paths.ts); throws the driver's raw error */
  killSession(sid: number, serial: number, opts?: KillOptions): Promise<void>;
  /** issue 17: cancels the session's current SQL by the kill method (cancel-paths.ts); raw errors */
  cancelSql?(target: CancelTarget, method: KillMethod): Promise<void>;
  /** one round trip */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface KillOptions {
  /** RAC: the session's instance, passed as '@inst_id' */
  instId?: number;
  method?: KillMethod;
}

export interface CatalogGatewayOptions {
  kind: 'demo' | 'oracle';
  /** how this connection kills sessions (default 'alter-system') */
  killMethod?: KillMethod;
  /** the latest logon warning the executor saw (ORA-28002), if any */
  warning?: () => AppError | null;
  /** the connecting user, for grant hints */
  user?: string;
  diagnosticsPackLicensed?: boolean;
  sampleStore?: TrendSampleStore;
  now?: () => number;
  /** runs before each resource call (the demo sleeps its latency here) */
  beforeCall?: (resource: GatewayResource) => Promise<void>;
}

const SQL_ID_RE = /^[0-9a-z]{13}$/;
/** after an ORA-00942 on DBA_*, try DBA_* again after this long (a grant may have been added) */
const DBA_RETRY_MS = 10 * 60_000;
/** CONTROL_MANAGEMENT_PACK_ACCESS changes rarely (ALTER SYSTEM by a DBA) */
const PACK_TTL_MS = 5 * 60_000;
const NAME_MAX = 128;
const TREND_SPAN_MS: Record<TrendPeriod, number> = { '1h': 3_600_000, '24h': 86_400_000, '7d': 604_800_000 };
const TREND_STEP_SEC: Record<TrendPeriod, number> = { '1h': 60, '24h': 300, '7d': 1800 };

interface EventCounters {
  waitClass: string;
  waits: number;
  timeouts: number;
  micro: number;
  waitsFg: number;
  microFg: number;
}

/** One instance's V$SYSTEM_EVENT sample: the baseline its next sample's rates are computed against. */
interface EventSample {
  /** database clock of the sample (epoch ms) */
  at: number;
  /** the instance's STARTUP_TIME: a different one is a real restart */
  startup: number | null;
  events: Map<string, EventCounters>;
}

/** How long a read identity (CDB/PDB, instances, clock) is trusted before it is read again. */
const IDENTITY_TTL_MS = 5 * 60_000;

/** Dashboard fields and the metric each comes from (for scope labels). */
const DASHBOARD_FIGURE_METRIC: Partial<Record<ScopedDashboardFigure, C.MetricKey>> = {
  averageActiveSessions: 'aas',
  hostCpuPct: 'hostCpu',
  dbCpuPerSec: 'cpuPerSec',
  dbTimePerSec: 'dbTimePerSec',
  executionsPerSec: 'executions',
  logicalReadsPerSec: 'logicalReads',
  physicalReadsPerSec: 'physicalReads',
  redoBytesPerSec: 'redo',
  userCallsPerSec: 'userCalls',
  userCommitsPerSec: 'commits',
  hardParsesPerSec: 'hardParses',
  bufferCacheHitPct: 'bufferHit',
};
const REALTIME_FIGURE_METRIC: Record<ScopedRealtimeFigure, C.MetricKey> = {
  averageActiveSessions: 'aas',
  hostCpuPct: 'hostCpu',
  dbCpuPerSec: 'cpuPerSec',
  executionsPerSec: 'executions',
  userCallsPerSec: 'userCalls',
  logicalReadsPerSec: 'logicalReads',
  physicalReadsPerSec: 'physicalReads',
  redoBytesPerSec: 'redo',
  userCommitsPerSec: 'commits',
  currentLogons: 'logons',
};
/** Figures of the server, not of any container. */
const HOST_METRICS: ReadonlySet<C.MetricKey> = new Set<C.MetricKey>(['hostCpu']);

/** Scope of a whole-database read (V$ rows with CON_ID 0, instance-wide views). */
export function wholeDatabaseScope(identity: DatabaseIdentity): MetricScope {
  return identity.cdb ? 'cdb' : 'database';
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
  /** per instance: wait-event baselines (a pooled connection may land on any instance) */
  private readonly prevEvents = new Map<number, EventSample>();
  private identityCache: { identity: DatabaseIdentity; clock: DatabaseClock; at: number } | null = null;
  /** when the schema browser fell back to ALL_* (null = reads DBA_*) */
  private allDictionarySince: number | null = null;
  private pack: { at: number; access: PackAccess } | null = null;
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

  /** A statement whose missing grant is not fatal: `fallback` rows when the account may not read it. */
  private async runOr(query: C.CatalogQuery, fallback: RawRow[]): Promise<RawRow[]> {
    try {
      return await this.run(query);
    } catch (err) {
      if (err instanceof TmsError && err.code === 'ORACLE_PRIVILEGE') return fallback;
      throw err;
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
  // --- space and limits (issue 17; statements and mapping in space-reader.ts) ---------------------

  private spaceReaderInstance: SpaceReader | null = null;
  private get spaceReader(): SpaceReader {
    this.spaceReaderInstance ??= new SpaceReader((q) => this.run(q), this.now, this.opts.user ?? '<user>');
    return this.spaceReaderInstance;
  }
  async space(): Promise<SpaceSnapshot> {
    await this.enter('space');
    return this.spaceReader.space(await this.identity());
  }
  async tempUsage(): Promise<TempUsageSnapshot> {
    await this.enter('temp-usage');
    return this.spaceReader.tempUsage(await this.identity());
  }
  async resourceLimits(): Promise<LimitsSnapshot> {
    await this.enter('limits');
    return this.spaceReader.limits(await this.identity());
  }

  // --- session drill-down (issue 17; statements and mapping in session-detail-reader.ts) ----------

  private sessionReader: SessionDetailReader | null = null;
  async sessionDetail(query: SessionDetailQuery): Promise<SessionDetail> {
    checkSessionQuery(query);
    await this.enter('session-detail');
    const identity = await this.identity();
    this.sessionReader ??= new SessionDetailReader(
      (q, b) => this.run(q, b),
      (ids) => this.activity.objectNames(ids),
    );
    return this.sessionReader.read(query, { scope: this.sessionScope(identity), rac: identity.rac });
  }

  // --- memory and I/O (issue 17; statements in catalog-memory-io.ts, rates in memory-io-reader.ts) ---

  private memoryIoReader: MemoryIoReader | null = null;
  /** SGA/PGA/V$IOSTAT_* are instance-wide: CDB-wide in a PDB, labelled so (never the PDB's own). */
  async memoryIo(): Promise<MemoryIoSnapshot> {
    await this.enter('memory-io');
    const identity = await this.identity();
    this.memoryIoReader ??= new MemoryIoReader((q) => this.run(q), this.now);
    return this.memoryIoReader.read({
      scope: wholeDatabaseScope(identity),
      inPdb: identity.containerKind === 'pdb',
    });
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

  // --- identity: CDB/PDB, instances, the database clock --------------------------------------------

  /** The identity read by the last health call, re-read when older than IDENTITY_TTL_MS. */
  protected async identity(): Promise<DatabaseIdentity> {
    const cached = this.identityCache;
    if (cached && this.now() - cached.at < IDENTITY_TTL_MS) return cached.identity;
    try {
      await this.readHealth();
    } catch (err) {
      // V$INSTANCE / V$DATABASE not granted: USERENV still says where the session is (no view needed)
      if (!(err instanceof TmsError) || err.code !== 'ORACLE_PRIVILEGE') throw err;
      await this.readUserenvIdentity().catch(() => {
        throw err;
      });
    }
    if (!this.identityCache) throw new TmsError('ORACLE_ERROR', 'Could not read the database identity.');
    return this.identityCache.identity;
  }

  /** The identity from USERENV and the clock alone (no instance list beyond this one, no container list). */
  private async readUserenvIdentity(): Promise<void> {
    const sentAt = this.now();
    const r = (await this.run(C.IDENTITY_USERENV))[0];
    const receivedAt = this.now();
    if (!r) throw new TmsError('ORACLE_ERROR', 'USERENV returned no row.');
    const cdbName = M.str(r.CDB_NAME);
    const conId = M.num0(r.CON_ID);
    const containerName = M.str(r.CON_NAME) ?? '';
    const containerKind = !cdbName ? 'non-cdb' : conId === 1 ? 'root' : 'pdb';
    const instId = M.num0(r.INSTANCE_NUMBER);
    const dbNow = M.num(r.DB_NOW) ?? receivedAt;
    this.identityCache = {
      identity: {
        dbName: cdbName ?? M.str(r.DB_NAME) ?? '',
        cdb: !!cdbName,
        containerKind,
        conId,
        containerName,
        cdbName,
        pdbName: containerKind === 'pdb' ? containerName : null,
        visibleContainers:
          containerKind === 'non-cdb' ? [] : [{ conId, name: containerName, openMode: null }],
        containerDataLimited: false,
        containerDataGrant: null,
        instances: [
          { instId, instanceName: M.str(r.INSTANCE_NAME) ?? '', hostName: '', status: '', startupTime: null },
        ],
        rac: false,
        connectedInstId: instId,
      },
      clock: {
        dbNow,
        hostUtcOffsetMin: M.num0(r.HOST_OFFSET_MIN),
        dbTimeZone: M.str(r.DB_TIME_ZONE) ?? '',
        sessionTimeZone: M.str(r.SESSION_TIME_ZONE) ?? '',
        clientUtcOffsetMin: -new Date(receivedAt).getTimezoneOffset(),
        skewMs: Math.round((sentAt + receivedAt) / 2 - dbNow),
      },
      at: receivedAt,
    };
  }

  /** The database clock now, estimated from the last identity read (console clock minus skew). */
  protected dbNow(): number {
    return this.now() - (this.identityCache?.clock.skewMs ?? 0);
  }

  /** Containers the figures are for: the PDB connected to, or one chosen from CDB$ROOT (filter). */
  private containerFor(identity: DatabaseIdentity, conId?: number): ContainerInfo | null {
    if (identity.containerKind === 'pdb')
      return (
        identity.visibleContainers.find((c) => c.conId === identity.conId) ?? {
          conId: identity.conId,
          name: identity.containerName,
          openMode: null,
        }
      );
    if (identity.containerKind !== 'root' || conId === undefined) return null;
    const c = identity.visibleContainers.find((x) => x.conId === conId && x.conId > 1);
    if (!c) {
      throw new TmsError(
        'VALIDATION',
        identity.containerDataLimited
          ? `This account sees only CDB$ROOT, so it cannot filter by PDB. A DBA can run: ${identity.containerDataGrant}`
          : `No open PDB with CON_ID ${conId} is visible to this account.`,
      );
    }
    return c;
  }

  // --- dashboard / realtime -----------------------------------------------------------------------

  async dashboard(conId?: number): Promise<DashboardMetrics> {
    await this.enter('dashboard');
    const identity = await this.identity();
    const container = this.containerFor(identity, conId);
    // statements of one resource run one after the other: one pooled connection at a time, so
    // several panels polling together do not exhaust the small pool
    const metricRows = await this.run(C.DASHBOARD_METRICS);
    const conRows = identity.cdb ? M.asGroup2(await this.run(C.CON_METRICS)) : [];
    const countRows = await this.run(C.SESSION_COUNTS, { consoleModule: CONSOLE_MODULE });
    const classRows = await this.run(C.WAIT_CLASS_METRIC);
    const whole = wholeDatabaseScope(identity);

    // per instance: the container's own values where V$CON_SYSMETRIC keeps them, else the whole database's
    const wholeByInst = M.pivotCluster(metricRows, 2).byInstance;
    const conByInst = container
      ? M.pivotCluster(
          conRows.filter((r) => M.num(r.CON_ID) === container.conId),
          2,
        ).byInstance
      : new Map<number, M.MetricSet>();
    const scopes: Partial<Record<ScopedDashboardFigure, MetricScope>> = {};
    const instIds = [...new Set([...wholeByInst.keys(), ...conByInst.keys()])].sort((x, y) => x - y);
    const merged = new Map<number, M.MetricSet>();
    for (const inst of instIds) {
      const own = conByInst.get(inst) ?? {};
      const all = wholeByInst.get(inst) ?? {};
      const set: M.MetricSet = {};
      for (const k of Object.keys(C.METRIC) as C.MetricKey[]) {
        const v = container && own[k] ? own[k] : all[k];
        if (v) set[k] = v;
      }
      merged.set(inst, set);
    }
    for (const [field, k] of Object.entries(DASHBOARD_FIGURE_METRIC) as [
      ScopedDashboardFigure,
      C.MetricKey,
    ][]) {
      scopes[field] = HOST_METRICS.has(k)
        ? 'host'
        : container && conByInst.size && [...conByInst.values()].some((m) => m[k])
          ? 'pdb'
          : whole;
    }
    const m = M.combineInstances([...merged.values()]);
    const { endTime, intervalSec } = M.metricInterval(m, 2);

    // sessions per instance, in the container when there is one
    const countsByInst = new Map<number, SessionCounts>();
    for (const r of countRows) {
      if (container && M.num(r.CON_ID) !== container.conId) continue;
      const inst = M.num(r.INST_ID) ?? 1;
      const c = countsByInst.get(inst) ?? { total: 0, active: 0, inactive: 0, blocked: 0 };
      c.total += M.num0(r.TOTAL);
      c.active += M.num0(r.ACTIVE);
      c.inactive += M.num0(r.INACTIVE);
      c.blocked += M.num0(r.BLOCKED);
      countsByInst.set(inst, c);
    }
    const sessions = sumCounts([...countsByInst.values()]);
    scopes.sessions = container ? 'pdb' : whole;

    // wait classes: foreground time (adds up with foreground CPU to AAS), background apart; whole database
    const fg = new Map<string, number>();
    const bg = new Map<string, number>();
    for (const r of classRows) {
      const cs = M.num(r.INTSIZE_CSEC);
      if (!cs) continue;
      const cls = M.str(r.WAIT_CLASS) ?? '?';
      const all = M.num0(r.TIME_WAITED) / cs;
      const fgAas = M.num(r.TIME_WAITED_FG) === null ? all : M.num0(r.TIME_WAITED_FG) / cs;
      fg.set(cls, (fg.get(cls) ?? 0) + fgAas);
      bg.set(cls, (bg.get(cls) ?? 0) + Math.max(0, all - fgAas));
    }
    // the CPU slice is the same scope as the waits: the whole database's foreground CPU
    const wholeTotal = M.combineInstances([...wholeByInst.values()]);
    const wholeCpu = M.csPerSec(wholeTotal, 'cpuPerSec');
    const waitClasses: WaitClassSlice[] = slices(fg)
      .concat(wholeCpu === null ? [] : [{ waitClass: 'CPU', aas: wholeCpu }])
      .sort((a, b) => b.aas - a.aas);
    scopes.waitClasses = whole;

    const sampledAt = this.now();
    this.store.add(M.pointFromMetrics(m, endTime ?? sampledAt));
    const perInstance: InstanceFigures[] = instIds.map((inst) => {
      const set = merged.get(inst) ?? {};
      return {
        instId: inst,
        instanceName: identity.instances.find((i) => i.instId === inst)?.instanceName ?? String(inst),
        averageActiveSessions: M.metric(set, 'aas'),
        dbCpuPerSec: M.csPerSec(set, 'cpuPerSec'),
        hostCpuPct: M.metric(set, 'hostCpu'),
        executionsPerSec: M.metric(set, 'executions'),
        userCallsPerSec: M.metric(set, 'userCalls'),
        sessions: countsByInst.get(inst) ?? { total: 0, active: 0, inactive: 0, blocked: 0 },
      };
    });
    const perContainer: ContainerFigures[] =
      identity.containerKind === 'root'
        ? identity.visibleContainers
            .filter((c) => c.conId > 1)
            .map((c) => {
              const set = M.pivotCluster(
                conRows.filter((r) => M.num(r.CON_ID) === c.conId),
                2,
              ).total;
              return {
                conId: c.conId,
                name: c.name,
                averageActiveSessions: M.metric(set, 'aas'),
                dbCpuPerSec: M.csPerSec(set, 'cpuPerSec'),
                executionsPerSec: M.metric(set, 'executions'),
                sessions: countRows
                  .filter((r) => M.num(r.CON_ID) === c.conId)
                  .reduce((a, r) => a + M.num0(r.TOTAL), 0),
              };
            })
        : [];
    return {
      sampledAt,
      scopes,
      instanceScope: instIds.length > 1 ? 'cluster' : 'instance',
      perInstance,
      containerFilter: identity.containerKind === 'root' ? container : null,
      perContainer,
      metricEndTime: endTime,
      intervalSec,
      averageActiveSessions: M.metric(m, 'aas'),
      hostCpuPct: M.metric(m, 'hostCpu'),
      dbCpuPerSec: M.csPerSec(m, 'cpuPerSec'),
      dbTimePerSec: M.csPerSec(m, 'dbTimePerSec'),
      executionsPerSec: M.metric(m, 'executions'),
      logicalReadsPerSec: M.metric(m, 'logicalReads'),
      physicalReadsPerSec: M.metric(m, 'physicalReads'),
      redoBytesPerSec: M.metric(m, 'redo'),
      userCallsPerSec: M.metric(m, 'userCalls'),
      userCommitsPerSec: M.metric(m, 'commits'),
      hardParsesPerSec: M.metric(m, 'hardParses'),
      bufferCacheHitPct: M.metric(m, 'bufferHit'),
      sessions,
      waitClasses,
      backgroundWaitClasses: slices(bg).sort((a, b) => b.aas - a.aas),
      backgroundCpuPerSec: M.csPerSec(wholeTotal, 'bgCpuPerSec'),
    };
  }

  async realtime(): Promise<RealtimeMetrics> {
    await this.enter('realtime');
    const identity = await this.identity();
    const whole = M.pivotCluster(await this.run(C.REALTIME_METRICS), 3);
    // in a PDB the PDB's own values (60 s: V$CON_SYSMETRIC has no 15 s group) win where they exist
    const own =
      identity.containerKind === 'pdb'
        ? M.pivotCluster(
            M.asGroup2(await this.run(C.REALTIME_CON_METRICS)).filter(
              (r) => M.num(r.CON_ID) === identity.conId,
            ),
            2,
          ).total
        : {};
    const m: M.MetricSet = { ...whole.total, ...own };
    const scopes: Partial<Record<ScopedRealtimeFigure, MetricScope>> = {};
    for (const [field, k] of Object.entries(REALTIME_FIGURE_METRIC) as [
      ScopedRealtimeFigure,
      C.MetricKey,
    ][]) {
      scopes[field] = HOST_METRICS.has(k) ? 'host' : own[k] ? 'pdb' : wholeDatabaseScope(identity);
    }
    const { endTime, intervalSec } = M.metricInterval(m, identity.containerKind === 'pdb' ? 2 : 3);
    return {
      sampledAt: this.now(),
      scopes,
      instanceScope: whole.byInstance.size > 1 ? 'cluster' : 'instance',
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

  /** Scope of per-session reads: what V$SESSION shows the connected container. */
  private sessionScope(identity: DatabaseIdentity): MetricScope {
    return identity.containerKind === 'pdb' ? 'pdb' : wholeDatabaseScope(identity);
  }

  async sessions(): Promise<SessionsSnapshot> {
    await this.enter('sessions');
    const identity = await this.identity();
    const rows = (await this.run(C.SESSIONS)).map(M.mapSession);
    const sessions = rows.filter((s) => s.module !== CONSOLE_MODULE);
    return {
      sampledAt: this.now(),
      instanceScope: identity.rac ? 'cluster' : 'instance',
      scope: this.sessionScope(identity),
      sessions,
      hiddenOwnSessions: rows.length - sessions.length,
    };
  }

  async locks(): Promise<LocksSnapshot> {
    await this.enter('locks');
    const identity = await this.identity();
    const sessionRows = await this.run(C.LOCK_SESSIONS);
    const lockRows = await this.run(C.LOCK_ROWS);
    const sessions = sessionRows.map(M.mapLockSession);
    const snap = buildLockTree(sessions, lockRows.map(M.mapLock), this.now());
    const named = await this.lockObjectNames(lockObjectIds(sessions, snap.locks));
    return { ...snap, ...named, instanceScope: identity.rac ? 'cluster' : 'instance' };
  }

  /** Names of the tree's objects (one DBA_OBJECTS look-up, part of the same locks read); ids only without the grant. */
  private async lockObjectNames(ids: number[]): Promise<Pick<LocksSnapshot, 'objects' | 'objectNames'>> {
    if (ids.length === 0) return { objects: [], objectNames: 'resolved' };
    try {
      return { objects: await this.activity.objectNames(ids), objectNames: 'resolved' };
    } catch (err) {
      if (!(err instanceof TmsError) || err.code !== 'ORACLE_PRIVILEGE') throw err;
      const objects = ids.map((objectId) => ({ objectId, owner: null, name: null, type: null }));
      return { objects, objectNames: 'no-privilege' };
    }
  }

  // --- wait events -------------------------------------------------------------------------------

  /**
   * GV$SYSTEM_EVENT as rates: each instance against its OWN previous sample (never another instance's),
   * restarts detected by a changed STARTUP_TIME, foreground figures apart from background ones.
   */
  async waitEvents(): Promise<WaitEventsSnapshot> {
    await this.enter('wait-events');
    const identity = await this.identity();
    // in a PDB the PDB's own waits (V$CON_SYSTEM_EVENT); elsewhere the instance-wide ones
    const pdb = identity.containerKind === 'pdb';
    const rows = pdb
      ? (await this.run(C.CON_SYSTEM_EVENTS)).filter((r) => M.num(r.CON_ID) === identity.conId)
      : await this.run(C.SYSTEM_EVENTS);
    const upRows = await this.run(C.INSTANCE_UPTIME);
    const up = new Map(upRows.map((r) => [M.num(r.INST_ID) ?? 1, r]));
    const current = new Map<number, EventSample>();
    for (const r of rows) {
      const inst = M.num(r.INST_ID) ?? 1;
      let sample = current.get(inst);
      if (!sample) {
        const u = up.get(inst);
        sample = {
          at: M.date(u?.DB_NOW) ?? this.dbNow(),
          startup: M.date(u?.STARTUP_TIME),
          events: new Map(),
        };
        current.set(inst, sample);
      }
      const waits = M.num0(r.TOTAL_WAITS);
      const micro = M.num0(r.TIME_WAITED_MICRO);
      sample.events.set(M.str(r.EVENT) ?? '?', {
        waitClass: M.str(r.WAIT_CLASS) ?? 'Other',
        waits,
        timeouts: M.num0(r.TOTAL_TIMEOUTS),
        micro,
        waitsFg: M.num(r.TOTAL_WAITS_FG) ?? waits,
        microFg: M.num(r.TIME_WAITED_MICRO_FG) ?? micro,
      });
    }
    type Acc = {
      waits: number;
      micro: number;
      bgMicro: number;
      totalWaits: number;
      totalTimeouts: number;
      totalMicro: number;
      waitClass: string;
    };
    const events = new Map<string, Acc & { perSec: { waits: number; micro: number; bg: number } }>();
    const instances: WaitEventsInstance[] = [];
    let sinceStartupAll = true;
    let intervalForDisplay = 0;
    let intervalEnd: number | null = null;
    for (const [inst, cur] of current) {
      let prev = this.prevEvents.get(inst) ?? null;
      // a restart of THIS instance: its STARTUP_TIME changed, or its own counters went down
      const restarted =
        !!prev &&
        ((prev.startup !== null && cur.startup !== null && prev.startup !== cur.startup) ||
          [...cur.events].some(([name, c]) => {
            const p = prev?.events.get(name);
            return !!p && (c.waits < p.waits || c.micro < p.micro);
          }));
      if (restarted) prev = null;
      let intervalSec: number;
      let sinceStartup = false;
      if (prev && cur.at - prev.at >= 1000) {
        intervalSec = (cur.at - prev.at) / 1000;
      } else if (prev) {
        // polled again within a second: keep the older baseline so the rates stay meaningful
        intervalSec = Math.max((cur.at - prev.at) / 1000, 0.001);
      } else {
        intervalSec = Math.max(M.num0(up.get(inst)?.UPTIME_SEC), 1);
        sinceStartup = true;
      }
      if (!sinceStartup) sinceStartupAll = false;
      intervalForDisplay = Math.max(intervalForDisplay, intervalSec);
      intervalEnd = Math.max(intervalEnd ?? 0, cur.at);
      instances.push({ instId: inst, intervalSec: r3(intervalSec), sinceStartup, restarted });
      for (const [name, c] of cur.events) {
        const p = prev?.events.get(name);
        const dWaits = c.waitsFg - (p?.waitsFg ?? 0);
        const dMicro = c.microFg - (p?.microFg ?? 0);
        const dBg = c.micro - c.microFg - ((p?.micro ?? 0) - (p?.microFg ?? 0));
        const e = events.get(name) ?? {
          waitClass: c.waitClass,
          waits: 0,
          micro: 0,
          bgMicro: 0,
          totalWaits: 0,
          totalTimeouts: 0,
          totalMicro: 0,
          perSec: { waits: 0, micro: 0, bg: 0 },
        };
        e.waits += dWaits;
        e.micro += dMicro;
        e.bgMicro += dBg;
        // rates add across instances, each over its own interval
        e.perSec.waits += dWaits / intervalSec;
        e.perSec.micro += dMicro / intervalSec;
        e.perSec.bg += dBg / intervalSec;
        e.totalWaits += c.waits;
        e.totalTimeouts += c.timeouts;
        e.totalMicro += c.micro;
        events.set(name, e);
      }
      if (!prev || cur.at - prev.at >= 1000) this.prevEvents.set(inst, cur);
    }
    const eventRows: WaitEventRow[] = [...events.entries()].map(([event, e]) => ({
      event,
      waitClass: e.waitClass,
      waitsPerSec: r3(e.perSec.waits),
      timeWaitedMsPerSec: r3(e.perSec.micro / 1000),
      avgWaitMs: e.waits > 0 ? r3(e.micro / 1000 / e.waits) : null,
      backgroundMsPerSec: r3(Math.max(0, e.perSec.bg) / 1000),
      totalWaits: e.totalWaits,
      totalTimeouts: e.totalTimeouts,
      totalTimeWaitedMs: r3(e.totalMicro / 1000),
      avgWaitMsSinceStartup: e.totalWaits > 0 ? r3(e.totalMicro / 1000 / e.totalWaits) : null,
    }));
    const classes = new Map<
      string,
      {
        waits: number;
        micro: number;
        bg: number;
        w: number;
        m: number;
        totalWaits: number;
        totalMicro: number;
      }
    >();
    for (const e of events.values()) {
      const c = classes.get(e.waitClass) ?? {
        waits: 0,
        micro: 0,
        bg: 0,
        w: 0,
        m: 0,
        totalWaits: 0,
        totalMicro: 0,
      };
      c.waits += e.perSec.waits;
      c.micro += e.perSec.micro;
      c.bg += e.perSec.bg;
      c.w += e.waits;
      c.m += e.micro;
      c.totalWaits += e.totalWaits;
      c.totalMicro += e.totalMicro;
      classes.set(e.waitClass, c);
    }
    const totalMicro = [...classes.values()].reduce((a, c) => a + c.micro, 0);
    const classRows: WaitClassRow[] = [...classes.entries()].map(([waitClass, c]) => ({
      waitClass,
      waitsPerSec: r3(c.waits),
      timeWaitedMsPerSec: r3(c.micro / 1000),
      avgWaitMs: c.w > 0 ? r3(c.m / 1000 / c.w) : null,
      totalWaits: c.totalWaits,
      totalTimeWaitedMs: r3(c.totalMicro / 1000),
      pctOfWaitTime: totalMicro > 0 ? Math.round((c.micro / totalMicro) * 1000) / 10 : 0,
      backgroundMsPerSec: r3(Math.max(0, c.bg) / 1000),
    }));
    eventRows.sort(
      (a, b) => b.timeWaitedMsPerSec - a.timeWaitedMsPerSec || b.totalTimeWaitedMs - a.totalTimeWaitedMs,
    );
    classRows.sort(
      (a, b) => b.timeWaitedMsPerSec - a.timeWaitedMsPerSec || b.totalTimeWaitedMs - a.totalTimeWaitedMs,
    );
    return {
      sampledAt: this.now(),
      intervalSec: r3(intervalForDisplay),
      sinceStartup: sinceStartupAll,
      intervalEnd,
      instances,
      instanceScope: instances.length > 1 ? 'cluster' : 'instance',
      scope: pdb ? 'pdb' : wholeDatabaseScope(identity),
      events: eventRows,
      classes: classRows,
    };
  }

  // --- alert log / long operations (issue 17; SQL in catalog-diagnostics.ts) --------------------

  async alertLog(minutes: number): Promise<AlertLogSnapshot> {
    if (!isAlertLogWindow(minutes)) {
      throw new TmsError('VALIDATION', 'The alert log is read for 15, 60, 240 or 1440 minutes.');
    }
    await this.enter('alert-log');
    const identity = await this.identity();
    const rows = await this.run(identity.rac ? D.ALERT_LOG_RAC : D.ALERT_LOG, {
      minutes,
      maxRows: ALERT_LOG_MAX_ROWS,
    });
    const names = new Map(identity.visibleContainers.map((c) => [c.conId, c.name]));
    return alertLogSnapshot(rows, minutes, ALERT_LOG_MAX_ROWS, {
      sampledAt: this.dbNow(),
      // in a PDB V$DIAG_ALERT_EXT holds that PDB's messages only; from the root every container's
      scope: this.sessionScope(identity),
      instanceScope: identity.rac ? 'cluster' : 'instance',
      instances: identity.rac
        ? identity.instances.map((i) => i.instId)
        : [M.num(rows[0]?.INST_ID) ?? identity.connectedInstId],
      containerName: (conId) => names.get(conId) ?? (identity.cdb ? null : identity.dbName || null),
    });
  }

  async longOps(): Promise<LongOpsSnapshot> {
    await this.enter('longops');
    const identity = await this.identity();
    const rows = await this.run(D.LONG_OPS, {
      recentMinutes: LONG_OPS_RECENT_MIN,
      maxRows: LONG_OPS_MAX_ROWS,
    });
    return longOpsSnapshot(rows, LONG_OPS_RECENT_MIN, {
      sampledAt: this.dbNow(),
      scope: this.sessionScope(identity),
      instanceScope: identity.rac ? 'cluster' : 'instance',
    });
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
    const identity = await this.identity();
    const rows = await this.run(C.TOP_SQL[orderBy], { maxRows: limit });
    return {
      sampledAt: this.now(),
      instanceScope: identity.rac ? 'cluster' : 'instance',
      scope: this.sessionScope(identity),
      orderBy,
      limit,
      rows: rows.map(M.mapTopSql),
    };
  }

  async sqlDetail(sqlId: string): Promise<SqlDetail | null> {
    checkSqlId(sqlId);
    await this.enter('sql');
    const statRows = await this.run(C.SQL_STATS, { sqlId });
    const childRows = await this.run(C.SQL_CHILDREN, { sqlId });
    // one row per instance holding the cursor: the busiest one (ORDER BY elapsed DESC) and its children
    const s = statRows[0];
    if (!s) return null;
    const inst = M.num(s.INST_ID);
    const children = childRows.filter((r) => inst === null || M.num(r.INST_ID) === inst).map(M.mapSqlChild);
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
    // GV$SQL_PLAN first: which instances hold the cursor, and which one this connection landed on
    const allRows = await this.run(C.SQL_PLAN_ROWS, { sqlId });
    const byInst = M.groupBy(allRows, 'INST_ID');
    const connected = M.num(allRows[0]?.CONNECTED_INST_ID);
    const inst =
      connected !== null && byInst.has(connected) ? connected : ([...byInst.keys()][0] ?? connected ?? 1);
    const planRows = byInst.get(inst) ?? [];
    // DBMS_XPLAN.DISPLAY_CURSOR reads the local shared pool only: its text is the plan of `inst` only
    // when that is the instance the call landed on; otherwise the structured rows alone show the plan
    const xplanRows = await this.run(C.SQL_PLAN_XPLAN, { sqlId });
    const raw = xplanRows.map((r) => M.str(r.PLAN_TABLE_OUTPUT) ?? '');
    const denied = xplanPrivilegeError(raw, this.opts.user ?? '<user>');
    if (denied) throw denied;
    const notFound = raw.some((l) =>
      /cannot be found|could not be found|cannot fetch plan|is not loaded/i.test(l),
    );
    const rows = planRows.map(M.mapPlanRow);
    const lines = notFound && rows.length > 0 ? [] : raw;
    if (rows.length === 0 && (lines.length === 0 || notFound)) return null;
    const first = planRows[0];
    return {
      sqlId,
      instId: inst,
      childNumber: first ? M.num(first.CHILD_NUMBER) : null,
      planHashValue: first ? M.num(first.PLAN_HASH_VALUE) : null,
      lines,
      rows,
    };
  }

  // --- metadata ----------------------------------------------------------------------------------

  /**
   * The schema browser reads DBA_* when the account can (SELECT_CATALOG_ROLE / SELECT ANY DICTIONARY),
   * else ALL_*, which lists only objects the account can access: the result says which. After an
   * ORA-00942 on DBA_* the gateway stays on ALL_* and tries DBA_* again after DBA_RETRY_MS (a grant
   * may have been added).
   */
  private async dictionary(
    dba: C.CatalogQuery,
    all: C.CatalogQuery,
    binds?: Record<string, string | number>,
  ): Promise<DictionaryRows<RawRow>> {
    const now = this.now();
    if (this.allDictionarySince === null || now - this.allDictionarySince >= DBA_RETRY_MS) {
      try {
        const rows = await this.run(dba, binds);
        this.allDictionarySince = null;
        return { dictionary: 'dba', rows };
      } catch (err) {
        if (!(err instanceof TmsError) || err.code !== 'ORACLE_PRIVILEGE') throw err;
        this.allDictionarySince = now;
      }
    }
    return { dictionary: 'all', rows: await this.run(all, binds) };
  }

  /** Where the schema browser reads from now ('dba' until an ORA-00942 says otherwise). */
  dictionaryScope(): DictionaryScope {
    return this.allDictionarySince === null ? 'dba' : 'all';
  }

  async schemas(): Promise<DictionaryRows<SchemaRow>> {
    await this.enter('schemas');
    const r = await this.dictionary(P.DBA_SCHEMAS, C.SCHEMAS);
    return { dictionary: r.dictionary, rows: r.rows.map(M.mapSchema) };
  }

  async tables(schema: string): Promise<DictionaryRows<TableRow>> {
    checkName('Schema', schema);
    await this.enter('tables');
    const r = await this.dictionary(P.DBA_TABLES, C.TABLES, { owner: schema });
    return { dictionary: r.dictionary, rows: r.rows.map(M.mapTable) };
  }

  async columns(schema: string, table: string): Promise<DictionaryRows<ColumnRow>> {
    checkName('Schema', schema);
    checkName('Table', table);
    await this.enter('columns');
    const r = await this.dictionary(P.DBA_COLUMNS, C.COLUMNS, { owner: schema, tableName: table });
    return { dictionary: r.dictionary, rows: r.rows.map(M.mapColumn) };
  }

  /** Issue 15: the table's indexes, one entry per index, columns in position order. */
  async indexes(schema: string, table: string): Promise<DictionaryRows<IndexRow>> {
    checkName('Schema', schema);
    checkName('Table', table);
    await this.enter('indexes');
    const r = await this.dictionary(K.DBA_INDEXES, K.INDEXES, { owner: schema, tableName: table });
    return { dictionary: r.dictionary, rows: mapIndexes(r.rows) };
  }

  /** before 12.2 SEARCH_CONDITION_VC does not exist (ORA-00904): read without the check condition from then on */
  private constraintsWithoutCondition = false;

  /** Issue 15: the table's primary, unique, foreign-key and check constraints. */
  async constraints(schema: string, table: string): Promise<DictionaryRows<ConstraintRow>> {
    checkName('Schema', schema);
    checkName('Table', table);
    await this.enter('constraints');
    const binds = { owner: schema, tableName: table };
    if (!this.constraintsWithoutCondition) {
      try {
        const r = await this.dictionary(K.DBA_CONSTRAINTS, K.CONSTRAINTS, binds);
        return { dictionary: r.dictionary, rows: mapConstraints(r.rows) };
      } catch (err) {
        if (!(err instanceof TmsError) || err.details?.oracleCode !== 'ORA-00904') throw err;
        this.constraintsWithoutCondition = true;
      }
    }
    const r = await this.dictionary(K.DBA_CONSTRAINTS_NO_CONDITION, K.CONSTRAINTS_NO_CONDITION, binds);
    return { dictionary: r.dictionary, rows: mapConstraints(r.rows) };
  }

  async ddlWatermark(): Promise<DdlWatermark> {
    await this.enter('ddl-watermark');
    const d = await this.dictionary(P.DBA_DDL_WATERMARK, C.DDL_WATERMARK);
    const r = d.rows[0] ?? {};
    const maxLastDdlTime = M.date(r.MAX_LAST_DDL_TIME);
    const objectCount = M.num0(r.OBJECT_COUNT);
    // the scope is part of the token: switching DBA_* <-> ALL_* changes what the lists hold
    return {
      maxLastDdlTime,
      objectCount,
      token: `${d.dictionary}:${maxLastDdlTime ?? 'none'}:${objectCount}`,
    };
  }

  // --- privileges and the Diagnostics Pack gate -----------------------------------------------------

  /** What the account can read and do, and which features that leaves off (issue 13 point 4). */
  async privileges(): Promise<Omit<PrivilegeReport, 'connId'>> {
    await this.enter('health');
    // where the connection is decides some statements (CDB_* from CDB$ROOT, GV$SESSION on RAC)
    const identity = await this.identity().catch(() => null);
    const report = await checkPrivileges({
      run: (q, b) => this.run(q, b),
      user: this.opts.user ?? '<user>',
      killMethod: this.opts.killMethod ?? 'alter-system',
      diagnosticsOptIn: this.opts.diagnosticsPackLicensed ?? false,
      now: this.now(),
      ...(identity ? { where: { containerKind: identity.containerKind, rac: identity.rac } } : {}),
    });
    this.pack = { at: this.now(), access: report.packAccess };
    return report;
  }

  /** CONTROL_MANAGEMENT_PACK_ACCESS, read at most every PACK_TTL_MS. */
  async packAccess(): Promise<PackAccess> {
    const now = this.now();
    if (this.pack && now - this.pack.at < PACK_TTL_MS) return this.pack.access;
    await this.enter('health');
    const access = await readPackAccess((q, b) => this.run(q, b), this.opts.user ?? '<user>');
    this.pack = { at: now, access };
    return access;
  }

  // --- trend ---------------------------------------------------------------------------------------

  async trend(period: TrendPeriod): Promise<TrendSeries> {
    if (!(TREND_PERIODS as readonly string[]).includes(period)) {
      throw new TmsError('VALIDATION', `Trend period must be one of ${TREND_PERIODS.join(', ')}.`);
    }
    await this.enter('trend');
    const identity = await this.identity();
    let history = M.pivotClusterHistory(await this.run(C.TREND_HISTORY));
    if (identity.containerKind === 'pdb') {
      // the PDB's own history wherever V$CON_SYSMETRIC_HISTORY keeps the metric (Host CPU stays host-wide)
      const own = M.pivotClusterHistory(
        (await this.run(C.TREND_CON_HISTORY)).filter((r) => M.num(r.CON_ID) === identity.conId),
      );
      const ownAt = new Map(own.map((p) => [p.t, p]));
      history = history.map((p) => {
        const o = ownAt.get(p.t);
        if (!o) return p;
        const out = { ...p };
        for (const k of Object.keys(o) as (keyof TrendPoint)[]) {
          if (k !== 't' && k !== 'hostCpuPct' && o[k] !== null) out[k] = o[k];
        }
        return out;
      });
    }
    for (const p of history) this.store.add(p);
    if (period === '1h')
      return { period, stepSec: 60, source: this.trendSource('metric-history'), points: history };
    // the window is on the database's clock (the points are database instants)
    const now = this.dbNow();
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
    const sentAt = this.now();
    const r = (await this.run(C.HEALTH))[0];
    const receivedAt = this.now();
    const roundTripMs = Math.round((performance.now() - t0) * 10) / 10;
    if (!r) throw new TmsError('ORACLE_ERROR', 'V$INSTANCE returned no row.');
    const cdb = M.str(r.CDB);
    const isCdb = cdb === null ? false : M.yes(cdb);
    // without the grant on GV$INSTANCE / V$CONTAINERS the identity is partial, never a failure of every view
    const instanceRows = await this.runOr(C.HEALTH_INSTANCES, [
      {
        INST_ID: r.INSTANCE_NUMBER,
        INSTANCE_NAME: r.INSTANCE_NAME,
        HOST_NAME: r.HOST_NAME,
        STATUS: r.STATUS,
        STARTUP_TIME: r.STARTUP_TIME,
      },
    ]);
    const containerRows = isCdb
      ? await this.runOr(C.HEALTH_CONTAINERS, [
          { CON_ID: r.CON_ID, NAME: r.CON_NAME, OPEN_MODE: r.OPEN_MODE },
        ])
      : [];
    const conId = M.num0(r.CON_ID);
    const containerName = M.str(r.CON_NAME) ?? '';
    const containerKind = !isCdb ? 'non-cdb' : containerName === 'CDB$ROOT' || conId === 1 ? 'root' : 'pdb';
    const visibleContainers: ContainerInfo[] = containerRows.map((c) => ({
      conId: M.num0(c.CON_ID),
      name: M.str(c.NAME) ?? '',
      openMode: M.str(c.OPEN_MODE),
    }));
    const limited = containerKind === 'root' && !visibleContainers.some((c) => c.conId > 1);
    const instances: InstanceInfo[] = instanceRows.map((i) => ({
      instId: M.num0(i.INST_ID),
      instanceName: M.str(i.INSTANCE_NAME) ?? '',
      hostName: M.str(i.HOST_NAME) ?? '',
      status: M.str(i.STATUS) ?? '',
      startupTime: M.date(i.STARTUP_TIME),
    }));
    const dbName = M.str(r.DB_NAME) ?? '';
    const identity: DatabaseIdentity = {
      dbName,
      cdb: isCdb,
      containerKind,
      conId,
      containerName,
      cdbName: isCdb ? dbName : null,
      pdbName: containerKind === 'pdb' ? containerName : null,
      visibleContainers,
      containerDataLimited: limited,
      containerDataGrant: limited
        ? C.containerDataGrant(M.str(r.SESSION_USER) ?? this.opts.user ?? '')
        : null,
      instances,
      rac: instances.length > 1,
      connectedInstId: M.num0(r.INSTANCE_NUMBER),
    };
    const dbNow = M.num(r.DB_NOW) ?? receivedAt;
    const clock: DatabaseClock = {
      dbNow,
      hostUtcOffsetMin: M.num0(r.HOST_OFFSET_MIN),
      dbTimeZone: M.str(r.DB_TIME_ZONE) ?? '',
      sessionTimeZone: M.str(r.SESSION_TIME_ZONE) ?? '',
      clientUtcOffsetMin: -new Date(receivedAt).getTimezoneOffset(),
      // the database read its clock about half-way through the round trip
      skewMs: Math.round((sentAt + receivedAt) / 2 - dbNow),
    };
    this.identityCache = { identity, clock, at: receivedAt };
    return {
      sampledAt: this.now(),
      identity,
      clock,
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
    // the opt-in says "licensed"; the database must also allow the pack (CONTROL_MANAGEMENT_PACK_ACCESS)
    const refusal = packRefusal(await this.packAccess());
    if (refusal) throw refusal;
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

  /** The latest logon warning (ORA-28002: password about to expire), null when none. */
  logonWarning(): AppError | null {
    return this.opts.warning?.() ?? null;
  }

  /**
   * Kills by the connection's kill method. 'killed' when Oracle ended it, 'marked' on ORA-00031 — which
   * node-oracledb thin delivers as NJS-500 (errors.js adjustErrorXref) after closing the connection
   * that ran the kill: the kill still happened. Other outcomes are thrown, classified; those after which
   * the session list is wrong carry `details.sessionListStale`.
   */
  async killSession(sid: number, serial: number, instId?: number): Promise<KillSessionResult> {
    try {
      C.killSessionSql(sid, serial, instId);
    } catch {
      throw new TmsError('VALIDATION', 'sid, serial# and inst_id must be positive integers.');
    }
    await this.enter('kill-session');
    const method = this.opts.killMethod ?? 'alter-system';
    const who = instId === undefined ? `${sid},${serial}` : `${sid},${serial},@${instId}`;
    const base = { sid, serial, ...(instId === undefined ? {} : { instId }) };
    try {
      await this.exec.killSession(sid, serial, { method, ...(instId === undefined ? {} : { instId }) });
      return { ...base, outcome: 'killed', message: `Session ${who} was killed.` };
    } catch (err) {
      const e = classifyOracleError(err, { user: this.opts.user, operation: 'kill', killMethod: method });
      if (e.details?.oracleCode === 'ORA-00031') {
        return {
          ...base,
          outcome: 'marked',
          message: `Session ${who} is marked for kill (ORA-00031): Oracle ends it when its current call returns.`,
        };
      }
      if (e.details?.connectionDropped === true) {
        // the connection that ran the kill broke before Oracle answered: nobody knows whether it ran
        throw new TmsError(
          e.code === 'ORACLE_UNREACHABLE' ? 'ORACLE_UNREACHABLE' : 'ORACLE_ERROR',
          `The console's connection broke while killing session ${who} (${String(e.details.oracleCode ?? 'NJS-500')}), ` +
            'so whether the kill ran is unknown. The session list is refreshed: check whether the session is gone.',
          {
            retryable: false,
            details: { ...e.details, sessionListStale: true, killOutcome: 'unknown' },
            cause: err,
          },
        );
      }
      throw e;
    }
  }

  // --- issue 17: cancel SQL and the stop dialogs' preview (interventions.ts) ---------------------

  /**
   * Cancels the session's current call (ALTER SYSTEM CANCEL SQL 'sid, serial#[, @inst_id][, sql_id]' or
   * RDS's rdsadmin_util.cancel). Never retried. UNSUPPORTED for a procedure kill method (no cancel twin),
   * or below 18c (ORA-02065). A broken connection mid-call leaves the outcome unknown (sessionListStale).
   */
  async cancelSql(sid: number, serial: number, instId?: number, sqlId?: string): Promise<CancelSqlResult> {
    const target = {
      sid,
      serial,
      ...(instId === undefined ? {} : { instId }),
      ...(sqlId === undefined ? {} : { sqlId }),
    };
    validateStopTarget(target);
    const method = this.opts.killMethod ?? 'alter-system';
    cancelStatement(target, method); // the procedure path throws UNSUPPORTED before anything runs
    if (!this.exec.cancelSql) throw new TmsError('UNSUPPORTED', 'This connection cannot cancel SQL.');
    await this.enter('cancel-sql');
    try {
      await this.exec.cancelSql(target, method);
      return cancelResult(target);
    } catch (err) {
      const e = classifyOracleError(err, { user: this.opts.user, operation: 'cancel', killMethod: method });
      if (e.details?.connectionDropped === true) {
        throw new TmsError(
          e.code === 'ORACLE_UNREACHABLE' ? 'ORACLE_UNREACHABLE' : 'ORACLE_ERROR',
          `The console's connection broke while cancelling SQL of session ${sid},${serial} ` +
            `(${String(e.details.oracleCode ?? 'NJS-500')}), so whether the cancel ran is unknown.`,
          {
            retryable: false,
            details: { ...e.details, sessionListStale: true, cancelOutcome: 'unknown' },
            cause: err,
          },
        );
      }
      throw e;
    }
  }

  /** One session's fresh row, its transaction's undo and the exact kill / cancel statements (never cached). */
  async stopPreview(sid: number, serial: number, instId?: number): Promise<StopPreview> {
    const target = { sid, serial, ...(instId === undefined ? {} : { instId }) };
    validateStopTarget(target);
    await this.enter('stop-preview');
    const rows = await this.run(STOP_PREVIEW, { sid, inst_id: instId ?? 0 });
    return buildStopPreview(rows, target, this.opts.killMethod ?? 'alter-system', '', this.now());
  }
}

const r3 = (n: number): number => Math.round(n * 1000) / 1000;

function sumCounts(list: SessionCounts[]): SessionCounts {
  return list.reduce(
    (a, c) => ({
      total: a.total + c.total,
      active: a.active + c.active,
      inactive: a.inactive + c.inactive,
      blocked: a.blocked + c.blocked,
    }),
    { total: 0, active: 0, inactive: 0, blocked: 0 },
  );
}

function slices(m: Map<string, number>): WaitClassSlice[] {
  return [...m.entries()].map(([waitClass, aas]) => ({ waitClass, aas: r3(aas) }));
}

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

/** The objects a lock tree touches: sessions' ROW_WAIT_OBJ# and TM (DML) locks' ID1 (the object id). */
export function lockObjectIds(sessions: readonly LockSession[], locks: readonly LockRow[]): number[] {
  const ids = new Set<number>();
  for (const s of sessions) if (s.rowWaitObj !== null && s.rowWaitObj > 0) ids.add(s.rowWaitObj);
  for (const l of locks) if (l.lockType === 'TM' && l.id1 > 0) ids.add(l.id1);
  return [...ids].sort((a, b) => a - b);
}

/**
 * Blocker at the root, waiters below (oracle.md 2.3: parent = BLOCKING_SESSION). Sessions are keyed by
 * (instance, sid): on RAC a waiter's parent is (BLOCKING_INSTANCE, BLOCKING_SESSION), and the same SID on
 * another instance is another session. Cycles are broken.
 */
export function buildLockTree(
  sessions: LockSession[],
  locks: LockRow[],
  sampledAt: number,
): Omit<LocksSnapshot, 'instanceScope' | 'objects' | 'objectNames'> & {
  instanceScope: LocksSnapshot['instanceScope'];
} {
  const key = (inst: number, sid: number) => `${inst}:${sid}`;
  const parentOf = (s: LockSession): string | null =>
    s.blockingSession === null ? null : key(s.blockingInstance ?? s.instId, s.blockingSession);
  const byKey = new Map(sessions.map((s) => [key(s.instId, s.sid), s]));
  const locksByKey = new Map<string, LockRow[]>();
  for (const l of locks) {
    const k = key(l.instId, l.sid);
    const list = locksByKey.get(k) ?? [];
    list.push(l);
    locksByKey.set(k, list);
  }
  // blockers outside the result (gone between statements, or not visible) get a placeholder
  for (const s of sessions) {
    const p = parentOf(s);
    if (p !== null && !byKey.has(p) && s.blockingSession !== null) {
      byKey.set(p, {
        instId: s.blockingInstance ?? s.instId,
        conId: s.conId,
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
  const children = new Map<string, LockSession[]>();
  for (const s of byKey.values()) {
    const p = parentOf(s);
    if (p === null) continue;
    const list = children.get(p) ?? [];
    list.push(s);
    children.set(p, list);
  }
  const visited = new Set<string>();
  const build = (s: LockSession): BlockingNode => {
    const k = key(s.instId, s.sid);
    visited.add(k);
    const waiters = (children.get(k) ?? [])
      .filter((w) => !visited.has(key(w.instId, w.sid)))
      .sort((a, b) => b.secondsInWait - a.secondsInWait || a.instId - b.instId || a.sid - b.sid)
      .map(build);
    return {
      session: s,
      locks: locksByKey.get(k) ?? [],
      waiters,
      totalWaiters: waiters.reduce((n, w) => n + 1 + w.totalWaiters, 0),
      maxWaitSec: waiters.reduce((m, w) => Math.max(m, w.session.secondsInWait, w.maxWaitSec), 0),
    };
  };
  const roots: BlockingNode[] = [];
  const ordered = [...byKey.values()].sort((a, b) => a.instId - b.instId || a.sid - b.sid);
  const has = (s: LockSession) => children.has(key(s.instId, s.sid));
  for (const s of ordered) if (s.blockingSession === null && has(s)) roots.push(build(s));
  // what is left is a cycle (a deadlock being resolved): root it at its lowest (instance, sid)
  for (const s of ordered) if (!visited.has(key(s.instId, s.sid)) && has(s)) roots.push(build(s));
  roots.sort((a, b) => b.totalWaiters - a.totalWaiters || b.maxWaitSec - a.maxWaitSec);
  const instances = new Set(sessions.map((s) => s.instId));
  return {
    sampledAt,
    instanceScope: instances.size > 1 ? 'cluster' : 'instance',
    roots,
    blockedCount: sessions.filter((s) => s.blockingSession !== null).length,
    locks: locks.filter((l) => visited.has(key(l.instId, l.sid))),
  };
}
