/**
 * The bench (run by bench/run.mjs): read latency, consoles at scale, stampede, Redis outage, renderer.
 * Prints a markdown table and writes bench/results/latest.json + latency-vs-consoles.svg.
 *   --quick          CI-sized (under 3 minutes)
 *   --only=a,b       sections: latency, consoles, stampede, outage, renderer, activity, activity-render
 *                    (activity writes bench/results/activity.{json,md}; `--only=activity` leaves latest.* alone)
 *   --accel=N        time acceleration of the consoles runs (default 10)
 *   --plan-minutes=N plan minutes per consoles run (default 10; --quick 1.5)
 *   --consoles=1,10,50  console counts
 *   --no-write       do not write bench/results (ad-hoc runs)
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { type RedisServerHandle, startRedisServer } from '../../src/main/redis/testing/redis-server';
import { activityMarkdown, runActivity } from './activity';
import { analyseConsoles, type ConsolesSettings, originsByView, runConsoles, runOutage } from './consoles';
import { runLatency } from './latency';
import { type OracleServer, startOracleServer } from './procs';
import { runRenderer } from './renderer';
import { type BenchResults, type ConsolesRow, evaluateGoals, markdownReport } from './results';
import { runStampede } from './stampede';
import { lineChartSvg } from './svg';

const SECTIONS = [
  'latency',
  'consoles',
  'stampede',
  'outage',
  'renderer',
  'activity',
  'activity-render',
] as const;
type Section = (typeof SECTIONS)[number];

function arg(name: string): string | undefined {
  const hit = process.argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (!hit) return undefined;
  return hit.includes('=') ? hit.slice(hit.indexOf('=') + 1) : 'true';
}

const quick = arg('quick') === 'true';
const only = new Set<Section>(
  (arg('only')
    ?.split(',')
    .map((x) => x.trim()) as Section[] | undefined) ?? [...SECTIONS],
);
const accel = Number(arg('accel') ?? 10);
const write = arg('no-write') === undefined;
const rootDir = process.env.TMS_ROOT_DIR ?? process.cwd();
const benchDir = process.env.TMS_BENCH_DIR ?? join(rootDir, 'bench');
const resultsDir = join(benchDir, 'results');

/** Oracle's concurrency in the load model: query slots of the demo database host */
const ORACLE_SLOTS = Number(arg('oracle-slots') ?? 8);
const KS = (arg('consoles')?.split(',').map(Number) ?? [1, 10, 50]).filter((k) => k > 0);
const PLAN_MINUTES = Number(arg('plan-minutes') ?? (quick ? 1.5 : 10));

const log = (m: string): void => {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${m}\n`);
};

async function section<T>(
  name: string,
  skipped: Record<string, string>,
  fn: () => Promise<T>,
): Promise<T | null> {
  const t0 = Date.now();
  log(`${name} ...`);
  try {
    const out = await fn();
    log(`${name} done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return out;
  } catch (error) {
    const msg = error instanceof Error ? error.message : String(error);
    log(`${name} FAILED: ${msg}`);
    if (error instanceof Error && error.stack) log(error.stack);
    skipped[name] = msg.split('\n')[0]!.slice(0, 300);
    return null;
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const skipped: Record<string, string> = {};
  const notes: string[] = [];
  const servers: RedisServerHandle[] = [];
  const oracles: OracleServer[] = [];
  const redis = await startRedisServer();
  servers.push(redis);
  log(`redis-server on ${redis.port}`);

  const consolesSettings: ConsolesSettings = {
    accel,
    durationMs: (PLAN_MINUTES * 60_000) / accel,
    timeoutPlanMs: 10_000,
    connId: 'bench',
  };
  const results: Omit<BenchResults, 'goals'> = {
    generatedAt: new Date().toISOString(),
    mode: quick ? 'quick' : 'full',
    machine: {
      node: process.version,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? '?',
      platform: process.platform,
      loadAvg1mAtStart: Math.round(loadavg()[0]! * 100) / 100,
    },
    settings: {
      accel,
      planMinutesPerConsolesRun: PLAN_MINUTES,
      realSecondsPerConsolesRun: consolesSettings.durationMs / 1000,
      oracleSlots: ORACLE_SLOTS,
      consoles: KS,
      requestTimeoutPlanMs: consolesSettings.timeoutPlanMs,
      consolesNote: `${PLAN_MINUTES} plan minutes per run at ${accel}× (${(consolesSettings.durationMs / 1000).toFixed(0)} s real): cadences, TTLs, Oracle latencies, lock and breaker timings ÷ ${accel}; answer times are real ms of the accelerated run (Oracle latencies are 1/${accel} of the plan's, Redis and CPU costs are not scaled); the demo database answers at most ${ORACLE_SLOTS} queries at once.`,
    },
    latency: null,
    consoles: [],
    stampede: null,
    outage: null,
    renderer: null,
    notes,
    skipped,
  };

  try {
    if (only.has('latency')) {
      results.latency = await section('latency', skipped, () =>
        runLatency({
          redisUrl: redis.url,
          iterations: quick ? 1000 : 5000,
          missIterations: quick ? 100 : 400,
          planMissIterations: quick ? 3 : 8,
          planLatencyScale: 1,
          sessionCount: 75,
        }),
      );
      if (results.latency && !quick) {
        const large = await section('latency (320 sessions)', skipped, () =>
          runLatency({
            redisUrl: redis.url,
            iterations: 2000,
            missIterations: 100,
            planMissIterations: 0,
            planLatencyScale: 1,
            sessionCount: 320,
          }),
        );
        if (large) results.latency.large = large;
      }
    }

    let oracle: OracleServer | null = null;
    const needOracle = only.has('consoles') || only.has('outage');
    if (needOracle) {
      oracle = await startOracleServer({ latencyScale: 1 / accel, slots: ORACLE_SLOTS });
      oracles.push(oracle);
    }

    if (only.has('consoles') && oracle) {
      for (const k of KS) {
        // --quick skips the uncached run at K > 10 (the slowest run; the demo database saturates there)
        for (const cached of quick && k > 10 ? [true] : [false, true]) {
          const o = oracle;
          const row = await section(
            `consoles K=${k} ${cached ? 'cached' : 'uncached'}`,
            skipped,
            async () => {
              const s = {
                ...consolesSettings,
                connId: `bench-k${k}-${cached ? 'c' : 'u'}-${Date.now().toString(36)}`,
              };
              const run = await runConsoles(k, cached, redis.url, o, s);
              if (run.errors.length)
                notes.push(
                  `consoles K=${k} ${cached ? 'cached' : 'uncached'} errors: ${run.errors.join(' | ')}`,
                );
              if (process.env.BENCH_DEBUG) {
                log(JSON.stringify({ engineErrors: run.engineErrors, byView: originsByView(run.samples) }));
                const bad = run.samples
                  .filter((x) => x[3] === 0)
                  .map((x) => `${Math.round(x[0] - run.startAt)}ms:${x[4]}`);
                log(`failed at (ms after start:view#): ${bad.join(' ')}`);
              }
              return analyseConsoles(k, cached, run, s);
            },
          );
          if (row) {
            results.consoles.push(row);
            log(
              `  K=${k} ${cached ? 'cached  ' : 'uncached'} q/s=${row.oracleQueriesPerSec} q/key/ttl=${row.oracleQueriesPerKeyPerTtl} hit=${row.hitRatio} p50=${row.p50_ms} p99=${row.p99_ms} failed=${row.failed}/${row.requests}`,
            );
            if (process.env.BENCH_DEBUG)
              log(JSON.stringify({ perResource: row.perResource, origins: row.origins }));
          }
        }
      }
    }

    if (only.has('stampede')) {
      // the cold fetch takes the plan's sessions latency × 0.2 (100 ms): a window for the stampede
      const slow = await startOracleServer({ latencyScale: 0.2, slots: 0 });
      oracles.push(slow);
      const st = await section('stampede', skipped, () =>
        runStampede(quick ? 10 : 20, quick ? 2 : 5, redis.url, slow),
      );
      if (st) {
        const { errors, ...rest } = st;
        if (errors.length) notes.push(`stampede errors: ${errors.join(' | ')}`);
        results.stampede = rest;
      }
    }

    if (only.has('outage') && oracle) {
      const o = oracle;
      const k = quick ? 10 : 50;
      const outageRedis = await startRedisServer();
      servers.push(outageRedis);
      const uncached = results.consoles.find((c) => !c.cached && c.consoles === k);
      const out = await section('outage', skipped, () =>
        runOutage(
          k,
          outageRedis,
          o,
          { ...consolesSettings, connId: `bench-outage-${Date.now().toString(36)}` },
          uncached?.p99_ms ?? null,
        ),
      );
      if (out) {
        const { errors, ...rest } = out;
        if (errors.length) notes.push(`outage errors: ${errors.join(' | ')}`);
        results.outage = rest;
      }
    }

    if (only.has('renderer')) {
      const rr = await section('renderer', skipped, () =>
        runRenderer({
          rootDir,
          redisUrl: redis.url,
          rows: 10_000,
          reloads: quick ? 3 : 7,
          scrollFrames: quick ? 120 : 300,
          buildOnlyIfMissing: quick,
          log,
        }),
      );
      if (rr) {
        const { notes: rn, ...rest } = rr;
        notes.push(...rn);
        results.renderer = rest;
      }
    }
    if (only.has('activity')) {
      // issue 14: its own results file (the section can run alone: `--only=activity`)
      const act = await section('activity', skipped, () =>
        runActivity({ redisUrl: redis.url, rootDir, quick, ks: KS, log }),
      );
      if (act) {
        const amd = activityMarkdown(act);
        process.stdout.write(`\n${amd}`);
        if (write) {
          mkdirSync(resultsDir, { recursive: true });
          const suffix = quick ? '-quick' : '';
          writeFileSync(join(resultsDir, `activity${suffix}.json`), `${JSON.stringify(act, null, 2)}\n`);
          writeFileSync(join(resultsDir, `activity${suffix}.md`), amd);
        }
      }
    }
    if (only.has('activity-render')) {
      // issue 14: the Activity chart in Chromium (its own script and results file, Vite from the root)
      const r = spawnSync(
        process.execPath,
        [
          join(rootDir, 'bench/activity-render.mjs'),
          ...(quick ? ['--quick'] : []),
          ...(write ? [] : ['--no-write']),
        ],
        { cwd: rootDir, stdio: ['ignore', 'inherit', 'inherit'] },
      );
      if (r.status !== 0) skipped['activity-render'] = `exited with ${r.status}`;
    }
  } finally {
    for (const o of oracles) await o.stop().catch(() => {});
    for (const srv of servers) await srv.stop().catch(() => {});
  }

  notes.push(`bench wall time ${((Date.now() - started) / 1000).toFixed(0)} s`);
  results.machine.loadAvg1mAtEnd = Math.round(loadavg()[0]! * 100) / 100;
  const full: BenchResults = { ...results, goals: evaluateGoals(results) };
  const md = markdownReport(full);
  process.stdout.write(`\n${md}`);
  if (write && !(only.size === 1 && (only.has('activity') || only.has('activity-render')))) {
    mkdirSync(resultsDir, { recursive: true });
    // a --quick run (CI) does not replace the committed full results
    const suffix = quick ? '-quick' : '';
    writeFileSync(join(resultsDir, `latest${suffix}.json`), `${JSON.stringify(full, null, 2)}\n`);
    writeFileSync(join(resultsDir, `latest${suffix}.md`), md);
    if (full.consoles.length > 0) {
      writeFileSync(join(resultsDir, `latency-vs-consoles${suffix}.svg`), chartOf(full.consoles, full));
    }
    log(`wrote ${join(resultsDir, `latest${suffix}.json`)}`);
  }
}

export function chartOf(rows: ConsolesRow[], r: BenchResults): string {
  const line = (cached: boolean, field: 'p50_ms' | 'p99_ms') =>
    rows.filter((x) => x.cached === cached).map((x) => ({ x: x.consoles, y: x[field] }));
  return lineChartSvg({
    title: 'Answer time against consoles, with and without the cache',
    subtitle: `${r.mode} run ${r.generatedAt.slice(0, 16)}Z · time ×${accel} (Oracle latencies ÷${accel}) · log scale`,
    xLabel: 'consoles (processes)',
    yLabel: 'answer time (ms, log scale)',
    logY: true,
    series: [
      { name: 'without cache p99', color: '#c0392b', dashed: true, points: line(false, 'p99_ms') },
      { name: 'without cache p50', color: '#c0392b', points: line(false, 'p50_ms') },
      { name: 'with cache p99', color: '#1f6feb', dashed: true, points: line(true, 'p99_ms') },
      { name: 'with cache p50', color: '#1f6feb', points: line(true, 'p50_ms') },
    ],
  });
}

main()
  // a client left behind by a failed section must not keep the bench alive
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
