/**
 * One console process (forked by the bench): polls every view at the plan's cadence (÷ acceleration) for
 * `durationMs`, through the product's MonitoringService + cache engine (its own L1, the shared Redis) or
 * straight to the oracle server; records every answer.
 * Config as JSON in argv[2]; results go back with process.send.
 */
import { OracleClient } from './oracle-client';
import {
  type CacheEngine,
  closeRedisClient,
  connectRedis,
  createEngine,
  createMonitoring,
  forwardingGateway,
  type RedisClient,
} from './product';
import { CONSOLE_VIEWS } from './views';
import { type ConsoleConfig, ORIGINS, type Sample } from './worker-types';

const now = (): number => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Tell the bench we are set up, and wait for its common start instant (epoch ms). */
function readyThenGo(): Promise<number> {
  return new Promise((resolve) => {
    process.on('message', (msg: { type?: string; at?: number }) => {
      if (msg?.type === 'go' && typeof msg.at === 'number') resolve(msg.at);
    });
    process.send?.({ type: 'ready' });
  });
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class TimeoutError extends Error {}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new TimeoutError(`no answer within ${ms} ms`)), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

async function runConsole(cfg: ConsoleConfig): Promise<void> {
  const oracle = new OracleClient(cfg.oraclePort);
  let redis: RedisClient | null = null;
  let engine: CacheEngine | null = null;
  const engineErrors: Record<string, number> = {};
  if (cfg.cached) {
    redis = await connectRedis(cfg.redisUrl);
    engine = createEngine({
      redis,
      consoleId: `bench-console-${cfg.index}`,
      accel: cfg.accel,
      onError: (where, error) => {
        const k = `${where}: ${error instanceof Error ? error.message.slice(0, 80) : String(error).slice(0, 80)}`;
        engineErrors[k] = (engineErrors[k] ?? 0) + 1;
      },
    });
  }
  // cached: the product's MonitoringService over the engine, its gateway forwarding to the oracle server
  type ServiceCall = (connId: string, ...args: unknown[]) => Promise<{ cache: { origin: string } }>;
  const service = engine
    ? (createMonitoring(
        engine,
        forwardingGateway((m, a) => oracle.call(m, a)),
      ) as unknown as Record<string, ServiceCall>)
    : null;
  const rand = mulberry32(cfg.seed);
  // warm up (JIT, sockets): a console has been running for a while; another connection id, so the
  // measured keys start cold
  for (const view of CONSOLE_VIEWS) {
    const warm = () => oracle.call(view.method, view.args);
    if (service) {
      const warmConn = `${cfg.connId}-warm${cfg.index}`;
      await service[view.method]!(warmConn, ...view.args);
      await service[view.method]!(warmConn, ...view.args);
    } else await warm();
  }
  const startAt = await readyThenGo();
  const samples: Sample[] = [];
  const errors: string[] = [];
  let skipped = 0;
  let inFlight = 0;
  const end = startAt + cfg.durationMs;
  const busy = new Array<boolean>(CONSOLE_VIEWS.length).fill(false);

  const ask = async (vi: number): Promise<void> => {
    const view = CONSOLE_VIEWS[vi]!;
    busy[vi] = true;
    inFlight++;
    const t0 = now();
    let origin = 'oracle';
    let ok = 1;
    try {
      if (service) {
        const r = await withTimeout(service[view.method]!(cfg.connId, ...view.args), cfg.timeoutMs);
        origin = r.cache.origin;
      } else {
        await withTimeout(oracle.call(view.method, view.args), cfg.timeoutMs);
      }
    } catch (error) {
      ok = 0;
      origin = error instanceof TimeoutError ? 'timeout' : 'error';
      if (errors.length < 5) errors.push(error instanceof Error ? error.message : String(error));
    }
    const t1 = now();
    samples.push([
      t0,
      Math.round((t1 - t0) * 1000),
      ORIGINS.indexOf(origin as (typeof ORIGINS)[number]),
      ok,
      vi,
    ]);
    busy[vi] = false;
    inFlight--;
  };

  await new Promise<void>((resolveAll) => {
    let pending = CONSOLE_VIEWS.length;
    const done = () => {
      if (--pending === 0) resolveAll();
    };
    CONSOLE_VIEWS.forEach((view, vi) => {
      const cadence = (view.cadenceSec * 1000) / cfg.accel;
      // consoles are opened at different moments: a random phase inside the first cadence
      let at = startAt + rand() * (cadence > 0 ? cadence : 1000 / cfg.accel);
      const tick = () => {
        if (at >= end) return done();
        if (busy[vi]) skipped++;
        else void ask(vi);
        if (cadence <= 0) return done();
        at += cadence;
        setTimeout(tick, Math.max(0, at - now()));
      };
      setTimeout(tick, Math.max(0, at - now()));
    });
  });
  const drainUntil = now() + cfg.timeoutMs + 100;
  while (inFlight > 0 && now() < drainUntil) await sleep(5);
  process.send?.({ type: 'done', samples, skipped, errors, engineErrors });
  await engine?.close(200);
  if (redis) await closeRedisClient(redis);
  oracle.close();
}

const cfg = JSON.parse(process.argv[2] ?? '{}') as ConsoleConfig;
runConsole(cfg)
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    process.send?.({
      type: 'fatal',
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
    process.exit(1);
  });
