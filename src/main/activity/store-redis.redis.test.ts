/** RedisSampleStore on a real redis-server: roll-ups go through the fenced append like samples. */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisServerHandle, startRedisServer } from '../redis/testing/redis-server';
import { activityKeys } from './keys';
import { rollupOf } from './rollup';
import { DEFAULT_SETTINGS, retentionOf } from './settings';
import { RedisSampleStore } from './store-redis';
import { row } from './testing/rows';

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

describe('RedisSampleStore roll-ups', () => {
  it('writes a minute roll-up (fenced, never twice) and reads it back', async () => {
    const keys = activityKeys('demo-rollup');
    await redis.set(keys.fence, '3');
    const store = new RedisSampleStore(redis, keys);
    const minute = Math.floor(Date.now() / 60_000) * 60_000 - 60_000;
    const samples = [0, 1, 2].map((i) => ({
      t: minute + i * 1000,
      intervalSec: 1,
      rows: [row(), row({ sid: 7 })],
    }));
    const retention = retentionOf(DEFAULT_SETTINGS);
    expect(await store.appendRollup(rollupOf(minute, samples), 3, retention)).toBe('written');
    expect(await store.appendRollup(rollupOf(minute, samples), 3, retention)).toBe('duplicate');
    expect(await store.appendRollup(rollupOf(minute + 60_000, samples), 2, retention)).toBe('fenced');
    const read = await store.rollups(minute, minute + 60_000);
    expect(read).toHaveLength(1);
    expect(read[0]!.rows).toBe(6);
  });
});
