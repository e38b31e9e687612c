/** The alert store and the shared thresholds on a real redis-server child. */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisServerHandle, startRedisServer } from '../redis/testing/redis-server';
import { ALERT_HISTORY_MAX, ALERTS_KEY_TTL_MS, alertKeys } from './keys';
import { step } from './rules';
import { RedisAlertStore } from './store';
import { ALERT_THRESHOLDS_KEY, AlertThresholdsStore } from './thresholds';

let server: RedisServerHandle;
let redis: Redis;
beforeAll(async () => {
  server = await startRedisServer();
  redis = new Redis(server.url, { maxRetriesPerRequest: 1 });
});
afterAll(async () => {
  redis?.disconnect();
  await server?.stop();
});

const T0 = Date.UTC(2026, 11, 2, 4, 0, 0);
const th = () => new AlertThresholdsStore({ redis }).current();
const ts = (pct: number) => ({
  observations: [{ rule: 'tablespace' as const, subject: 'USERS', value: pct, threshold: 90, detail: null }],
  judged: new Set(['tablespace' as const]),
});

describe('RedisAlertStore', () => {
  it('keeps open alerts and pending timers under tms:{connId}:alerts:…, history on clear, with a TTL', async () => {
    const keys = alertKeys('demo-store');
    expect(keys.open).toBe('tms:demo-store:alerts:{demo-store}:open');
    expect(keys.lease).toBe('tms:lock:alerts:{demo-store}:lease');
    const store = new RedisAlertStore(redis, keys);
    expect(await store.rev()).toBe(0);
    const r1 = step('demo-store', await store.state(), ts(95), th(), T0);
    await store.write(r1, { consoleId: 'c1', at: T0 });
    expect(await store.rev()).toBe(1);
    const snap = await store.snapshot();
    expect(snap.open).toHaveLength(1);
    expect(snap.open[0]).toMatchObject({ subject: 'USERS', startedAt: T0, value: 95, threshold: 90 });
    expect(snap.evaluator).toEqual({ consoleId: 'c1', at: T0 });
    const ttl = await redis.pttl(keys.open);
    expect(ttl).toBeGreaterThan(ALERTS_KEY_TTL_MS - 60_000);

    // an unchanged round bumps nothing; a clear moves the alert to history
    const r2 = step('demo-store', await store.state(), ts(95), th(), T0 + 10_000);
    await store.write(r2, { consoleId: 'c1', at: T0 + 10_000 });
    expect(await store.rev()).toBe(1);
    const r3 = step('demo-store', await store.state(), ts(50), th(), T0 + 20_000);
    await store.write(r3, { consoleId: 'c1', at: T0 + 20_000 });
    const after = await store.snapshot();
    expect(after.open).toHaveLength(0);
    expect(after.history[0]).toMatchObject({ state: 'cleared', clearedAt: T0 + 20_000, startedAt: T0 });
  });

  it('an acknowledgement is kept apart (the evaluator never overwrites it), first one wins, and follows to history', async () => {
    const keys = alertKeys('demo-ack');
    const store = new RedisAlertStore(redis, keys);
    await store.write(step('demo-ack', await store.state(), ts(99), th(), T0), { consoleId: 'c1', at: T0 });
    const id = (await store.snapshot()).open[0]!.id;
    const acked = await store.ack(id, { by: 'kim', at: T0 + 1000 });
    expect(acked?.ack).toEqual({ by: 'kim', at: T0 + 1000 });
    expect((await store.ack(id, { by: 'lee', at: T0 + 2000 }))?.ack?.by).toBe('kim');
    expect(await store.ack('tablespace|USERS|1', { by: 'lee', at: T0 })).toBeNull();
    // the evaluator updates the value: the ack stays
    await store.write(step('demo-ack', await store.state(), ts(97), th(), T0 + 10_000), {
      consoleId: 'c1',
      at: T0 + 10_000,
    });
    expect((await store.snapshot()).open[0]).toMatchObject({ value: 97, ack: { by: 'kim' } });
    await store.write(step('demo-ack', await store.state(), ts(10), th(), T0 + 20_000), {
      consoleId: 'c1',
      at: T0 + 20_000,
    });
    expect((await store.snapshot()).history[0]).toMatchObject({ id, ack: { by: 'kim', at: T0 + 1000 } });
  });

  it('values that do not validate are skipped when read; history is capped', async () => {
    const keys = alertKeys('demo-bad');
    const store = new RedisAlertStore(redis, keys);
    await redis.hset(keys.open, 'tablespace|X', '{"id":"nope"}', 'tablespace|Y', 'not json');
    await redis.hset(keys.pending, 'tablespace|Z', 'soon');
    const state = await store.state();
    expect(state.open.size).toBe(0);
    expect(state.pending.size).toBe(0);
    expect((await store.snapshot()).open).toEqual([]);
    let s = await store.state();
    for (let i = 0; i < 2 * ALERT_HISTORY_MAX + 10; i++) {
      const r = step('demo-bad', s, ts(i % 2 === 0 ? 99 : 10), th(), T0 + i * 1000);
      await store.write(r, { consoleId: 'c1', at: T0 + i * 1000 });
      s = r;
    }
    expect(await redis.llen(keys.history)).toBe(ALERT_HISTORY_MAX);
  });
});

describe('AlertThresholdsStore', () => {
  it('overrides are shared through tms:config:alerts and validated on write and on read', async () => {
    await redis.del(ALERT_THRESHOLDS_KEY);
    const changes: number[] = [];
    const a = new AlertThresholdsStore({ redis });
    const b = new AlertThresholdsStore({ redis, onChanged: (t) => changes.push(t.tablespace.threshold) });
    await b.load();
    expect(b.current().tablespace.threshold).toBe(90);
    const saved = await a.set({
      tablespace: { threshold: 80 },
      blockedSessions: { threshold: 30, forSec: 5 },
    });
    expect(saved.tablespace).toEqual({ enabled: true, threshold: 80, forSec: 0, hysteresis: 2 });
    await b.load();
    expect(b.current().tablespace.threshold).toBe(80);
    expect(b.current().blockedSessions).toMatchObject({ threshold: 30, forSec: 5 });
    expect(changes).toEqual([80]);
    // out of range: refused, nothing written
    await expect(a.set({ tablespace: { threshold: 150 } })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(a.set({ aasOverCpu: { forSec: -1 } })).rejects.toMatchObject({ code: 'VALIDATION' });
    // hand-written garbage is ignored on read (the default stands)
    await redis.hset(
      ALERT_THRESHOLDS_KEY,
      'recoveryArea',
      '{"enabled":true,"threshold":500,"forSec":0,"hysteresis":1}',
    );
    await redis.hset(ALERT_THRESHOLDS_KEY, 'noSuchRule', '{}');
    await b.load();
    expect(b.current().recoveryArea.threshold).toBe(85);
    expect((await a.reset('tablespace')).tablespace.threshold).toBe(90);
    expect((await a.reset()).blockedSessions.threshold).toBe(60);
    expect(await redis.exists(ALERT_THRESHOLDS_KEY)).toBe(0);
  });

  it('without Redis: the defaults, and saving is refused', async () => {
    const s = new AlertThresholdsStore({ redis: null });
    expect(await s.load()).toBe(false);
    await expect(s.set({ tablespace: { threshold: 80 } })).rejects.toMatchObject({
      code: 'REDIS_UNAVAILABLE',
    });
  });
});
