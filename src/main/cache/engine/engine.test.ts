/**
 * The engine against real redis-server children (the harness). Freshness runs on an injected clock, so
 * TTL/grace tests do not sleep; lock waits and Redis faults use small real timeouts.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ResourceName } from '@shared/cache';
import { TmsError } from '@shared/errors';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRedisClient, waitUntilReady } from '../../redis/client';
import {
  type RedisServerHandle,
  startRedisCluster,
  startRedisServer,
} from '../../redis/testing/redis-server';
import { buildKey } from '../keys';
import type { CacheKeySpec, CacheStatEvent, EffectiveTtl } from '../types';
import { CacheEngine, type CacheEngineOptions, type InvalidationNotice } from './index';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** the child-process test loads the TypeScript engine through jiti (a dependency of vite) */
const hasJiti = (() => {
  try {
    createRequire(import.meta.url).resolve('jiti');
    return true;
  } catch {
    return false;
  }
})();

function statsSink() {
  const counts = new Map<CacheStatEvent, number>();
  const durations: number[] = [];
  return {
    counts,
    durations,
    n: (e: CacheStatEvent) => counts.get(e) ?? 0,
    record(_resource: ResourceName, event: CacheStatEvent, ms?: number) {
      counts.set(event, (counts.get(event) ?? 0) + 1);
      if (event === 'fetch' && ms !== undefined) durations.push(ms);
    },
  };
}

function ttlOf(ttl: number, l1Ttl = Math.min(5, ttl), grace = ttl): { ttlFor: () => EffectiveTtl } {
  return { ttlFor: () => ({ ttl, l1Ttl, grace }) };
}

/** a fetch that counts its calls and returns versioned values */
function counter<T>(make: (n: number) => T, delayMs = 0) {
  const state = {
    calls: 0,
    fetch: async (): Promise<T> => {
      state.calls++;
      const n = state.calls;
      if (delayMs > 0) await sleep(delayMs);
      return make(n);
    },
  };
  return state;
}

function isDeepFrozen(v: unknown): boolean {
  if (typeof v !== 'object' || v === null) return true;
  if (!Object.isFrozen(v)) return false;
  return Object.values(v).every(isDeepFrozen);
}

let server: RedisServerHandle;
let admin: Redis;
const clients: Redis[] = [];
const engines: CacheEngine[] = [];
let idSeq = 0;

async function newClient(url = server.url, extra: { commandTimeoutMs?: number } = {}): Promise<Redis> {
  const c = createRedisClient(
    {
      enabled: true,
      url,
      maxReconnectDelayMs: 50,
      commandTimeoutMs: extra.commandTimeoutMs ?? 500,
    },
    { onError: () => {} },
  ) as Redis;
  clients.push(c);
  await waitUntilReady(c, 5000);
  return c;
}

function newEngine(opts: Partial<CacheEngineOptions> & Pick<CacheEngineOptions, 'redis'>): CacheEngine {
  const engine = new CacheEngine({
    ttl: ttlOf(30, 5, 30),
    consoleId: `test-${++idSeq}`,
    lock: { ttlMs: 2000, waitMs: 2000, pollMs: 10 },
    ...opts,
  });
  engines.push(engine);
  return engine;
}

/** a fresh connection id per test, so tests never see each other's keys */
const conn = () => `c${Date.now().toString(36)}${++idSeq}`;

beforeAll(async () => {
  server = await startRedisServer();
  admin = new Redis({ host: '127.0.0.1', port: server.port, lazyConnect: true });
  await admin.connect();
});

afterEach(async () => {
  for (const e of engines.splice(0)) await e.close();
});

afterAll(async () => {
  for (const c of clients) c.disconnect();
  admin?.disconnect();
  await server?.stop();
});

describe('read path and origins', () => {
  it('source → L1 → L2 (fills L1) with truthful metadata and frozen values', async () => {
    let now = 1_700_000_000_000;
    const stats = statsSink();
    const redis = await newClient();
    const engine = newEngine({ redis, stats, clock: () => now, ttl: ttlOf(30, 5, 30) });
    const spec: CacheKeySpec = { resource: 'sessions', connId: conn() };
    const src = counter((n) => ({ rows: [{ sid: n, user: 'SCOTT' }] }));

    const first = await engine.getOrFetch(spec, src.fetch);
    expect(first.cache).toEqual({
      key: buildKey(spec),
      origin: 'oracle',
      storedAt: now,
      ttlSeconds: 30,
      stale: false,
    });
    expect(first.data).toEqual({ rows: [{ sid: 1, user: 'SCOTT' }] });
    expect(isDeepFrozen(first.data)).toBe(true);

    now += 1000;
    const second = await engine.getOrFetch(spec, src.fetch);
    expect(second.cache.origin).toBe('l1');
    expect(second.cache.storedAt).toBe(first.cache.storedAt);
    expect(second.data).toBe(first.data); // L1 hands out the same frozen object: no parse, no copy

    now += 5000; // past l1Ttl, still fresh in L2
    const third = await engine.getOrFetch(spec, src.fetch);
    expect(third.cache.origin).toBe('l2');
    expect(third.cache.storedAt).toBe(first.cache.storedAt);
    expect(isDeepFrozen(third.data)).toBe(true);
    expect((await engine.getOrFetch(spec, src.fetch)).cache.origin).toBe('l1'); // L2 hit filled L1
    expect(src.calls).toBe(1);
    expect([stats.n('fetch'), stats.n('miss'), stats.n('l1Hit'), stats.n('l2Hit')]).toEqual([1, 1, 2, 1]);
    expect(stats.durations[0]).toBeGreaterThanOrEqual(0);

    // a second console (own connection) sees the value in L2
    const other = newEngine({ redis: await newClient(), clock: () => now });
    const fromOther = await other.getOrFetch(spec, src.fetch);
    expect(fromOther.cache.origin).toBe('l2');
    expect(fromOther.data).toEqual(first.data);
  });

  it('stores a versioned envelope with physical TTL = ttl + grace', async () => {
    const redis = await newClient();
    const engine = newEngine({
      redis,
      ttl: ttlOf(60, 5, 30),
      consoleId: 'console-A',
      formats: { 'top-sql': { version: 3, isValid: () => true } },
    });
    const spec: CacheKeySpec = { resource: 'top-sql', connId: conn(), params: [50] };
    const r = await engine.getOrFetch(spec, async () => [{ sqlId: 'abc', execs: 3 }]);
    const raw = await admin.get(r.cache.key);
    expect(JSON.parse(raw!)).toEqual({
      $tms: 1,
      at: r.cache.storedAt,
      ttl: 60,
      grace: 30,
      by: 'console-A',
      f: 3,
      v: [{ sqlId: 'abc', execs: 3 }],
    });
    const pttl = await admin.pttl(r.cache.key);
    expect(pttl).toBeGreaterThan(85_000);
    expect(pttl).toBeLessThanOrEqual(90_000);
    expect(await admin.exists(`tms:lock:${r.cache.key.slice(4)}`)).toBe(0); // lock released
  });

  it('L1 never outlives the value’s freshness; after ttl + grace it is a miss', async () => {
    let now = 1_700_000_000_000;
    const redis = await newClient();
    const engine = newEngine({ redis, clock: () => now, ttl: ttlOf(2, 10, 1) });
    const spec: CacheKeySpec = { resource: 'locks', connId: conn() };
    const src = counter((n) => n);
    await engine.getOrFetch(spec, src.fetch);
    now += 1500;
    expect((await engine.getOrFetch(spec, src.fetch)).cache.origin).toBe('l1');
    now += 600; // 2.1 s: past ttl (2 s) even though l1Ttl was 10 s
    const stale = await engine.getOrFetch(spec, src.fetch);
    expect(stale.cache.origin).toBe('stale');
    await engine.idle();
    now += 10_000; // far past ttl + grace
    const fresh = await engine.getOrFetch(spec, src.fetch);
    expect(fresh.cache.origin).toBe('oracle');
  });

  it('a TTL policy change applies to values already stored (read-time freshness)', async () => {
    let now = 1_700_000_000_000;
    let policy: EffectiveTtl = { ttl: 30, l1Ttl: 5, grace: 30 };
    const engine = newEngine({ redis: await newClient(), clock: () => now, ttl: { ttlFor: () => policy } });
    const spec: CacheKeySpec = { resource: 'top-sql', connId: conn(), params: [7] };
    const src = counter((n) => n);
    await engine.getOrFetch(spec, src.fetch);
    policy = { ttl: 5, l1Ttl: 5, grace: 60 }; // shorter: the 6 s old value is now stale
    now += 6000;
    expect((await engine.getOrFetch(spec, src.fetch)).cache).toMatchObject({
      origin: 'stale',
      ttlSeconds: 5,
    });
    await engine.idle();
    expect(src.calls).toBe(2);
    policy = { ttl: 120, l1Ttl: 5, grace: 60 }; // longer: a 40 s old value is still fresh
    now += 40_000;
    expect((await engine.getOrFetch(spec, src.fetch)).cache).toMatchObject({ origin: 'l2', ttlSeconds: 120 });
    expect(src.calls).toBe(2);
    // within L1's life too: the answer right after a change carries the new TTL (views re-time on it)
    expect((await engine.getOrFetch(spec, src.fetch)).cache).toMatchObject({ origin: 'l1', ttlSeconds: 120 });
    policy = { ttl: 90, l1Ttl: 5, grace: 60 };
    expect((await engine.getOrFetch(spec, src.fetch)).cache).toMatchObject({ origin: 'l2', ttlSeconds: 90 });
  });

  it('real expiry: a 1 s TTL key is gone from Redis after ttl + grace', async () => {
    const redis = await newClient();
    const engine = newEngine({ redis, ttl: ttlOf(1, 1, 0) });
    const spec: CacheKeySpec = { resource: 'realtime', connId: conn() };
    const src = counter((n) => n);
    await engine.getOrFetch(spec, src.fetch);
    expect(await admin.exists(buildKey(spec))).toBe(1);
    await sleep(1100);
    expect(await admin.exists(buildKey(spec))).toBe(0);
    const again = await engine.getOrFetch(spec, src.fetch);
    expect(again.cache.origin).toBe('oracle');
    expect(again.data).toBe(2);
  });

  it('works without Redis (L1 → source) and reports l2 none', async () => {
    const engine = newEngine({ redis: null });
    const spec: CacheKeySpec = { resource: 'dashboard', connId: conn() };
    const src = counter((n) => n);
    expect((await engine.getOrFetch(spec, src.fetch)).cache.origin).toBe('oracle');
    expect((await engine.getOrFetch(spec, src.fetch)).cache.origin).toBe('l1');
    expect(engine.stateOf().l2).toBe('none');
  });

  it('without L2 the local copy serves for the whole TTL, then stale within grace, then the source', async () => {
    let now = 1_700_000_000_000;
    const engine = newEngine({ redis: null, clock: () => now });
    const spec: CacheKeySpec = { resource: 'sessions', connId: conn() };
    const src = counter((n) => n);
    await engine.getOrFetch(spec, src.fetch);
    now += 20_000; // past the 5 s L1 TTL, inside the 30 s TTL: a poll every 30 s still hits
    expect((await engine.getOrFetch(spec, src.fetch)).cache.origin).toBe('l1');
    now += 15_000;
    expect((await engine.getOrFetch(spec, src.fetch)).cache).toMatchObject({ origin: 'stale', stale: true });
    await engine.idle();
    expect(src.calls).toBe(2);
    now += 100_000;
    expect((await engine.getOrFetch(spec, src.fetch)).cache.origin).toBe('oracle');
    expect(src.calls).toBe(3);
  });

  it('rejects invalid specs without calling the source', async () => {
    const engine = newEngine({ redis: null });
    const src = counter(() => 1);
    await expect(engine.getOrFetch({ resource: 'sessions', connId: '' }, src.fetch)).rejects.toBeInstanceOf(
      TmsError,
    );
    expect(src.calls).toBe(0);
  });

  it('bounds L1 by entries and bytes', async () => {
    const engine = newEngine({ redis: null, l1: { maxEntries: 3, maxBytes: 4096, maxEntryBytes: 2048 } });
    const id = conn();
    for (let i = 0; i < 10; i++) {
      await engine.getOrFetch({ resource: 'tables', connId: id, params: [`S${i}`] }, async () => ({ i }));
    }
    expect(engine.stateOf().l1.entries).toBe(3);
    const big = await engine.getOrFetch({ resource: 'tables', connId: id, params: ['BIG'] }, async () =>
      'x'.repeat(3000),
    );
    expect(big.cache.origin).toBe('oracle');
    const again = await engine.getOrFetch(
      { resource: 'tables', connId: id, params: ['BIG'] },
      async () => 'y',
    );
    expect(again.cache.origin).toBe('oracle'); // too big for L1 (and no L2 here)
    expect(engine.stateOf().l1.bytes).toBeLessThanOrEqual(4096);
  });
});

describe('stale-while-revalidate and grace', () => {
  it('serves stale at once and runs ONE background refresh', async () => {
    let now = 1_700_000_000_000;
    const stats = statsSink();
    const redis = await newClient();
    const engine = newEngine({ redis, stats, clock: () => now, ttl: ttlOf(1, 1, 10) });
    const spec: CacheKeySpec = { resource: 'wait-events', connId: conn() };
    const src = counter((n) => ({ v: n }), 30);
    await engine.getOrFetch(spec, src.fetch);
    now += 1500;
    const answers = await Promise.all(Array.from({ length: 20 }, () => engine.getOrFetch(spec, src.fetch)));
    for (const a of answers) {
      expect(a.cache).toMatchObject({ origin: 'stale', stale: true });
      expect(a.data).toEqual({ v: 1 });
    }
    await engine.idle();
    expect(src.calls).toBe(2);
    const after = await engine.getOrFetch(spec, src.fetch);
    expect(after.cache.origin).toBe('l1');
    expect(after.data).toEqual({ v: 2 });
    expect(after.cache.storedAt).toBe(now);
    expect(stats.n('staleServed')).toBeGreaterThanOrEqual(1);
  });

  it('refresh ahead: a read in the last 3 % of the TTL starts ONE refresh (across consoles), answered from cache', async () => {
    let now = 1_700_000_000_000;
    const redis = await newClient();
    const a = newEngine({ redis, clock: () => now, ttl: ttlOf(30, 5, 30) });
    const b = newEngine({ redis: await newClient(), clock: () => now, ttl: ttlOf(30, 5, 30) });
    const spec: CacheKeySpec = { resource: 'sessions', connId: conn() };
    const src = counter((n) => ({ v: n }), 20);
    const t0 = now;
    await a.getOrFetch(spec, src.fetch);
    now = t0 + 20_000; // not yet in the window (30 s − 0.9 s)
    await Promise.all([a.getOrFetch(spec, src.fetch), b.getOrFetch(spec, src.fetch)]);
    await Promise.all([a.idle(), b.idle()]);
    expect(src.calls).toBe(1);
    now = t0 + 29_500; // in the window: both consoles read, the old value is answered at once
    const [ra, rb] = await Promise.all([a.getOrFetch(spec, src.fetch), b.getOrFetch(spec, src.fetch)]);
    expect(ra.data).toEqual({ v: 1 });
    expect(rb.data).toEqual({ v: 1 });
    expect(ra.cache.stale).toBe(false);
    await Promise.all([a.idle(), b.idle()]);
    expect(src.calls).toBe(2); // one refresh for both consoles
    now = t0 + 30_100; // past the old value's TTL: the refreshed value, fresh, no fetch
    const after = await b.getOrFetch(spec, src.fetch);
    expect(after.data).toEqual({ v: 2 });
    expect(after.cache).toMatchObject({ stale: false, storedAt: t0 + 29_500 });
    expect(src.calls).toBe(2);
  });

  it('a background refresh that fails keeps serving the stale value, flagged', async () => {
    let now = 1_700_000_000_000;
    const errors: string[] = [];
    const redis = await newClient();
    const engine = newEngine({
      redis,
      clock: () => now,
      ttl: ttlOf(1, 1, 10),
      onError: (w) => errors.push(w),
    });
    const spec: CacheKeySpec = { resource: 'health', connId: conn() };
    await engine.getOrFetch(spec, async () => 'ok');
    now += 2000;
    const failing = async (): Promise<string> => {
      throw new TmsError('ORACLE_UNREACHABLE', 'listener down', { retryable: true });
    };
    const r = await engine.getOrFetch(spec, failing);
    expect(r).toMatchObject({ data: 'ok', cache: { origin: 'stale', stale: true } });
    await engine.idle();
    expect(errors).toContain('refresh');
    expect((await engine.getOrFetch(spec, failing)).cache.origin).toBe('stale');
  });

  it('source failure with a local value inside grace serves it; without one the error passes unchanged', async () => {
    let now = 1_700_000_000_000;
    const engine = newEngine({ redis: null, clock: () => now, ttl: ttlOf(2, 1, 5) });
    const spec: CacheKeySpec = { resource: 'sessions', connId: conn() };
    await engine.getOrFetch(spec, async () => ['s1']);
    const oracleDown = new TmsError('ORACLE_UNREACHABLE', 'ORA-12541: no listener', { retryable: true });
    const failing = async (): Promise<string[]> => {
      throw oracleDown;
    };
    now += 1500; // past l1Ttl, still fresh
    expect((await engine.getOrFetch(spec, failing)).cache).toMatchObject({ origin: 'l1', stale: false });
    now += 2000; // past ttl, inside grace
    const stale = await engine.getOrFetch(spec, failing);
    expect(stale).toMatchObject({ data: ['s1'], cache: { origin: 'stale', stale: true } });
    now += 10_000; // past grace
    await expect(engine.getOrFetch(spec, failing)).rejects.toBe(oracleDown);
    await expect(engine.getOrFetch({ resource: 'locks', connId: 'nothing' }, failing)).rejects.toBe(
      oracleDown,
    );
  });
});

describe('stampede protection', () => {
  it('in process: 100 concurrent misses → one fetch', async () => {
    const stats = statsSink();
    const engine = newEngine({ redis: await newClient(), stats });
    const spec: CacheKeySpec = { resource: 'top-sql', connId: conn(), params: [100] };
    const src = counter(() => ({ top: [1, 2, 3] }), 50);
    const all = await Promise.all(Array.from({ length: 100 }, () => engine.getOrFetch(spec, src.fetch)));
    expect(src.calls).toBe(1);
    for (const r of all) expect(r.data).toEqual({ top: [1, 2, 3] });
    expect(stats.n('coalesced')).toBe(99);
    // every joined read is a lookup too: 100 misses, 99 of them shared the one query
    expect(stats.n('miss')).toBe(100);
  });

  it('lookups whose source fails are counted failed (also joined ones); a stale rescue is failed + staleServed', async () => {
    let now = 1_700_000_000_000;
    const stats = statsSink();
    const engine = newEngine({ redis: await newClient(), stats, clock: () => now, ttl: ttlOf(1, 1, 10) });
    const spec: CacheKeySpec = { resource: 'sessions', connId: conn() };
    const down = async () => {
      await sleep(20);
      throw new TmsError('ORACLE_UNREACHABLE', 'unreachable');
    };
    const results = await Promise.allSettled(Array.from({ length: 3 }, () => engine.getOrFetch(spec, down)));
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    expect([stats.n('miss'), stats.n('failed'), stats.n('fetch')]).toEqual([3, 3, 0]);
    // a value, then the source fails past its TTL: answered stale (from L1), the failure counted
    await engine.getOrFetch(spec, async () => ({ v: 1 }));
    now += 1500;
    await admin.unlink(buildKey(spec));
    const rescued = await engine.getOrFetch(spec, down);
    expect(rescued.cache.origin).toBe('stale');
    expect([stats.n('failed'), stats.n('staleServed')]).toEqual([4, 1]);
  });

  it('across processes: 3 engines on separate connections, one cold key, slow fetch → one fetch', async () => {
    const spec: CacheKeySpec = { resource: 'sql', connId: conn(), params: ['9babjv8yq8ru3'] };
    let calls = 0;
    const fetch = async () => {
      calls++;
      await sleep(150);
      return { plan: 'FULL SCAN' };
    };
    const stats = statsSink();
    const group = await Promise.all(
      [0, 1, 2, 3].map(async () =>
        newEngine({ redis: await newClient(), stats, lock: { ttlMs: 2000, waitMs: 2000, pollMs: 10 } }),
      ),
    );
    const results = await Promise.all(
      group.flatMap((e) => [e.getOrFetch(spec, fetch), e.getOrFetch(spec, fetch), e.getOrFetch(spec, fetch)]),
    );
    expect(calls).toBe(1);
    for (const r of results) expect(r.data).toEqual({ plan: 'FULL SCAN' });
    const origins = results.map((r) => r.cache.origin).sort();
    expect(origins.filter((o) => o === 'oracle')).toHaveLength(3); // the holder's 3 in-process callers
    expect(origins.filter((o) => o === 'l2')).toHaveLength(9);
    expect(stats.n('coalesced')).toBeGreaterThanOrEqual(3 + 4 * 2);
    expect(new Set(results.map((r) => r.cache.storedAt)).size).toBe(1);
  });

  it.skipIf(!hasJiti)(
    'across OS processes: 2 child processes + this one on one cold key → one fetch',
    async () => {
      const connId = conn();
      const script = join(import.meta.dirname, 'testing', 'child-engine.cjs');
      const children = [0, 1].map(() => {
        const child = spawn(process.execPath, [script, server.url, connId, '300'], {
          stdio: ['pipe', 'pipe', 'inherit'],
        });
        const lines: Record<string, unknown>[] = [];
        const waiters: (() => void)[] = [];
        let buf = '';
        child.stdout.setEncoding('utf8');
        child.stdout.on('data', (chunk: string) => {
          buf += chunk;
          for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
            lines.push(JSON.parse(buf.slice(0, i)));
            buf = buf.slice(i + 1);
            for (const w of waiters.splice(0)) w();
          }
        });
        const next = async (n: number) => {
          while (lines.length < n) await new Promise<void>((r) => waiters.push(r));
          return lines[n - 1]!;
        };
        return { child, next };
      });
      try {
        for (const c of children) expect(await c.next(1)).toEqual({ ready: true });
        let parentFetches = 0;
        const engine = newEngine({
          redis: await newClient(),
          lock: { ttlMs: 5000, waitMs: 5000, pollMs: 10 },
        });
        for (const c of children) c.child.stdin.write('go\n');
        const mine = await engine.getOrFetch({ resource: 'sessions', connId }, async () => {
          parentFetches++;
          await sleep(300);
          return { by: 'parent' };
        });
        const theirs = await Promise.all(children.map((c) => c.next(2)));
        const fetches = parentFetches + theirs.reduce((n, t) => n + (t.fetches as number), 0);
        expect(fetches).toBe(1);
        for (const t of theirs) expect(t.data).toEqual(mine.data);
        expect([mine.cache.origin, ...theirs.map((t) => t.origin)].sort()).toEqual(['l2', 'l2', 'oracle']);
      } finally {
        for (const c of children) c.child.kill();
      }
    },
    30_000,
  );

  it('a dead lock holder: the lock expires and another process fetches', async () => {
    const spec: CacheKeySpec = { resource: 'schemas', connId: conn() };
    const key = buildKey(spec);
    await admin.set(`tms:lock:${key.slice(4)}`, 'foreign-console:dead', 'PX', 300);
    const engine = newEngine({ redis: await newClient(), lock: { ttlMs: 2000, waitMs: 3000, pollMs: 10 } });
    const src = counter(() => ['HR', 'SCOTT']);
    const t0 = Date.now();
    const r = await engine.getOrFetch(spec, src.fetch);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(250); // it did wait for the foreign lock
    expect(r.cache.origin).toBe('oracle');
    expect(src.calls).toBe(1);
    expect(await admin.exists(`tms:lock:${key.slice(4)}`)).toBe(0);
  });

  it('a slow holder renews its lock: waiters keep waiting instead of fetching too', async () => {
    const spec: CacheKeySpec = { resource: 'top-sql', connId: conn(), params: [500] };
    const lock = { ttlMs: 150, waitMs: 3000, pollMs: 10 };
    const a = newEngine({ redis: await newClient(), lock });
    const b = newEngine({ redis: await newClient(), lock });
    let calls = 0;
    const slow = async () => {
      calls++;
      await sleep(600); // four lock lifetimes
      return 'slow answer';
    };
    const pa = a.getOrFetch(spec, slow);
    const lockKey = `tms:lock:${buildKey(spec).slice(4)}`;
    while ((await admin.exists(lockKey)) === 0) await sleep(2);
    const rb = await b.getOrFetch(spec, slow);
    expect(calls).toBe(1);
    expect(rb).toMatchObject({ data: 'slow answer', cache: { origin: 'l2' } });
    expect((await pa).cache.origin).toBe('oracle');
  });

  it('the wait is bounded: a stuck holder does not block the read, and its lock is not ours to delete', async () => {
    const spec: CacheKeySpec = { resource: 'tables', connId: conn(), params: ['HR'] };
    const lockKey = `tms:lock:${buildKey(spec).slice(4)}`;
    await admin.set(lockKey, 'foreign-console:stuck', 'PX', 10_000);
    const engine = newEngine({ redis: await newClient(), lock: { ttlMs: 2000, waitMs: 150, pollMs: 10 } });
    const r = await engine.getOrFetch(spec, async () => ['EMPLOYEES']);
    expect(r.cache.origin).toBe('oracle');
    expect(await admin.get(lockKey)).toBe('foreign-console:stuck'); // compare-and-delete left it alone
    expect(JSON.parse((await admin.get(buildKey(spec)))!).v).toEqual(['EMPLOYEES']);
    await admin.del(lockKey);
  });

  it('when the holder’s fetch fails, a waiter takes over', async () => {
    const spec: CacheKeySpec = { resource: 'trend', connId: conn(), params: ['1h'] };
    const a = newEngine({ redis: await newClient() });
    const b = newEngine({ redis: await newClient() });
    const boom = new Error('ORA-00600');
    const failing = async () => {
      await sleep(80);
      throw boom;
    };
    let bCalls = 0;
    const ok = async () => {
      bCalls++;
      return 'trend';
    };
    const pa = a.getOrFetch(spec, failing);
    const lockKey = `tms:lock:${buildKey(spec).slice(4)}`;
    while ((await admin.exists(lockKey)) === 0) await sleep(2); // a holds the lock
    const pb = b.getOrFetch(spec, ok);
    await expect(pa).rejects.toBe(boom);
    expect((await pb).data).toBe('trend');
    expect(bCalls).toBe(1);
  });
});

describe('bypass and invalidation', () => {
  it('bypass invalidates L1, L2 and the other consoles, then reads through once', async () => {
    const notices: InvalidationNotice[] = [];
    const engine = newEngine({ redis: await newClient(), publishInvalidation: (m) => void notices.push(m) });
    const spec: CacheKeySpec = { resource: 'sessions', connId: conn() };
    const src = counter((n) => n, 20);
    await engine.getOrFetch(spec, src.fetch);
    const refreshed = await Promise.all(
      Array.from({ length: 10 }, () => engine.getOrFetch(spec, src.fetch, { bypass: true })),
    );
    expect(src.calls).toBe(2);
    for (const r of refreshed) expect(r).toMatchObject({ data: 2, cache: { origin: 'oracle' } });
    expect(notices).toContainEqual({ keys: [buildKey(spec)] });
    expect(JSON.parse((await admin.get(buildKey(spec)))!).v).toBe(2);
  });

  it('a manual refresh whose source fails falls back to the old value, flagged stale', async () => {
    const engine = newEngine({ redis: await newClient() });
    const spec: CacheKeySpec = { resource: 'dashboard', connId: conn() };
    const first = await engine.getOrFetch(spec, async () => ({ load: 1 }));
    const down = new TmsError('ORACLE_UNREACHABLE', 'ORA-12541: no listener', { retryable: true });
    const r = await engine.getOrFetch(
      spec,
      async () => {
        throw down;
      },
      { bypass: true },
    );
    expect(r).toMatchObject({
      data: { load: 1 },
      cache: { origin: 'stale', stale: true, storedAt: first.cache.storedAt },
    });
    // nothing left to fall back on: the error itself
    await expect(
      engine.getOrFetch(
        { resource: 'dashboard', connId: conn() },
        async () => {
          throw down;
        },
        { bypass: true },
      ),
    ).rejects.toBe(down);
  });

  it('invalidate(spec) drops L1 + L2 and publishes', async () => {
    const notices: InvalidationNotice[] = [];
    const engine = newEngine({ redis: await newClient(), publishInvalidation: (m) => void notices.push(m) });
    const spec: CacheKeySpec = { resource: 'columns', connId: conn(), params: ['HR', 'EMP'] };
    const src = counter((n) => n);
    await engine.getOrFetch(spec, src.fetch);
    expect(await engine.invalidate(spec)).toBe(1);
    expect(await admin.exists(buildKey(spec))).toBe(0);
    expect(notices).toEqual([{ keys: [buildKey(spec)] }]);
    expect((await engine.getOrFetch(spec, src.fetch)).cache.origin).toBe('oracle');
  });

  it('a fetch in flight when its key is invalidated does not fill the caches', async () => {
    const engine = newEngine({ redis: await newClient() });
    const spec: CacheKeySpec = { resource: 'locks', connId: conn() };
    const pending = engine.getOrFetch(spec, async () => {
      await sleep(50);
      return 'before-kill';
    });
    await sleep(10);
    engine.dropLocal(buildKey(spec)); // e.g. a bus message from the console that killed a session
    expect((await pending).data).toBe('before-kill');
    expect(await admin.exists(buildKey(spec))).toBe(0);
    const next = await engine.getOrFetch(spec, async () => 'after-kill');
    expect(next).toMatchObject({ data: 'after-kill', cache: { origin: 'oracle' } });
  });

  it('connection and resource invalidation never reach other connections (prefix safety)', async () => {
    const notices: InvalidationNotice[] = [];
    const redis = await newClient();
    const engine = newEngine({ redis, publishInvalidation: (m) => void notices.push(m) });
    const ids = ['demo', 'demo2', 'a', 'a:*', 'x]', '운영'];
    const suffix = conn();
    const specsOf = (id: string): CacheKeySpec[] => [
      { resource: 'sessions', connId: id + suffix },
      { resource: 'top-sql', connId: id + suffix, params: [10] },
      { resource: 'sql', connId: id + suffix, params: ['abc'] },
      { resource: 'sql-text', connId: id + suffix, params: ['abc'] },
    ];
    // hostile ids are used as they are (no suffix) too
    const allIds = [...ids.map((i) => i + suffix), 'a:*', 'a', '*'];
    const specs = allIds.flatMap((id) => specsOf(id).map((s) => ({ ...s, connId: id })));
    for (const s of specs) await engine.getOrFetch(s, async () => s.connId);
    const exists = async (s: CacheKeySpec) => (await admin.exists(buildKey(s))) === 1;

    expect(await engine.invalidateConnection('a:*')).toBe(4);
    for (const s of specs) expect(await exists(s)).toBe(s.connId !== 'a:*');
    expect(await engine.invalidateConnection(`demo${suffix}`)).toBe(4);
    for (const s of specs) expect(await exists(s)).toBe(s.connId !== 'a:*' && s.connId !== `demo${suffix}`);
    // L1 follows: demo2's entry is still an L1 hit, demo's is gone
    expect(
      (await engine.getOrFetch({ resource: 'sessions', connId: `demo2${suffix}` }, async () => '?')).cache
        .origin,
    ).toBe('l1');
    expect(
      (await engine.getOrFetch({ resource: 'sessions', connId: `demo${suffix}` }, async () => '?')).cache
        .origin,
    ).toBe('oracle');

    // resources: top-sql + sessions of 'a' only; `sql:` never catches `sql-text:`
    expect(await engine.invalidateResources('a', ['top-sql', 'sessions'])).toBe(2);
    expect(await exists({ resource: 'sql', connId: 'a', params: ['abc'] })).toBe(true);
    expect(await exists({ resource: 'top-sql', connId: '*', params: [10] })).toBe(true);
    expect(await engine.invalidateResources('a', ['sql'])).toBe(1);
    expect(await exists({ resource: 'sql-text', connId: 'a', params: ['abc'] })).toBe(true);
    expect(notices).toContainEqual({ keys: ['tms:a:sessions'], prefixes: ['tms:a:top-sql:'] });
    expect(notices).toContainEqual({ prefixes: ['tms:a%3A%2A:'] });
  });

  it('delegates namespace deletion to an injected invalidator', async () => {
    const calls: string[] = [];
    const engine = newEngine({
      redis: await newClient(),
      namespaceInvalidator: {
        invalidatePrefix: async (p) => {
          calls.push(`prefix ${p}`);
          return 7;
        },
        invalidatePattern: async (p) => {
          calls.push(`pattern ${p}`);
          return 0;
        },
      },
    });
    // the connection's cached values, then its records by name (a connection's clear keeps them)
    expect(await engine.invalidateConnection('x')).toBe(21);
    expect(calls).toEqual(['prefix tms:x:', 'prefix tms:x:activity:', 'prefix tms:x:alerts:']);
  });
});

describe('local control for the bus', () => {
  it('dropLocal / dropLocalPrefix / clearLocal', async () => {
    const engine = newEngine({ redis: null });
    const id = conn();
    const s1: CacheKeySpec = { resource: 'sessions', connId: id };
    const s2: CacheKeySpec = { resource: 'sessions', connId: `${id}2` };
    const s3: CacheKeySpec = { resource: 'llm-sql', params: ['h1'] };
    for (const s of [s1, s2, s3]) await engine.getOrFetch(s, async () => 1);
    engine.dropLocalPrefix(`tms:${id}:`);
    expect((await engine.getOrFetch(s1, async () => 2)).cache.origin).toBe('oracle');
    expect((await engine.getOrFetch(s2, async () => 2)).cache.origin).toBe('l1');
    engine.dropLocal(buildKey(s3));
    expect((await engine.getOrFetch(s3, async () => 2)).cache.origin).toBe('oracle');
    engine.clearLocal();
    expect(engine.stateOf().l1.entries).toBe(0);
  });
});

describe('Redis faults never fail a read', () => {
  it('corrupt and foreign values are a miss, counted and replaced', async () => {
    const stats = statsSink();
    const engine = newEngine({ redis: await newClient(), stats });
    const id = conn();
    const bad = [
      'not json',
      '{"foo":1}',
      '{"$tms":2,"at":1,"ttl":30,"grace":30,"v":1}',
      '[1,2]',
      '{"$tms":1,"at":1}',
    ];
    for (const [i, raw] of bad.entries()) {
      const spec: CacheKeySpec = { resource: 'tables', connId: id, params: [`T${i}`] };
      await admin.set(buildKey(spec), raw);
      const r = await engine.getOrFetch(spec, async () => `good${i}`);
      expect(r).toMatchObject({ data: `good${i}`, cache: { origin: 'oracle' } });
      expect(JSON.parse((await admin.get(buildKey(spec)))!).v).toBe(`good${i}`);
    }
    expect(stats.n('corrupt')).toBe(bad.length);
    // a key of another type: WRONGTYPE is a reply error (counted), the write replaces it
    const spec: CacheKeySpec = { resource: 'tables', connId: id, params: ['HASH'] };
    await admin.hset(buildKey(spec), 'f', 'v');
    const r = await engine.getOrFetch(spec, async () => 'fixed');
    expect(r.data).toBe('fixed');
    expect(stats.n('error')).toBeGreaterThanOrEqual(1);
    expect(engine.stateOf().l2).toBe('closed');
    expect(await admin.type(buildKey(spec))).toBe('string');
  });

  it('maxmemory + noeviction: writes fail (counted), reads are still served', async () => {
    const small = await startRedisServer({
      args: ['--maxmemory', '1mb', '--maxmemory-policy', 'noeviction'],
    });
    let filler: Redis | undefined;
    try {
      filler = new Redis({ host: '127.0.0.1', port: small.port });
      // fill until Redis refuses writes
      let fillers = 0;
      for (; fillers < 100; fillers++) {
        try {
          await filler.set(`tms:filler:${fillers}`, 'x'.repeat(64 * 1024));
        } catch {
          break;
        }
      }
      expect(fillers).toBeLessThan(100);
      const stats = statsSink();
      let now = 1_700_000_000_000;
      const engine = newEngine({ redis: await newClient(small.url), stats, clock: () => now });
      const spec: CacheKeySpec = { resource: 'dashboard', connId: conn() };
      const src = counter((n) => ({ n }));
      const r1 = await engine.getOrFetch(spec, src.fetch);
      expect(r1).toMatchObject({ data: { n: 1 }, cache: { origin: 'oracle' } });
      expect(stats.n('error')).toBeGreaterThanOrEqual(1);
      expect(await filler.exists(buildKey(spec))).toBe(0);
      expect(engine.stateOf().l2).toBe('closed'); // OOM is not an outage: reads keep using L2
      now += 6000;
      const r2 = await engine.getOrFetch(spec, src.fetch);
      expect(r2).toMatchObject({ data: { n: 2 }, cache: { origin: 'oracle' } });
      await filler.config('SET', 'maxmemory', '0'); // memory back
      now += 6000;
      await engine.getOrFetch(spec, src.fetch);
      expect(await filler.exists(buildKey(spec))).toBe(1); // memory back: L2 written again
    } finally {
      filler?.disconnect();
      await small.stop();
    }
  });

  it('Redis killed mid-run: no failed read, breaker opens, then closes and L2 is used again', async () => {
    const killable = await startRedisServer();
    let redis: Redis | undefined;
    try {
      let now = 1_700_000_000_000;
      const stats = statsSink();
      const changes: string[] = [];
      redis = await newClient(killable.url, { commandTimeoutMs: 200 });
      const engine = newEngine({ redis, stats, clock: () => now, breaker: { breakMs: 500 } });
      engine.onStateChange((c) => changes.push(c.state));
      const spec: CacheKeySpec = { resource: 'sessions', connId: conn() };
      const src = counter((n) => ({ n }));
      expect((await engine.getOrFetch(spec, src.fetch)).cache.origin).toBe('oracle');

      await killable.kill();
      for (let i = 0; i < 100 && engine.stateOf().l2 !== 'open'; i++) await sleep(10);
      expect(engine.stateOf().l2).toBe('open'); // the lost connection opened it, no read needed
      now += 6000; // past L1's 5 s, still inside the 30 s TTL
      const during = await engine.getOrFetch(spec, src.fetch);
      // without L2 this console's copy is the only cache: it serves for the whole TTL, Oracle is not asked
      expect(during).toMatchObject({ data: { n: 1 }, cache: { origin: 'l1' } });
      expect(src.calls).toBe(1);
      expect(engine.stateOf().l2).toBe('open');
      const errorsWhenOpened = stats.n('error');
      now += 25_000; // past the TTL, inside grace: stale at once, one refresh in the background
      expect((await engine.getOrFetch(spec, src.fetch)).cache.origin).toBe('stale');
      await engine.idle();
      expect(src.calls).toBe(2);
      now += 1000;
      expect(await engine.getOrFetch(spec, src.fetch)).toMatchObject({
        data: { n: 2 },
        cache: { origin: 'l1' },
      });
      now += 100_000; // past grace: straight to the source
      expect((await engine.getOrFetch(spec, src.fetch)).cache.origin).toBe('oracle');
      expect(src.calls).toBe(3);
      expect(stats.n('error')).toBe(errorsWhenOpened); // while open, Redis is not touched
      // ... and every lookup made meanwhile is counted as made without Redis (the panel's Redis errors)
      expect(stats.n('l2Unavailable')).toBeGreaterThanOrEqual(3);

      await killable.start();
      expect(await waitUntilReady(redis, 5000)).toBe(true);
      expect(engine.stateOf().l2).toBe('closed'); // the reconnect (ready check passed) closed the breaker
      now += 6000;
      const probe = await engine.getOrFetch(spec, src.fetch);
      expect(probe.cache.origin).toBe('oracle'); // the restarted server is empty
      expect(engine.stateOf().l2).toBe('closed');
      const check = new Redis({ host: '127.0.0.1', port: killable.port });
      expect(JSON.parse((await check.get(buildKey(spec)))!).v).toEqual(probe.data);
      check.disconnect();
      now += 6000;
      expect((await engine.getOrFetch(spec, src.fetch)).cache.origin).toBe('l2');
      expect(changes[0]).toBe('open');
      expect(changes.at(-1)).toBe('closed');
    } finally {
      redis?.disconnect();
      await killable.stop();
    }
  });

  it('a hung Redis: one read pays the command timeout, the breaker opens, a probe closes it later', async () => {
    const hung = await startRedisServer({ args: ['--enable-debug-command', 'yes'] });
    let redis: Redis | undefined;
    const blocker = new Redis({ host: '127.0.0.1', port: hung.port });
    try {
      let now = 1_700_000_000_000;
      const stats = statsSink();
      redis = await newClient(hung.url, { commandTimeoutMs: 100 });
      const engine = newEngine({ redis, stats, clock: () => now, breaker: { breakMs: 300 } });
      const spec: CacheKeySpec = { resource: 'sessions', connId: conn() };
      const src = counter((n) => ({ n }));
      await engine.getOrFetch(spec, src.fetch);
      const sleeping = blocker.call('DEBUG', 'SLEEP', '0.5');
      await sleep(20);
      now += 6000;
      const during = await engine.getOrFetch(spec, src.fetch);
      // the read paid the timeout, then answered from this console's copy (still inside its TTL)
      expect(during).toMatchObject({ data: { n: 1 }, cache: { origin: 'l1' } });
      expect(engine.stateOf().l2).toBe('open');
      const errors = stats.n('error');
      now += 6000;
      expect((await engine.getOrFetch(spec, src.fetch)).cache.origin).toBe('l1');
      expect(src.calls).toBe(1);
      expect(stats.n('error')).toBe(errors); // no second wait on the timeout
      const other: CacheKeySpec = { resource: 'locks', connId: spec.connId };
      expect(await engine.invalidate(other)).toBe(0); // remembered, replayed when the breaker closes
      expect(engine.pendingInvalidations).toBe(1);
      await sleeping;
      await sleep(320); // breakMs
      now += 6000;
      const back = await engine.getOrFetch(spec, src.fetch);
      expect(back).toMatchObject({ data: { n: 1 }, cache: { origin: 'l2' } }); // the probe read L2 again
      expect(engine.stateOf().l2).toBe('closed');
      for (let i = 0; i < 100 && engine.pendingInvalidations > 0; i++) await sleep(5);
      expect(engine.pendingInvalidations).toBe(0);
    } finally {
      blocker.disconnect();
      redis?.disconnect();
      await hung.stop();
    }
  });

  it('invalidations made while L2 is unreachable or off are replayed when it is back', async () => {
    const engine = newEngine({ redis: await newClient() });
    const id = conn();
    const a: CacheKeySpec = { resource: 'sessions', connId: id };
    const b: CacheKeySpec = { resource: 'top-sql', connId: id, params: [10] };
    const other: CacheKeySpec = { resource: 'sessions', connId: `${id}x` };
    for (const s of [a, b, other]) await engine.getOrFetch(s, async () => 'v');
    engine.setL2Enabled(false);
    expect(await engine.invalidate(a)).toBe(0);
    expect(await engine.invalidateResources(id, ['top-sql'])).toBe(0);
    expect(engine.pendingInvalidations).toBe(2);
    expect(await admin.exists(buildKey(a), buildKey(b))).toBe(2); // still there while L2 is off
    engine.setL2Enabled(true);
    for (let i = 0; i < 100 && engine.pendingInvalidations > 0; i++) await sleep(5);
    await sleep(20);
    expect(await admin.exists(buildKey(a), buildKey(b))).toBe(0);
    expect(await admin.exists(buildKey(other))).toBe(1);
    expect(engine.pendingInvalidations).toBe(0);
  });

  it('the runtime switch: disabled → L1 → source only; enabled → L2 again', async () => {
    let now = 1_700_000_000_000;
    const engine = newEngine({ redis: await newClient(), clock: () => now, l2Enabled: false });
    const spec: CacheKeySpec = { resource: 'realtime', connId: conn() };
    expect(engine.stateOf().l2).toBe('disabled');
    await engine.getOrFetch(spec, async () => 1);
    expect(await admin.exists(buildKey(spec))).toBe(0);
    engine.setL2Enabled(true);
    now += 6000;
    await engine.getOrFetch(spec, async () => 2);
    expect(await admin.exists(buildKey(spec))).toBe(1);
    expect(engine.stateOf().l2).toBe('closed');
  });
});

describe('cluster', () => {
  it('reads, writes and invalidates a connection across masters', async () => {
    const cluster = await startRedisCluster(3);
    const client = createRedisClient({
      enabled: true,
      url: 'redis://unused',
      startupNodes: cluster.startupNodes,
    });
    try {
      await waitUntilReady(client, 10_000);
      const engine = newEngine({ redis: client });
      const id = conn();
      const specs: CacheKeySpec[] = Array.from({ length: 30 }, (_, i) => ({
        resource: 'tables',
        connId: id,
        params: [`S${i}`],
      }));
      const keep: CacheKeySpec = { resource: 'sessions', connId: `${id}2` };
      for (const s of [...specs, keep]) await engine.getOrFetch(s, async () => 1);
      expect(await engine.invalidateConnection(id)).toBe(30);
      expect(await client.exists(buildKey(keep))).toBe(1);
      expect(await client.exists(buildKey(specs[0]!))).toBe(0);
    } finally {
      client.disconnect();
      await cluster.stop();
    }
  }, 40_000);
});
