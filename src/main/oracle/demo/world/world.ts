/**
 * The demo world: what exists and how it moves with the clock. Sessions (drawn from the profiles),
 * cursors (the SQL library plus literal variants), dictionary objects, three blocking chains, the
 * load curve and the V$SYSMETRIC-like values derived from it. The views (../views) read this state
 * and turn it into rows; only the hooks here (kill, DDL) change it.
 *
 * What moves: V$SYSMETRIC values (daily sinusoid + a 17-minute wave + per-interval noise), session
 * activity (re-rolled every 15 s per session from (seed, sid, interval)), cumulative counters
 * (V$SYSTEM_EVENT, V$SQLSTATS grow with time since startup / load). What stays until acted on:
 * three blocking chains (TX row lock held by an idle-in-transaction session, a TM lock from a batch
 * job, TX index contention) — a kill removes the session and releases its waiters.
 */
import { METRIC } from '../../catalog';
import { CONSOLE_MODULE, CONSOLE_PROGRAM } from '../../gateway';
import { hash01, planHashOf, Rng, sqlIdOf } from '../prng';
import { DEMO_SCHEMAS } from '../schema-data';
import { type DemoSql, LITERAL_VARIANTS, SQL_LIBRARY } from '../sql-library';
import { buildBlockingChains } from './chains';
import type { DemoHooks } from './hooks';
import {
  CPU_COUNT,
  DAY,
  type DemoLock,
  type DemoObject,
  DemoOracleError,
  type DemoSession,
  MIN,
  OWN_USER,
  type SqlEntry,
  sessionKey,
} from './model';
import { CPU_SHARE, PROFILES } from './profiles';
import {
  connectedContainer,
  containersOf,
  type DemoContainer,
  type DemoTopology,
  HR_PDB,
  resolveTopology,
  SALES_PDB,
  visibleConIds,
} from './topology';
import { WaitModel } from './wait-model';

export interface DemoWorldOptions {
  seed: number;
  sessionCount: number;
  /** the console's clock (the database's clock is this plus topology.dbClockSkewMs) */
  now: () => number;
  /** the world's shape; default: resolveTopology('pdb') */
  topology?: DemoTopology;
  /** privileges and driver errors (empty: the account sees everything, nothing fails) */
  hooks?: DemoHooks;
}

/** Share of the load per instance (RAC: instance 1 takes a little more). */
const INSTANCE_SHARE: Record<number, readonly number[]> = { 1: [1], 2: [0.58, 0.42] };

/** Metric names whose values add across containers and instances (the rest: host CPU, hit ratio). */
const ADDITIVE = new Set<string>([
  METRIC.aas,
  METRIC.cpuPerSec,
  METRIC.bgCpuPerSec,
  METRIC.dbTimePerSec,
  METRIC.executions,
  METRIC.logicalReads,
  METRIC.physicalReads,
  METRIC.redo,
  METRIC.userCalls,
  METRIC.commits,
  METRIC.hardParses,
  METRIC.logons,
]);

export class DemoWorld {
  readonly seed: number;
  /** the clock time the database was created: growing counters start from here */
  readonly createdAt: number;
  readonly startupTime: number;
  /** the database's clock (epoch ms) */
  readonly now: () => number;
  readonly topology: DemoTopology;
  readonly containers: DemoContainer[];
  /** STARTUP_TIME per instance (instance 2 was restarted later) */
  readonly instanceStartup: Map<number, number>;
  /** sessions by sessionKey(instId, sid) */
  readonly sessions = new Map<string, DemoSession>();
  readonly waits: WaitModel;
  readonly hooks: DemoHooks;
  private calls = 0;
  locks: DemoLock[] = [];
  readonly sqls: SqlEntry[] = [];
  readonly sqlById = new Map<string, SqlEntry>();
  readonly objects: DemoObject[] = [];
  ddlTime: number;
  objectCount: number;
  readonly baseAas: number;

  constructor(opts: DemoWorldOptions) {
    this.seed = opts.seed >>> 0;
    const clock = opts.now;
    this.topology = opts.topology ?? resolveTopology('pdb', {}, clock());
    this.hooks = opts.hooks ?? {};
    const skew = this.topology.dbClockSkewMs;
    this.now = skew ? () => clock() + skew : clock;
    this.createdAt = this.now();
    this.containers = containersOf(this.topology);
    const rng = new Rng(this.seed);
    this.startupTime = Math.floor((this.createdAt - 9 * DAY - rng.int(0, 3 * DAY)) / 1000) * 1000;
    this.instanceStartup = new Map([[1, this.startupTime]]);
    if (this.topology.instances === 2) this.instanceStartup.set(2, this.startupTime + 2 * DAY + 3_600_000);
    this.baseAas = Math.max(1.2, opts.sessionCount * 0.034);
    this.buildSql(rng);
    this.buildObjects(rng);
    this.ddlTime = Math.floor((this.createdAt - 2 * DAY - rng.int(0, DAY)) / 1000) * 1000;
    this.objectCount = this.objects.length + 412;
    this.buildSessions(rng, opts.sessionCount);
    buildBlockingChains(this);
    this.waits = new WaitModel(this);
  }

  // --- topology -----------------------------------------------------------------------------------

  get instanceIds(): number[] {
    return [...this.instanceStartup.keys()];
  }

  get connectedConId(): number {
    return connectedContainer(this.topology).conId;
  }

  /** CON_IDs whose rows the console's session sees in V$/GV$ views */
  get visibleConIds(): Set<number> {
    return visibleConIds(this.topology);
  }

  /**
   * The instance the current call's pooled connection landed on: on RAC it alternates from one call to
   * the next, as a service balanced over two instances does.
   */
  connectedInstance(): number {
    return this.topology.instances === 1 ? 1 : (this.calls % 2) + 1;
  }

  /** Called once per statement: the next statement may run on another pooled connection. */
  nextCall(): void {
    this.calls++;
  }

  /** Which instance a new session lands on (deterministic per sid). */
  private instanceFor(sid: number): number {
    if (this.topology.instances === 1) return 1;
    return hash01(this.seed, sid, 77) < 0.58 ? 1 : 2;
  }

  session(instId: number, sid: number): DemoSession | undefined {
    return this.sessions.get(sessionKey(instId, sid));
  }

  addSession(s: DemoSession): void {
    this.sessions.set(sessionKey(s.instId, s.sid), s);
  }

  // --- construction -----------------------------------------------------------------------------

  private buildSql(rng: Rng): void {
    const add = (def: DemoSql, loadAgeSec: number) => {
      const sqlId = sqlIdOf(def.text);
      const planHash = def.plan ? planHashOf(def.plan.map((p) => `${p[1]} ${p[2]} ${p[3]}`).join('|')) : 0;
      const e: SqlEntry = {
        sqlId,
        def,
        planHash,
        loadAgeSec,
        lastActiveLagSec: def.execPerSec >= 1 ? 0 : rng.int(5, 3600),
        sharableMem: rng.int(18, 260) * 1024,
        hardParseUs: rng.int(900, 48_000),
        profile: null,
        instances: [1],
        conId: 0,
      };
      this.sqls.push(e);
      this.sqlById.set(sqlId, e);
    };
    for (const def of SQL_LIBRARY) add(def, rng.int(2 * 3600, 5 * 86_400));
    for (let i = 0; i < LITERAL_VARIANTS.count; i++) {
      const customerId = 100_000 + rng.int(0, 150_000);
      add(
        {
          ...LITERAL_VARIANTS.base,
          text: LITERAL_VARIANTS.template(customerId),
          plan: LITERAL_VARIANTS.plan(customerId),
        },
        rng.int(60, 6 * 3600),
      );
    }
    // one statement runs with a SQL profile (shows in DISPLAY_CURSOR's Note and V$SQL.SQL_PROFILE)
    const first = this.sqls[0];
    if (first) first.profile = `SYS_SQLPROF_01${rng.int(1e9, 9e9).toString(16)}`;
    // where the cursors live: the main workload's container; on RAC most on both instances, every
    // fifth statement only on instance 2 (its plan must still be shown from instance 1)
    const mainConId = this.topology.connectTo === 'non-cdb' ? 0 : SALES_PDB.conId;
    this.sqls.forEach((e, i) => {
      e.conId = mainConId;
      if (this.topology.instances === 2) e.instances = i % 5 === 4 ? [2] : [1, 2];
    });
  }

  private buildObjects(rng: Rng): void {
    let id = 73_000 + rng.int(0, 5000);
    for (const s of DEMO_SCHEMAS) {
      for (const t of s.tables) this.objects.push({ owner: s.username, name: t.name, objectId: id++ });
    }
  }

  objectId(owner: string, name: string): number | null {
    return this.objects.find((o) => o.owner === owner && o.name === name)?.objectId ?? null;
  }

  private buildSessions(rng: Rng, count: number): void {
    const maxSid = Math.max(2000, count * 3);
    const used = new Set<number>();
    const nextSid = () => {
      for (;;) {
        const sid = rng.int(10, maxSid);
        if (!used.has(sid)) {
          used.add(sid);
          return sid;
        }
      }
    };
    const profiles = PROFILES.map((p) => [p, p.weight] as const);
    // the main workload runs in SALESPDB (or the non-CDB); HRPDB gets its own, smaller one below
    const mainConId = this.topology.connectTo === 'non-cdb' ? 0 : SALES_PDB.conId;
    for (let i = 0; i < count; i++) {
      const p = rng.weighted(profiles);
      const client = rng.pick(p.clients);
      const module = rng.pick(client.modules);
      const pool = this.sqls
        .filter((s) => p.schemaSql.includes(s.def.schema) || s.def.module === module)
        .map((s) => s.sqlId);
      const sid = nextSid();
      this.addSession({
        instId: this.instanceFor(sid),
        conId: mainConId,
        sid,
        serial: rng.int(1, 65_000),
        username: p.username,
        osUser: rng.pick(client.osUser),
        machine: rng.pick(client.machines),
        program: client.program,
        module,
        action: module === 'DBMS_SCHEDULER' ? 'INVOICE_BATCH_JOB' : null,
        service: p.service,
        logonAt: Math.floor((this.createdAt - rng.int(30, 9 * 86_400) * 1000) / 1000) * 1000,
        spid: String(rng.int(2000, 480_000)),
        pgaBase: rng.int(2, 40) * 1024 * 1024,
        clientIdentifier: client.program === 'w3wp.exe' ? `user${rng.int(1000, 99_999)}@corp` : null,
        pActive: p.pActive,
        sqlPool: pool.length ? pool : this.sqls.slice(0, 3).map((s) => s.sqlId),
        pinned: null,
      });
    }
    // the console's own sessions: tagged with MODULE so the catalog SQL/gateway hide them
    for (let i = 0; i < 2; i++) {
      const sid = nextSid();
      this.addSession({
        instId: this.topology.instances === 2 ? i + 1 : 1,
        conId: this.connectedConId,
        sid,
        serial: rng.int(1, 65_000),
        username: OWN_USER,
        osUser: 'dba',
        machine: 'dba-mac.local',
        program: CONSOLE_PROGRAM,
        module: CONSOLE_MODULE,
        action: 'poll',
        service: 'PRODDB',
        logonAt: this.createdAt,
        spid: String(rng.int(2000, 480_000)),
        pgaBase: 3 * 1024 * 1024,
        clientIdentifier: null,
        pActive: 0.3,
        sqlPool: [],
        pinned: null,
      });
    }
    if (this.topology.connectTo !== 'non-cdb')
      this.buildHrPdbSessions(rng, nextSid, Math.round(count * 0.15));
  }

  /** HRPDB's own sessions: seen only from CDB$ROOT with CONTAINER_DATA (never from SALESPDB). */
  private buildHrPdbSessions(rng: Rng, nextSid: () => number, count: number): void {
    const hr = PROFILES.find((p) => p.username === 'HR');
    if (!hr) return;
    const pool = this.sqls.filter((q) => q.def.schema === 'HR').map((q) => q.sqlId);
    for (let i = 0; i < count; i++) {
      const client = rng.pick(hr.clients);
      const sid = nextSid();
      this.addSession({
        instId: this.instanceFor(sid),
        conId: HR_PDB.conId,
        sid,
        serial: rng.int(1, 65_000),
        username: hr.username,
        osUser: rng.pick(client.osUser),
        machine: rng.pick(client.machines),
        program: client.program,
        module: rng.pick(client.modules),
        action: null,
        service: 'hrpdb.corp.local',
        logonAt: Math.floor((this.createdAt - rng.int(30, 5 * 86_400) * 1000) / 1000) * 1000,
        spid: String(rng.int(2000, 480_000)),
        pgaBase: rng.int(2, 20) * 1024 * 1024,
        clientIdentifier: null,
        pActive: 0.1,
        sqlPool: pool.length ? pool : this.sqls.slice(0, 3).map((q) => q.sqlId),
        pinned: null,
      });
    }
  }

  // --- clock-driven values ----------------------------------------------------------------------

  elapsedSec(): number {
    return Math.max(0, (this.now() - this.createdAt) / 1000);
  }

  /** Load factor around 1: daily wave + 17-minute wave + noise per 15 s interval. */
  private load(t: number): number {
    const day = Math.sin((2 * Math.PI * (t % DAY)) / DAY - Math.PI / 2 + (this.seed % 7) / 7);
    const wave = Math.sin((2 * Math.PI * t) / (17 * MIN));
    const noise = hash01(this.seed, Math.floor(t / 15_000)) - 0.5;
    return Math.max(0.25, 1 + 0.35 * day + 0.08 * wave + 0.12 * noise);
  }

  private waitersCache: Map<string, number> | null = null;
  private waitEventsCache: Map<number, Map<string, number>> | null = null;
  /** sessions waiting on another session, per `${instId}:${conId}` (cached; recounted after a kill) */
  private waitersBy(): Map<string, number> {
    if (!this.waitersCache || !this.waitEventsCache) {
      const m = new Map<string, number>();
      const byEvent = new Map<number, Map<string, number>>();
      for (const s of this.sessions.values()) {
        if (s.pinned?.blockingSession == null) continue;
        const k = `${s.instId}:${s.conId}`;
        m.set(k, (m.get(k) ?? 0) + 1);
        const e = byEvent.get(s.instId) ?? new Map<string, number>();
        e.set(s.pinned.event, (e.get(s.pinned.event) ?? 0) + 1);
        byEvent.set(s.instId, e);
      }
      this.waitersCache = m;
      this.waitEventsCache = byEvent;
    }
    return this.waitersCache;
  }

  /** sessions of one instance (one container: `conId`) waiting on another session, by the event they wait on */
  lockWaitsByEvent(instId: number, conId?: number): ReadonlyMap<string, number> {
    if (conId === undefined) {
      this.waitersBy();
      return this.waitEventsCache?.get(instId) ?? new Map();
    }
    const m = new Map<string, number>();
    if (this.lockWaiters(instId, conId) === 0) return m;
    for (const s of this.sessions.values()) {
      if (s.instId !== instId || s.conId !== conId || s.pinned?.blockingSession == null) continue;
      m.set(s.pinned.event, (m.get(s.pinned.event) ?? 0) + 1);
    }
    return m;
  }

  /** sessions waiting on another session in one container on one instance */
  lockWaiters(instId: number, conId: number): number {
    return this.waitersBy().get(`${instId}:${conId}`) ?? 0;
  }

  /** sessions in one container on one instance (own sessions included, as V$SESSION counts them) */
  private sessionsIn(instId: number, conId: number): number {
    if (!this.countCache || this.countCache.size !== this.sessions.size) {
      const m = new Map<string, number>();
      for (const x of this.sessions.values()) {
        const k = `${x.instId}:${x.conId}`;
        m.set(k, (m.get(k) ?? 0) + 1);
      }
      this.countCache = { size: this.sessions.size, by: m };
    }
    return this.countCache.by.get(`${instId}:${conId}`) ?? 0;
  }
  private countCache: { size: number; by: Map<string, number> } | null = null;

  /** the load factor of the interval ending at t (shared by every container and instance) */
  loadAt(t: number, noiseSalt = 0): number {
    return this.load(t) * (1 + 0.04 * (hash01(this.seed, Math.floor(t / 15_000), noiseSalt) - 0.5));
  }

  instanceShare(instId: number): number {
    return INSTANCE_SHARE[this.topology.instances]?.[instId - 1] ?? 0;
  }

  /** Foreground load (AAS without lock waiters) of one container on one instance at t. */
  containerLoad(t: number, c: DemoContainer, instId: number, noiseSalt = 0): number {
    return this.baseAas * this.loadAt(t, noiseSalt) * c.loadShare * this.instanceShare(instId);
  }

  /** V$CON_SYSMETRIC-like values of one container on one instance for the interval ending at t. */
  containerMetrics(t: number, c: DemoContainer, instId: number, noiseSalt = 0): Record<string, number> {
    const l = this.loadAt(t, noiseSalt);
    const share = c.loadShare * this.instanceShare(instId);
    const load = this.baseAas * l * share;
    // every session waiting on a lock is one more active session (in the Application/Concurrency class)
    const aas = load + this.lockWaiters(instId, c.conId);
    const dbCpu = load * CPU_SHARE;
    return {
      [METRIC.aas]: aas,
      [METRIC.cpuPerSec]: dbCpu * 100,
      [METRIC.bgCpuPerSec]: this.baseAas * l * share * 0.06 * 100,
      [METRIC.dbTimePerSec]: aas * 100,
      [METRIC.executions]: 1150 * l * share,
      [METRIC.logicalReads]: 186_000 * l * share,
      [METRIC.physicalReads]: 2_150 * l * share,
      [METRIC.redo]: 3_300_000 * l * share,
      [METRIC.userCalls]: 1_950 * l * share,
      [METRIC.commits]: 212 * l * share,
      [METRIC.hardParses]: 4.2 * l * share,
      [METRIC.logons]: this.sessionsIn(instId, c.conId) + Math.round(38 * share),
    };
  }

  /**
   * Values summed over the given containers and instances; Host CPU and the buffer cache hit ratio are
   * host/instance-wide (computed from every container of the instance, averaged over instances).
   */
  metricsFor(t: number, conIds: ReadonlySet<number> | 'all', instIds: readonly number[], noiseSalt = 0) {
    const out: Record<string, number> = {};
    let hostCpu = 0;
    const l = this.loadAt(t, noiseSalt);
    for (const instId of instIds) {
      let instCpu = 0;
      for (const c of this.containers) {
        const m = this.containerMetrics(t, c, instId, noiseSalt);
        instCpu += (m[METRIC.cpuPerSec] ?? 0) / 100;
        if (conIds !== 'all' && !conIds.has(c.conId)) continue;
        for (const [k, v] of Object.entries(m)) out[k] = (out[k] ?? 0) + v;
      }
      hostCpu += Math.min(99, ((instCpu + 0.6) / CPU_COUNT) * 100 + 4 * l);
    }
    out[METRIC.hostCpu] = hostCpu / Math.max(1, instIds.length);
    out[METRIC.bufferHit] = Math.min(100, 98.85 + 0.3 * (1 - l));
    return out;
  }

  /** V$SYSMETRIC-like values of what the console's session sees (its PDB, or the whole database), all instances. */
  metricsAt(t: number, noiseSalt = 0): Record<string, number> {
    const scope = this.topology.connectTo === 'pdb' ? new Set([SALES_PDB.conId]) : 'all';
    return this.metricsFor(t, scope, this.instanceIds, noiseSalt);
  }

  /** Whole database (every container) on one instance: V$SYSMETRIC rows with CON_ID 0. */
  instanceMetrics(t: number, instId: number, noiseSalt = 0): Record<string, number> {
    return this.metricsFor(t, 'all', [instId], noiseSalt);
  }

  static isAdditive(metricName: string): boolean {
    return ADDITIVE.has(metricName);
  }

  // --- hooks ---------------------------------------------------------------------------------

  /**
   * ALTER SYSTEM KILL SESSION 'sid,serial#[,@inst]': removes the session and releases the sessions it was
   * blocking. Without @inst it acts on the instance the connection landed on (ORA-00030 elsewhere).
   */
  kill(sid: number, serial: number, instId = this.connectedInstance()): void {
    const s = this.session(instId, sid);
    if (!s || s.serial !== serial) throw new DemoOracleError('ORA-00030', 'User session ID does not exist.');
    this.sessions.delete(sessionKey(instId, sid));
    this.waitersCache = null;
    this.waitEventsCache = null;
    const mine = (l: DemoLock) => l.instId === instId && l.sid === sid;
    const released = this.locks
      .filter((l) => mine(l) && l.block > 0)
      .map((l) => `${l.type}:${l.id1}:${l.id2}`);
    this.locks = this.locks.filter(
      (l) => !mine(l) && !(l.request > 0 && released.includes(`${l.type}:${l.id1}:${l.id2}`)),
    );
    for (const w of this.sessions.values()) {
      if (w.pinned?.blockingSession !== sid || w.pinned.blockingInstance !== instId) continue;
      const holds = this.locks.some((l) => l.instId === w.instId && l.sid === w.sid && l.block > 0);
      if (holds) {
        // it got the row and carries on, still holding what it held: stays in the tree as a blocker
        w.pinned = {
          ...w.pinned,
          blockingSession: null,
          blockingInstance: null,
          state: 'WAITED SHORT TIME',
          waitBaseSec: 0,
          rowWaitObj: null,
        };
      } else {
        w.pinned = null;
      }
    }
  }

  /**
   * Issue 17, ALTER SYSTEM CANCEL SQL: the session's current call ends (ORA-01013 in its client) and the
   * session stays, idle from now on (until its client's next call, which the demo never sends): SQL_ID
   * clears, STATUS is INACTIVE, the statement's lock request goes away (so it waits no more), while what
   * its transaction holds stays held (cancel rolls back the statement, not the transaction).
   */
  endCall(s: DemoSession, prevSqlId: string | null): void {
    const grown = this.elapsedSec();
    s.pinned = {
      status: 'INACTIVE',
      event: 'SQL*Net message from client',
      waitClass: 'Idle',
      state: 'WAITING',
      sqlId: null,
      prevSqlId,
      blockingSession: null,
      blockingInstance: null,
      waitBaseSec: -grown,
      callBaseSec: -grown,
      rowWaitObj: null,
    };
    this.locks = this.locks.filter((l) => !(l.instId === s.instId && l.sid === s.sid && l.request > 0));
    this.waitersCache = null;
    this.waitEventsCache = null;
  }

  /** Simulates DDL (e.g. CREATE INDEX): LAST_DDL_TIME moves and the object count changes. */
  simulateDdl(kind: 'create' | 'alter' | 'drop' = 'create'): void {
    this.ddlTime = Math.max(this.ddlTime + 1000, Math.floor(this.now() / 1000) * 1000);
    if (kind === 'create') this.objectCount++;
    if (kind === 'drop') this.objectCount--;
  }
}
