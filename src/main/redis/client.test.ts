import { TmsError } from '@shared/errors';
import { Cluster, Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildClusterOptions,
  buildRedisOptions,
  closeRedisClient,
  createRedisClient,
  createRedisClientIfEnabled,
  parseRedisConfig,
  parseRedisUrl,
  type RedisClient,
  reconnectDelay,
  redactRedisUrl,
  redactSecrets,
  subscriberFor,
  waitUntilReady,
} from './client';
import {
  freePort,
  type RedisServerHandle,
  startRedisCluster,
  startRedisServer,
} from './testing/redis-server';

const settle = <T>(p: Promise<T>, ms: number): Promise<'hung' | { ok: T } | { error: unknown }> =>
  Promise.race([
    p.then(
      (ok) => ({ ok }),
      (error: unknown) => ({ error }),
    ),
    new Promise<'hung'>((r) => setTimeout(() => r('hung'), ms)),
  ]);

describe('parseRedisConfig', () => {
  it('defaults: enabled, localhost, 500 ms command timeout', () => {
    const c = parseRedisConfig({});
    expect(c).toMatchObject({ enabled: true, url: 'redis://localhost:6379', commandTimeoutMs: 500 });
    expect(c.sentinels).toBeUndefined();
    expect(c.startupNodes).toBeUndefined();
  });

  it('REDIS_ENABLED=false disables (and skips URL validation)', () => {
    expect(parseRedisConfig({ REDIS_ENABLED: 'false', REDIS_URL: 'nonsense' }).enabled).toBe(false);
    expect(parseRedisConfig({ REDIS_ENABLED: 'FALSE' }).enabled).toBe(false);
    expect(parseRedisConfig({ REDIS_ENABLED: 'true' }).enabled).toBe(true);
    expect(createRedisClientIfEnabled(parseRedisConfig({ REDIS_ENABLED: 'false' }))).toBeNull();
  });

  it('reads sentinel and cluster settings', () => {
    const s = parseRedisConfig({ REDIS_SENTINELS: 'a:26379, b', REDIS_SENTINEL_NAME: 'mymaster' });
    expect(s.sentinels).toEqual([
      { host: 'a', port: 26379 },
      { host: 'b', port: 26379 },
    ]);
    expect(s.name).toBe('mymaster');
    const c = parseRedisConfig({
      REDIS_CLUSTER_NODES: '10.0.0.1:7000,[::1]:7001',
      REDIS_COMMAND_TIMEOUT_MS: '250',
    });
    expect(c.startupNodes).toEqual([
      { host: '10.0.0.1', port: 7000 },
      { host: '::1', port: 7001 },
    ]);
    expect(c.commandTimeoutMs).toBe(250);
  });

  it('rejects bad settings with messages that hide the password', () => {
    expect(() => parseRedisConfig({ REDIS_SENTINELS: 'a:1' })).toThrow(/REDIS_SENTINEL_NAME/);
    expect(() => parseRedisConfig({ REDIS_CLUSTER_NODES: 'a:1', REDIS_SENTINELS: 'b:2' })).toThrow(/either/);
    expect(() => parseRedisConfig({ REDIS_COMMAND_TIMEOUT_MS: 'abc' })).toThrow(TmsError);
    expect(() => parseRedisConfig({ REDIS_CLUSTER_NODES: 'a:99999' })).toThrow(/invalid address/);
    try {
      parseRedisConfig({ REDIS_URL: 'http://user:hunter22@host' });
      expect.unreachable();
    } catch (error) {
      expect(String((error as Error).message)).not.toContain('hunter22');
    }
  });
});

describe('URLs and redaction', () => {
  it('parses ACL user, password, db and TLS', () => {
    expect(parseRedisUrl('rediss://alice:p%40ss@redis.example:6380/2')).toEqual({
      host: 'redis.example',
      port: 6380,
      username: 'alice',
      password: 'p@ss',
      db: 2,
      tls: true,
    });
    expect(parseRedisUrl('redis://:onlypass@h')).toMatchObject({
      password: 'onlypass',
      port: 6379,
      tls: false,
    });
    expect(parseRedisUrl('redis://legacy@h')).toMatchObject({ password: 'legacy' });
    expect(parseRedisUrl('redis://legacy@h').username).toBeUndefined();
  });

  it('redacts passwords', () => {
    expect(redactRedisUrl('redis://alice:secret@h:1/0')).toBe('redis://alice:***@h:1/0');
    expect(redactRedisUrl('redis://secret@h')).toBe('redis://***@h');
    expect(redactRedisUrl('redis://h:6379')).toBe('redis://h:6379');
    expect(redactSecrets('failed redis://a:b@c and pw s3cret!', ['s3cret!'])).toBe(
      'failed redis://***@c and pw ***',
    );
  });

  it('builds non-blocking options', () => {
    const o = buildRedisOptions({ enabled: true, url: 'rediss://u:p@h:1/3', commandTimeoutMs: 123 });
    expect(o).toMatchObject({
      host: 'h',
      port: 1,
      db: 3,
      username: 'u',
      password: 'p',
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      commandTimeout: 123,
      lazyConnect: true,
    });
    expect(o.tls).toEqual({});
    expect(typeof o.retryStrategy).toBe('function');
    expect((o.retryStrategy as (n: number) => number)(1000)).toBeLessThanOrEqual(5000);
    const s = buildRedisOptions({
      enabled: true,
      url: 'redis://:p@ignored',
      sentinels: [{ host: 's1', port: 26379 }],
      name: 'm',
    });
    expect(s).toMatchObject({ name: 'm', sentinels: [{ host: 's1', port: 26379 }], password: 'p' });
    expect(s.host).toBeUndefined();
    const c = buildClusterOptions({
      enabled: true,
      url: 'redis://u:p@x',
      startupNodes: [{ host: 'a', port: 1 }],
    });
    expect(c).toMatchObject({ enableOfflineQueue: false, lazyConnect: true });
    expect(c.redisOptions).toMatchObject({ username: 'u', password: 'p', commandTimeout: 500 });
  });

  it('reconnect backoff is capped and never gives up', () => {
    for (const times of [1, 2, 5, 10, 100, 10_000]) {
      const d = reconnectDelay(times, 2000);
      expect(d).toBeGreaterThan(0);
      expect(d).toBeLessThanOrEqual(2000);
    }
  });
});

describe('against a real redis-server', () => {
  let server: RedisServerHandle;
  const clients: RedisClient[] = [];
  const track = <C extends RedisClient>(c: C): C => {
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    server = await startRedisServer({
      args: [
        '--user',
        'alice',
        'on',
        '>s3cret-pw',
        '~*',
        '&*',
        '+@all',
        '--user',
        'default',
        'on',
        'nopass',
        '~*',
        '&*',
        '+@all',
        '--enable-debug-command',
        'yes',
      ],
    });
  });
  afterAll(async () => {
    for (const c of clients) c.disconnect();
    await server?.stop();
  });

  it('connects with ACL user/password from the URL', async () => {
    const client = track(
      createRedisClient({ enabled: true, url: `redis://alice:s3cret-pw@127.0.0.1:${server.port}` }),
    );
    expect(client.status).toBe('wait'); // lazy: no I/O until asked
    expect(await waitUntilReady(client, 5000)).toBe(true);
    await client.set('tms:test:acl', '1');
    expect(await client.call('ACL', 'WHOAMI')).toBe('alice');
    await closeRedisClient(client);
    expect(client.status).toBe('end');
  });

  it('a wrong password is reported through onError, redacted, and never thrown', async () => {
    const messages: string[] = [];
    const client = track(
      createRedisClient(
        {
          enabled: true,
          url: `redis://alice:wrong-pass-123@127.0.0.1:${server.port}`,
          maxReconnectDelayMs: 50,
        },
        { onError: (m) => messages.push(m), errorLogIntervalMs: 0 },
      ),
    );
    expect(await waitUntilReady(client, 300)).toBe(false);
    expect(messages.length).toBeGreaterThan(0);
    for (const m of messages) expect(m).not.toContain('wrong-pass-123');
    client.disconnect();
  });

  it('fails fast while Redis is down and reconnects in the background', async () => {
    const port = await freePort();
    const messages: string[] = [];
    const client = track(
      createRedisClient(
        { enabled: true, url: `redis://127.0.0.1:${port}`, maxReconnectDelayMs: 50, commandTimeoutMs: 1000 },
        { onError: (m) => messages.push(m) },
      ),
    );
    expect(await waitUntilReady(client, 200)).toBe(false);
    const r = await settle(client.get('tms:x'), 2000);
    expect(r).not.toBe('hung');
    expect(r).toHaveProperty('error');
    expect(messages.length).toBeGreaterThan(0); // the 'error' listener caught it (no crash)
    const late = await startRedisServer({ port });
    try {
      expect(await waitUntilReady(client, 5000)).toBe(true);
      expect(await client.set('tms:x', '1')).toBe('OK');
      // killed mid-run: commands fail, they do not hang
      await late.kill();
      const during = await settle(client.get('tms:x'), 2000);
      expect(during).not.toBe('hung');
      expect(during).toHaveProperty('error');
      await late.start();
      expect(await waitUntilReady(client, 5000)).toBe(true);
      expect(await client.get('tms:x')).toBeNull(); // a fresh, empty server
    } finally {
      client.disconnect();
      await late.stop();
    }
  });

  it('a stuck server times out instead of blocking (commandTimeout)', async () => {
    const client = track(createRedisClient({ enabled: true, url: server.url, commandTimeoutMs: 100 }));
    const blocker = track(new Redis({ port: server.port, host: '127.0.0.1' }));
    await waitUntilReady(client, 5000);
    const sleeping = blocker.call('DEBUG', 'SLEEP', '0.6');
    await new Promise((r) => setTimeout(r, 30));
    const r = await settle(client.get('tms:x'), 400);
    expect(r).not.toBe('hung');
    expect(String((r as { error: Error }).error?.message)).toMatch(/timed out/i);
    await sleeping;
  });

  it('subscriberFor gives a separate pub/sub connection', async () => {
    const client = track(createRedisClient({ enabled: true, url: server.url }));
    await waitUntilReady(client, 5000);
    const sub = track(subscriberFor(client));
    const got = new Promise<string>((resolve) =>
      sub.on('message', (_ch: string, msg: string) => resolve(msg)),
    );
    await sub.subscribe('tms:bus:test');
    await client.publish('tms:bus:test', 'hello');
    expect(await got).toBe('hello');
    expect(await client.get('tms:nothing')).toBeNull(); // the data connection is not in subscriber mode
  });
});

describe('cluster', () => {
  it('creates a non-blocking Cluster client that reaches every master', async () => {
    const cluster = await startRedisCluster(3);
    const client = createRedisClient({
      enabled: true,
      url: 'redis://ignored',
      startupNodes: cluster.startupNodes,
    });
    try {
      expect(client).toBeInstanceOf(Cluster);
      expect(await waitUntilReady(client, 10_000)).toBe(true);
      for (let i = 0; i < 20; i++) await client.set(`tms:c${i}:sessions`, String(i));
      expect(await client.get('tms:c7:sessions')).toBe('7');
      expect((client as Cluster).nodes('master').length).toBe(3);
    } finally {
      client.disconnect();
      await cluster.stop();
    }
  }, 40_000);
});
