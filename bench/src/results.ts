/**
 * The shape of bench/results/latest.json (the issue's schema plus details), the goals, and the markdown
 * report. Pure: results in, text out.
 */
import { fmt, ratio } from './stats';

export interface Pct {
  p50: number | null;
  p95?: number | null;
  p99: number | null;
  mean?: number | null;
  n?: number;
}

export interface LatencyResults {
  payloadBytes: number;
  /** demo sessions in the payload */
  sessions: number;
  iterations: number;
  l1Hit_us: Pct;
  l2Hit_us: Pct;
  /** miss with the demo database at latency 0: fetch + serialize + write (the cache's own cost) */
  miss_ms: Pct;
  /** miss with the plan's latency for the sessions list (500 ms × planLatencyScale) */
  missPlanLatency_ms: Pct & { latencyScale: number };
  rawRedisGetParse_us: Pct;
  bentocacheL2Hit_us: Pct;
  bentocacheL1Hit_us: Pct;
  /** bentocache with its memory tier told not to serialize (its fastest L1) */
  bentocacheL1HitNoSerialize_us?: Pct;
  ratios: {
    l2HitOverRawFloor: number | null;
    l2HitOverBentocacheL2: number | null;
    l1HitOverBentocacheL1: number | null;
  };
  /** the same reads on the demo's default sessions list (320 sessions), full runs only */
  large?: Omit<LatencyResults, 'large'>;
}

export interface ConsolesRow {
  consoles: number;
  cached: boolean;
  /** Oracle queries per second in plan time (the accelerated rate divided by the acceleration) */
  oracleQueriesPerSec: number | null;
  /**
   * mean over keys of the key's fetch rate per TTL: TTL ÷ the mean interval between its successive
   * Oracle fetches (phase-free), for cached runs; the count per window for uncached runs (K consoles
   * fetch in bursts) and where a key was fetched once. Ideal 1.0; the
   * refresh-ahead window (src/shared/cache.ts refreshAheadMs) makes it ≤ 1.03 by design.
   */
  oracleQueriesPerKeyPerTtl: number | null;
  /** worst key */
  oracleQueriesPerKeyPerTtlMax: number | null;
  hitRatio: number | null;
  p50_ms: number | null;
  p95_ms: number | null;
  p99_ms: number | null;
  /** answers per second actually sustained (accelerated run, real seconds) */
  throughput_rps: number | null;
  /** the same in plan time (÷ acceleration): what K consoles ask of the back end */
  throughputPlanTime_rps: number | null;
  failed: number;
  requests: number;
  origins: Record<string, number>;
  /** per key: fetches, TTL windows in the run, fetch rate per TTL (TTL ÷ mean interval), count per window */
  perResource?: Record<
    string,
    { queries: number; windows: number; perKeyPerTtl: number | null; perWindow?: number | null }
  >;
}

export interface StampedeResults {
  processes: number;
  rounds: number;
  /** max over rounds of source fetches for the one cold key */
  ourFetches: number | null;
  bentocacheFetches: number | null;
  ourFetchesPerRound: number[];
  bentocacheFetchesPerRound: number[];
  ourAnswer_ms?: Pct;
  bentocacheAnswer_ms?: Pct;
}

export interface OutageResults {
  consoles: number;
  failedRequests: number | null;
  requestsDuringOutage: number | null;
  p99DuringOutage_ms: number | null;
  p50DuringOutage_ms: number | null;
  /**
   * real seconds from the restart until an answer came from L2 again (not accelerated: it is dominated by
   * the client's reconnect backoff, a real-time setting capped at 5 s)
   */
  recoverySeconds: number | null;
  uncachedP99_ms: number | null;
  originsDuringOutage: Record<string, number>;
  outageSeconds: number | null;
}

export interface RendererResults {
  rows: number | null;
  /** page navigation start → the sessions view's first rows (median of reloads) */
  firstRender_ms: number | null;
  /** the view's first sessions request → its first rows (median of reloads) */
  firstRenderFromRequest_ms?: number | null;
  /** bytes of the first sessions answer (median) */
  firstWindowBytes?: number | null;
  /** bytes of the sessions answers one refresh of the view receives */
  refreshBytes?: number | null;
  /** page load → dashboard tiles with a warm cache (L2 filled by the previous load) */
  dashboardTilesWarm_ms?: number | null;
  /** page load → dashboard tiles after the connection's keys were invalidated */
  dashboardTilesCold_ms?: number | null;
  /** the animation frame after the mark (rows painted) */
  firstRowsPainted_ms?: number | null;
  /** app already open: hash change dashboard → sessions until the first-rows mark (median) */
  inAppNavigation_ms?: number | null;
  /** main-thread work per scrolled frame (frame start → the task after its rendering), p95 */
  scrollFrame_p95_ms: number | null;
  scrollFrame_p50_ms?: number | null;
  scrollFrames?: number;
  /** time between frames while scrolling, p95 (16.7 ms when no frame is dropped) */
  scrollInterval_p95_ms?: number | null;
  /** frame intervals longer than 1.5 vsyncs */
  scrollDroppedFrames?: number | null;
  note?: string;
}

export interface BenchResults {
  generatedAt: string;
  mode: 'full' | 'quick';
  machine: {
    node: string;
    cpus: number;
    cpuModel: string;
    platform: string;
    /** other work on the machine during the run (1-minute load average) */
    loadAvg1mAtStart?: number;
    loadAvg1mAtEnd?: number;
  };
  settings: Record<string, unknown>;
  latency: LatencyResults | null;
  consoles: ConsolesRow[];
  stampede: StampedeResults | null;
  outage: OutageResults | null;
  renderer: RendererResults | null;
  goals: GoalResult[];
  notes: string[];
  skipped: Record<string, string>;
}

export interface GoalResult {
  goal: string;
  target: string;
  measured: string;
  /** null = not measured */
  pass: boolean | null;
}

const v = (x: number | null | undefined): x is number => x != null && Number.isFinite(x);

export function evaluateGoals(r: Omit<BenchResults, 'goals'>): GoalResult[] {
  const goals: GoalResult[] = [];
  const l = r.latency;
  goals.push({
    goal: 'L1 hit p50',
    target: '≤ 5 µs',
    measured: l && v(l.l1Hit_us.p50) ? `${fmt(l.l1Hit_us.p50)} µs` : 'not measured',
    pass: l && v(l.l1Hit_us.p50) ? l.l1Hit_us.p50 <= 5 : null,
  });
  const floor = l?.rawRedisGetParse_us.p50;
  const l2 = l?.l2Hit_us.p50;
  goals.push({
    goal: 'L2 hit p50 vs raw GET+JSON.parse',
    target: '≤ 1.2 × floor',
    measured:
      v(l2) && v(floor) ? `${fmt(l2)} µs = ${fmt(ratio(l2, floor))} × ${fmt(floor)} µs` : 'not measured',
    pass: v(l2) && v(floor) ? l2 <= 1.2 * floor : null,
  });
  const bento = l?.bentocacheL2Hit_us.p50;
  goals.push({
    goal: 'L2 hit p50 vs bentocache L2 hit',
    target: '< bentocache',
    measured: v(l2) && v(bento) ? `${fmt(l2)} µs vs ${fmt(bento)} µs` : 'not measured',
    pass: v(l2) && v(bento) ? l2 < bento : null,
  });
  const at50 = r.consoles.find((c) => c.cached && c.consoles === 50);
  goals.push({
    goal: 'Oracle queries per key per TTL at 50 consoles',
    target: '≤ 1.05',
    measured:
      at50 && v(at50.oracleQueriesPerKeyPerTtl)
        ? `${fmt(at50.oracleQueriesPerKeyPerTtl, 3)} (worst key ${fmt(at50.oracleQueriesPerKeyPerTtlMax, 3)})`
        : 'not measured',
    pass: at50 && v(at50.oracleQueriesPerKeyPerTtl) ? at50.oracleQueriesPerKeyPerTtl <= 1.05 : null,
  });
  const s = r.stampede;
  goals.push({
    goal: `Stampede: source fetches for one cold key from ${s?.processes ?? 'K'} processes`,
    target: '= 1',
    measured:
      s && v(s.ourFetches) ? `${s.ourFetches} (bentocache ${s.bentocacheFetches ?? '—'})` : 'not measured',
    pass: s && v(s.ourFetches) ? s.ourFetches === 1 : null,
  });
  const o = r.outage;
  goals.push({
    goal: 'Redis outage: failed requests',
    target: '0',
    measured: o && v(o.failedRequests) ? String(o.failedRequests) : 'not measured',
    pass: o && v(o.failedRequests) ? o.failedRequests === 0 : null,
  });
  goals.push({
    goal: 'Redis outage: p99 during the outage',
    target: '≤ uncached p99',
    measured:
      o && v(o.p99DuringOutage_ms)
        ? `${fmt(o.p99DuringOutage_ms)} ms vs ${fmt(o.uncachedP99_ms)} ms`
        : 'not measured',
    pass:
      o && v(o.p99DuringOutage_ms) && v(o.uncachedP99_ms) ? o.p99DuringOutage_ms <= o.uncachedP99_ms : null,
  });
  const rr = r.renderer;
  goals.push({
    goal: `Sessions view first render (${rr?.rows ?? 10_000} rows) from the data request`,
    target: '≤ 200 ms',
    measured:
      rr && v(rr.firstRenderFromRequest_ms)
        ? `${fmt(rr.firstRenderFromRequest_ms)} ms (${fmt(rr.firstWindowBytes)} bytes)`
        : 'not measured',
    pass: rr && v(rr.firstRenderFromRequest_ms) ? rr.firstRenderFromRequest_ms <= 200 : null,
  });
  goals.push({
    goal: `Sessions view first render (${rr?.rows ?? 10_000} rows) from page load`,
    target: '≤ 400 ms',
    measured: rr && v(rr.firstRender_ms) ? `${fmt(rr.firstRender_ms)} ms` : 'not measured',
    pass: rr && v(rr.firstRender_ms) ? rr.firstRender_ms <= 400 : null,
  });
  goals.push({
    goal: 'Dashboard tiles from page load, warm cache',
    target: '≤ 400 ms',
    measured:
      rr && v(rr.dashboardTilesWarm_ms)
        ? `${fmt(rr.dashboardTilesWarm_ms)} ms (cold cache ${fmt(rr.dashboardTilesCold_ms)} ms)`
        : 'not measured',
    pass: rr && v(rr.dashboardTilesWarm_ms) ? rr.dashboardTilesWarm_ms <= 400 : null,
  });
  goals.push({
    goal: 'Sessions view scroll: main-thread work per frame p95',
    target: '≤ 16 ms',
    measured:
      rr && v(rr.scrollFrame_p95_ms)
        ? `${fmt(rr.scrollFrame_p95_ms)} ms (${fmt(rr.scrollDroppedFrames)} of ${fmt(rr.scrollFrames)} frames dropped)`
        : 'not measured',
    pass: rr && v(rr.scrollFrame_p95_ms) ? rr.scrollFrame_p95_ms <= 16.7 : null,
  });
  return goals;
}

const passText = (p: boolean | null): string => (p === null ? 'n/a' : p ? 'PASS' : 'MISS');

export function markdownReport(r: BenchResults): string {
  const out: string[] = [];
  out.push(
    `### TMS Console bench (${r.mode}) — ${r.generatedAt}`,
    '',
    `Node ${r.machine.node}, ${r.machine.cpus} × ${r.machine.cpuModel}, ${r.machine.platform}; load average ${r.machine.loadAvg1mAtStart ?? '?'} at the start, ${r.machine.loadAvg1mAtEnd ?? '?'} at the end (other work on the machine inflates every time).`,
    '',
  );
  const l = r.latency;
  if (l) {
    out.push(
      `**Read latency** — demo sessions list (${l.sessions} sessions), ${fmt(l.payloadBytes / 1024, 1)} KB JSON, ${l.iterations} iterations each (L1 hits × 5)`,
      '',
      '| Read | p50 | p99 |',
      '|---|---:|---:|',
      `| Ours: L1 hit | ${fmt(l.l1Hit_us.p50)} µs | ${fmt(l.l1Hit_us.p99)} µs |`,
      `| bentocache: L1 hit | ${fmt(l.bentocacheL1Hit_us.p50)} µs | ${fmt(l.bentocacheL1Hit_us.p99)} µs |`,
    );
    if (l.bentocacheL1HitNoSerialize_us) {
      out.push(
        `| bentocache: L1 hit (memory \`serialize: false\`) | ${fmt(l.bentocacheL1HitNoSerialize_us.p50)} µs | ${fmt(l.bentocacheL1HitNoSerialize_us.p99)} µs |`,
      );
    }
    out.push(
      `| Raw ioredis GET + JSON.parse (floor) | ${fmt(l.rawRedisGetParse_us.p50)} µs | ${fmt(l.rawRedisGetParse_us.p99)} µs |`,
      `| Ours: L2 hit | ${fmt(l.l2Hit_us.p50)} µs | ${fmt(l.l2Hit_us.p99)} µs |`,
      `| bentocache: L2 hit | ${fmt(l.bentocacheL2Hit_us.p50)} µs | ${fmt(l.bentocacheL2Hit_us.p99)} µs |`,
      `| Ours: miss, demo latency 0 | ${fmt(l.miss_ms.p50)} ms | ${fmt(l.miss_ms.p99)} ms |`,
      `| Ours: miss, plan latency × ${l.missPlanLatency_ms.latencyScale} | ${fmt(l.missPlanLatency_ms.p50)} ms | ${fmt(l.missPlanLatency_ms.p99)} ms |`,
      '',
      `Ratios (p50): L2 hit / raw floor = ${fmt(l.ratios.l2HitOverRawFloor)}; L2 hit / bentocache L2 = ${fmt(l.ratios.l2HitOverBentocacheL2)}; L1 hit / bentocache L1 = ${fmt(l.ratios.l1HitOverBentocacheL1, 4)}.`,
      '',
    );
    const g = l.large;
    if (g) {
      out.push(
        `Same reads on the demo's default list (${g.sessions} sessions, ${fmt(g.payloadBytes / 1024, 1)} KB), p50: L1 hit ${fmt(g.l1Hit_us.p50)} µs; raw floor ${fmt(g.rawRedisGetParse_us.p50)} µs; our L2 hit ${fmt(g.l2Hit_us.p50)} µs (${fmt(g.ratios.l2HitOverRawFloor)} × floor); bentocache L2 hit ${fmt(g.bentocacheL2Hit_us.p50)} µs, L1 hit ${fmt(g.bentocacheL1Hit_us.p50)} µs; miss ${fmt(g.miss_ms.p50)} ms.`,
        '',
      );
    }
  }
  if (r.consoles.length > 0) {
    out.push(
      `**Consoles at scale** — ${String(r.settings.consolesNote ?? '')}`,
      '',
      '| Consoles | Cache | Oracle q/s (plan time) | Oracle q per key per TTL | Hit ratio | p50 ms | p95 ms | p99 ms | Throughput req/s (accel.) | Failed |',
      '|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    );
    for (const c of r.consoles) {
      out.push(
        `| ${c.consoles} | ${c.cached ? 'yes' : 'no'} | ${fmt(c.oracleQueriesPerSec)} | ${fmt(c.oracleQueriesPerKeyPerTtl, 3)} | ${c.hitRatio == null ? '—' : `${fmt(c.hitRatio * 100, 1)}%`} | ${fmt(c.p50_ms)} | ${fmt(c.p95_ms)} | ${fmt(c.p99_ms)} | ${fmt(c.throughput_rps, 1)} | ${c.failed} / ${c.requests} |`,
      );
    }
    out.push('');
    const at50 = r.consoles.find((c) => c.cached && c.consoles === 50);
    if (at50?.perResource) {
      const keys = Object.entries(at50.perResource).map(
        ([res, p]) =>
          `${res} ${p.queries} fetches in ${fmt(p.windows)} TTLs → rate ${fmt(p.perKeyPerTtl, 3)} (count per window ${fmt(p.perWindow ?? null, 3)})`,
      );
      out.push(
        `Oracle queries per key per TTL = TTL ÷ mean interval between a key's successive fetches (a count per window depends on where the windows fall: 2 windows hold 2 or 3 fetches of a perfectly cached key). At 50 cached consoles: ${keys.join('; ')}.`,
        '',
      );
    }
  }
  const s = r.stampede;
  if (s) {
    out.push(
      `**Stampede** — ${s.processes} processes, one cold key, ${s.rounds} rounds: source fetches (max) ours ${fmt(s.ourFetches)} (${s.ourFetchesPerRound.join(', ')}), bentocache ${fmt(s.bentocacheFetches)} (${s.bentocacheFetchesPerRound.join(', ')}).`,
      '',
    );
  }
  const o = r.outage;
  if (o) {
    out.push(
      `**Redis outage** — ${o.consoles} consoles, Redis killed for ${fmt(o.outageSeconds, 1)} s then restarted: failed ${fmt(o.failedRequests)} of ${fmt(o.requestsDuringOutage)} requests during the outage; p50/p99 during it ${fmt(o.p50DuringOutage_ms)} / ${fmt(o.p99DuringOutage_ms)} ms (uncached p99 ${fmt(o.uncachedP99_ms)} ms); L2 used again ${fmt(o.recoverySeconds)} s after the restart (real seconds: the client's reconnect backoff is not accelerated).`,
      '',
    );
  }
  const rr = r.renderer;
  if (rr) {
    out.push(
      `**Renderer** — sessions view, ${fmt(rr.rows)} rows, Chromium: first render ${fmt(rr.firstRender_ms)} ms (page load → rows; data request → rows ${fmt(rr.firstRenderFromRequest_ms)} ms; in-app navigation → rows ${fmt(rr.inAppNavigation_ms)} ms), scroll: main-thread work per frame p95 ${fmt(rr.scrollFrame_p95_ms)} ms (p50 ${fmt(rr.scrollFrame_p50_ms)} ms), ${fmt(rr.scrollDroppedFrames)} of ${fmt(rr.scrollFrames)} frames dropped; bytes per refresh ${fmt(rr.refreshBytes)} (first answer ${fmt(rr.firstWindowBytes)}); dashboard tiles from page load ${fmt(rr.dashboardTilesWarm_ms)} ms warm cache, ${fmt(rr.dashboardTilesCold_ms)} ms cold${rr.note ? ` (${rr.note})` : ''}.`,
      '',
    );
  }
  out.push('**Goals**', '', '| Goal | Target | Measured | Result |', '|---|---|---|---|');
  for (const g of r.goals) out.push(`| ${g.goal} | ${g.target} | ${g.measured} | ${passText(g.pass)} |`);
  out.push('');
  for (const [k, why] of Object.entries(r.skipped)) out.push(`- Skipped ${k}: ${why}`);
  for (const n of r.notes) out.push(`- ${n}`);
  return `${out.join('\n')}\n`;
}
