/**
 * ActivityService end to end against real redis-server processes: two consoles (two services, two
 * demo databases with the same seed, as two DBAs' consoles on one database) share one sampler; the
 * follower receives every sample pushed; settings are shared; invalidating the connection removes
 * its samples; Redis down → each console samples alone and says so, and when Redis is back nothing
 * is written twice; blocking history and top SQL over a window from the demo's scenarios.
 */
import type { ActivitySamplesEvent, SamplerStatus } from '@shared/types/activity';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CacheEngine } from '../cache/engine';
import { DemoGateway } from '../oracle/demo/demo-gateway';
import { CYCLE_MS, castOf, PHASES } from '../oracle/demo/views/activity-scenarios';
import { type RedisServerHandle, startRedisServer } from '../redis/testing/redis-server';
import { activityKeys } from './keys';
import { ActivityService } from './service';

const LEASE_MS = 900;
/** the demo and both consoles run on a clock shifted into the blocking episode of the demo's cycle */
const SHIFT = (() => {
  const now = Date.now();
  const target = Math.floor(now / CYCLE_MS) * CYCLE_MS + PHASES.blocking[0] + 5_000;
  return target - now;
})();
const clock = () => Date.now() + SHIFT;

interface Console {
  service: ActivityService;
  gateway: DemoGateway;
  pushed: ActivitySamplesEvent[];
  statuses: SamplerStatus[];
  redis: Redis;
  cache: CacheEngine;
}

function makeConsole(url: string, name: string, redisEnabled: () => boolean = () => true): Console {
  const redis = new Redis(url, {
    maxRetriesPerRequest: 0,
    commandTimeout: 500,
    enableOfflineQueue: false,
    retryStrategy: () => 200,
  });
  redis.on('error', () => {}); // the outage test kills the server: errors are expected
  const gateway = new DemoGateway({ latencyScale: 0, sessionCount: 80, now: clock });
  const cache = new CacheEngine({
    redis,
    consoleId: name,
    ttl: { ttlFor: () => ({ ttl: 60, l1Ttl: 5, grace: 30 }) },
    clock,
  });
  const pushed: ActivitySamplesEvent[] = [];
  const statuses: SamplerStatus[] = [];
  const service = new ActivityService({
    consoleId: name,
    redis,
    redisEnabled,
    connections: { has: (id) => id.startsWith('demo'), get: () => ({ diagnosticsPackLicensed: false }) },
    gateways: { get: () => gateway },
    cache,
    emitSamples: (p) => pushed.push(p),
    emitStatus: (s) => statuses.push(s),
    leaseMs: LEASE_MS,
    snapshotEveryMs: 1500,
    now: clock,
  });
  return { service, gateway, pushed, statuses, redis, cache };
}

const until = async (pred: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await pred())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
};

describe('ActivityService with real Redis', () => {
  let server: RedisServerHandle;
  let a: Console;
  let b: Console;
  const conn = 'demo-act';

  beforeAll(async () => {
    server = await startRedisServer();
    a = makeConsole(server.url, 'console-a');
    b = makeConsole(server.url, 'console-b');
    await until(() => a.redis.status === 'ready' && b.redis.status === 'ready');
  });
  afterAll(async () => {
    for (const c of [a, b]) {
      await c.service.close();
      await c.cache.close();
      c.redis.disconnect();
    }
    await server.stop();
  });

  it('one console samples for both; the other gets every sample pushed, each second once', async () => {
    await a.service.watch(conn, 'viewer-a1', true);
    await until(async () => (await a.service.status(conn)).role === 'leader');
    await b.service.watch(conn, 'viewer-b1', true);
    await until(async () => (await b.service.status(conn)).role === 'follower');
    await until(() => b.pushed.filter((p) => p.connId === conn).length >= 4);
    const st = await b.service.status(conn);
    expect(st).toMatchObject({
      role: 'follower',
      redis: 'shared',
      leaderConsoleId: 'console-a',
      watchers: 2,
      source: 'sampler',
    });
    const seenByB = b.pushed.map((p) => p.sample.t);
    expect(new Set(seenByB).size).toBe(seenByB.length);
    const writtenByA = new Set(a.pushed.map((p) => p.sample.t));
    for (const t of seenByB) expect(writtenByA.has(t)).toBe(true);
    // the database answered the sampler once per sample, from one console only
    expect(b.gateway.queryCounts()['activity-sample']).toBe(0);
    const stA = await a.service.status(conn);
    expect(a.gateway.queryCounts()['activity-sample']).toBeGreaterThanOrEqual(stA.samplesRetained);
    expect(stA.rowsRetained).toBe(a.pushed.reduce((n, p) => n + p.sample.rows.length, 0));
    expect(stA.bytesPerRow).not.toBeNull();
  }, 30_000);

  it('shares settings through Redis', async () => {
    await a.service.setSettings(conn, { retentionMinutes: 30, alwaysOn: false });
    await until(async () => (await b.service.status(conn)).settings.retentionMinutes === 30);
    expect((await b.service.settings(conn)).retentionMinutes).toBe(30);
    expect((await b.service.status(conn)).settingsFrom).toBe('redis');
  });

  it('reads AAS by wait class and the blocking episode of the demo, with its tree and objects', async () => {
    await until(() => a.pushed.length >= 8, 20_000);
    const aas = await b.service.aas({
      connId: conn,
      range: { rangeMs: 5 * 60_000 },
      dimension: 'waitClass',
      maxSeries: 12,
      filters: [],
      source: 'auto',
    });
    expect(aas.resolution).toBe('samples');
    expect(aas.bucketSec).toBe(5);
    expect(aas.series.map((s) => s.key)).toContain('Application');
    const filled = aas.samplesPerBucket.reduce((x, y) => x + y, 0);
    expect(filled).toBeGreaterThanOrEqual(8);

    const hist = await b.service.blockingHistory({ connId: conn, range: { rangeMs: 5 * 60_000 }, limit: 50 });
    const blocker = castOf(a.gateway.database.world).blocker!;
    const episode = hist.episodes.find((e) => e.root.sid === blocker.sid);
    expect(episode).toBeDefined();
    expect(episode!.events).toContain('enq: TX - row lock contention');
    const chain = await b.service.blockingChain({ connId: conn, episodeId: episode!.id });
    expect(chain.roots[0]!.session.sid).toBe(blocker.sid);
    expect(chain.roots[0]!.waiters.length).toBe(episode!.maxWaiters);
    expect(chain.objects[0]).toMatchObject({ objectId: episode!.objects[0], type: 'TABLE' });
    expect(chain.objects[0]!.name).not.toBeNull();
  }, 30_000);

  it('top SQL over a window: deltas between shared snapshots, taken once per TTL for the team', async () => {
    await until(async () => (await a.redis.xlen(activityKeys(conn).sqlstats)) >= 1, 10_000);
    const r1 = await b.service.topSqlWindow({ connId: conn, windowMin: 5, orderBy: 'elapsed', limit: 10 });
    expect(r1.origin === 'l2' || r1.origin === 'l1').toBe(true);
    expect(b.gateway.queryCounts()['sqlstats-snapshot']).toBe(0);
    // a second snapshot once the cached one expires would need 60 s: write the next one as the TTL would
    await a.cache.invalidate({ resource: 'sqlstats-snapshot', connId: conn });
    await new Promise((r) => setTimeout(r, 1100));
    const r2 = await b.service.topSqlWindow({ connId: conn, windowMin: 5, orderBy: 'elapsed', limit: 10 });
    expect(r2.snapshots).toBeGreaterThanOrEqual(2);
    expect(r2.complete).toBe(false);
    expect(r2.actualSec).toBeGreaterThan(0);
    expect(r2.rows.length).toBeGreaterThan(0);
    for (const row of r2.rows) expect(row.elapsedMs).toBeGreaterThanOrEqual(0);
  }, 30_000);

  it('invalidating the connection removes its samples; sampling goes on with a new dictionary', async () => {
    const keys = activityKeys(conn);
    await a.cache.invalidateConnection(conn);
    const left = await a.redis.exists(keys.samples, keys.dict, keys.dictRev, keys.rollups);
    expect(left).toBeLessThanOrEqual(1); // the sampler may already have written the next second
    const after = Date.now();
    await until(async () => (await a.redis.xlen(keys.samples)) >= 2);
    const samples = await a.service.samplerOf(conn).store.range(clock() - 60_000, clock() + 1000);
    const fresh = samples.filter((s) => s.t >= after + SHIFT - 1000);
    expect(fresh.length).toBeGreaterThan(0);
    // strings decode right (not ids of the dictionary that was removed)
    for (const s of fresh)
      for (const r of s.rows) expect(r.user === null || /^[A-Z_]+$/.test(r.user)).toBe(true);
    expect(fresh.flatMap((s) => s.rows).some((r) => r.event !== null)).toBe(true);
  }, 30_000);

  it('Redis down: each console samples alone and says so; back up: the election resumes, no second twice', async () => {
    await server.kill();
    await until(async () => (await a.service.status(conn)).redis === 'down');
    await until(async () => (await b.service.status(conn)).role === 'local');
    const stB = await b.service.status(conn);
    expect(stB).toMatchObject({ role: 'local', redis: 'down', source: 'local' });
    const localB = b.pushed.length;
    await until(() => b.pushed.length > localB + 1);
    expect(b.pushed.slice(localB).every((p) => p.source === 'local')).toBe(true);

    await server.start();
    const backAt = clock();
    await until(async () => {
      const [x, y] = [await a.service.status(conn), await b.service.status(conn)];
      return (
        x.redis === 'shared' && y.redis === 'shared' && [x.role, y.role].sort().join() === 'follower,leader'
      );
    }, 20_000);
    const leader = (await a.service.status(conn)).role === 'leader' ? a : b;
    await until(async () => (await leader.redis.xlen(activityKeys(conn).samples)) >= 3);
    const entries = (await leader.redis.xrange(activityKeys(conn).samples, '-', '+')) as [string, string[]][];
    const ids = entries.map(([id]) => id);
    expect(new Set(ids).size).toBe(ids.length);
    // the local samples of the outage stayed local: every entry is from after Redis came back
    for (const id of ids)
      expect(Number(id.split('-')[0])).toBeGreaterThanOrEqual(Math.floor(backAt / 1000) * 1000);
    expect(Number(await leader.redis.get(activityKeys(conn).fence))).toBeGreaterThanOrEqual(1);
  }, 60_000);
});
