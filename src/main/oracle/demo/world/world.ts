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
} from './model';
import { CPU_SHARE, PROFILES } from './profiles';

export interface DemoWorldOptions {
  seed: number;
  sessionCount: number;
  now: () => number;
}

export class DemoWorld {
  readonly seed: number;
  /** the clock time the database was created: growing counters start from here */
  readonly createdAt: number;
  readonly startupTime: number;
  readonly now: () => number;
  readonly sessions = new Map<number, DemoSession>();
  locks: DemoLock[] = [];
  readonly sqls: SqlEntry[] = [];
  readonly sqlById = new Map<string, SqlEntry>();
  readonly objects: DemoObject[] = [];
  ddlTime: number;
  objectCount: number;
  readonly baseAas: number;

  constructor(opts: DemoWorldOptions) {
    this.seed = opts.seed >>> 0;
    this.now = opts.now;
    this.createdAt = opts.now();
    const rng = new Rng(this.seed);
    this.startupTime = Math.floor((this.createdAt - 9 * DAY - rng.int(0, 3 * DAY)) / 1000) * 1000;
    this.baseAas = Math.max(1.2, opts.sessionCount * 0.034);
    this.buildSql(rng);
    this.buildObjects(rng);
    this.ddlTime = Math.floor((this.createdAt - 2 * DAY - rng.int(0, DAY)) / 1000) * 1000;
    this.objectCount = this.objects.length + 412;
    this.buildSessions(rng, opts.sessionCount);
    buildBlockingChains(this);
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
    for (let i = 0; i < count; i++) {
      const p = rng.weighted(profiles);
      const client = rng.pick(p.clients);
      const module = rng.pick(client.modules);
      const pool = this.sqls
        .filter((s) => p.schemaSql.includes(s.def.schema) || s.def.module === module)
        .map((s) => s.sqlId);
      const sid = nextSid();
      this.sessions.set(sid, {
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
      this.sessions.set(sid, {
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

  waitingOnLocks = -1;
  /** sessions waiting on another session (cached; recounted after a kill) */
  lockWaiters(): number {
    if (this.waitingOnLocks < 0) {
      let n = 0;
      for (const s of this.sessions.values()) if (s.pinned?.blockingSession != null) n++;
      this.waitingOnLocks = n;
    }
    return this.waitingOnLocks;
  }

  /** V$SYSMETRIC-like values for the interval ending at `t`. */
  metricsAt(t: number, noiseSalt = 0): Record<string, number> {
    const l = this.load(t) * (1 + 0.04 * (hash01(this.seed, Math.floor(t / 15_000), noiseSalt) - 0.5));
    const load = this.baseAas * l;
    // every session waiting on a lock is one more active session (in the Application/Concurrency class)
    const aas = load + this.lockWaiters();
    const dbCpu = load * CPU_SHARE;
    const logons = this.sessions.size + 38;
    return {
      [METRIC.aas]: aas,
      [METRIC.hostCpu]: Math.min(99, ((dbCpu + 0.6) / CPU_COUNT) * 100 + 4 * l),
      [METRIC.cpuPerSec]: dbCpu * 100,
      [METRIC.dbTimePerSec]: aas * 100,
      [METRIC.executions]: 1150 * l,
      [METRIC.logicalReads]: 186_000 * l,
      [METRIC.physicalReads]: 2_150 * l,
      [METRIC.redo]: 3_300_000 * l,
      [METRIC.userCalls]: 1_950 * l,
      [METRIC.commits]: 212 * l,
      [METRIC.hardParses]: 4.2 * l,
      [METRIC.bufferHit]: Math.min(100, 98.85 + 0.3 * (1 - l)),
      [METRIC.logons]: logons,
    };
  }

  // --- hooks ---------------------------------------------------------------------------------

  /** ALTER SYSTEM KILL SESSION: removes the session and releases the sessions it was blocking. */
  kill(sid: number, serial: number): void {
    const s = this.sessions.get(sid);
    if (!s || s.serial !== serial) throw new DemoOracleError('ORA-00030', 'User session ID does not exist.');
    this.sessions.delete(sid);
    this.waitingOnLocks = -1;
    const released = this.locks
      .filter((l) => l.sid === sid && l.block > 0)
      .map((l) => `${l.type}:${l.id1}:${l.id2}`);
    this.locks = this.locks.filter(
      (l) => l.sid !== sid && !(l.request > 0 && released.includes(`${l.type}:${l.id1}:${l.id2}`)),
    );
    for (const w of this.sessions.values()) {
      if (w.pinned?.blockingSession !== sid) continue;
      const holds = this.locks.some((l) => l.sid === w.sid && l.block > 0);
      if (holds) {
        // it got the row and carries on, still holding what it held: stays in the tree as a blocker
        w.pinned = {
          ...w.pinned,
          blockingSession: null,
          state: 'WAITED SHORT TIME',
          waitBaseSec: 0,
          rowWaitObj: null,
        };
      } else {
        w.pinned = null;
      }
    }
  }

  /** Simulates DDL (e.g. CREATE INDEX): LAST_DDL_TIME moves and the object count changes. */
  simulateDdl(kind: 'create' | 'alter' | 'drop' = 'create'): void {
    this.ddlTime = Math.max(this.ddlTime + 1000, Math.floor(this.now() / 1000) * 1000);
    if (kind === 'create') this.objectCount++;
    if (kind === 'drop') this.objectCount--;
  }
}
