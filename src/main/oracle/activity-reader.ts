/**
 * Runs the activity statements (catalog-activity.ts) for the gateway and maps their rows: one sample
 * of active sessions, with the plan hash of each cursor from a small cache (V$SESSION has none), the
 * environment (RAC? CPU_COUNT) re-read every 10 minutes, V$SQLSTATS snapshots and object names.
 * One gateway call = one counted query, whatever the statements it runs (gateway.ts).
 */
import type {
  ActivityRow,
  BlockingObject,
  SqlStatsSnapshot,
  SqlStatsSnapshotRow,
} from '@shared/types/activity';
import type { CatalogQuery } from './catalog';
import {
  ACTIVITY_ENVIRONMENT,
  ACTIVITY_PLAN_HASHES,
  ACTIVITY_SAMPLE,
  ACTIVITY_SAMPLE_RAC,
  OBJECT_LOOKUP_BATCH,
  OBJECT_NAMES,
  PLAN_LOOKUP_BATCH,
  SQLSTATS_SNAPSHOT,
} from './catalog-activity';
import { num, num0, type RawRow, str } from './mappers';

export interface ActivitySampleRead {
  /** database clock, epoch ms, whole second */
  t: number;
  rows: ActivityRow[];
  /** CPU_COUNT (null when unreadable) */
  cpuCount: number | null;
  /** more than one open instance: GV$SESSION was read */
  rac: boolean;
}

export type { SqlStatsSnapshot, SqlStatsSnapshotRow };

type Run = (query: CatalogQuery, binds?: Record<string, string | number>) => Promise<RawRow[]>;

const ENV_EVERY_MS = 10 * 60_000;
const PLAN_TTL_MS = 60_000;
const PLAN_CACHE_MAX = 20_000;

export class ActivityReader {
  private env: { at: number; rac: boolean; cpuCount: number | null } | null = null;
  /** `${sqlId}:${child}` → plan hash and when it was read (re-read after a minute: reloads re-plan) */
  private readonly plans = new Map<string, { plan: number; at: number }>();
  /** statements run (the gateway counts calls; the bench reports both) */
  statements = 0;

  constructor(
    private readonly run: Run,
    private readonly now: () => number,
  ) {}

  private async exec(query: CatalogQuery, binds?: Record<string, string | number>): Promise<RawRow[]> {
    this.statements++;
    return this.run(query, binds);
  }

  async sample(): Promise<ActivitySampleRead> {
    const env = await this.environment();
    const raw = await this.exec(env.rac ? ACTIVITY_SAMPLE_RAC : ACTIVITY_SAMPLE);
    // the statement always returns a row (outer join from DUAL); the console's clock only if it did not
    const epoch = num(raw[0]?.SAMPLE_EPOCH);
    const t = epoch !== null ? epoch * 1000 : Math.floor(this.now() / 1000) * 1000;
    const rows = raw
      .filter((r) => r.SID !== null && r.SID !== undefined)
      .map((r) => {
        const row = mapActivityRow(r);
        const age = num(r.EXEC_AGE_SEC);
        row.sqlExecStart = age === null || row.sqlId === null ? null : t - age * 1000;
        return row;
      });
    await this.fillPlans(rows);
    return { t, rows, cpuCount: env.cpuCount, rac: env.rac };
  }

  private async environment(): Promise<{ rac: boolean; cpuCount: number | null }> {
    const at = this.now();
    if (this.env && at - this.env.at < ENV_EVERY_MS) return this.env;
    const [row] = await this.exec(ACTIVITY_ENVIRONMENT);
    this.env = { at, rac: num0(row?.INSTANCES) > 1, cpuCount: num(row?.CPU_COUNT) };
    return this.env;
  }

  private async fillPlans(rows: ActivityRow[]): Promise<void> {
    const at = this.now();
    const missing = new Set<string>();
    for (const r of rows) {
      if (r.sqlId === null || r.sqlChildNumber === null) continue;
      const hit = this.plans.get(`${r.sqlId}:${r.sqlChildNumber}`);
      if (!hit || at - hit.at > PLAN_TTL_MS) missing.add(r.sqlId);
    }
    const ids = [...missing];
    for (let i = 0; i < ids.length; i += PLAN_LOOKUP_BATCH) {
      const batch = ids.slice(i, i + PLAN_LOOKUP_BATCH);
      const binds: Record<string, string | number> = {};
      // unused binds repeat the first id (IN tolerates duplicates; a NULL bind would need a typed bind)
      for (let b = 0; b < PLAN_LOOKUP_BATCH; b++) binds[`s${b}`] = batch[b] ?? batch[0]!;
      for (const p of await this.exec(ACTIVITY_PLAN_HASHES, binds)) {
        const plan = num(p.PLAN_HASH_VALUE);
        if (plan === null) continue;
        this.plans.set(`${str(p.SQL_ID)}:${num0(p.CHILD_NUMBER)}`, { plan, at });
      }
    }
    if (this.plans.size > PLAN_CACHE_MAX) this.plans.clear();
    for (const r of rows) {
      if (r.sqlId === null || r.sqlChildNumber === null) continue;
      r.planHashValue = this.plans.get(`${r.sqlId}:${r.sqlChildNumber}`)?.plan ?? null;
    }
  }

  async sqlStatsSnapshot(maxRows: number): Promise<SqlStatsSnapshot> {
    const raw = await this.exec(SQLSTATS_SNAPSHOT, { maxRows });
    const epoch = num(raw[0]?.SAMPLE_EPOCH);
    return {
      t: epoch !== null ? epoch * 1000 : Math.floor(this.now() / 1000) * 1000,
      rows: raw.map((r) => ({
        sqlId: str(r.SQL_ID) ?? '',
        planHashValue: num0(r.PLAN_HASH_VALUE),
        executions: num0(r.EXECUTIONS),
        elapsedUs: num0(r.ELAPSED_TIME),
        cpuUs: num0(r.CPU_TIME),
        bufferGets: num0(r.BUFFER_GETS),
        diskReads: num0(r.DISK_READS),
        rowsProcessed: num0(r.ROWS_PROCESSED),
        text: str(r.SQL_TEXT) ?? '',
      })),
    };
  }

  async objectNames(ids: readonly number[]): Promise<BlockingObject[]> {
    const wanted = [...new Set(ids.filter((i) => Number.isSafeInteger(i) && i > 0))];
    const out = new Map<number, BlockingObject>();
    for (let i = 0; i < wanted.length; i += OBJECT_LOOKUP_BATCH) {
      const batch = wanted.slice(i, i + OBJECT_LOOKUP_BATCH);
      const binds: Record<string, string | number> = {};
      for (let b = 0; b < OBJECT_LOOKUP_BATCH; b++) binds[`o${b}`] = batch[b] ?? batch[0]!;
      for (const r of await this.exec(OBJECT_NAMES, binds)) {
        const id = num0(r.OBJECT_ID);
        out.set(id, {
          objectId: id,
          owner: str(r.OWNER),
          name: str(r.OBJECT_NAME),
          type: str(r.OBJECT_TYPE),
        });
      }
    }
    return wanted.map((id) => out.get(id) ?? { objectId: id, owner: null, name: null, type: null });
  }
}

const nullIfNeg = (v: unknown): number | null => {
  const n = num(v);
  return n === null || n < 0 ? null : n;
};

/** One V$SESSION row of the sampler statement → ActivityRow (sqlExecStart and plan filled by the reader). */
export function mapActivityRow(r: RawRow): ActivityRow {
  const waiting = str(r.STATE) === 'WAITING';
  return {
    instId: num(r.INST_ID) ?? 1,
    conId: num0(r.CON_ID),
    sid: num0(r.SID),
    serial: num0(r.SERIAL_NO),
    user: str(r.USERNAME),
    background: str(r.SESSION_TYPE) === 'BACKGROUND',
    state: waiting ? 'WAITING' : 'ON CPU',
    waitClass: waiting ? str(r.WAIT_CLASS) : null,
    event: waiting ? str(r.EVENT) : null,
    sqlId: str(r.SQL_ID),
    sqlChildNumber: num(r.SQL_CHILD_NUMBER),
    planHashValue: null,
    sqlExecId: num(r.SQL_EXEC_ID),
    sqlExecStart: null,
    module: str(r.MODULE),
    action: str(r.ACTION),
    program: str(r.PROGRAM),
    machine: str(r.MACHINE),
    service: str(r.SERVICE_NAME),
    blockingInstance: num(r.BLOCKING_INSTANCE),
    blockingSession: num(r.BLOCKING_SESSION),
    finalBlockingInstance: num(r.FINAL_BLOCKING_INSTANCE),
    finalBlockingSession: num(r.FINAL_BLOCKING_SESSION),
    currentObj: nullIfNeg(r.ROW_WAIT_OBJ_NO),
    waitSec: waiting ? Math.round(num0(r.WAIT_TIME_MICRO) / 1e5) / 10 : 0,
  };
}
