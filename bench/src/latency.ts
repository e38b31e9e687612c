/**
 * Read latency on the demo sessions list (~50 KB JSON), in this process, against a real Redis:
 * our L1 hit / L2 hit / miss, the raw floor (ioredis GET + JSON.parse), bentocache's L1 and L2 hits.
 * Each figure: warm-up, then many timed iterations (process.hrtime.bigint), measured in interleaved rounds
 * so that machine noise spreads over all of them.
 */
import type { CacheKeySpec } from '../../src/main/cache/types';
import { createBento } from './bento';
import { createDemoGateway } from './demo';
import { closeRedisClient, connectRedis, createEngine } from './product';
import type { LatencyResults } from './results';
import { pick, ratio, summarize } from './stats';

export interface LatencySettings {
  redisUrl: string;
  iterations: number;
  missIterations: number;
  planMissIterations: number;
  planLatencyScale: number;
  /** demo sessions in the payload: 75 ≈ 50 KB of JSON (the size); the demo's default is 320 */
  sessionCount: number;
}

const ns = (): bigint => process.hrtime.bigint();
const us = (a: bigint, b: bigint): number => Number(b - a) / 1000;

export async function runLatency(s: LatencySettings): Promise<LatencyResults> {
  const gw = createDemoGateway({ latencyScale: 0, sessionCount: s.sessionCount });
  const slowGw = createDemoGateway({ latencyScale: s.planLatencyScale, sessionCount: s.sessionCount });
  const payload = await gw.sessions();
  const payloadBytes = Buffer.byteLength(JSON.stringify(payload));
  const closers: (() => Promise<unknown>)[] = [() => gw.close(), () => slowGw.close()];
  try {
    return await measureAll(s, gw, slowGw, payloadBytes, closers);
  } finally {
    for (const close of closers.reverse()) await close().catch(() => {});
  }
}

async function measureAll(
  s: LatencySettings,
  gw: ReturnType<typeof createDemoGateway>,
  slowGw: ReturnType<typeof createDemoGateway>,
  payloadBytes: number,
  closers: (() => Promise<unknown>)[],
): Promise<LatencyResults> {
  const redis = await connectRedis(s.redisUrl);
  closers.push(() => closeRedisClient(redis));
  const url = new URL(s.redisUrl);
  const spec: CacheKeySpec = { resource: 'sessions', connId: `bench-latency-${s.sessionCount}` };
  const fetch = () => gw.sessions();

  // ours: one engine for L1 hits, one whose L1 is cleared before each read (L2 hits). TTLs of an hour:
  // this section measures the read path, not expiry (a 30 s TTL would turn hits into refreshes mid-run)
  const ttl = { ttlFor: () => ({ ttl: 3600, l1Ttl: 3600, grace: 3600 }) };
  const l1Engine = createEngine({ redis, consoleId: 'bench-latency-l1', ttl });
  const l2Engine = createEngine({ redis, consoleId: 'bench-latency-l2', ttl });
  closers.push(
    () => l1Engine.close(100),
    () => l2Engine.close(100),
  );
  const first = await l1Engine.getOrFetch(spec, fetch);
  const key = first.cache.key;
  const bento = createBento({ host: url.hostname, port: Number(url.port) });
  const bentoRaw = createBento({
    host: url.hostname,
    port: Number(url.port),
    serialize: false,
    prefix: 'tms:bench:bento2',
  });
  closers.push(
    () => bento.close(),
    () => bentoRaw.close(),
  );
  const bkey = `sessions:bench-latency-${s.sessionCount}`;
  const bentoGet = (b: typeof bento) => b.bento.getOrSet({ key: bkey, factory: fetch, ttl: '30m' });
  await bentoGet(bento);
  await bentoGet(bentoRaw);

  const series: Record<string, number[]> = {
    l1: [],
    l2: [],
    raw: [],
    bL1: [],
    bL2: [],
    bL1raw: [],
  };
  const measure = {
    l1: async () => {
      const t0 = ns();
      await l1Engine.getOrFetch(spec, fetch);
      return us(t0, ns());
    },
    l2: async () => {
      l2Engine.clearLocal();
      const t0 = ns();
      const r = await l2Engine.getOrFetch(spec, fetch);
      const t = us(t0, ns());
      if (r.cache.origin !== 'l2') throw new Error(`expected an L2 hit, got ${r.cache.origin}`);
      return t;
    },
    raw: async () => {
      const t0 = ns();
      const raw = await redis.get(key);
      JSON.parse(raw!);
      return us(t0, ns());
    },
    bL1: async () => {
      const t0 = ns();
      await bentoGet(bento);
      return us(t0, ns());
    },
    bL2: async () => {
      bento.l1.clear();
      const t0 = ns();
      await bentoGet(bento);
      return us(t0, ns());
    },
    bL1raw: async () => {
      const t0 = ns();
      await bentoGet(bentoRaw);
      return us(t0, ns());
    },
  };
  // L1 timings are sub-µs-noisy: many more iterations, cheap anyway
  const plan: [keyof typeof measure, number][] = [
    ['l1', s.iterations * 5],
    ['bL1', s.iterations * 5],
    ['bL1raw', s.iterations * 5],
    ['raw', s.iterations],
    ['l2', s.iterations],
    ['bL2', s.iterations],
  ];
  // warm-up (JIT, connection), then interleaved rounds
  for (const [name, n] of plan) for (let i = 0; i < Math.min(2000, n / 2); i++) await measure[name]();
  // rounds of interleaved reads (raw, L2, bentocache L2, ... one after the other): paired samples, so a
  // burst of load elsewhere on the machine hits every series alike
  const rounds = 5;
  for (let r = 0; r < rounds; r++) {
    const per = plan.map(([name, n]) => [name, Math.ceil(n / rounds)] as const);
    const most = Math.max(...per.map(([, n]) => n));
    for (let i = 0; i < most; i++) {
      for (const [name, n] of per) if (i < n) series[name]!.push(await measure[name]());
    }
  }

  // misses: nothing in L1 nor L2 (key deleted, L1 cleared) → lock, fetch, serialize, write
  const missEngine = createEngine({ redis, consoleId: 'bench-latency-miss', ttl });
  closers.push(() => missEngine.close(100));
  const miss = async (engine: typeof missEngine, f: () => Promise<unknown>): Promise<number> => {
    engine.clearLocal();
    await redis.unlink(key);
    const t0 = ns();
    const r = await engine.getOrFetch(spec, f);
    const t = us(t0, ns()) / 1000;
    if (r.cache.origin !== 'oracle') throw new Error(`expected a miss, got ${r.cache.origin}`);
    await new Promise((res) => setTimeout(res, 1)); // let the lock release land
    return t;
  };
  for (let i = 0; i < 20; i++) await miss(missEngine, fetch);
  const missMs: number[] = [];
  for (let i = 0; i < s.missIterations; i++) missMs.push(await miss(missEngine, fetch));
  const planMs: number[] = [];
  for (let i = 0; i < s.planMissIterations; i++) planMs.push(await miss(missEngine, () => slowGw.sessions()));

  const S = (name: string) => summarize(series[name]!);
  const l1 = S('l1');
  const l2 = S('l2');
  const raw = S('raw');
  const bL1 = S('bL1');
  const bL2 = S('bL2');
  return {
    payloadBytes,
    sessions: s.sessionCount,
    iterations: s.iterations,
    l1Hit_us: pick(l1, 3),
    l2Hit_us: pick(l2),
    miss_ms: pick(summarize(missMs), 3),
    missPlanLatency_ms: { ...pick(summarize(planMs), 1), latencyScale: s.planLatencyScale },
    rawRedisGetParse_us: pick(raw),
    bentocacheL2Hit_us: pick(bL2),
    bentocacheL1Hit_us: pick(bL1, 3),
    bentocacheL1HitNoSerialize_us: pick(S('bL1raw'), 3),
    ratios: {
      l2HitOverRawFloor: ratio(l2.p50, raw.p50),
      l2HitOverBentocacheL2: ratio(l2.p50, bL2.p50),
      l1HitOverBentocacheL1: ratio(l1.p50, bL1.p50, 5),
    },
  };
}
