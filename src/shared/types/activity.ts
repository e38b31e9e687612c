/**
 * Activity over time (issue 14): sampled active sessions ("ASH without the pack"), blocking history and
 * top SQL over a window. Shared by main and the renderer; plain JSON.
 *
 * Units and scope, as every number on screen must say them:
 * - Times are epoch ms (UTC). Sample times are on the DATABASE clock (SYSTIMESTAMP at the sample,
 *   whole seconds), never the console's clock.
 * - AAS (average active sessions) of a bucket = sampled session rows in the bucket × interval seconds /
 *   bucket seconds: a session seen in every sample of the bucket counts 1.
 * - Scope: the connection's database as its user sees V$SESSION: the whole cluster on RAC (GV$), the
 *   container's own sessions in a PDB, every container from CDB$ROOT (CON_ID tells which).
 */

import type { AppError } from '../errors';

/** Dimensions the activity chart and the top tables can be sliced by. */
export const ACTIVITY_DIMENSIONS = [
  'waitClass',
  'event',
  'sqlId',
  'user',
  'module',
  'program',
  'machine',
  'instance',
  'pdb',
  'blockingSession',
  'session',
] as const;
export type ActivityDimension = (typeof ACTIVITY_DIMENSIONS)[number];

/** Time range limits of the activity reads (the chart offers 5 min to 24 h). */
export const ACTIVITY_RANGE_MIN_MS = 5 * 60_000;
export const ACTIVITY_RANGE_MAX_MS = 24 * 3_600_000;
/** Sampling interval limits, seconds (default 1, like Oracle's own ASH). */
export const SAMPLE_INTERVAL_MIN_SEC = 1;
export const SAMPLE_INTERVAL_MAX_SEC = 15;
export const SAMPLE_INTERVAL_DEFAULT_SEC = 1;
/** Raw samples kept (minutes) and per-minute roll-ups kept (hours): defaults and limits. */
export const SAMPLE_RETENTION_DEFAULT_MIN = 60;
export const SAMPLE_RETENTION_MIN_MIN = 5;
export const SAMPLE_RETENTION_MAX_MIN = 24 * 60;
export const ROLLUP_RETENTION_DEFAULT_H = 24;
export const ROLLUP_RETENTION_MIN_H = 1;
export const ROLLUP_RETENTION_MAX_H = 7 * 24;
/** Memory cap of one connection's raw samples in Redis (MB): the older samples go first. */
export const SAMPLE_MEMORY_DEFAULT_MB = 256;
export const SAMPLE_MEMORY_MIN_MB = 1;
export const SAMPLE_MEMORY_MAX_MB = 4096;
/** Top SQL over a window: the windows offered (minutes). */
export const TOP_SQL_WINDOWS = [5, 15, 60] as const;
export type TopSqlWindow = (typeof TOP_SQL_WINDOWS)[number];
export const TOP_SQL_WINDOW_ORDERS = ['elapsed', 'cpu', 'gets', 'reads', 'executions'] as const;
export type TopSqlWindowOrder = (typeof TOP_SQL_WINDOW_ORDERS)[number];
/** A viewer that stops renewing its watch is forgotten after this (the renderer renews every 20 s). */
export const ACTIVITY_WATCH_TTL_MS = 60_000;
export const ACTIVITY_WATCH_RENEW_MS = 20_000;

/** ON CPU = active and not waiting (V$SESSION.STATE <> 'WAITING'); CPU has no wait class. */
export type SampledState = 'ON CPU' | 'WAITING';

/** One sampled active session: the columns an ASH row needs (V$SESSION names in comments). */
export interface ActivityRow {
  /** INST_ID (GV$SESSION on RAC; the connected instance otherwise) */
  instId: number;
  /** CON_ID (0 = whole CDB / non-CDB) */
  conId: number;
  sid: number;
  /** SERIAL# */
  serial: number;
  /** USERNAME (null for most background processes) */
  user: string | null;
  /** TYPE = 'BACKGROUND' (LGWR, DBWn, ...): ASH samples them too */
  background: boolean;
  state: SampledState;
  /** WAIT_CLASS; null when ON CPU */
  waitClass: string | null;
  /** EVENT; null when ON CPU */
  event: string | null;
  sqlId: string | null;
  sqlChildNumber: number | null;
  /**
   * The plan of the cursor being run. V$SESSION has no plan hash column: the sampler reads it from
   * V$SQL by (SQL_ID, SQL_CHILD_NUMBER) with a scalar subquery only for the few active rows.
   */
  planHashValue: number | null;
  /** SQL_EXEC_ID: one execution of the SQL (distinguishes repeated runs) */
  sqlExecId: number | null;
  /** SQL_EXEC_START, epoch ms (database clock) */
  sqlExecStart: number | null;
  module: string | null;
  action: string | null;
  program: string | null;
  machine: string | null;
  /** SERVICE_NAME */
  service: string | null;
  /** BLOCKING_INSTANCE / BLOCKING_SESSION (only when BLOCKING_SESSION_STATUS = 'VALID') */
  blockingInstance: number | null;
  blockingSession: number | null;
  /** FINAL_BLOCKING_INSTANCE / FINAL_BLOCKING_SESSION (the root of the chain) */
  finalBlockingInstance: number | null;
  finalBlockingSession: number | null;
  /** ROW_WAIT_OBJ# (null when -1): the object the session waits on / works in */
  currentObj: number | null;
  /** SECONDS_IN_WAIT of a waiting row (WAIT_TIME_MICRO / 1e6), 0 on CPU */
  waitSec: number;
}

/** One sample: every active session at one instant of the database clock. */
export interface ActivitySample {
  /** epoch ms of the database's SYSTIMESTAMP, truncated to the second */
  t: number;
  /** the sampling interval in force (s): each row stands for this many seconds of activity */
  intervalSec: number;
  rows: ActivityRow[];
}

/** Where activity comes from: our shared sampler, this console's own sampler, or Oracle's ASH. */
export type ActivitySource = 'sampler' | 'local' | 'ash';

/** Pushed to every renderer for every new sample of a connection that someone watches. */
export interface ActivitySamplesEvent {
  connId: string;
  source: ActivitySource;
  sample: ActivitySample;
}

// ------------------------------------------------------------------------- AAS over time

export interface AasSeries {
  /** the dimension value ('CPU' for ON CPU in the wait-class dimension; '(null)' when Oracle had none) */
  key: string;
  /** for waitClass: the key itself; for event: the event's wait class (colour); else null */
  waitClass: string | null;
  /** AAS per bucket, aligned with `buckets` */
  values: number[];
  /** AAS over the whole range */
  total: number;
}

export interface ActivityAas {
  connId: string;
  source: ActivitySource;
  dimension: ActivityDimension;
  /** the range actually served (epoch ms, bucket-aligned) */
  from: number;
  to: number;
  bucketSec: number;
  /** start of each bucket, epoch ms */
  buckets: number[];
  /** top series by total, the rest summed in one `'(other)'` series */
  series: AasSeries[];
  /** samples found per bucket (0 = no sampler ran: a gap, not an idle database) */
  samplesPerBucket: number[];
  /** the sampling interval(s) seen in the range, seconds */
  intervalSec: number;
  /** CPU_COUNT of the database (the CPU line), null when unknown */
  cpuCount: number | null;
  /** 'samples' = raw samples; 'rollup' = per-minute roll-ups (older than the raw retention) */
  resolution: 'samples' | 'rollup';
  /** epoch ms of the newest sample in the store (age of the data) */
  newestSampleAt: number | null;
  /** epoch ms this answer was computed */
  at: number;
}

export interface TopActivityItem {
  /** the dimension value */
  key: string;
  /** AAS over the range */
  aas: number;
  /** share of all sampled rows of the range, 0-100 */
  pct: number;
  /** AAS by wait class ('CPU' included) */
  byClass: Record<string, number>;
}

export interface TopSqlActivity extends TopActivityItem {
  sqlId: string;
  /** plan hash values seen for this SQL in the range (a plan change shows as two) */
  planHashValues: number[];
  /**
   * distinct executions (SQL_EXEC_ID) seen; from roll-ups, the sum of each minute's distinct count (an
   * execution spanning minutes counts once per minute)
   */
  executionsSeen: number;
}

export interface TopSessionActivity extends TopActivityItem {
  instId: number;
  sid: number;
  serial: number;
  user: string | null;
  program: string | null;
  machine: string | null;
}

export interface TopEventActivity extends TopActivityItem {
  event: string;
  waitClass: string;
}

export interface ActivityTop {
  connId: string;
  source: ActivitySource;
  from: number;
  to: number;
  totalRows: number;
  samples: number;
  topSql: TopSqlActivity[];
  topSessions: TopSessionActivity[];
  /** 'CPU' is listed as an event of class 'CPU' */
  topEvents: TopEventActivity[];
  resolution: 'samples' | 'rollup';
  at: number;
}

// ------------------------------------------------------------------------- blocking history

export interface BlockingSessionRef {
  instId: number;
  sid: number;
  serial: number;
}

/** One blocking chain as seen across samples: same root blocker, contiguous in time. */
export interface BlockingEpisode {
  /** stable id: `${instId}.${sid}.${serial}@${firstSeen}` */
  id: string;
  root: BlockingSessionRef & { user: string | null; program: string | null; machine: string | null };
  /** database clock, epoch ms */
  firstSeen: number;
  lastSeen: number;
  /** lastSeen - firstSeen + one interval: how long the chain was seen */
  durationSec: number;
  samples: number;
  maxWaiters: number;
  /** blocked session-seconds (rows × interval) */
  waitedSec: number;
  events: string[];
  sqlIds: string[];
  objects: number[];
  /** still seen in the newest sample */
  ongoing: boolean;
}

export interface BlockingHistory {
  connId: string;
  source: ActivitySource;
  from: number;
  to: number;
  episodes: BlockingEpisode[];
  at: number;
}

export interface BlockingTreeNode {
  session: BlockingSessionRef;
  user: string | null;
  program: string | null;
  machine: string | null;
  module: string | null;
  /** null for a root that was not itself active (idle in a transaction: not in the samples) */
  state: SampledState | null;
  event: string | null;
  waitClass: string | null;
  sqlId: string | null;
  waitSec: number;
  currentObj: number | null;
  waiters: BlockingTreeNode[];
}

export interface BlockingObject {
  objectId: number;
  owner: string | null;
  name: string | null;
  type: string | null;
}

export interface BlockingChainDetail {
  connId: string;
  episode: BlockingEpisode;
  /** the sample shown (the one nearest to the requested time inside the episode) */
  sampleAt: number;
  /** epoch ms of every sample of the episode (the UI's scrubber) */
  sampleTimes: number[];
  roots: BlockingTreeNode[];
  /** ROW_WAIT_OBJ# values seen; names resolved when the catalog can (null otherwise) */
  objects: BlockingObject[];
  at: number;
}

// ------------------------------------------------------------------------- top SQL over a window

/** One cursor of a V$SQLSTATS snapshot (cumulative counters; microseconds for times). */
export interface SqlStatsSnapshotRow {
  sqlId: string;
  planHashValue: number;
  executions: number;
  elapsedUs: number;
  cpuUs: number;
  bufferGets: number;
  diskReads: number;
  rowsProcessed: number;
  text: string;
}

/** A V$SQLSTATS snapshot, the value the cache shares (resource `sqlstats-snapshot`). */
export interface SqlStatsSnapshot {
  /** database clock, epoch ms */
  t: number;
  rows: SqlStatsSnapshotRow[];
}

export interface TopSqlDeltaRow {
  sqlId: string;
  planHashValue: number;
  /** deltas between the two snapshots (never negative: a cursor reloaded inside the window is marked) */
  executions: number;
  elapsedMs: number;
  cpuMs: number;
  bufferGets: number;
  diskReads: number;
  rowsProcessed: number;
  elapsedMsPerExec: number | null;
  cpuMsPerExec: number | null;
  bufferGetsPerExec: number | null;
  /** the cursor was not in the older snapshot (or its counters went down): delta counted from 0 */
  newInWindow: boolean;
  sqlTextSnippet: string;
}

export interface TopSqlWindowResult {
  connId: string;
  windowMin: TopSqlWindow;
  orderBy: TopSqlWindowOrder;
  /** the two shared snapshots compared (database clock), epoch ms */
  from: number;
  to: number;
  /** to - from in seconds: may be shorter than the window right after start ("building") */
  actualSec: number;
  /** false while snapshots do not yet cover the whole window */
  complete: boolean;
  rows: TopSqlDeltaRow[];
  /** snapshots kept for this connection (the team's, shared through the cache) */
  snapshots: number;
  /** how the newest snapshot was obtained: taken now by this console or read from the team's cache */
  origin: 'oracle' | 'l2' | 'l1' | 'local';
  at: number;
}

// ------------------------------------------------------------------------- sampler status and settings

/** Shared per connection (Redis), like the TTL policy; per console when Redis is down. */
export interface ActivitySettings {
  /** seconds between samples, 1-15 */
  intervalSec: number;
  /** sample even when no console shows activity */
  alwaysOn: boolean;
  /** raw samples kept, minutes */
  retentionMinutes: number;
  /** per-minute roll-ups kept, hours */
  rollupRetentionHours: number;
  /** memory cap of the raw samples, MB (the oldest go first when over) */
  maxMemoryMb: number;
}

export type SamplerRole =
  /** this console samples for the team (holds the lease) */
  | 'leader'
  /** another console samples; this one reads the shared stream */
  | 'follower'
  /** Redis is down or switched off: this console samples for itself into memory */
  | 'local'
  /** nobody watches and always-on is off */
  | 'idle';

export interface SamplerStatus {
  connId: string;
  role: SamplerRole;
  /** Redis for the samples: 'shared' = in use; 'down' = failing; 'disabled' = switched off / not configured */
  redis: 'shared' | 'down' | 'disabled';
  /** whether any console of the team watches (or always-on): sampling should run */
  active: boolean;
  /** consoles watching right now (all of the team when Redis answers; this console's viewers otherwise) */
  watchers: number;
  /** the console that holds the lease (ids are anonymous UUIDs), null when none */
  leaderConsoleId: string | null;
  /** the fencing token of the current lease (increases at each takeover) */
  fencingToken: number | null;
  /** the lease period, ms (a takeover happens within two) */
  leaseMs: number;
  settings: ActivitySettings;
  /** where the settings came from */
  settingsFrom: 'redis' | 'defaults' | 'local';
  /** which source the Activity view reads */
  source: ActivitySource;
  /** the connection opted in to the Diagnostics Pack (V$ACTIVE_SESSION_HISTORY may be read) */
  ashAvailable: boolean;
  newestSampleAt: number | null;
  oldestSampleAt: number | null;
  samplesRetained: number;
  rowsRetained: number;
  /** bytes of the connection's activity keys (MEMORY USAGE) or of the local buffer */
  memoryBytes: number | null;
  /** average bytes per sampled row (memory / rows), null without rows */
  bytesPerRow: number | null;
  /** the last error of this console's sampler, if any (already classified, no driver text) */
  lastError: string | null;
  /** the same, classified (code + reason): the renderer words it; absent when not one of ours */
  lastErrorDetail?: AppError;
  at: number;
}
