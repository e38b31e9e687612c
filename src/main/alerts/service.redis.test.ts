/**
 * Two consoles (two AlertsService on two Redis clients) on one real redis-server: only the lease holder
 * reads the inputs and evaluates; both see the same open alert and its start time; an acknowledgement on
 * one is seen by the other; thresholds edited on one are in force on the other; the holder stopping hands
 * evaluation over. Without Redis a console evaluates alone.
 */
import type { AlertsChangedEvent, AlertThresholds } from '@shared/types/alerts';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisServerHandle, startRedisServer } from '../redis/testing/redis-server';
import type { AlertInputs } from './inputs';
import { memoryMutes } from './mutes';
import { AlertsService } from './service';
import { fakeInputs } from './testing/fake-inputs';
import { ALERT_THRESHOLDS_KEY } from './thresholds';

let server: RedisServerHandle;
const clients: Redis[] = [];
beforeAll(async () => {
  server = await startRedisServer();
});
afterAll(async () => {
  for (const c of clients) c.disconnect();
  await server?.stop();
});

function consoleOf(
  consoleId: string,
  inputs: AlertInputs,
  opts: { redis?: boolean; connId?: string; name?: string; leaseMs?: number; now?: () => number } = {},
) {
  const redis = opts.redis === false ? null : new Redis(server.url, { maxRetriesPerRequest: 1 });
  if (redis) clients.push(redis);
  const events: AlertsChangedEvent[] = [];
  const thresholds: AlertThresholds[] = [];
  let reads = 0;
  const counted: AlertInputs = {
    ...inputs,
    blockedSessions: () => {
      reads++;
      return inputs.blockedSessions();
    },
  };
  const connId = opts.connId ?? 'demo';
  const service = new AlertsService({
    consoleId,
    redis,
    redisEnabled: () => true,
    connections: { list: () => [connId], has: (id) => id === connId },
    inputsFor: () => counted,
    emitChanged: (e) => events.push(e),
    emitThresholds: (t) => thresholds.push(t),
    displayName: opts.name ?? consoleId,
    mutes: memoryMutes(),
    leaseMs: opts.leaseMs ?? 5000,
    ...(opts.now ? { now: opts.now } : {}),
  });
  return { service, events, thresholds, reads: () => reads, connId };
}

const blocked = (waitSec: number) =>
  fakeInputs({
    blockedSessions: async () => [{ sid: 42, instId: 1, waitSec, blocker: 'sid 7 @1', username: 'APP' }],
  });

describe('AlertsService: one evaluator for the team', () => {
  it('only the lease holder evaluates; both consoles show the alert with its start time; ack is shared', async () => {
    const inputs = blocked(120);
    const a = consoleOf('console-a', inputs, { connId: 'team1', name: 'kim' });
    const b = consoleOf('console-b', inputs, { connId: 'team1', name: 'lee' });
    for (let i = 0; i < 3; i++) {
      await a.service.tick();
      await b.service.tick();
    }
    expect(a.reads()).toBe(3);
    expect(b.reads()).toBe(0);
    const va = await a.service.list('team1');
    const vb = await b.service.list('team1');
    expect(va.open).toHaveLength(1);
    expect(vb.open).toEqual(va.open);
    expect(vb.open[0]).toMatchObject({
      rule: 'blockedSessions',
      subject: 'sid 7 @1',
      value: 120,
      threshold: 60,
    });
    expect(vb.open[0]!.startedAt).toBeGreaterThan(0);
    expect(va.evaluator).toMatchObject({ consoleId: 'console-a', self: true });
    expect(vb.evaluator).toMatchObject({ consoleId: 'console-a', self: false });
    expect(vb.source).toBe('shared');

    // b acknowledges; a sees who and when at its next tick, with an event
    const acked = await b.service.ack('team1', vb.open[0]!.id);
    expect(acked.ack?.by).toBe('lee');
    a.events.length = 0;
    await a.service.tick();
    expect(a.events.at(-1)?.acked.map((x) => x.ack?.by)).toEqual(['lee']);
    expect((await a.service.list('team1')).open[0]!.ack).toMatchObject({ by: 'lee' });

    // cleared by the evaluator: b is told at its next tick
    inputs.set({ blockedSessions: async () => [] });
    await a.service.tick();
    await b.service.tick();
    expect(b.events.at(-1)).toMatchObject({ openCount: 0 });
    expect(b.events.at(-1)?.cleared[0]).toMatchObject({ subject: 'sid 7 @1', state: 'cleared' });
    expect((await b.service.list('team1')).history[0]!.ack?.by).toBe('lee');
    await a.service.close();
    await b.service.close();
  });

  it('an alert opening is announced (and notified unless muted) on the console that did not evaluate', async () => {
    const inputs = blocked(10);
    const a = consoleOf('console-a2', inputs, { connId: 'team2' });
    const b = consoleOf('console-b2', inputs, { connId: 'team2' });
    await a.service.tick();
    await b.service.tick();
    expect(b.events.at(-1)).toMatchObject({ openCount: 0, opened: [] });
    inputs.set({
      blockedSessions: async () => [{ sid: 42, instId: 1, waitSec: 61, blocker: 'sid 7 @1', username: null }],
    });
    await a.service.tick();
    await b.service.tick();
    const e = b.events.at(-1)!;
    expect(e.openCount).toBe(1);
    expect(e.opened.map((x) => x.subject)).toEqual(['sid 7 @1']);
    expect(e.notify).toHaveLength(1);
    // muted on b: the next one for this subject is announced but not notified there
    b.service.mute('blockedSessions', 'sid 7 @1', true);
    inputs.set({ blockedSessions: async () => [] });
    await a.service.tick();
    await b.service.tick();
    inputs.set({
      blockedSessions: async () => [{ sid: 42, instId: 1, waitSec: 99, blocker: 'sid 7 @1', username: null }],
    });
    await a.service.tick();
    await b.service.tick();
    expect(b.events.at(-1)?.opened).toHaveLength(1);
    expect(b.events.at(-1)?.notify).toHaveLength(0);
    expect((await b.service.list('team2')).muted).toEqual(['blockedSessions|sid 7 @1']);
    await a.service.close();
    await b.service.close();
  });

  it('thresholds edited on one console are in force (and announced) on the other', async () => {
    const inputs = blocked(45);
    const a = consoleOf('console-a3', inputs, { connId: 'team3' });
    const b = consoleOf('console-b3', inputs, { connId: 'team3' });
    await a.service.tick();
    await b.service.tick();
    expect((await a.service.list('team3')).open).toHaveLength(0);
    await b.service.setThresholds({ blockedSessions: { threshold: 30 } });
    await a.service.tick();
    expect(a.thresholds.at(-1)?.blockedSessions.threshold).toBe(30);
    expect((await a.service.list('team3')).open[0]).toMatchObject({ value: 45, threshold: 30 });
    await b.service.resetThresholds();
    await a.service.close();
    await b.service.close();
  });

  it('the holder going away hands evaluation to the other console', async () => {
    const inputs = blocked(120);
    const a = consoleOf('console-a4', inputs, { connId: 'team4', leaseMs: 300 });
    const b = consoleOf('console-b4', inputs, { connId: 'team4', leaseMs: 300 });
    await a.service.tick();
    await b.service.tick();
    expect(b.reads()).toBe(0);
    await a.service.close(); // releases the lease
    await b.service.tick();
    expect(b.reads()).toBe(1);
    expect((await b.service.list('team4')).evaluator).toMatchObject({ consoleId: 'console-b4', self: true });
    // the alert opened by a stays the same alert (one per rule + subject), not a second one
    expect((await b.service.list('team4')).open).toHaveLength(1);
    await b.service.close();
  });

  it('without Redis a console evaluates alone, in memory; thresholds cannot be saved', async () => {
    const c = consoleOf('solo', blocked(300), { redis: false, connId: 'solo' });
    await c.service.tick();
    const v = await c.service.list('solo');
    expect(v.source).toBe('local');
    expect(v.open).toHaveLength(1);
    await expect(c.service.setThresholds({ tablespace: { threshold: 50 } })).rejects.toMatchObject({
      code: 'REDIS_UNAVAILABLE',
    });
    const acked = await c.service.ack('solo', v.open[0]!.id);
    expect(acked.ack?.by).toBe('solo');
    await expect(c.service.ack('solo', 'blockedSessions|x|1')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(c.service.list('other')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await c.service.close();
  });

  it('the thresholds key is global (one per team), not per connection', () => {
    expect(ALERT_THRESHOLDS_KEY).toBe('tms:config:alerts');
  });
});
