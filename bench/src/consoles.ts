/**
 * Consoles at scale, and the Redis outage during a consoles run.
 * K console processes poll every view at the plan's cadence against one Redis and ONE demo database (the
 * oracle server process), with time accelerated: cadences, TTLs, Oracle latencies, lock and breaker timings
 * are all divided by `accel`.
 */
import type { RedisServerHandle } from '../../src/main/redis/testing/redis-server';
import type { OracleServer } from './procs';
import { runWorkers } from './procs';
import { scaledTtlPolicy } from './product';
import type { ConsolesRow, OutageResults } from './results';
import { round, summarize } from './stats';
import { CONSOLE_VIEWS, countKey } from './views';
import { type ConsoleConfig, ORIGINS, type Sample } from './worker-types';

export interface ConsolesSettings {
  accel: number;
  /** real ms of polling */
  durationMs: number;
  /** per-request limit in plan ms (÷ accel) */
  timeoutPlanMs: number;
  connId: string;
}

interface WorkerResult {
  samples: Sample[];
  skipped: number;
  errors: string[];
  engineErrors: Record<string, number>;
}

export interface ConsolesRun {
  samples: Sample[];
  startAt: number;
  queries: { total: number; counts: Record<string, number>; times?: Record<string, number[]> };
  errors: string[];
  /** the engines' onError reports, summed over consoles (where: message → count) */
  engineErrors: Record<string, number>;
}

export async function runConsoles(
  k: number,
  cached: boolean,
  redisUrl: string,
  oracle: OracleServer,
  s: ConsolesSettings,
  onStart?: (startAt: number) => void,
): Promise<ConsolesRun> {
  const configs: ConsoleConfig[] = Array.from({ length: k }, (_, i) => ({
    role: 'console',
    index: i,
    cached,
    redisUrl,
    oraclePort: oracle.client.port,
    accel: s.accel,
    connId: s.connId,
    durationMs: s.durationMs,
    timeoutMs: s.timeoutPlanMs / s.accel,
    seed: 1000 + i * 7919 + (cached ? 1 : 0),
  }));
  // the workers warm up (one call per view, through the engine when cached) before they report ready;
  // the oracle server's counters start from zero at the common start
  const { results, startAt } = await runWorkers<WorkerResult>(configs, 200, {
    beforeGo: () => oracle.client.reset(),
    ...(onStart ? { onStart } : {}),
  });
  const queries = await oracle.client.stats();
  return {
    samples: results.flatMap((r) => r.samples),
    startAt,
    queries,
    errors: results.flatMap((r) => r.errors).slice(0, 5),
    engineErrors: sumCounts(results.map((r) => r.engineErrors ?? {})),
  };
}

function sumCounts(list: Record<string, number>[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of list) for (const [k, n] of Object.entries(m)) out[k] = (out[k] ?? 0) + n;
  return out;
}

/** Origins per view: {view: {origin: n}} */
export function originsByView(samples: readonly Sample[]): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const smp of samples) {
    const v = CONSOLE_VIEWS[smp[4]]?.view ?? '?';
    const o = ORIGINS[smp[2]] ?? 'none';
    const m = out[v] ?? {};
    m[o] = (m[o] ?? 0) + 1;
    out[v] = m;
  }
  return out;
}

export function originCounts(samples: readonly Sample[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const smp of samples) {
    const o = ORIGINS[smp[2]] ?? 'none';
    out[o] = (out[o] ?? 0) + 1;
  }
  return out;
}

export function analyseConsoles(
  k: number,
  cached: boolean,
  run: ConsolesRun,
  s: ConsolesSettings,
): ConsolesRow {
  const planSeconds = (s.durationMs / 1000) * s.accel;
  const policy = scaledTtlPolicy(s.accel);
  const ok = run.samples.filter((x) => x[3] === 1);
  const lat = summarize(ok.map((x) => x[1] / 1000));
  const origins = originCounts(run.samples);
  const hits = (origins.l1 ?? 0) + (origins.l2 ?? 0) + (origins.stale ?? 0);
  const perResource: NonNullable<ConsolesRow['perResource']> = {};
  const ratios: number[] = [];
  for (const view of CONSOLE_VIEWS) {
    const key = countKey(view.method, view.args);
    const q = run.queries.counts[key] ?? 0;
    const ttl = policy.plan(view.resource).ttl;
    const windows = Math.max(1, planSeconds / ttl);
    const perWindow = q / windows;
    // uncached, K consoles fetch together (bursts, not a period): there the count per window is the figure
    const rate = cached ? fetchRatePerTtl(run.queries.times?.[key] ?? [], ttl, s.accel) : null;
    const r = rate ?? perWindow;
    ratios.push(r);
    perResource[view.resource] = {
      queries: q,
      windows: round(windows, 2) ?? 0,
      perKeyPerTtl: round(r, 3),
      perWindow: round(perWindow, 3),
    };
  }
  return {
    consoles: k,
    cached,
    oracleQueriesPerSec: round(run.queries.total / planSeconds, 3),
    oracleQueriesPerKeyPerTtl: round(ratios.reduce((a, b) => a + b, 0) / ratios.length, 3),
    oracleQueriesPerKeyPerTtlMax: round(Math.max(...ratios), 3),
    hitRatio: cached ? round(hits / Math.max(1, ok.length), 4) : 0,
    p50_ms: round(lat.p50, 3),
    p95_ms: round(lat.p95, 3),
    p99_ms: round(lat.p99, 3),
    throughput_rps: round(ok.length / (s.durationMs / 1000), 1),
    throughputPlanTime_rps: round(ok.length / planSeconds, 3),
    failed: run.samples.length - ok.length,
    requests: run.samples.length,
    origins,
    perResource,
  };
}

/**
 * Oracle fetches of one key per TTL as a RATE: TTL ÷ the mean interval between the key's successive
 * fetches in the run (plan seconds). Counting fetches per window instead depends on where the windows
 * fall: a run of 2 TTL windows holds 2 or 3 fetches of a perfectly cached key (1.0 or 1.5) by phase
 * alone. Null with fewer than 2 fetches (the caller falls back to the count per window).
 */
export function fetchRatePerTtl(times: readonly number[], ttlPlanSec: number, accel: number): number | null {
  if (times.length < 2) return null;
  const sorted = [...times].sort((a, b) => a - b);
  const spanPlanSec = (((sorted.at(-1) ?? 0) - (sorted[0] ?? 0)) / 1000) * accel;
  const meanInterval = spanPlanSec / (sorted.length - 1);
  return meanInterval > 0 ? ttlPlanSec / meanInterval : Number.POSITIVE_INFINITY;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * A cached consoles run on its own Redis; Redis is SIGKILLed at 1/3 of the run and restarted (empty) at 2/3.
 */
export async function runOutage(
  k: number,
  redis: RedisServerHandle,
  oracle: OracleServer,
  s: ConsolesSettings,
  uncachedP99: number | null,
): Promise<OutageResults & { errors: string[] }> {
  let killAt = 0;
  let restartAt = 0;
  let scheduled: Promise<void> = Promise.resolve();
  const run = await runConsoles(k, true, redis.url, oracle, s, (startAt) => {
    scheduled = (async () => {
      await sleep(startAt + s.durationMs / 3 - Date.now());
      killAt = Date.now();
      await redis.kill();
      await sleep(startAt + (2 * s.durationMs) / 3 - Date.now());
      restartAt = Date.now();
      await redis.start();
    })();
  });
  await scheduled;
  const during = run.samples.filter((x) => x[0] >= killAt && x[0] < restartAt);
  const okDuring = during.filter((x) => x[3] === 1);
  const lat = summarize(okDuring.map((x) => x[1] / 1000));
  const back = run.samples
    .filter((x) => x[0] >= restartAt && x[3] === 1 && ORIGINS[x[2]] === 'l2')
    .sort((a, b) => a[0] - b[0])[0];
  const recovery = back ? (back[0] - restartAt) / 1000 : null;
  return {
    consoles: k,
    failedRequests: during.length - okDuring.length,
    requestsDuringOutage: during.length,
    p50DuringOutage_ms: round(lat.p50, 3),
    p99DuringOutage_ms: round(lat.p99, 3),
    recoverySeconds: round(recovery ?? Number.NaN, 3),
    uncachedP99_ms: uncachedP99,
    originsDuringOutage: originCounts(during),
    outageSeconds: round((restartAt - killAt) / 1000, 2),
    errors: run.errors,
  };
}
