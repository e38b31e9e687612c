/**
 * Per-minute roll-ups (kept 24 h by default, longer than the raw samples): for each dimension the
 * rows per value (top ROLLUP_TOP values, the rest summed as '(other)'), by wait class for SQL and
 * sessions (the top tables), plans seen per SQL, and the blocking episodes of the minute. JSON, checked
 * with zod when read back (a value from Redis is never trusted).
 */
import { ACTIVITY_DIMENSIONS, type ActivityDimension, type ActivitySample } from '@shared/types/activity';
import { z } from 'zod';
import { type EpisodePart, episodesIn } from './blocking';
import { classOf, dimensionKey, OTHER_KEY, sessionKey } from './dimensions';

export const ROLLUP_TOP = 25;
const BY_CLASS_DIMENSIONS: ReadonlySet<ActivityDimension> = new Set(['sqlId', 'session', 'event']);

export interface DimEntry {
  /** rows */
  n: number;
  /** rows by wait class (sqlId, session and event only) */
  c?: Record<string, number>;
}

export interface MinuteRollup {
  /** minute start, epoch ms (database clock) */
  t: number;
  samples: number;
  rows: number;
  /** seconds each row stands for */
  intervalSec: number;
  dims: Partial<Record<ActivityDimension, Record<string, DimEntry>>>;
  /** event → its wait class */
  eventClass: Record<string, string>;
  /** SQL_ID → plan hash values seen */
  sqlPlans: Record<string, number[]>;
  /** SQL_ID → distinct SQL_EXEC_IDs seen in the minute */
  sqlExecs: Record<string, number>;
  /** session key → [user, program, machine] */
  sessionInfo: Record<string, [string | null, string | null, string | null]>;
  blocking: EpisodePart[];
}

export function rollupOf(minute: number, samples: readonly ActivitySample[]): MinuteRollup {
  const full = new Map<ActivityDimension, Map<string, DimEntry>>();
  for (const d of ACTIVITY_DIMENSIONS) full.set(d, new Map());
  const eventClass: Record<string, string> = {};
  const plans = new Map<string, Set<number>>();
  const execs = new Map<string, Set<number>>();
  const info: MinuteRollup['sessionInfo'] = {};
  let rows = 0;
  let intervalSec = 1;
  for (const s of samples) {
    intervalSec = s.intervalSec;
    for (const r of s.rows) {
      rows++;
      const cls = classOf(r);
      for (const d of ACTIVITY_DIMENSIONS) {
        const key = dimensionKey(r, d);
        const m = full.get(d)!;
        let e = m.get(key);
        if (!e) {
          e = BY_CLASS_DIMENSIONS.has(d) ? { n: 0, c: {} } : { n: 0 };
          m.set(key, e);
        }
        e.n++;
        if (e.c) e.c[cls] = (e.c[cls] ?? 0) + 1;
      }
      if (r.state === 'WAITING' && r.event) eventClass[r.event] = cls;
      if (r.sqlId) {
        if (r.planHashValue !== null) {
          const p = plans.get(r.sqlId) ?? new Set();
          p.add(r.planHashValue);
          plans.set(r.sqlId, p);
        }
        if (r.sqlExecId !== null) {
          const x = execs.get(r.sqlId) ?? new Set();
          x.add(r.sqlExecId);
          execs.set(r.sqlId, x);
        }
      }
      info[sessionKey(r)] = [r.user, r.program, r.machine];
    }
  }
  const dims: MinuteRollup['dims'] = {};
  for (const [d, m] of full) {
    const sorted = [...m.entries()].sort((a, b) => b[1].n - a[1].n);
    const kept = Object.fromEntries(sorted.slice(0, ROLLUP_TOP));
    const rest = sorted.slice(ROLLUP_TOP);
    if (rest.length > 0) {
      const other: DimEntry = { n: 0 };
      for (const [, e] of rest) other.n += e.n;
      kept[OTHER_KEY] = other;
    }
    dims[d] = kept;
  }
  const keptSessions = new Set(Object.keys(dims.session ?? {}));
  return {
    t: minute,
    samples: samples.length,
    rows,
    intervalSec,
    dims,
    eventClass,
    sqlPlans: Object.fromEntries(
      [...plans].filter(([id]) => id in (dims.sqlId ?? {})).map(([k, v]) => [k, [...v]]),
    ),
    sqlExecs: Object.fromEntries(
      [...execs].filter(([id]) => id in (dims.sqlId ?? {})).map(([k, v]) => [k, v.size]),
    ),
    sessionInfo: Object.fromEntries(Object.entries(info).filter(([k]) => keptSessions.has(k))),
    blocking: episodesIn(samples),
  };
}

const str = z.string().max(4096);
const nullableStr = str.nullable();
// counts and epoch-ms times (t, firstSeen, peak.t): 1e12 ms was 2001, so the bound is 1e13 (year 2286)
const count = z.number().int().min(0).max(1e13);
const dimEntry = z.object({ n: count, c: z.record(str, count).optional() }).strict();
const rowSchema = z
  .object({
    instId: count,
    conId: count,
    sid: count,
    serial: count,
    user: nullableStr,
    background: z.boolean(),
    state: z.enum(['ON CPU', 'WAITING']),
    waitClass: nullableStr,
    event: nullableStr,
    sqlId: nullableStr,
    sqlChildNumber: count.nullable(),
    planHashValue: count.nullable(),
    sqlExecId: count.nullable(),
    sqlExecStart: z.number().nullable(),
    module: nullableStr,
    action: nullableStr,
    program: nullableStr,
    machine: nullableStr,
    service: nullableStr,
    blockingInstance: count.nullable(),
    blockingSession: count.nullable(),
    finalBlockingInstance: count.nullable(),
    finalBlockingSession: count.nullable(),
    currentObj: count.nullable(),
    waitSec: z.number().min(0),
  })
  .strict();
const partSchema = z
  .object({
    rootKey: str,
    root: z
      .object({
        instId: count,
        sid: count,
        serial: count,
        user: nullableStr,
        program: nullableStr,
        machine: nullableStr,
      })
      .strict(),
    firstSeen: count,
    lastSeen: count,
    intervalSec: count,
    samples: count,
    maxWaiters: count,
    waitedSec: z.number().min(0),
    events: z.array(str).max(1000),
    sqlIds: z.array(str).max(1000),
    objects: z.array(count).max(1000),
    peak: z.object({ t: count, rows: z.array(rowSchema).max(10_000) }).strict(),
  })
  .strict();

export const rollupSchema = z
  .object({
    t: count,
    samples: count,
    rows: count,
    intervalSec: z.number().int().min(1).max(60),
    dims: z.partialRecord(z.enum(ACTIVITY_DIMENSIONS), z.record(str, dimEntry)),
    eventClass: z.record(str, str),
    sqlPlans: z.record(str, z.array(count).max(100)),
    sqlExecs: z.record(str, count),
    sessionInfo: z.record(str, z.tuple([nullableStr, nullableStr, nullableStr])),
    blocking: z.array(partSchema).max(1000),
  })
  .strict();

/** Parse a stored roll-up; null when it does not validate. */
export function parseRollup(text: string): MinuteRollup | null {
  try {
    const r = rollupSchema.safeParse(JSON.parse(text));
    return r.success ? (r.data as MinuteRollup) : null;
  } catch {
    return null;
  }
}
