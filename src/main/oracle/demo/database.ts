/**
 * The demo database: an in-memory Oracle that answers the catalog's statements (by query id) with
 * rows of exactly the columns the SQL returns, deterministic from a seed and the clock.
 *
 * What moves: V$SYSMETRIC values (daily sinusoid + a 17-minute wave + per-interval noise), session
 * activity (re-rolled every 15 s per session from (seed, sid, interval)), cumulative counters
 * (V$SYSTEM_EVENT, V$SQLSTATS grow with time since startup / load). What stays until acted on:
 * three blocking chains (TX row lock held by an idle-in-transaction session, a TM lock from a batch
 * job, TX index contention) — a kill removes the session and releases its waiters.
 *
 * Not simulated: background sessions (the catalog reads TYPE = 'USER' only), RAC (one instance).
 * V$SESSION shows "ON CPU" as STATE <> 'WAITING' (the 'CPU + Wait for CPU' label is an ASH/EM notion).
 */
import type { TopSqlOrder } from '@shared/types/oracle';
import { type CatalogQuery, METRIC, TOP_SQL_ORDER_EXPR, TREND_METRIC_NAMES } from '../catalog';
import { CONSOLE_MODULE, CONSOLE_PROGRAM } from '../gateway';
import type { RawRow } from '../mappers';
import { hash01, planHashOf, Rng, sqlIdOf } from './prng';
import { DEMO_SCHEMAS, parseColumn } from './schema-data';
import { type DemoSql, LITERAL_VARIANTS, type PlanLine, SQL_LIBRARY } from './sql-library';
import { formatCursor } from './xplan';

export interface DemoDatabaseOptions {
  seed: number;
  sessionCount: number;
  now: () => number;
}

/** An Error shaped like node-oracledb's (code + errorNum + "ORA-xxxxx: ..." message). */
export class DemoOracleError extends Error {
  readonly code: string;
  readonly errorNum: number;
  constructor(code: string, text: string) {
    super(`${code}: ${text}`);
    this.code = code;
    this.errorNum = Number(code.slice(4));
  }
}

const MIN = 60_000;
const DAY = 86_400_000;
const CPU_COUNT = 16;

// --- users, programs, machines ------------------------------------------------------------------

interface Profile {
  username: string;
  weight: number;
  /** probability the session is in a call at a given moment */
  pActive: number;
  clients: readonly {
    program: string;
    machines: readonly string[];
    osUser: readonly string[];
    modules: readonly string[];
  }[];
  schemaSql: readonly string[];
  service: string;
}

const ws = (n: number) => Array.from({ length: n }, (_, i) => `CORP\\WS-${1000 + i * 37}`);

const PROFILES: readonly Profile[] = [
  {
    username: 'APP_OWNER',
    weight: 52,
    pActive: 0.07,
    service: 'sales_app.corp.local',
    schemaSql: ['APP_OWNER'],
    clients: [
      {
        program: 'JDBC Thin Client',
        machines: ['app01.corp.local', 'app02.corp.local', 'app03.corp.local', 'app04.corp.local'],
        osUser: ['tomcat'],
        modules: ['OrderService', 'PaymentService', 'QueueWorker', 'JDBC Thin Client'],
      },
      {
        program: 'w3wp.exe',
        machines: ['CORP\\WEB01', 'CORP\\WEB02', 'CORP\\WEB03'],
        osUser: ['IIS APPPOOL\\SalesApi'],
        modules: ['SalesApi', 'w3wp.exe'],
      },
      {
        program: 'LegacyReports.exe',
        machines: ws(6),
        osUser: ['mpark', 'yjlee', 'shchoi'],
        modules: ['LegacyReports.exe'],
      },
    ],
  },
  {
    username: 'HR',
    weight: 9,
    pActive: 0.04,
    service: 'hr_app.corp.local',
    schemaSql: ['HR'],
    clients: [
      {
        program: 'JDBC Thin Client',
        machines: ['hrapp01.corp.local', 'hrapp02.corp.local'],
        osUser: ['hrapp'],
        modules: ['HR Portal'],
      },
    ],
  },
  {
    username: 'REPORT_RO',
    weight: 10,
    pActive: 0.09,
    service: 'reporting.corp.local',
    schemaSql: ['REPORT_RO'],
    clients: [
      {
        program: 'Toad.exe',
        machines: ws(12),
        osUser: ['jkim', 'hsong', 'dwkang', 'eunji.han'],
        modules: ['Toad.exe'],
      },
      {
        program: 'JDBC Thin Client',
        machines: ['tableau01.corp.local'],
        osUser: ['tableau'],
        modules: ['JDBC Thin Client'],
      },
    ],
  },
  {
    username: 'BATCH_USR',
    weight: 6,
    pActive: 0.55,
    service: 'batch.corp.local',
    schemaSql: ['BATCH_USR'],
    clients: [
      {
        program: 'sqlplus@batch01 (TNS V1-V3)',
        machines: ['batch01'],
        osUser: ['batch'],
        modules: ['sqlplus@batch01 (TNS V1-V3)'],
      },
      { program: 'oracle@db01 (J001)', machines: ['db01'], osUser: ['oracle'], modules: ['DBMS_SCHEDULER'] },
    ],
  },
  {
    username: 'ETL_USR',
    weight: 5,
    pActive: 0.35,
    service: 'batch.corp.local',
    schemaSql: ['ETL_USR'],
    clients: [
      {
        program: 'python3@etl02 (TNS V1-V3)',
        machines: ['etl02'],
        osUser: ['airflow'],
        modules: ['python3@etl02 (TNS V1-V3)'],
      },
    ],
  },
  {
    username: 'SCOTT',
    weight: 2,
    pActive: 0.02,
    service: 'PRODDB',
    schemaSql: ['SCOTT'],
    clients: [
      { program: 'SQL Developer', machines: ws(3), osUser: ['scott.tiger'], modules: ['SQL Developer'] },
      {
        program: 'sqlplus@db01 (TNS V1-V3)',
        machines: ['db01'],
        osUser: ['oracle'],
        modules: ['SQL*Plus'],
      },
    ],
  },
  {
    username: 'DBSNMP',
    weight: 2,
    pActive: 0.05,
    service: 'SYS$USERS',
    schemaSql: ['DBSNMP'],
    clients: [
      {
        program: 'JDBC Thin Client',
        machines: ['oem01.corp.local'],
        osUser: ['oracle'],
        modules: ['emagent_SQL_oracle_database'],
      },
    ],
  },
];

/** Events an active session waits on, with their wait class and weight. */
const ACTIVE_WAITS: readonly (readonly [string, string, number])[] = [
  ['db file sequential read', 'User I/O', 30],
  ['db file scattered read', 'User I/O', 8],
  ['direct path read', 'User I/O', 7],
  ['read by other session', 'User I/O', 2],
  ['direct path write temp', 'User I/O', 2],
  ['log file sync', 'Commit', 9],
  ['latch: cache buffers chains', 'Concurrency', 2],
  ['library cache: mutex X', 'Concurrency', 1],
  ['buffer busy waits', 'Concurrency', 1],
  ['SQL*Net more data from client', 'Network', 2],
  ['SQL*Net message to client', 'Network', 1],
  ['resmgr:cpu quantum', 'Scheduler', 1],
  ['PGA memory operation', 'Other', 1],
];

/** V$SYSTEM_EVENT: [event, class, waits/s at base load, avg ms, timeout share]. Idle ones are filtered by the SQL. */
const SYSTEM_EVENTS: readonly (readonly [string, string, number, number, number])[] = [
  ['db file sequential read', 'User I/O', 1800, 0.62, 0],
  ['db file scattered read', 'User I/O', 95, 2.4, 0],
  ['direct path read', 'User I/O', 42, 4.1, 0],
  ['read by other session', 'User I/O', 8, 2.1, 0],
  ['direct path write temp', 'User I/O', 12, 3.2, 0],
  ['Disk file operations I/O', 'User I/O', 3, 0.05, 0],
  ['log file sync', 'Commit', 215, 1.25, 0],
  ['enq: TX - row lock contention', 'Application', 0.05, 1850, 0.6],
  ['enq: TM - contention', 'Application', 0.01, 940, 0.2],
  ['SQL*Net break/reset to client', 'Application', 0.4, 0.3, 0],
  ['enq: TX - index contention', 'Concurrency', 0.5, 14, 0],
  ['latch: cache buffers chains', 'Concurrency', 30, 0.05, 0],
  ['library cache: mutex X', 'Concurrency', 9, 0.12, 0],
  ['buffer busy waits', 'Concurrency', 5, 0.4, 0],
  ['cursor: pin S wait on X', 'Concurrency', 0.2, 9, 0],
  ['log file parallel write', 'System I/O', 232, 0.81, 0],
  ['db file parallel write', 'System I/O', 61, 1.5, 0],
  ['control file sequential read', 'System I/O', 26, 0.31, 0],
  ['control file parallel write', 'System I/O', 1.1, 1.9, 0],
  ['SQL*Net message to client', 'Network', 3050, 0.0021, 0],
  ['SQL*Net more data from client', 'Network', 41, 0.052, 0],
  ['SQL*Net more data to client', 'Network', 18, 0.03, 0],
  ['log file switch (checkpoint incomplete)', 'Configuration', 0.02, 130, 0],
  ['log file switch completion', 'Configuration', 0.03, 22, 0],
  ['resmgr:cpu quantum', 'Scheduler', 2.1, 8.4, 0],
  ['PGA memory operation', 'Other', 60, 0.01, 0],
  ['ADR block file read', 'Other', 0.1, 0.8, 0],
  ['os thread startup', 'Concurrency', 0.02, 45, 0],
  ['SQL*Net message from client', 'Idle', 3100, 310, 0],
  ['rdbms ipc message', 'Idle', 420, 820, 0.9],
  ['Space Manager: slave idle wait', 'Idle', 1.2, 4900, 0.95],
  ['jobq slave wait', 'Idle', 0.5, 500, 1],
];

/** wait class -> share of AAS (CPU share = the rest of DB time) */
const CLASS_SHARE: Record<string, number> = {
  'User I/O': 0.27,
  Commit: 0.06,
  Application: 0.07,
  Concurrency: 0.035,
  Network: 0.015,
  'System I/O': 0.04,
  Configuration: 0.004,
  Scheduler: 0.01,
  Other: 0.008,
  Administrative: 0,
  Cluster: 0,
  Queueing: 0,
};
const CPU_SHARE = 0.42;

// --- internal model ----------------------------------------------------------------------------

interface Pinned {
  status: 'ACTIVE' | 'INACTIVE';
  event: string;
  waitClass: string;
  state: string;
  sqlId: string | null;
  prevSqlId: string | null;
  blockingSession: number | null;
  /** seconds already waited / in call when the database was created */
  waitBaseSec: number;
  callBaseSec: number;
  rowWaitObj: number | null;
}

interface DemoSession {
  sid: number;
  serial: number;
  username: string;
  osUser: string;
  machine: string;
  program: string;
  module: string;
  action: string | null;
  service: string;
  logonAt: number;
  spid: string;
  pgaBase: number;
  clientIdentifier: string | null;
  pActive: number;
  sqlPool: string[];
  pinned: Pinned | null;
}

interface DemoLock {
  sid: number;
  type: string;
  id1: number;
  id2: number;
  lmode: number;
  request: number;
  ctimeBaseSec: number;
  block: number;
}

interface SqlEntry {
  sqlId: string;
  def: DemoSql;
  planHash: number;
  loadAgeSec: number;
  lastActiveLagSec: number;
  sharableMem: number;
  hardParseUs: number;
  profile: string | null;
}

interface DemoObject {
  owner: string;
  name: string;
  objectId: number;
}

const OWN_USER = 'TMS_MONITOR';

export class DemoDatabase {
  readonly seed: number;
  /** the clock time the database was created: growing counters start from here */
  readonly createdAt: number;
  readonly startupTime: number;
  private readonly now: () => number;
  private readonly sessions = new Map<number, DemoSession>();
  private locks: DemoLock[] = [];
  private readonly sqls: SqlEntry[] = [];
  private readonly sqlById = new Map<string, SqlEntry>();
  private readonly objects: DemoObject[] = [];
  private ddlTime: number;
  private objectCount: number;
  private readonly baseAas: number;

  constructor(opts: DemoDatabaseOptions) {
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
    this.buildChains();
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

  private objectId(owner: string, name: string): number | null {
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

  /** Three blocking chains, made of existing sessions (needs at least 16 user sessions). */
  private buildChains(): void {
    const app = [...this.sessions.values()].filter((s) => s.username === 'APP_OWNER');
    const batch = [...this.sessions.values()].find((s) => s.username === 'BATCH_USR');
    const sqlOf = (needle: string) => this.sqls.find((s) => s.def.text.includes(needle))?.sqlId ?? null;
    const accountsSql = sqlOf('app_owner.accounts a WHERE');
    const inventorySql = sqlOf('UPDATE sales.inventory');
    const auditSql = sqlOf('INSERT INTO app_owner.audit_trail');
    const deleteSql = sqlOf('DELETE FROM app_owner.session_log');
    const accountsObj = this.objectId('APP_OWNER', 'ACCOUNTS');
    const logObj = this.objectId('APP_OWNER', 'SESSION_LOG') ?? 0;
    const auditObj = this.objectId('APP_OWNER', 'AUDIT_TRAIL');
    if (app.length < 11) return;
    const [r1, w1, w2, w3, w4, w5, t1, t2, c1, c2, i1] = app as [
      DemoSession,
      DemoSession,
      DemoSession,
      DemoSession,
      DemoSession,
      DemoSession,
      DemoSession,
      DemoSession,
      DemoSession,
      DemoSession,
      DemoSession,
    ];
    // chain members get a coherent client: the payment/order services on the app servers
    let n = 0;
    const appClient = (s: DemoSession, module: string): void => {
      s.username = 'APP_OWNER';
      s.program = 'JDBC Thin Client';
      s.machine = `app0${(n++ % 4) + 1}.corp.local`;
      s.osUser = 'tomcat';
      s.module = module;
      s.service = 'sales_app.corp.local';
      s.clientIdentifier = null;
    };
    const idle = (s: DemoSession, prev: string | null, callBase: number): void => {
      appClient(s, 'PaymentService');
      s.pinned = {
        status: 'INACTIVE',
        event: 'SQL*Net message from client',
        waitClass: 'Idle',
        state: 'WAITING',
        sqlId: null,
        prevSqlId: prev,
        blockingSession: null,
        waitBaseSec: callBase,
        callBaseSec: callBase,
        rowWaitObj: null,
      };
    };
    const waiter = (
      s: DemoSession,
      blocker: number,
      event: string,
      waitClass: string,
      sqlId: string | null,
      waitBase: number,
      obj: number | null,
    ): void => {
      s.pinned = {
        status: 'ACTIVE',
        event,
        waitClass,
        state: 'WAITING',
        sqlId,
        prevSqlId: sqlId,
        blockingSession: blocker,
        waitBaseSec: waitBase,
        callBaseSec: waitBase,
        rowWaitObj: obj,
      };
    };
    const row = 'enq: TX - row lock contention';
    // Chain A: an idle-in-transaction session holds a row lock (TX mode 6); four waiters, one of
    // which (W2) holds its own TX that W5 waits for.
    idle(r1, accountsSql, 1260);
    const txA = { id1: 655_385, id2: 4711 };
    const txB = { id1: 589_841, id2: 90_112 };
    this.locks.push({ sid: r1.sid, type: 'TX', ...txA, lmode: 6, request: 0, ctimeBaseSec: 1275, block: 1 });
    [w1, w2, w3, w4].forEach((w, i) => {
      appClient(w, 'PaymentService');
      waiter(w, r1.sid, row, 'Application', accountsSql, 1190 - i * 310, accountsObj);
      this.locks.push({
        sid: w.sid,
        type: 'TX',
        ...txA,
        lmode: 0,
        request: 6,
        ctimeBaseSec: 1190 - i * 310,
        block: 0,
      });
    });
    this.locks.push({ sid: w2.sid, type: 'TX', ...txB, lmode: 6, request: 0, ctimeBaseSec: 900, block: 1 });
    waiter(w5, w2.sid, row, 'Application', inventorySql, 640, this.objectId('SALES', 'INVENTORY'));
    appClient(w5, 'OrderService');
    this.locks.push({ sid: w5.sid, type: 'TX', ...txB, lmode: 0, request: 6, ctimeBaseSec: 640, block: 0 });
    // Chain B: a batch job holds the table exclusively (TM mode 6); DML waits for row-X (3).
    const b = batch ?? t1;
    b.pinned = {
      status: 'ACTIVE',
      event: 'db file scattered read',
      waitClass: 'User I/O',
      state: 'WAITING',
      sqlId: deleteSql,
      prevSqlId: null,
      blockingSession: null,
      waitBaseSec: 0,
      callBaseSec: 415,
      rowWaitObj: logObj,
    };
    this.locks.push({
      sid: b.sid,
      type: 'TM',
      id1: logObj,
      id2: 0,
      lmode: 6,
      request: 0,
      ctimeBaseSec: 430,
      block: 1,
    });
    for (const [i, w] of [t1, t2].entries()) {
      if (w === b) continue;
      appClient(w, 'JDBC Thin Client');
      waiter(w, b.sid, 'enq: TM - contention', 'Application', auditSql, 380 - i * 120, logObj);
      this.locks.push({
        sid: w.sid,
        type: 'TM',
        id1: logObj,
        id2: 0,
        lmode: 0,
        request: 3,
        ctimeBaseSec: 380 - i * 120,
        block: 0,
      });
    }
    // Chain C: index block split contention (TX mode 4 requested).
    for (const x of [c1, c2, i1]) appClient(x, 'JDBC Thin Client');
    c1.pinned = {
      status: 'ACTIVE',
      event: 'log file sync',
      waitClass: 'Commit',
      state: 'WAITED SHORT TIME',
      sqlId: auditSql,
      prevSqlId: auditSql,
      blockingSession: null,
      waitBaseSec: 0,
      callBaseSec: 2,
      rowWaitObj: auditObj,
    };
    const txC = { id1: 720_903, id2: 15_533 };
    this.locks.push({ sid: c1.sid, type: 'TX', ...txC, lmode: 6, request: 0, ctimeBaseSec: 3, block: 1 });
    for (const w of [c2, i1]) {
      waiter(w, c1.sid, 'enq: TX - index contention', 'Concurrency', auditSql, 1, auditObj);
      this.locks.push({ sid: w.sid, type: 'TX', ...txC, lmode: 0, request: 4, ctimeBaseSec: 1, block: 0 });
    }
  }

  // --- clock-driven values ----------------------------------------------------------------------

  private elapsedSec(): number {
    return Math.max(0, (this.now() - this.createdAt) / 1000);
  }

  /** Load factor around 1: daily wave + 17-minute wave + noise per 15 s interval. */
  private load(t: number): number {
    const day = Math.sin((2 * Math.PI * (t % DAY)) / DAY - Math.PI / 2 + (this.seed % 7) / 7);
    const wave = Math.sin((2 * Math.PI * t) / (17 * MIN));
    const noise = hash01(this.seed, Math.floor(t / 15_000)) - 0.5;
    return Math.max(0.25, 1 + 0.35 * day + 0.08 * wave + 0.12 * noise);
  }

  private waitingOnLocks = -1;
  /** sessions waiting on another session (cached; recounted after a kill) */
  private lockWaiters(): number {
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

  // --- dynamic session state ---------------------------------------------------------------------

  private sessionRow(s: DemoSession, t: number): RawRow {
    const bucket = Math.floor(t / 15_000);
    const p = s.pinned;
    const grown = this.elapsedSec();
    let status: string;
    let event: string;
    let waitClass: string;
    let state: string;
    let sqlId: string | null;
    let prevSqlId: string | null;
    let secondsInWait: number;
    let lastCallEt: number;
    let blocking: number | null = null;
    let rowWaitObj: number | null = null;
    if (p) {
      status = p.status;
      event = p.event;
      waitClass = p.waitClass;
      state = p.state;
      sqlId = p.sqlId;
      prevSqlId = p.prevSqlId;
      blocking = p.blockingSession;
      secondsInWait = Math.round(p.waitBaseSec + (state === 'WAITING' ? grown : 0));
      lastCallEt = Math.round(p.callBaseSec + grown);
      rowWaitObj = p.rowWaitObj;
    } else {
      const h = hash01(this.seed, s.sid, bucket);
      const active = h < s.pActive;
      const pool = s.sqlPool;
      prevSqlId = pool.length
        ? (pool[Math.floor(hash01(this.seed, s.sid, bucket, 4) * pool.length)] ?? null)
        : null;
      if (active) {
        status = 'ACTIVE';
        sqlId = pool.length
          ? (pool[Math.floor(hash01(this.seed, s.sid, bucket, 2) * pool.length)] ?? null)
          : null;
        const r = hash01(this.seed, s.sid, bucket, 1);
        const w = pickWeighted(ACTIVE_WAITS, hash01(this.seed, s.sid, bucket, 3));
        event = w[0];
        waitClass = w[1];
        state = r < CPU_SHARE ? 'WAITED SHORT TIME' : 'WAITING';
        secondsInWait = state === 'WAITING' ? Math.floor(hash01(this.seed, s.sid, bucket, 5) * 3) : 0;
        lastCallEt = Math.floor(hash01(this.seed, s.sid, bucket, 6) * 40) + Math.floor((t % 15_000) / 1000);
      } else {
        status = 'INACTIVE';
        sqlId = null;
        event = 'SQL*Net message from client';
        waitClass = 'Idle';
        state = 'WAITING';
        lastCallEt = Math.floor(hash01(this.seed, s.sid, bucket, 7) * 1800) + Math.floor((t % 15_000) / 1000);
        secondsInWait = lastCallEt;
      }
    }
    const pga = s.pgaBase * (1 + hash01(this.seed, s.sid, bucket, 8));
    return {
      INST_ID: 1,
      SID: s.sid,
      SERIAL_NO: s.serial,
      USERNAME: s.username,
      STATUS: status,
      OSUSER: s.osUser,
      MACHINE: s.machine,
      PROGRAM: s.program,
      MODULE: s.module,
      ACTION: s.action,
      SERVICE_NAME: s.service,
      SQL_ID: sqlId,
      SQL_CHILD_NUMBER: sqlId ? 0 : null,
      PREV_SQL_ID: prevSqlId,
      SQL_EXEC_START: sqlId ? new Date(t - lastCallEt * 1000) : null,
      LOGON_TIME: new Date(s.logonAt),
      LAST_CALL_ET: lastCallEt,
      EVENT: event,
      WAIT_CLASS: waitClass,
      STATE: state,
      SECONDS_IN_WAIT: secondsInWait,
      BLOCKING_SESSION_STATUS: blocking === null ? 'NO HOLDER' : 'VALID',
      BLOCKING_INSTANCE: blocking === null ? null : 1,
      BLOCKING_SESSION: blocking,
      ROW_WAIT_OBJ_NO: rowWaitObj ?? -1,
      CLIENT_IDENTIFIER: s.clientIdentifier,
      SPID: s.spid,
      PGA_USED_MEM: Math.round(pga),
      PGA_ALLOC_MEM: Math.round(pga * 1.3),
      PGA_MAX_MEM: Math.round(pga * 1.9),
    };
  }

  // --- SQL statistics -----------------------------------------------------------------------------

  private sqlStats(e: SqlEntry, t: number): RawRow {
    const d = e.def;
    const age = e.loadAgeSec + this.elapsedSec();
    const executions = Math.max(1, Math.floor(d.execPerSec * age));
    const elapsed = Math.round(executions * d.elaMsPerExec * 1000);
    const pct = (p: number | undefined) => Math.round((elapsed * (p ?? 0)) / 100);
    const literal = d.module === LITERAL_VARIANTS.base.module;
    return {
      SQL_ID: e.sqlId,
      PLAN_HASH_VALUE: e.planHash,
      EXECUTIONS: executions,
      ELAPSED_TIME: elapsed,
      CPU_TIME: pct(d.cpuPct),
      BUFFER_GETS: Math.round(executions * d.getsPerExec),
      DISK_READS: Math.round(executions * d.readsPerExec),
      ROWS_PROCESSED: Math.round(executions * d.rowsPerExec),
      PARSE_CALLS: literal ? executions : Math.max(1, Math.round(executions * 0.04)),
      FETCHES: Math.max(1, Math.round(executions * Math.max(1, Math.ceil(d.rowsPerExec / 100)))),
      SORTS: d.plan?.some((p) => p[1] === 'SORT' || p[2].includes('SORT')) ? executions : 0,
      LOADS: 1 + (d.children ?? 1),
      INVALIDATIONS: d.children && d.children > 1 ? 1 : 0,
      VERSION_COUNT: d.children ?? 1,
      USER_IO_WAIT_TIME: pct(d.ioPct),
      APPLICATION_WAIT_TIME: pct(d.appPct),
      CONCURRENCY_WAIT_TIME: pct(d.concPct),
      CLUSTER_WAIT_TIME: 0,
      PLSQL_EXEC_TIME: d.plan === null ? pct(20) : 0,
      JAVA_EXEC_TIME: 0,
      SHARABLE_MEM: e.sharableMem,
      AVG_HARD_PARSE_TIME: e.hardParseUs,
      PX_SERVERS_EXECUTIONS: d.text.includes('PARALLEL(4)') ? executions * 4 : 0,
      LAST_ACTIVE_TIME: new Date(Math.floor((t - e.lastActiveLagSec * 1000) / 1000) * 1000),
      SQL_TEXT: d.text.slice(0, 200),
    };
  }

  private topSql(order: TopSqlOrder, maxRows: number, t: number): RawRow[] {
    const key = SORT_KEYS[order];
    return this.sqls
      .map((e) => {
        const s = this.sqlStats(e, t);
        return { e, s, k: key(s) };
      })
      .sort((a, b) => b.k - a.k)
      .slice(0, maxRows)
      .map(({ e, s, k }) => ({
        SQL_ID: s.SQL_ID,
        PLAN_HASH_VALUE: s.PLAN_HASH_VALUE,
        EXECUTIONS: s.EXECUTIONS,
        ELAPSED_TIME: s.ELAPSED_TIME,
        CPU_TIME: s.CPU_TIME,
        BUFFER_GETS: s.BUFFER_GETS,
        DISK_READS: s.DISK_READS,
        ROWS_PROCESSED: s.ROWS_PROCESSED,
        PARSE_CALLS: s.PARSE_CALLS,
        USER_IO_WAIT_TIME: s.USER_IO_WAIT_TIME,
        APPLICATION_WAIT_TIME: s.APPLICATION_WAIT_TIME,
        CONCURRENCY_WAIT_TIME: s.CONCURRENCY_WAIT_TIME,
        LAST_ACTIVE_TIME: s.LAST_ACTIVE_TIME,
        SQL_TEXT: s.SQL_TEXT,
        SORT_KEY: k,
        PARSING_SCHEMA_NAME: e.def.schema,
        MODULE: e.def.module,
      }));
  }

  private children(e: SqlEntry, t: number): RawRow[] {
    const s = this.sqlStats(e, t);
    const n = e.def.children ?? 1;
    const share = (v: unknown, i: number) => {
      const total = Number(v);
      const part = Math.floor(total / n);
      return i === n - 1 ? total - part * (n - 1) : part;
    };
    return Array.from({ length: n }, (_, i) => ({
      CHILD_NUMBER: i,
      PLAN_HASH_VALUE: e.planHash,
      PARSING_SCHEMA_NAME: e.def.schema,
      MODULE: e.def.module,
      ACTION: e.def.action ?? null,
      OPTIMIZER_MODE: e.def.plan ? (e.def.optimizerMode ?? 'ALL_ROWS') : null,
      OPTIMIZER_COST: e.def.plan ? (e.def.plan[0]?.[6] ?? 0) : null,
      EXECUTIONS: share(s.EXECUTIONS, i),
      ELAPSED_TIME: share(s.ELAPSED_TIME, i),
      BUFFER_GETS: share(s.BUFFER_GETS, i),
      LAST_ACTIVE_TIME: s.LAST_ACTIVE_TIME,
      IS_BIND_SENSITIVE: n > 1 ? 'Y' : 'N',
      IS_BIND_AWARE: n > 2 && i > 0 ? 'Y' : 'N',
      SQL_PROFILE: e.profile,
      SQL_PLAN_BASELINE: null,
    }));
  }

  private planRows(e: SqlEntry): RawRow[] {
    const plan = e.def.plan;
    if (!plan) return [];
    const parents: number[] = [];
    return plan.map((p: PlanLine, id) => {
      const [depth, operation, options, object, rows, bytes, cost, access, filter] = p;
      parents[depth] = id;
      const [owner, name] = object ? object.split('.') : [null, null];
      return {
        CHILD_NUMBER: 0,
        PLAN_HASH_VALUE: e.planHash,
        ID: id,
        PARENT_ID: depth === 0 ? null : (parents[depth - 1] ?? 0),
        DEPTH: depth,
        OPERATION: operation,
        OPTIONS: options || null,
        OBJECT_OWNER: owner ?? null,
        OBJECT_NAME: name ?? null,
        COST: id === 0 ? cost : cost || null,
        CARDINALITY: rows || null,
        BYTES: bytes || null,
        TIME: cost ? Math.max(1, Math.round(cost / 75)) : null,
        ACCESS_PREDICATES: access ?? null,
        FILTER_PREDICATES: filter ?? null,
      };
    });
  }

  private xplan(sqlId: string): RawRow[] {
    const e = this.sqlById.get(sqlId);
    if (!e) return [{ PLAN_TABLE_OUTPUT: `SQL_ID: ${sqlId} cannot be found` }];
    const rows = this.planRows(e).map((r) => ({
      id: Number(r.ID),
      depth: Number(r.DEPTH),
      operation: String(r.OPERATION),
      options: (r.OPTIONS as string | null) ?? '',
      objectName: (r.OBJECT_NAME as string | null) ?? '',
      rows: Number(r.CARDINALITY ?? 0),
      bytes: Number(r.BYTES ?? 0),
      cost: Number(r.COST ?? 0),
      // DBMS_XPLAN's %CPU: the CPU share of the optimizer cost (small for I/O-bound full scans)
      cpuPct: Math.max(1, Math.min(30, Math.round(e.def.cpuPct / 20))),
      timeSec: Number(r.TIME ?? 0),
      access: (r.ACCESS_PREDICATES as string | null) ?? undefined,
      filter: (r.FILTER_PREDICATES as string | null) ?? undefined,
    }));
    const notes = e.profile ? [`SQL profile ${e.profile} used for this statement`] : [];
    const out: string[] = [];
    for (let child = 0; child < (e.def.children ?? 1); child++) {
      out.push(...formatCursor(sqlId, child, e.def.text, e.planHash, e.def.plan ? rows : null, notes));
    }
    return out.map((line) => ({ PLAN_TABLE_OUTPUT: line }));
  }

  // --- the query router ------------------------------------------------------------------------

  run(query: CatalogQuery, binds: Record<string, string | number> = {}): RawRow[] {
    const t = this.now();
    const bind = (name: string): string | number => {
      const v = binds[name];
      if (v === undefined) throw new DemoOracleError('ORA-01008', 'not all variables bound');
      return v;
    };
    for (const k of Object.keys(binds)) {
      if (!query.binds.includes(k))
        throw new DemoOracleError('ORA-01036', `illegal variable name/number (:${k})`);
    }
    if (query.id.startsWith('probe.')) return [];
    if (query.id.startsWith('ash.')) return this.ash(query.id, Number(bind('minutes')), t);
    if (query.id.startsWith('top-sql.')) {
      const order = query.id.slice('top-sql.'.length) as TopSqlOrder;
      return this.topSql(order, Number(bind('maxRows')), t);
    }
    switch (query.id) {
      case 'dashboard.sysmetric':
        return this.sysmetricRows(t, [2]);
      case 'realtime.sysmetric':
        return this.sysmetricRows(t, [2, 3]);
      case 'dashboard.session-counts': {
        const own = String(bind('consoleModule'));
        const rows = [...this.sessions.values()]
          .filter((s) => s.module !== own)
          .map((s) => this.sessionRow(s, t));
        return [
          {
            TOTAL: rows.length,
            ACTIVE: rows.filter((r) => r.STATUS === 'ACTIVE').length,
            INACTIVE: rows.filter((r) => r.STATUS === 'INACTIVE').length,
            BLOCKED: rows.filter((r) => r.BLOCKING_SESSION !== null).length,
          },
        ];
      }
      case 'dashboard.waitclassmetric':
        return this.waitClassMetric(t);
      case 'sessions.list':
        return [...this.sessions.values()].sort((a, b) => a.sid - b.sid).map((s) => this.sessionRow(s, t));
      case 'locks.sessions': {
        const rows = [...this.sessions.values()].map((s) => this.sessionRow(s, t));
        const blockers = new Set<unknown>(rows.map((r) => r.BLOCKING_SESSION).filter((b) => b !== null));
        return rows
          .filter((r) => r.BLOCKING_SESSION !== null || blockers.has(r.SID))
          .map((r) => ({
            INST_ID: r.INST_ID,
            SID: r.SID,
            SERIAL_NO: r.SERIAL_NO,
            USERNAME: r.USERNAME,
            STATUS: r.STATUS,
            MACHINE: r.MACHINE,
            PROGRAM: r.PROGRAM,
            SQL_ID: r.SQL_ID,
            PREV_SQL_ID: r.PREV_SQL_ID,
            EVENT: r.EVENT,
            WAIT_CLASS: r.WAIT_CLASS,
            SECONDS_IN_WAIT: r.SECONDS_IN_WAIT,
            LAST_CALL_ET: r.LAST_CALL_ET,
            BLOCKING_SESSION: r.BLOCKING_SESSION,
            BLOCKING_INSTANCE: r.BLOCKING_INSTANCE,
            ROW_WAIT_OBJ_NO: r.ROW_WAIT_OBJ_NO,
          }));
      }
      case 'locks.v$lock': {
        const grown = Math.round(this.elapsedSec());
        return this.locks
          .filter((l) => l.block > 0 || l.request > 0)
          .map((l) => ({
            SID: l.sid,
            TYPE: l.type,
            ID1: l.id1,
            ID2: l.id2,
            LMODE: l.lmode,
            REQUEST: l.request,
            CTIME: l.ctimeBaseSec + grown,
            BLOCK: l.block,
          }));
      }
      case 'wait-events.system-event':
        return this.systemEvents(t);
      case 'wait-events.uptime':
        return [{ UPTIME_SEC: Math.round((t - this.startupTime) / 1000) }];
      case 'sql.sqlstats': {
        const e = this.sqlById.get(String(bind('sqlId')));
        if (!e) return [];
        const s = this.sqlStats(e, t);
        return [s];
      }
      case 'sql.children': {
        const e = this.sqlById.get(String(bind('sqlId')));
        return e ? this.children(e, t) : [];
      }
      case 'sql-text.fulltext': {
        const e = this.sqlById.get(String(bind('sqlId')));
        return e ? [{ SQL_FULLTEXT: e.def.text }] : [];
      }
      case 'sql-plan.display-cursor':
        return this.xplan(String(bind('sqlId')));
      case 'sql-plan.rows': {
        const e = this.sqlById.get(String(bind('sqlId')));
        return e ? this.planRows(e) : [];
      }
      case 'schemas.all-users':
        return this.allUsers()
          .filter((u) => u.maintained === 'N')
          .sort((a, b) => a.username.localeCompare(b.username))
          .map((u) => ({ USERNAME: u.username, USER_ID: u.userId, CREATED: new Date(u.created) }));
      case 'tables.all-tables':
        return this.tables(String(bind('owner')));
      case 'columns.all-tab-columns':
        return this.columns(String(bind('owner')), String(bind('tableName')));
      case 'ddl-watermark.all-objects':
        return [{ MAX_LAST_DDL_TIME: new Date(this.ddlTime), OBJECT_COUNT: this.objectCount }];
      case 'trend.sysmetric-history':
        return this.history(t);
      case 'health.instance':
        return [
          {
            INSTANCE_NAME: 'PRODDB1',
            INSTANCE_NUMBER: 1,
            HOST_NAME: 'db01.corp.local',
            VERSION: '19.0.0.0.0',
            STARTUP_TIME: new Date(this.startupTime),
            STATUS: 'OPEN',
            DATABASE_STATUS: 'ACTIVE',
            UPTIME_SEC: Math.round((t - this.startupTime) / 1000),
            DB_NAME: 'PRODDB',
            DB_UNIQUE_NAME: 'PRODDB_SITE1',
            OPEN_MODE: 'READ WRITE',
            DATABASE_ROLE: 'PRIMARY',
            LOG_MODE: 'ARCHIVELOG',
            PLATFORM_NAME: 'Linux x86 64-bit',
            CDB: 'YES',
            CON_NAME: 'SALESPDB',
            SESSION_USER: OWN_USER,
          },
        ];
      case 'health.can-kill':
        return [{ N: 1 }];
      default:
        throw new DemoOracleError(
          'ORA-00942',
          `table or view does not exist (demo has no answer for ${query.id})`,
        );
    }
  }

  /**
   * V$ACTIVE_SESSION_HISTORY from the session model: the model changes every 15 s, so each 15 s
   * interval of the window contributes 15 one-second samples per active (non-Idle or ON CPU) session.
   */
  private ash(id: string, minutes: number, t: number): RawRow[] {
    const byMinute = new Map<string, { minute: number; cls: string; n: number }>();
    const bySql = new Map<string, number>();
    const bySession = new Map<number, { serial: number; user: string; n: number }>();
    const end = Math.floor(t / 15_000) * 15_000;
    for (let at = end - minutes * 60_000 + 15_000; at <= end; at += 15_000) {
      const minute = Math.floor(at / 60_000) * 60_000;
      for (const s of this.sessions.values()) {
        const r = this.sessionRow(s, at);
        if (r.STATUS !== 'ACTIVE' || (r.STATE === 'WAITING' && r.WAIT_CLASS === 'Idle')) continue;
        const cls = r.STATE === 'WAITING' ? String(r.WAIT_CLASS) : 'CPU';
        const key = `${minute}|${cls}`;
        const m = byMinute.get(key) ?? { minute, cls, n: 0 };
        m.n += 15;
        byMinute.set(key, m);
        if (r.SQL_ID) bySql.set(String(r.SQL_ID), (bySql.get(String(r.SQL_ID)) ?? 0) + 15);
        const x = bySession.get(s.sid) ?? { serial: s.serial, user: s.username, n: 0 };
        x.n += 15;
        bySession.set(s.sid, x);
      }
    }
    if (id === 'ash.by-minute') {
      return [...byMinute.values()]
        .sort((a, b) => a.minute - b.minute)
        .map((m) => ({ MINUTE_START: new Date(m.minute), WAIT_CLASS: m.cls, SAMPLES: m.n }));
    }
    if (id === 'ash.top-sql') {
      return [...bySql.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 10)
        .map(([sqlId, n]) => ({ SQL_ID: sqlId, SAMPLES: n }));
    }
    return [...bySession.entries()]
      .sort((a, b) => b[1].n - a[1].n)
      .slice(0, 10)
      .map(([sid, x]) => ({ SESSION_ID: sid, SERIAL_NO: x.serial, USERNAME: x.user, SAMPLES: x.n }));
  }

  private sysmetricRows(t: number, groups: number[]): RawRow[] {
    const rows: RawRow[] = [];
    for (const g of groups) {
      const step = g === 2 ? 60_000 : 15_000;
      const end = Math.floor(t / step) * step;
      const values = this.metricsAt(end, g);
      for (const [name, value] of Object.entries(values)) {
        // group 3 (15 s) publishes no 'Average Active Sessions' here: the gateway falls back to group 2
        if (g === 3 && name === METRIC.aas) continue;
        rows.push({
          METRIC_NAME: name,
          VALUE: Math.round(value * 1000) / 1000,
          GROUP_ID: g,
          END_TIME: new Date(end),
          INTSIZE_CSEC: g === 2 ? 6001 : 1500,
        });
      }
    }
    return rows;
  }

  private waitClassMetric(t: number): RawRow[] {
    const end = Math.floor(t / 60_000) * 60_000;
    const waiting = [...this.sessions.values()].filter((s) => s.pinned?.blockingSession != null);
    const aas = (this.metricsAt(end, 2)[METRIC.aas] ?? 0) - waiting.length;
    return Object.entries(CLASS_SHARE).map(([cls, share]) => {
      const classAas = aas * share + waiting.filter((s) => s.pinned?.waitClass === cls).length;
      return {
        WAIT_CLASS: cls,
        TIME_WAITED: Math.round(classAas * 6001),
        WAIT_COUNT: Math.round(classAas * 60 * 800),
        INTSIZE_CSEC: 6001,
      };
    });
  }

  /** Cumulative since startup: the integral of rate * (1 + 0.3 sin(daily)), so always increasing. */
  private systemEvents(t: number): RawRow[] {
    const e = Math.max(1, (t - this.startupTime) / 1000);
    const P = 86_400;
    const integral = e + ((0.3 * P) / (2 * Math.PI)) * (1 - Math.cos((2 * Math.PI * e) / P));
    const scale = this.baseAas / 10.9;
    return SYSTEM_EVENTS.filter(([, cls]) => cls !== 'Idle').map(
      ([event, cls, rate, avgMs, timeoutShare]) => {
        const waits = Math.floor(rate * scale * integral);
        return {
          EVENT: event,
          WAIT_CLASS: cls,
          TOTAL_WAITS: waits,
          TOTAL_TIMEOUTS: Math.floor(waits * timeoutShare),
          TIME_WAITED_MICRO: Math.floor(waits * avgMs * 1000),
        };
      },
    );
  }

  private history(t: number): RawRow[] {
    const rows: RawRow[] = [];
    const last = Math.floor(t / 60_000) * 60_000;
    for (let i = 59; i >= 0; i--) {
      const end = last - i * 60_000;
      const m = this.metricsAt(end, 2);
      for (const name of TREND_METRIC_NAMES) {
        rows.push({
          END_TIME: new Date(end),
          METRIC_NAME: name,
          VALUE: Math.round((m[name] ?? 0) * 1000) / 1000,
        });
      }
    }
    return rows;
  }

  private allUsers(): { username: string; userId: number; created: number; maintained: 'Y' | 'N' }[] {
    const base = this.createdAt;
    return [
      { username: 'SYS', userId: 0, created: this.startupTime - 900 * DAY, maintained: 'Y' },
      { username: 'SYSTEM', userId: 9, created: this.startupTime - 900 * DAY, maintained: 'Y' },
      { username: 'DBSNMP', userId: 70, created: this.startupTime - 900 * DAY, maintained: 'Y' },
      { username: OWN_USER, userId: 161, created: base - 20 * DAY, maintained: 'N' },
      ...DEMO_SCHEMAS.map((s) => ({
        username: s.username,
        userId: s.userId,
        created: Math.floor((base - s.createdDaysAgo * DAY) / 1000) * 1000,
        maintained: 'N' as const,
      })),
    ];
  }

  private tables(owner: string): RawRow[] {
    const schema = DEMO_SCHEMAS.find((s) => s.username === owner);
    if (!schema) return [];
    return schema.tables
      .map((tb) => ({
        OWNER: owner,
        TABLE_NAME: tb.name,
        TABLESPACE_NAME: tb.partitioned || tb.temporary || tb.iot ? null : tb.tablespace,
        STATUS: 'VALID',
        NUM_ROWS: tb.numRows,
        BLOCKS:
          tb.numRows === null || tb.avgRowLen === null
            ? null
            : Math.max(5, Math.ceil((tb.numRows * tb.avgRowLen) / (8192 * 0.86))),
        AVG_ROW_LEN: tb.avgRowLen,
        LAST_ANALYZED: tb.analyzedDaysAgo === null ? null : new Date(this.analyzedAt(tb.analyzedDaysAgo)),
        PARTITIONED: tb.partitioned ? 'YES' : 'NO',
        TEMPORARY: tb.temporary ? 'Y' : 'N',
        IOT_TYPE: tb.iot ? 'IOT' : null,
        COMPRESSION: tb.partitioned || tb.iot ? null : (tb.compression ?? 'DISABLED'),
        LOGGING: tb.partitioned || tb.iot ? null : tb.temporary ? 'NO' : 'YES',
      }))
      .sort((a, b) => a.TABLE_NAME.localeCompare(b.TABLE_NAME));
  }

  private analyzedAt(daysAgo: number): number {
    const d = new Date(this.createdAt - daysAgo * DAY);
    d.setUTCHours(22, 0, 12, 0);
    return d.getTime();
  }

  private columns(owner: string, tableName: string): RawRow[] {
    const tb = DEMO_SCHEMAS.find((s) => s.username === owner)?.tables.find((x) => x.name === tableName);
    if (!tb) return [];
    const analyzed = tb.analyzedDaysAgo === null ? null : new Date(this.analyzedAt(tb.analyzedDaysAgo));
    return tb.columns.map((spec, i) => {
      const c = parseColumn(spec);
      const rows = tb.numRows;
      const h = hash01(this.seed, i, tb.name.length, tb.name.charCodeAt(0));
      let ndv: number | null = null;
      let nulls: number | null = null;
      let histogram = 'NONE';
      if (rows !== null && analyzed) {
        const lowCard = /STATUS|STATE|CATEGORY|CURRENCY|METHOD|LOCKED|CHANNEL|SHIP_MODE|COUNTRY/.test(c.name);
        ndv =
          i === 0
            ? rows
            : lowCard
              ? Math.max(1, Math.round(3 + h * 20))
              : Math.max(1, Math.round(rows * (0.02 + h * 0.9)));
        nulls = c.nullable ? Math.round(rows * h * 0.3) : 0;
        histogram = lowCard ? 'FREQUENCY' : h > 0.85 ? 'HYBRID' : 'NONE';
      }
      return {
        COLUMN_ID: i + 1,
        COLUMN_NAME: c.name,
        DATA_TYPE: c.dataType,
        DATA_LENGTH: c.dataLength,
        DATA_PRECISION: c.precision,
        DATA_SCALE: c.scale,
        CHAR_LENGTH: c.charLength,
        CHAR_USED: c.charUsed,
        NULLABLE: c.nullable ? 'Y' : 'N',
        NUM_DISTINCT: ndv,
        NUM_NULLS: nulls,
        DENSITY: ndv ? Math.round((1 / ndv) * 1e9) / 1e9 : null,
        HISTOGRAM: histogram,
        LAST_ANALYZED: analyzed,
      };
    });
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

  /** SQL_IDs the demo knows (for tests and the UI's examples). */
  sqlIds(): string[] {
    return this.sqls.map((s) => s.sqlId);
  }

  /** Sids of the sessions in blocking chains that block others. */
  blockerSids(): number[] {
    return [...new Set(this.locks.filter((l) => l.block > 0).map((l) => l.sid))];
  }

  sessionSerial(sid: number): number | null {
    return this.sessions.get(sid)?.serial ?? null;
  }

  get sessionTotal(): number {
    return this.sessions.size;
  }
}

function pickWeighted<T extends readonly [string, string, number]>(items: readonly T[], r: number): T {
  const total = items.reduce((a, i) => a + i[2], 0);
  let x = r * total;
  for (const i of items) {
    x -= i[2];
    if (x <= 0) return i;
  }
  return items[items.length - 1] as T;
}

/** The same ORDER BY expressions as catalog.TOP_SQL_ORDER_EXPR, over V$SQLSTATS-shaped rows. */
const per = (a: unknown, e: unknown) => Number(a) / Math.max(Number(e), 1);
export const SORT_KEYS: Record<TopSqlOrder, (s: RawRow) => number> = {
  elapsed: (s) => Number(s.ELAPSED_TIME),
  cpu: (s) => Number(s.CPU_TIME),
  gets: (s) => Number(s.BUFFER_GETS),
  diskReads: (s) => Number(s.DISK_READS),
  executions: (s) => Number(s.EXECUTIONS),
  rows: (s) => Number(s.ROWS_PROCESSED),
  elapsedPerExec: (s) => per(s.ELAPSED_TIME, s.EXECUTIONS),
  cpuPerExec: (s) => per(s.CPU_TIME, s.EXECUTIONS),
  getsPerExec: (s) => per(s.BUFFER_GETS, s.EXECUTIONS),
};
// keep the two lists in step (a compile-time check that every order has a key)
void (TOP_SQL_ORDER_EXPR satisfies Record<keyof typeof SORT_KEYS, string>);
