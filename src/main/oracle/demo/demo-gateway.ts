/**
 * The built-in demo database behind the OracleGateway interface: the same CatalogGateway (same SQL
 * ids, same row mappers) over an in-memory executor, plus the plan's latencies and query counts.
 */
import type { GatewayResource, TrendPoint } from '@shared/types/oracle';
import type { CancelTarget } from '../cancel-paths';
import type { CatalogQuery } from '../catalog';
import { METRIC } from '../catalog';
import { CatalogGateway, type KillOptions, type QueryExecutor } from '../catalog-gateway';
import type { KillMethod } from '../errors';
import type { DemoParams, TrendSampleStore } from '../gateway';
import { emptyPoint, type RawRow } from '../mappers';
import { DemoDatabase } from './database';
import { DemoPrivileges } from './privileges';
import { resolveTopology } from './world/topology';

/**
 * Latency per resource call (ms) at latencyScale 1: the plan's measurements on a real Oracle
 * (seed section 2.1: dashboard 800, sessions 500, top SQL 1200, wait events 400, locks 300,
 * schemas 200). Our choices for the rest: realtime 300 (a V$SYSMETRIC read), metadata 150,
 * SQL detail/plan 200, text 100, trend 200, health 100, DDL watermark 150 (ALL_OBJECTS scan),
 * kill 200, ping 20, ASH 400 (Diagnostics Pack opt-in only).
 */
export const DEMO_LATENCY_MS: Record<GatewayResource, number> = {
  dashboard: 800,
  realtime: 300,
  sessions: 500,
  locks: 300,
  'wait-events': 400,
  'top-sql': 1200,
  sql: 200,
  'sql-text': 100,
  'sql-plan': 200,
  schemas: 200,
  tables: 150,
  columns: 150,
  trend: 200,
  health: 100,
  'ddl-watermark': 150,
  'kill-session': 200,
  ping: 20,
  ash: 400,
  // issue 14: a V$SESSION read of active sessions only; a V$SQLSTATS read of recent cursors; DBA_OBJECTS by id
  'activity-sample': 30,
  'sqlstats-snapshot': 250,
  'activity-objects': 50,
  // issue 17: DBA_TABLESPACE_USAGE_METRICS + file sums (+ recovery area, ASM) ; GV$TEMPSEG_USAGE ⨝ GV$SESSION; V$RESOURCE_LIMIT
  space: 250,
  'temp-usage': 80,
  limits: 40,
  // issue 17: six small statements on one session's rows (each by INST_ID + SID)
  'session-detail': 150,
  // issue 17: seven small V$ reads (SGA, PGA, parameters, iostat grouped by type/function, uptime)
  'memory-io': 250,
  // issue 17: V$DIAG_ALERT_EXT parses the XML alert log on every read (slow); GV$SESSION_LONGOPS is small
  'alert-log': 600,
  longops: 80,
  // issue 17: like kill; one GV$SESSION row ⨝ GV$TRANSACTION
  'cancel-sql': 200,
  'stop-preview': 60,
  // issue 15: a table's indexes / constraints (a dictionary join, like columns)
  indexes: 150,
  constraints: 150,
};

export const DEMO_DEFAULTS = { seed: 20_260_401, latencyScale: 1, sessionCount: 320 } as const;

class DemoExecutor implements QueryExecutor {
  constructor(
    private readonly db: DemoDatabase,
    private readonly privileges: DemoPrivileges,
  ) {}
  async run(query: CatalogQuery, binds?: Record<string, string | number>): Promise<RawRow[]> {
    // the account's grants first: ORA-00942 where Oracle raises it (demo/privileges.ts)
    this.privileges.check(query);
    const own = this.privileges.answer(query);
    if (own) return own;
    return this.privileges.filter(query, this.db.run(query, binds));
  }
  async killSession(sid: number, serial: number, opts: KillOptions = {}): Promise<void> {
    this.privileges.checkKill(opts.method ?? 'alter-system');
    this.db.kill(sid, serial, opts.instId);
  }
  async cancelSql(target: CancelTarget, method: KillMethod): Promise<void> {
    this.privileges.checkCancel(method, this.db.world.topology.version);
    this.db.cancel(target.sid, target.serial, target.instId, target.sqlId);
  }
  async ping(): Promise<void> {}
  async close(): Promise<void> {}
}

/** Synthesized console samples (one a minute) for the 24 h / 7 d trends: the same metric function. */
class SyntheticTrendStore implements TrendSampleStore {
  constructor(
    private readonly db: DemoDatabase,
    private readonly now: () => number,
  ) {}
  add(_point: TrendPoint): void {}
  since(since: number): TrendPoint[] {
    const out: TrendPoint[] = [];
    const end = Math.floor(this.now() / 60_000) * 60_000;
    for (let t = Math.ceil(since / 60_000) * 60_000; t <= end; t += 60_000) {
      const m = this.db.metricsAt(t, 2);
      const p = emptyPoint(t);
      p.averageActiveSessions = r3(m[METRIC.aas]);
      p.hostCpuPct = r3(m[METRIC.hostCpu]);
      p.dbCpuPerSec = r3((m[METRIC.cpuPerSec] ?? 0) / 100);
      p.executionsPerSec = r3(m[METRIC.executions]);
      p.logicalReadsPerSec = r3(m[METRIC.logicalReads]);
      p.physicalReadsPerSec = r3(m[METRIC.physicalReads]);
      p.redoBytesPerSec = r3(m[METRIC.redo]);
      p.userCallsPerSec = r3(m[METRIC.userCalls]);
      p.userCommitsPerSec = r3(m[METRIC.commits]);
      out.push(p);
    }
    return out;
  }
}
const r3 = (v: number | undefined): number | null => (v === undefined ? null : Math.round(v * 1000) / 1000);

export class DemoGateway extends CatalogGateway {
  readonly database: DemoDatabase;
  readonly latencyScale: number;

  constructor(params: DemoParams = {}) {
    const now = params.now ?? Date.now;
    const latencyScale = params.latencyScale ?? DEMO_DEFAULTS.latencyScale;
    const db = new DemoDatabase({
      seed: params.seed ?? DEMO_DEFAULTS.seed,
      sessionCount: Math.max(0, Math.floor(params.sessionCount ?? DEMO_DEFAULTS.sessionCount)),
      now,
      topology: resolveTopology(params.world, params.topology, now()),
      ...(params.hooks ? { hooks: params.hooks } : {}),
    });
    const privileges = new DemoPrivileges(
      params.privileges ?? 'full',
      params.packAccess ?? 'DIAGNOSTIC+TUNING',
    );
    super(new DemoExecutor(db, privileges), {
      kind: 'demo',
      user: db.world.topology.connectTo === 'root' ? 'C##TMS_MONITOR' : 'TMS_MONITOR',
      diagnosticsPackLicensed: params.diagnosticsPackLicensed ?? false,
      ...(params.killMethod ? { killMethod: params.killMethod } : {}),
      now,
      sampleStore: new SyntheticTrendStore(db, now),
      beforeCall: async (resource) => {
        const ms = DEMO_LATENCY_MS[resource] * latencyScale;
        if (ms > 0) await new Promise<void>((r) => setTimeout(r, ms));
      },
    });
    this.database = db;
    this.latencyScale = latencyScale;
  }

  /** Test/demo hook: DDL happened (the DDL watermark changes). */
  simulateDdl(kind: 'create' | 'alter' | 'drop' = 'create'): void {
    this.database.simulateDdl(kind);
  }
}

export function createDemoGateway(params: DemoParams = {}): DemoGateway {
  return new DemoGateway(params);
}
