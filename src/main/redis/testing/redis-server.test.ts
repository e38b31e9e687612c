import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { type RedisServerHandle, startRedisServer } from './redis-server';

describe('redis test harness', () => {
  let server: RedisServerHandle | undefined;
  afterAll(async () => {
    await server?.stop();
  });

  it('starts a real redis-server on a free port, kills it and starts it again on the same port', async () => {
    server = await startRedisServer();
    const client = new Redis(server.url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    await client.connect();
    expect(await client.set('tms:test', '1')).toBe('OK');
    client.disconnect();

    await server.kill();
    expect(server.running).toBe(false);
    await server.start();
    expect(server.running).toBe(true);

    const again = new Redis(server.url, { lazyConnect: true, maxRetriesPerRequest: 0 });
    await again.connect();
    // a restarted server is empty: nothing persisted
    expect(await again.get('tms:test')).toBeNull();
    again.disconnect();
  });
});
