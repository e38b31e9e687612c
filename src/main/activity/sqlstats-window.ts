/**
 * Top SQL over a window (5 / 15 / 60 min): deltas of V$SQLSTATS between two snapshots the whole team
 * shares. A snapshot is read through the cache (resource `sqlstats-snapshot`, once per TTL for the
 * team: the console whose read misses fetches it and appends it to the history stream); the sampling
 * console refreshes it every TTL so history exists before anyone asks. History = a Redis Stream per
 * connection (entry id = the database second) trimmed to 70 minutes, or this console's memory
 * without Redis.
 *
 * Deltas per (SQL_ID, PLAN_HASH_VALUE): a cursor missing from the older snapshot (or whose counters
 * went down: reloaded) counts from 0 and is flagged `newInWindow`.
 */
import type { TopSqlDeltaRow, TopSqlWindow, TopSqlWindowOrder } from '@shared/types/activity';
import { z } from 'zod';
import type { ReadThroughCache } from '../cache/types';
import type { SqlStatsSnapshot } from '../oracle/activity-reader';
import type { ActivityKeys } from './keys';
import type { ScriptClient } from './scripts';

export const SNAPSHOT_MAX_ROWS = 1000;
const HISTORY_MS = 70 * 60_000;
const LOCAL_MAX = 120;

/** A snapshot as stored: rows [sqlId, plan, executions, elapsedUs, cpuUs, gets, reads, rows]. */
export interface StoredSnapshot {
  t: number;
  rows: [string, number, number, number, number, number, number, number][];
}

const n = z.number().min(0).max(Number.MAX_SAFE_INTEGER);
const storedSchema = z
  .object({
    t: n,
    rows: z.array(z.tuple([z.string().max(64), n, n, n, n, n, n, n])).max(SNAPSHOT_MAX_ROWS),
  })
  .strict();

export function toStored(s: SqlStatsSnapshot): StoredSnapshot {
  return {
    t: s.t,
    rows: s.rows.map((r) => [
      r.sqlId,
      r.planHashValue,
      r.executions,
      r.elapsedUs,
      r.cpuUs,
      r.bufferGets,
      r.diskReads,
      r.rowsProcessed,
    ]),
  };
}

export function parseStored(text: string): StoredSnapshot | null {
  try {
    const r = storedSchema.safeParse(JSON.parse(text));
    return r.success ? (r.data as StoredSnapshot) : null;
  } catch {
    return null;
  }
}

export interface SnapshotHistory {
  append(s: StoredSnapshot): Promise<void>;
  /** newest first */
  list(): Promise<StoredSnapshot[]>;
}

export class RedisSnapshotHistory implements SnapshotHistory {
  constructor(
    private readonly client: ScriptClient,
    private readonly keys: Pick<ActivityKeys, 'sqlstats'>,
  ) {}
  async append(s: StoredSnapshot): Promise<void> {
    try {
      await this.client.xadd(
        this.keys.sqlstats,
        'MINID',
        `${s.t - HISTORY_MS}-0`,
        `${s.t}-0`,
        'd',
        JSON.stringify(s),
      );
    } catch (error) {
      // an id not above the last one: this second is already in (another console's snapshot)
      if (!(error instanceof Error) || !/equal or smaller/i.test(error.message)) throw error;
    }
  }
  async list(): Promise<StoredSnapshot[]> {
    const entries = (await this.client.xrevrange(this.keys.sqlstats, '+', '-', 'COUNT', LOCAL_MAX)) as [
      string,
      string[],
    ][];
    const out: StoredSnapshot[] = [];
    for (const [, fields] of entries) {
      const i = fields.indexOf('d');
      const s = i >= 0 ? parseStored(fields[i + 1] ?? '') : null;
      if (s) out.push(s);
    }
    return out;
  }
}

export class MemorySnapshotHistory implements SnapshotHistory {
  private items: StoredSnapshot[] = [];
  async append(s: StoredSnapshot): Promise<void> {
    if (this.items[0] && this.items[0].t >= s.t) return;
    this.items.unshift(s);
    this.items = this.items.filter((x) => x.t >= s.t - HISTORY_MS).slice(0, LOCAL_MAX);
  }
  async list(): Promise<StoredSnapshot[]> {
    return [...this.items];
  }
}

/** Read the shared snapshot through the cache; the console that fetches it appends it to the history. */
export async function sharedSnapshot(
  cache: ReadThroughCache,
  connId: string,
  take: () => Promise<SqlStatsSnapshot>,
  history: SnapshotHistory,
): Promise<{ snapshot: SqlStatsSnapshot; origin: 'oracle' | 'l2' | 'l1' | 'local' }> {
  const got = await cache.getOrFetch({ resource: 'sqlstats-snapshot', connId }, async () => {
    const s = await take();
    await history.append(toStored(s));
    return s;
  });
  const o = got.cache.origin;
  return { snapshot: got.data, origin: o === 'l1' || o === 'l2' || o === 'oracle' ? o : 'local' };
}

const ORDER: Record<TopSqlWindowOrder, (r: TopSqlDeltaRow) => number> = {
  elapsed: (r) => r.elapsedMs,
  cpu: (r) => r.cpuMs,
  gets: (r) => r.bufferGets,
  reads: (r) => r.diskReads,
  executions: (r) => r.executions,
};

export interface WindowDeltas {
  from: number;
  to: number;
  complete: boolean;
  rows: TopSqlDeltaRow[];
}

/** Deltas between the newest snapshot and the newest one at least `windowMin` older (or the oldest). */
export function windowDeltas(
  history: readonly StoredSnapshot[],
  windowMin: TopSqlWindow,
  orderBy: TopSqlWindowOrder,
  limit: number,
  texts: ReadonlyMap<string, string>,
): WindowDeltas | null {
  const sorted = [...history].sort((a, b) => b.t - a.t);
  const newest = sorted[0];
  if (!newest || sorted.length < 2) return null;
  const target = newest.t - windowMin * 60_000;
  const older = sorted.find((s) => s.t <= target) ?? sorted[sorted.length - 1]!;
  const base = new Map(older.rows.map((r) => [`${r[0]}:${r[1]}`, r]));
  const rows: TopSqlDeltaRow[] = [];
  for (const r of newest.rows) {
    const o = base.get(`${r[0]}:${r[1]}`);
    const reset = o !== undefined && (r[2] < o[2] || r[3] < o[3]);
    const b = o && !reset ? o : null;
    const d = (i: number) => (r[i]! as number) - (b ? (b[i] as number) : 0);
    const executions = d(2);
    const elapsedMs = Math.round(d(3) / 1000);
    if (executions === 0 && elapsedMs === 0) continue;
    const cpuMs = Math.round(d(4) / 1000);
    const per = (v: number) => (executions > 0 ? Math.round((v / executions) * 1000) / 1000 : null);
    rows.push({
      sqlId: r[0],
      planHashValue: r[1],
      executions,
      elapsedMs,
      cpuMs,
      bufferGets: d(5),
      diskReads: d(6),
      rowsProcessed: d(7),
      elapsedMsPerExec: per(elapsedMs),
      cpuMsPerExec: per(cpuMs),
      bufferGetsPerExec: per(d(5)),
      newInWindow: b === null,
      sqlTextSnippet: texts.get(r[0]) ?? '',
    });
  }
  const key = ORDER[orderBy];
  rows.sort((a, b) => key(b) - key(a) || a.sqlId.localeCompare(b.sqlId));
  return {
    from: older.t,
    to: newest.t,
    complete: older.t <= target + 1000,
    rows: rows.slice(0, limit),
  };
}
