import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type RedisServerHandle,
  startRedisCluster,
  startRedisServer,
} from '../../redis/testing/redis-server';
import { type ConfigMessage, InvalidationBus } from './bus';
import { BUS_INVALIDATE_CHANNEL } from './namespace';
import { clientFor, clusterFor, MapLocal, waitFor } from './test-helpers';

describe('InvalidationBus (two consoles on one real Redis)', () => {
  let server: RedisServerHandle;
  let clientA: Redis;
  let clientB: Redis;
  let busA: InvalidationBus;
  let busB: InvalidationBus;
  const localA = new MapLocal();
  const localB = new MapLocal();

  beforeAll(async () => {
    server = await startRedisServer();
    clientA = clientFor(server);
    clientB = clientFor(server);
    busA = new InvalidationBus({ redis: clientA, consoleId: 'A', local: localA });
    busB = new InvalidationBus({ redis: clientB, consoleId: 'B', local: localB });
    await Promise.all([busA.start(), busB.start()]);
  });
  afterAll(async () => {
    await busA.stop();
    await busB.stop();
    clientA.disconnect();
    clientB.disconnect();
    await server.stop();
  });

  const fill = (local: MapLocal) => {
    for (const k of ['tms:demo:sessions', 'tms:demo:top-sql:10', 'tms:demo2:sessions', 'tms:llm:sql:h']) {
      local.map.set(k, 1);
    }
  };

  it('an invalidation on A drops B’s copy, not A’s own (A handles its own L1)', async () => {
    fill(localA);
    fill(localB);
    const remote: unknown[] = [];
    const off = busB.onRemoteInvalidation((m) => remote.push(m));
    expect(await busA.publishInvalidation({ keys: ['tms:demo:sessions'] })).toBe(true);
    await waitFor(() => !localB.map.has('tms:demo:sessions'));
    expect(localA.map.has('tms:demo:sessions')).toBe(true);
    expect(remote).toHaveLength(1);
    off();

    await busA.publishInvalidation({ prefixes: ['tms:demo:'] });
    await waitFor(() => !localB.map.has('tms:demo:top-sql:10'));
    expect(localB.map.has('tms:demo2:sessions')).toBe(true);

    await busB.publishInvalidation({ all: true });
    await waitFor(() => localA.map.size === 0);
    expect(localB.map.size).toBeGreaterThan(0);
  });

  it('ignores foreign or malformed messages on the channel', async () => {
    fill(localB);
    await clientA.publish(BUS_INVALIDATE_CHANNEL, 'not json');
    await clientA.publish(BUS_INVALIDATE_CHANNEL, JSON.stringify({ v: 2, all: true }));
    await clientA.publish(BUS_INVALIDATE_CHANNEL, JSON.stringify({ v: 1, origin: 'X', all: true, evil: 1 }));
    // a valid message after them proves they were processed (in order) and ignored
    await busA.publishInvalidation({ keys: ['tms:llm:sql:h'] });
    await waitFor(() => !localB.map.has('tms:llm:sql:h'));
    expect(localB.map.has('tms:demo2:sessions')).toBe(true);
  });

  it('carries configuration changes to the other consoles', async () => {
    const got: ConfigMessage[] = [];
    const off = busB.onConfigChanged((m) => got.push(m));
    await busA.publishConfig('ttlPolicy');
    await waitFor(() => got.length === 1);
    expect(got[0]).toMatchObject({ kind: 'ttlPolicy', origin: 'A' });
    off();
  });

  it('clears the whole L1 when the subscription comes back after Redis was killed and restarted', async () => {
    fill(localB);
    const clearsBefore = localB.clears;
    let resubscribed = 0;
    busB.onResubscribed(() => resubscribed++);
    await server.kill();
    expect(await busA.publishInvalidation({ all: true })).toBe(false);
    await server.start();
    await waitFor(() => resubscribed > 0);
    expect(localB.clears).toBeGreaterThan(clearsBefore);
    expect(localB.map.size).toBe(0);
    // and the bus works again after the restart
    await waitFor(() => clientA.status === 'ready');
    fill(localB);
    await waitFor(async () => {
      await busA.publishInvalidation({ keys: ['tms:demo2:sessions'] });
      return !localB.map.has('tms:demo2:sessions');
    });
  });
});

describe('InvalidationBus over a cluster', () => {
  it('delivers invalidations between two consoles connected to different cluster clients', async () => {
    const handle = await startRedisCluster(3);
    const ca = await clusterFor(handle);
    const cb = await clusterFor(handle);
    const la = new MapLocal();
    const lb = new MapLocal();
    const a = new InvalidationBus({ redis: ca, consoleId: 'A', local: la });
    const b = new InvalidationBus({ redis: cb, consoleId: 'B', local: lb });
    try {
      await Promise.all([a.start(), b.start()]);
      lb.map.set('tms:demo:sessions', 1);
      lb.map.set('tms:demo2:sessions', 1);
      await waitFor(async () => {
        await a.publishInvalidation({ prefixes: ['tms:demo:'] });
        return !lb.map.has('tms:demo:sessions');
      });
      expect(lb.map.has('tms:demo2:sessions')).toBe(true);
    } finally {
      await a.stop();
      await b.stop();
      ca.disconnect();
      cb.disconnect();
      await handle.stop();
    }
  }, 60_000);
});
