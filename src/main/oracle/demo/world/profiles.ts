/**
 * Who uses the demo database and how: user profiles (programs, machines, modules, activity), the events
 * an active session waits on, V$SYSTEM_EVENT's base rates and the wait-class shares of DB time.
 * Pure data: the world (world.ts) draws sessions from it, the views derive rows from it.
 */

export interface Profile {
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

export const PROFILES: readonly Profile[] = [
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
export const ACTIVE_WAITS: readonly (readonly [string, string, number])[] = [
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
export const SYSTEM_EVENTS: readonly (readonly [string, string, number, number, number])[] = [
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

/**
 * Share of an event's time spent by foreground sessions (the rest is background processes: LGWR, DBWn,
 * CKPT, ...). Events not listed are foreground only.
 */
export const EVENT_FG_SHARE: Record<string, number> = {
  'log file parallel write': 0,
  'db file parallel write': 0,
  'control file parallel write': 0,
  'control file sequential read': 0.2,
  'os thread startup': 0.3,
  'ADR block file read': 0,
  'PGA memory operation': 0.7,
  'direct path write temp': 0.9,
};

/** wait class -> share of AAS (CPU share = the rest of DB time) */
export const CLASS_SHARE: Record<string, number> = {
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
export const CPU_SHARE = 0.42;

/** Picks an item by its weight (third element) from a uniform r in [0, 1). */
export function pickWeighted<T extends readonly [string, string, number]>(items: readonly T[], r: number): T {
  const total = items.reduce((a, i) => a + i[2], 0);
  let x = r * total;
  for (const i of items) {
    x -= i[2];
    if (x <= 0) return i;
  }
  return items[items.length - 1] as T;
}
