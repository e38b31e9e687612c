/**
 * Average active sessions and the top tables, from raw samples or from per-minute roll-ups. A row
 * stands for `intervalSec` seconds of one session's activity, so AAS of a bucket = Σ(rows × interval)
 * / bucket seconds, and AAS over a range = Σ(rows × interval) / range seconds.
 */
import type {
  AasSeries,
  ActivityDimension,
  ActivitySample,
  TopEventActivity,
  TopSessionActivity,
  TopSqlActivity,
} from '@shared/types/activity';
import {
  CPU_KEY,
  classOf,
  dimensionKey,
  matches,
  NULL_KEY,
  OTHER_KEY,
  type RowFilter,
  sessionKey,
} from './dimensions';
import type { MinuteRollup } from './rollup';

const NICE_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600];
const TARGET_BUCKETS = 120;

/** A bucket length giving about 120 points, at least the sampling interval (60 s for roll-ups). */
export function chooseBucketSec(rangeMs: number, minSec: number, requested?: number): number {
  const floor = Math.max(1, minSec);
  if (requested !== undefined) return Math.max(floor, Math.ceil(requested / floor) * floor);
  const ideal = rangeMs / 1000 / TARGET_BUCKETS;
  const step = NICE_STEPS.find((s) => s >= ideal && s >= floor) ?? 3600;
  return Math.max(floor, Math.ceil(step / floor) * floor);
}

const r3 = (n: number) => Math.round(n * 1000) / 1000;

export interface AasQuery {
  from: number;
  to: number;
  bucketSec: number;
  dimension: ActivityDimension;
  maxSeries: number;
  filters: readonly RowFilter[];
}

export interface AasResult {
  buckets: number[];
  series: AasSeries[];
  samplesPerBucket: number[];
  intervalSec: number;
}

function seriesFrom(
  perKey: Map<string, number[]>,
  nBuckets: number,
  bucketSec: number,
  rangeSec: number,
  maxSeries: number,
  classOfKey: (key: string) => string | null,
): AasSeries[] {
  const totals = [...perKey.entries()].map(([key, v]) => ({ key, v, total: v.reduce((a, b) => a + b, 0) }));
  totals.sort((a, b) => b.total - a.total || a.key.localeCompare(b.key));
  const top = totals.slice(0, maxSeries);
  const rest = totals.slice(maxSeries);
  const toSeries = (key: string, v: number[], total: number): AasSeries => ({
    key,
    waitClass: classOfKey(key),
    values: v.map((x) => r3(x / bucketSec)),
    total: r3(total / rangeSec),
  });
  const out = top.map((t) => toSeries(t.key, t.v, t.total));
  if (rest.length > 0) {
    const v = new Array<number>(nBuckets).fill(0);
    let total = 0;
    for (const t of rest) {
      t.v.forEach((x, i) => {
        v[i]! += x;
      });
      total += t.total;
    }
    out.push(toSeries(OTHER_KEY, v, total));
  }
  return out;
}

export function aasFromSamples(samples: readonly ActivitySample[], q: AasQuery): AasResult {
  const n = Math.max(1, Math.ceil((q.to - q.from) / (q.bucketSec * 1000)));
  const buckets = Array.from({ length: n }, (_, i) => q.from + i * q.bucketSec * 1000);
  const perKey = new Map<string, number[]>();
  const samplesPerBucket = new Array<number>(n).fill(0);
  const eventClass = new Map<string, string>();
  let intervalSec = 0;
  for (const s of samples) {
    const b = Math.floor((s.t - q.from) / (q.bucketSec * 1000));
    if (b < 0 || b >= n) continue;
    samplesPerBucket[b]!++;
    intervalSec = Math.max(intervalSec, s.intervalSec);
    for (const r of s.rows) {
      if (!matches(r, q.filters)) continue;
      const key = dimensionKey(r, q.dimension);
      let v = perKey.get(key);
      if (!v) {
        v = new Array<number>(n).fill(0);
        perKey.set(key, v);
      }
      v[b]! += s.intervalSec;
      if (q.dimension === 'event') eventClass.set(key, classOf(r));
    }
  }
  const classOfKey = (key: string) =>
    q.dimension === 'waitClass' ? key : q.dimension === 'event' ? (eventClass.get(key) ?? null) : null;
  return {
    buckets,
    series: seriesFrom(perKey, n, q.bucketSec, (q.to - q.from) / 1000, q.maxSeries, classOfKey),
    samplesPerBucket,
    intervalSec,
  };
}

/** From roll-ups (no filters: they keep each dimension alone). Bucket = whole minutes. */
export function aasFromRollups(rollups: readonly MinuteRollup[], q: AasQuery): AasResult {
  const n = Math.max(1, Math.ceil((q.to - q.from) / (q.bucketSec * 1000)));
  const buckets = Array.from({ length: n }, (_, i) => q.from + i * q.bucketSec * 1000);
  const perKey = new Map<string, number[]>();
  const samplesPerBucket = new Array<number>(n).fill(0);
  const eventClass = new Map<string, string>();
  let intervalSec = 0;
  for (const m of rollups) {
    const b = Math.floor((m.t - q.from) / (q.bucketSec * 1000));
    if (b < 0 || b >= n) continue;
    samplesPerBucket[b]! += m.samples;
    intervalSec = Math.max(intervalSec, m.intervalSec);
    for (const [e, c] of Object.entries(m.eventClass)) eventClass.set(e, c);
    for (const [key, e] of Object.entries(m.dims[q.dimension] ?? {})) {
      let v = perKey.get(key);
      if (!v) {
        v = new Array<number>(n).fill(0);
        perKey.set(key, v);
      }
      v[b]! += e.n * m.intervalSec;
    }
  }
  const classOfKey = (key: string) =>
    q.dimension === 'waitClass'
      ? key
      : q.dimension === 'event'
        ? key === CPU_KEY
          ? CPU_KEY
          : (eventClass.get(key) ?? null)
        : null;
  return {
    buckets,
    series: seriesFrom(perKey, n, q.bucketSec, (q.to - q.from) / 1000, q.maxSeries, classOfKey),
    samplesPerBucket,
    intervalSec,
  };
}

export interface TopResult {
  totalRows: number;
  samples: number;
  topSql: TopSqlActivity[];
  topSessions: TopSessionActivity[];
  topEvents: TopEventActivity[];
}

interface Acc {
  w: number;
  c: Record<string, number>;
}
const add = (m: Map<string, Acc>, key: string, cls: string, w: number): Acc => {
  let a = m.get(key);
  if (!a) {
    a = { w: 0, c: {} };
    m.set(key, a);
  }
  a.w += w;
  a.c[cls] = (a.c[cls] ?? 0) + w;
  return a;
};

function shaped(a: Acc, totalW: number, rangeSec: number) {
  return {
    aas: r3(a.w / rangeSec),
    pct: totalW > 0 ? Math.round((a.w / totalW) * 1000) / 10 : 0,
    byClass: Object.fromEntries(Object.entries(a.c).map(([k, v]) => [k, r3(v / rangeSec)])),
  };
}
const topN = (m: Map<string, Acc>, limit: number) =>
  [...m.entries()].sort((a, b) => b[1].w - a[1].w || a[0].localeCompare(b[0])).slice(0, limit);

export function topFromSamples(
  samples: readonly ActivitySample[],
  from: number,
  to: number,
  limit: number,
  filters: readonly RowFilter[],
): TopResult {
  const rangeSec = (to - from) / 1000;
  const sql = new Map<string, Acc>();
  const plans = new Map<string, Set<number>>();
  const execs = new Map<string, Set<number>>();
  const sessions = new Map<string, Acc>();
  const info = new Map<string, [string | null, string | null, string | null]>();
  const events = new Map<string, Acc>();
  const eventClass = new Map<string, string>();
  let totalW = 0;
  let totalRows = 0;
  let n = 0;
  for (const s of samples) {
    if (s.t < from || s.t >= to) continue;
    n++;
    for (const r of s.rows) {
      if (!matches(r, filters)) continue;
      const w = s.intervalSec;
      const cls = classOf(r);
      totalW += w;
      totalRows++;
      if (r.sqlId) {
        add(sql, r.sqlId, cls, w);
        if (r.planHashValue !== null)
          plans.set(r.sqlId, (plans.get(r.sqlId) ?? new Set()).add(r.planHashValue));
        if (r.sqlExecId !== null) execs.set(r.sqlId, (execs.get(r.sqlId) ?? new Set()).add(r.sqlExecId));
      }
      const sk = sessionKey(r);
      add(sessions, sk, cls, w);
      info.set(sk, [r.user, r.program, r.machine]);
      const ev = r.state === 'ON CPU' ? CPU_KEY : (r.event ?? NULL_KEY);
      add(events, ev, cls, w);
      eventClass.set(ev, cls);
    }
  }
  return {
    totalRows,
    samples: n,
    topSql: topN(sql, limit).map(([key, a]) => ({
      key,
      sqlId: key,
      ...shaped(a, totalW, rangeSec),
      planHashValues: [...(plans.get(key) ?? [])],
      executionsSeen: execs.get(key)?.size ?? 0,
    })),
    topSessions: topN(sessions, limit).map(([key, a]) => {
      const [instId, sid, serial] = key.split('.').map(Number) as [number, number, number];
      const [user, program, machine] = info.get(key) ?? [null, null, null];
      return { key, instId, sid, serial, user, program, machine, ...shaped(a, totalW, rangeSec) };
    }),
    topEvents: topN(events, limit).map(([key, a]) => ({
      key,
      event: key,
      waitClass: eventClass.get(key) ?? 'Other',
      ...shaped(a, totalW, rangeSec),
    })),
  };
}

/** Top tables from roll-ups: '(null)' and '(other)' are left out of the SQL and session lists. */
export function topFromRollups(
  rollups: readonly MinuteRollup[],
  from: number,
  to: number,
  limit: number,
): TopResult {
  const rangeSec = (to - from) / 1000;
  const sql = new Map<string, Acc>();
  const sessions = new Map<string, Acc>();
  const events = new Map<string, Acc>();
  const plans = new Map<string, Set<number>>();
  const execs = new Map<string, number>();
  const info = new Map<string, [string | null, string | null, string | null]>();
  const eventClass = new Map<string, string>();
  let totalW = 0;
  let totalRows = 0;
  let n = 0;
  const fold = (m: Map<string, Acc>, entries: MinuteRollup['dims']['sqlId'], w: number) => {
    for (const [key, e] of Object.entries(entries ?? {})) {
      if (key === NULL_KEY || key === OTHER_KEY) continue;
      const a = m.get(key) ?? { w: 0, c: {} };
      a.w += e.n * w;
      for (const [cls, c] of Object.entries(e.c ?? {})) a.c[cls] = (a.c[cls] ?? 0) + c * w;
      m.set(key, a);
    }
  };
  for (const m of rollups) {
    if (m.t < from || m.t >= to) continue;
    n += m.samples;
    totalRows += m.rows;
    totalW += m.rows * m.intervalSec;
    fold(sql, m.dims.sqlId, m.intervalSec);
    fold(sessions, m.dims.session, m.intervalSec);
    fold(events, m.dims.event, m.intervalSec);
    for (const [k, p] of Object.entries(m.sqlPlans))
      for (const h of p) plans.set(k, (plans.get(k) ?? new Set()).add(h));
    for (const [k, x] of Object.entries(m.sqlExecs)) execs.set(k, (execs.get(k) ?? 0) + x);
    for (const [k, v] of Object.entries(m.sessionInfo)) info.set(k, v);
    for (const [k, v] of Object.entries(m.eventClass)) eventClass.set(k, v);
  }
  return {
    totalRows,
    samples: n,
    topSql: topN(sql, limit).map(([key, a]) => ({
      key,
      sqlId: key,
      ...shaped(a, totalW, rangeSec),
      planHashValues: [...(plans.get(key) ?? [])],
      executionsSeen: execs.get(key) ?? 0,
    })),
    topSessions: topN(sessions, limit).map(([key, a]) => {
      const [instId, sid, serial] = key.split('.').map(Number) as [number, number, number];
      const [user, program, machine] = info.get(key) ?? [null, null, null];
      return { key, instId, sid, serial, user, program, machine, ...shaped(a, totalW, rangeSec) };
    }),
    topEvents: topN(events, limit).map(([key, a]) => ({
      key,
      event: key,
      waitClass: key === CPU_KEY ? CPU_KEY : (eventClass.get(key) ?? 'Other'),
      ...shaped(a, totalW, rangeSec),
    })),
  };
}
