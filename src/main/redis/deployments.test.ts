/**
 * Redis as deployed (issue 16): TLS and Sentinel against REAL servers the tests start (harness:
 * testing/deployments.ts), through the production client (createRedisClient) and the cache engine.
 */
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CacheEngine } from '../cache/engine';
import type { CacheKeySpec } from '../cache/types';
import { createRedisClient, type RedisConfig, waitUntilReady } from './client';
import {
  type SentinelSetHandle,
  startSentinelSet,
  startTlsRedis,
  type TlsRedisHandle,
} from './testing/deployments';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const clients: Redis[] = [];
const engines: CacheEngine[] = [];

function client(config: Omit<RedisConfig, 'enabled'>, onError: (m: string) => void = () => {}): Redis {
  const c = createRedisClient({ enabled: true, maxReconnectDelayMs: 200, ...config }, { onError }) as Redis;
  clients.push(c);
  return c;
}

function engine(redis: Redis, consoleId: string, l1Ttl = 5): CacheEngine {
  const e = new CacheEngine({
    redis,
    consoleId,
    ttl: { ttlFor: () => ({ ttl: 60, l1Ttl, grace: 60 }) },
    lock: { ttlMs: 2000, waitMs: 1000, pollMs: 10 },
    breaker: { breakMs: 200 },
  });
  engines.push(e);
  return e;
}

afterAll(async () => {
  for (const e of engines) await e.close();
  for (const c of clients) c.disconnect();
});

describe('TLS (rediss://) against a TLS-only redis-server', () => {
  let tls: TlsRedisHandle;
  let mtls: TlsRedisHandle;
  beforeAll(async () => {
    [tls, mtls] = await Promise.all([startTlsRedis(), startTlsRedis({ clientCertificates: true })]);
  }, 60_000);
  afterAll(async () => {
    await tls?.stop();
    await mtls?.stop();
  });

  it('the engine reads and writes L2 over TLS; a second console gets the value from L2', async () => {
    const a = client({ url: tls.url, tls: { ca: tls.certs.ca } });
    const b = client({ url: tls.url, tls: { ca: tls.certs.ca } });
    expect(await waitUntilReady(a, 5000)).toBe(true);
    expect(await waitUntilReady(b, 5000)).toBe(true);
    const spec: CacheKeySpec = { resource: 'sessions', connId: 'tls' };
    const first = await engine(a, 'A').getOrFetch(spec, async () => ({ n: 1 }));
    expect(first.cache.origin).toBe('oracle');
    const second = await engine(b, 'B').getOrFetch(spec, async () => ({ n: 2 }));
    expect(second).toMatchObject({ data: { n: 1 }, cache: { origin: 'l2' } });
    expect((await a.info('server')).includes('redis_version')).toBe(true);
  });

  it('a server whose certificate the client does not trust is refused: reads go to the source', async () => {
    const errors: string[] = [];
    const untrusting = client({ url: tls.url, tls: { ca: tls.certs.otherCa } }, (m) => errors.push(m));
    expect(await waitUntilReady(untrusting, 1500)).toBe(false);
    const e = engine(untrusting, 'C');
    const r = await e.getOrFetch({ resource: 'sessions', connId: 'tls-refused' }, async () => 'from source');
    expect(r).toMatchObject({ data: 'from source', cache: { origin: 'oracle' } });
    expect(errors.join('\n')).toMatch(/certificate/i);
    untrusting.disconnect();
  });

  it('plain redis:// cannot talk to the TLS port', async () => {
    const plain = client({ url: tls.url.replace('rediss://', 'redis://'), connectTimeoutMs: 500 });
    expect(await waitUntilReady(plain, 1500)).toBe(false);
    plain.disconnect();
  });

  it('mutual TLS: with the client certificate it works, without it the server refuses', async () => {
    const withCert = client({
      url: mtls.url,
      tls: { ca: mtls.certs.ca, cert: mtls.certs.clientCert, key: mtls.certs.clientKey },
    });
    expect(await waitUntilReady(withCert, 5000)).toBe(true);
    await withCert.set('tms:tls:probe', '1');
    expect(await withCert.get('tms:tls:probe')).toBe('1');
    const withoutCert = client({ url: mtls.url, tls: { ca: mtls.certs.ca } });
    expect(await waitUntilReady(withoutCert, 1500)).toBe(false);
    withoutCert.disconnect();
  });
});

describe('Sentinel: a primary, a replica and three sentinels', () => {
  let set: SentinelSetHandle;
  beforeAll(async () => {
    set = await startSentinelSet({ downAfterMs: 1000 });
  }, 60_000);
  afterAll(async () => {
    await set?.stop();
  });

  it('the primary is killed under load: no failed read, and L2 is back on the new primary', async () => {
    const config = { url: 'redis://', sentinels: set.sentinels, name: set.name, connectTimeoutMs: 500 };
    const redis = client(config);
    const other = client(config);
    expect(await waitUntilReady(redis, 5000)).toBe(true);
    expect(await waitUntilReady(other, 5000)).toBe(true);
    expect((await set.masterAddress()).port).toBe(set.primary.port);
    // L1 TTL 0: every read goes to Redis, so the load really hits the failover
    const reader = engine(redis, 'reader', 0);
    let reads = 0;
    let failed = 0;
    let sourceCalls = 0;
    let running = true;
    const load = (async () => {
      while (running) {
        const i = reads++;
        await reader
          .getOrFetch({ resource: 'tables', connId: 'sentinel', params: [`T${i % 20}`] }, async () => {
            sourceCalls++;
            return [i];
          })
          .catch(() => failed++);
        await sleep(5);
      }
    })();
    await sleep(300);
    const before = reads;
    await set.primary.kill();
    // the sentinels agree the primary is down and promote the replica
    const deadline = Date.now() + 30_000;
    while ((await set.masterAddress()).port !== set.replica.port) {
      if (Date.now() > deadline) throw new Error('no failover within 30 s');
      await sleep(100);
    }
    // the client follows the sentinels to the new primary and the breaker closes again
    const back = Date.now() + 15_000;
    while (!(redis.status === 'ready' && reader.stateOf().l2 === 'closed')) {
      if (Date.now() > back) throw new Error(`L2 not back: ${redis.status} / ${reader.stateOf().l2}`);
      await sleep(50);
    }
    await sleep(300);
    running = false;
    await load;
    expect(failed).toBe(0);
    expect(reads - before).toBeGreaterThan(20); // reads went on during the failover
    expect(sourceCalls).toBeGreaterThan(0);

    // L2 is the new primary: a value written through the engine is there, and another console reads it
    const spec: CacheKeySpec = { resource: 'sessions', connId: 'after-failover' };
    const written = await reader.getOrFetch(spec, async () => ({ written: 'after' }));
    expect(written.cache.origin).toBe('oracle');
    expect(await waitUntilReady(other, 10_000)).toBe(true);
    const seen = await engine(other, 'other').getOrFetch(spec, async () => ({ written: 'again' }));
    expect(seen).toMatchObject({ data: { written: 'after' }, cache: { origin: 'l2' } });
    const role = await redis.role();
    expect(role[0]).toBe('master');
    expect((redis as unknown as { stream?: { remotePort?: number } }).stream?.remotePort).toBe(
      set.replica.port,
    );
  }, 60_000);
});
