/**
 * A value read from L2 is served only when this console can use it (issue 16): the resource's shape (the
 * contract's schemas, given as formats), a plausible age, and this release's format version. Two engines
 * configured as two releases share one real redis-server and do not overwrite each other's values.
 */
import type { ResourceName } from '@shared/cache';
import { resultValidators } from '@shared/contract/results';
import type { SessionsSnapshot } from '@shared/types/oracle';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRedisClient, waitUntilReady } from '../../redis/client';
import { type RedisServerHandle, startRedisServer } from '../../redis/testing/redis-server';
import { buildKey } from '../keys';
import type { CacheKeySpec, CacheStatEvent, ValueFormats } from '../types';
import { CacheEngine, type CacheEngineOptions, decodeEnvelope, encodeEnvelope } from './index';

const YEAR_MS = 365 * 24 * 3600 * 1000;
let server: RedisServerHandle;
let admin: Redis;
const clients: Redis[] = [];
const engines: CacheEngine[] = [];
let seq = 0;

function statsSink() {
  const counts = new Map<CacheStatEvent, number>();
  return {
    n: (e: CacheStatEvent) => counts.get(e) ?? 0,
    record(_r: ResourceName, e: CacheStatEvent) {
      counts.set(e, (counts.get(e) ?? 0) + 1);
    },
  };
}

async function newClient(): Promise<Redis> {
  const c = createRedisClient(
    { enabled: true, url: server.url, maxReconnectDelayMs: 50, commandTimeoutMs: 1000 },
    { onError: () => {} },
  ) as Redis;
  clients.push(c);
  await waitUntilReady(c, 5000);
  return c;
}

/** an injected clock shared by the engines of a test */
function clock(start = Date.now()) {
  const c = { t: start, now: () => c.t, advance: (s: number) => (c.t += s * 1000) };
  return c;
}

async function newEngine(opts: Partial<CacheEngineOptions>): Promise<CacheEngine> {
  const engine = new CacheEngine({
    redis: await newClient(),
    ttl: { ttlFor: () => ({ ttl: 30, l1Ttl: 5, grace: 30 }) },
    consoleId: `console-${++seq}`,
    formats: resultValidators(),
    lock: { ttlMs: 2000, waitMs: 2000, pollMs: 10 },
    ...opts,
  });
  engines.push(engine);
  return engine;
}

const conn = () => `v${Date.now().toString(36)}${++seq}`;

function snapshot(n: number): SessionsSnapshot {
  return {
    sampledAt: 1_764_000_000_000 + n,
    instanceScope: 'instance',
    scope: 'pdb',
    sessions: [],
    hiddenOwnSessions: n,
  };
}

beforeAll(async () => {
  server = await startRedisServer();
  admin = new Redis({ host: '127.0.0.1', port: server.port });
});

afterEach(async () => {
  for (const e of engines.splice(0)) await e.close();
});

afterAll(async () => {
  for (const c of clients) c.disconnect();
  admin?.disconnect();
  await server?.stop();
});

describe('values read from L2 are checked before they are served', () => {
  it('a valid envelope of the right shape and age is served from L2 without a fetch', async () => {
    const t = clock();
    const engine = await newEngine({ clock: t.now });
    const spec: CacheKeySpec = { resource: 'sessions', connId: conn() };
    const version = resultValidators().sessions.version;
    const json = JSON.stringify(snapshot(7));
    await admin.set(buildKey(spec), encodeEnvelope(json, t.t - 1000, 30, 30, 'other', version), 'PX', 60_000);
    let calls = 0;
    const r = await engine.getOrFetch(spec, async () => {
      calls++;
      return snapshot(1);
    });
    expect(calls).toBe(0);
    expect(r.cache.origin).toBe('l2');
    expect(r.data).toEqual(snapshot(7));
  });

  it('an envelope of the right form with a wrong inner shape is corrupt: not served, counted, replaced', async () => {
    const t = clock();
    const stats = statsSink();
    const engine = await newEngine({ clock: t.now, stats });
    const version = resultValidators().sessions.version;
    const wrong = [
      { foo: 1 },
      [],
      { sampledAt: 'yesterday', sessions: [], hiddenOwnSessions: 0 },
      { sampledAt: 1, sessions: [{ sid: 'x' }], hiddenOwnSessions: 0 },
      null,
    ];
    for (const [i, value] of wrong.entries()) {
      const spec: CacheKeySpec = { resource: 'sessions', connId: conn() };
      const stored = encodeEnvelope(JSON.stringify(value), t.t - 1000, 30, 30, 'evil', version);
      await admin.set(buildKey(spec), stored, 'PX', 60_000);
      const r = await engine.getOrFetch(spec, async () => snapshot(i));
      expect(r.cache.origin).toBe('oracle');
      expect(r.data).toEqual(snapshot(i));
      const replaced = decodeEnvelope((await admin.get(buildKey(spec)))!);
      expect(replaced?.v).toEqual(snapshot(i));
      expect(replaced?.f).toBe(version);
    }
    expect(stats.n('corrupt')).toBe(wrong.length);
    expect(stats.n('l2Hit')).toBe(0);
  });

  it('an envelope stored "one year in the future" is not served as fresh: corrupt, replaced', async () => {
    const t = clock();
    const stats = statsSink();
    const engine = await newEngine({ clock: t.now, stats });
    const spec: CacheKeySpec = { resource: 'sessions', connId: conn() };
    const version = resultValidators().sessions.version;
    const future = encodeEnvelope(JSON.stringify(snapshot(99)), t.t + YEAR_MS, 30, 30, 'x', version);
    await admin.set(buildKey(spec), future); // no expiry at all
    const r = await engine.getOrFetch(spec, async () => snapshot(1));
    expect(r).toMatchObject({ data: snapshot(1), cache: { origin: 'oracle', stale: false } });
    expect(stats.n('corrupt')).toBe(1);
    const stored = decodeEnvelope((await admin.get(buildKey(spec)))!);
    expect(stored?.at).toBe(t.t);
    expect(await admin.pttl(buildKey(spec))).toBeGreaterThan(0);
  });

  it('a value older than its ttl + grace (Redis should have expired it) is corrupt', async () => {
    const t = clock();
    const stats = statsSink();
    const engine = await newEngine({ clock: t.now, stats });
    const version = resultValidators().sessions.version;
    const put = async (spec: CacheKeySpec, ageMs: number, ttl: number) =>
      admin.set(
        buildKey(spec),
        encodeEnvelope(JSON.stringify(snapshot(5)), t.t - ageMs, ttl, ttl, 'x', version),
      );
    const old = { resource: 'sessions', connId: conn() } satisfies CacheKeySpec;
    await put(old, 10 * 60_000, 30); // written with 30 + 30 s, policy 30 + 30 s: ten minutes is implausible
    expect((await engine.getOrFetch(old, async () => snapshot(6))).data).toEqual(snapshot(6));
    expect(stats.n('corrupt')).toBe(1);
    // the writer's life is longer than the policy's (a TTL was shortened since): merely expired, not corrupt
    const long = { resource: 'sessions', connId: conn() } satisfies CacheKeySpec;
    await put(long, 10 * 60_000, 3600);
    expect((await engine.getOrFetch(long, async () => snapshot(7))).data).toEqual(snapshot(7));
    expect(stats.n('corrupt')).toBe(1);
  });

  it('the current policy may extend a stored value’s life (TTL raised, applied to existing keys)', async () => {
    const t = clock();
    const stats = statsSink();
    const engine = await newEngine({
      clock: t.now,
      stats,
      ttl: { ttlFor: () => ({ ttl: 3600, l1Ttl: 5, grace: 600 }) },
    });
    const spec: CacheKeySpec = { resource: 'sessions', connId: conn() };
    const version = resultValidators().sessions.version;
    const stored = encodeEnvelope(JSON.stringify(snapshot(8)), t.t - 10 * 60_000, 30, 30, 'x', version);
    await admin.set(buildKey(spec), stored, 'PX', 3_600_000);
    const r = await engine.getOrFetch(spec, async () => snapshot(9));
    expect(r).toMatchObject({ data: snapshot(8), cache: { origin: 'l2' } });
    expect(stats.n('corrupt')).toBe(0);
  });

  it('clock skew: `at` a few seconds ahead is served; beyond the allowance it is corrupt', async () => {
    const t = clock();
    const stats = statsSink();
    const engine = await newEngine({ clock: t.now, stats, maxClockSkewMs: 10_000 });
    const version = resultValidators().sessions.version;
    const ahead = { resource: 'sessions', connId: conn() } satisfies CacheKeySpec;
    const tooFar = { resource: 'sessions', connId: conn() } satisfies CacheKeySpec;
    const put = (spec: CacheKeySpec, at: number, n: number) =>
      admin.set(
        buildKey(spec),
        encodeEnvelope(JSON.stringify(snapshot(n)), at, 30, 30, 'x', version),
        'PX',
        60_000,
      );
    await put(ahead, t.t + 5_000, 1);
    await put(tooFar, t.t + 11_000, 2);
    expect((await engine.getOrFetch(ahead, async () => snapshot(0))).data).toEqual(snapshot(1));
    expect((await engine.getOrFetch(tooFar, async () => snapshot(0))).data).toEqual(snapshot(0));
    expect(stats.n('corrupt')).toBe(1);
  });

  it('a validator that throws counts as corrupt, never fails the read', async () => {
    const engine = await newEngine({
      formats: {
        sessions: {
          version: 1,
          isValid: () => {
            throw new Error('boom');
          },
        },
      },
    });
    const spec: CacheKeySpec = { resource: 'sessions', connId: conn() };
    await admin.set(buildKey(spec), encodeEnvelope('{"a":1}', Date.now(), 30, 30, 'x', 1), 'PX', 60_000);
    expect((await engine.getOrFetch(spec, async () => snapshot(3))).data).toEqual(snapshot(3));
  });
});

describe('two releases share one Redis', () => {
  // release 1 knows `tables` rows as { name }; release 2 changed the shape to { owner, name } (format 2)
  const release1: ValueFormats = {
    tables: { version: 1, isValid: (v) => Array.isArray(v) && v.every((r) => typeof r?.name === 'string') },
  };
  const release2: ValueFormats = {
    tables: {
      version: 2,
      isValid: (v) =>
        Array.isArray(v) && v.every((r) => typeof r?.name === 'string' && typeof r?.owner === 'string'),
    },
  };
  const v1 = (n: number) => [{ name: `T${n}` }];
  const v2 = (n: number) => [{ owner: 'APP', name: `T${n}` }];

  async function pair() {
    const t = clock();
    const stats1 = statsSink();
    const stats2 = statsSink();
    const old = await newEngine({ clock: t.now, formats: release1, stats: stats1, consoleId: 'release-1' });
    const neu = await newEngine({ clock: t.now, formats: release2, stats: stats2, consoleId: 'release-2' });
    const spec: CacheKeySpec = { resource: 'tables', connId: conn(), params: ['APP'] };
    const oracle = { old: 0, neu: 0 };
    const readOld = () => old.getOrFetch(spec, async () => v1(++oracle.old));
    const readNew = () => neu.getOrFetch(spec, async () => v2(++oracle.neu));
    const stored = async () => decodeEnvelope((await admin.get(buildKey(spec)))!);
    return { t, spec, oracle, readOld, readNew, stored, stats1, stats2 };
  }

  it('the older release never serves the newer shape: it refetches and leaves L2 to the newer release', async () => {
    const p = await pair();
    const a = await p.readNew();
    expect(a.data).toEqual(v2(1));
    expect((await p.stored())?.f).toBe(2);
    const b = await p.readOld();
    expect(b.data).toEqual(v1(1)); // its own fetch, its own shape
    expect(b.cache.origin).toBe('oracle');
    expect(await p.stored()).toMatchObject({ f: 2, by: 'release-2', v: v2(1) }); // not overwritten
    expect(p.stats1.n('corrupt')).toBe(0);
    // it keeps its own value for the resource's whole TTL (it cannot pick up refreshes through L2)
    p.t.advance(20);
    expect((await p.readOld()).cache.origin).toBe('l1');
    expect(p.oracle.old).toBe(1);
  });

  it('the newer release replaces an older value; from then on neither overwrites the other', async () => {
    const p = await pair();
    await p.readOld(); // L2 empty: the older release writes format 1
    expect(await p.stored()).toMatchObject({ f: 1, by: 'release-1' });
    const n = await p.readNew(); // a shape it does not know: a miss, refetched and replaced
    expect(n).toMatchObject({ data: v2(1), cache: { origin: 'oracle' } });
    expect(await p.stored()).toMatchObject({ f: 2, by: 'release-2' });

    // six TTL periods of both consoles polling every 5 s: each runs its query about once per TTL, the
    // stored value stays the newer release's (no ping-pong of writes)
    const writers = new Set<string>();
    for (let step = 0; step < 36; step++) {
      p.t.advance(5);
      const [o, w] = await Promise.all([p.readOld(), p.readNew()]);
      expect(o.data[0]).not.toHaveProperty('owner');
      expect(w.data[0]).toHaveProperty('owner', 'APP');
      const s = await p.stored();
      if (s) writers.add(`${s.by}:${s.f}`);
      await Promise.all(engines.map((e) => e.idle()));
    }
    expect([...writers]).toEqual(['release-2:2']);
    expect(p.oracle.neu).toBeLessThanOrEqual(1 + 6 + 1);
    expect(p.oracle.old).toBeLessThanOrEqual(1 + 6 + 1);
  });

  it('an envelope written before formats existed (no `f`) is format 0: replaced, not served', async () => {
    const p = await pair();
    const legacy = `{"$tms":1,"at":${p.t.t},"ttl":30,"grace":30,"by":"old","v":${JSON.stringify(v1(9))}}`;
    await admin.set(buildKey(p.spec), legacy, 'PX', 60_000);
    expect((await p.readOld()).data).toEqual(v1(1));
    expect(await p.stored()).toMatchObject({ f: 1, by: 'release-1' });
  });
});
