import type { Cluster, Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type RedisClusterHandle,
  type RedisServerHandle,
  startRedisCluster,
  startRedisServer,
} from '../../redis/testing/redis-server';
import { escapeGlob, isPatternInNamespace, userGlobInNamespace } from './namespace';
import { KeyScanner } from './scanner';
import { allKeys, clientFor, clusterFor, range, seed } from './test-helpers';

describe('namespace helpers', () => {
  it('escapes glob characters and confines patterns', () => {
    expect(escapeGlob('a*b?[c]\\')).toBe('a\\*b\\?\\[c\\]\\\\');
    expect(isPatternInNamespace('tms:*')).toBe(true);
    expect(isPatternInNamespace('tm*')).toBe(false);
    expect(isPatternInNamespace('*')).toBe(false);
    expect(isPatternInNamespace('tms\\:x')).toBe(true);
    expect(userGlobInNamespace('')).toBe('tms:*');
    expect(userGlobInNamespace('demo')).toBe('tms:demo*');
    expect(userGlobInNamespace('demo:*:x')).toBe('tms:demo:*:x');
    expect(userGlobInNamespace('tms:demo:[a]')).toBe('tms:demo:\\[a\\]*');
  });
});

async function collectPages(scanner: KeyScanner, match: string, limit: number) {
  const keys: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await scanner.scanPage({ match, cursor, limit, count: 50 });
    expect(page.keys.length).toBeLessThanOrEqual(limit + 50);
    keys.push(...page.keys);
    cursor = page.cursor ?? undefined;
    pages++;
    expect(pages).toBeLessThan(1000);
  } while (cursor);
  return { keys, pages };
}

describe('KeyScanner on a standalone server', () => {
  let server: RedisServerHandle;
  let client: Redis;
  beforeAll(async () => {
    server = await startRedisServer();
    client = clientFor(server);
  });
  afterAll(async () => {
    client.disconnect();
    await server.stop();
  });
  beforeEach(async () => {
    for (const k of await allKeys(client)) await client.unlink(k);
  });

  it('iterates every namespaced key and refuses patterns outside tms:', async () => {
    await seed(
      client,
      range(300, (i) => `tms:demo:k${i}`),
    );
    await seed(client, ['other:1', 'tmsx:1']);
    const scanner = new KeyScanner(client);
    const seen = new Set<string>();
    for await (const batch of scanner.scan({ match: 'tms:*', count: 50 })) for (const k of batch) seen.add(k);
    expect(seen.size).toBe(300);
    await expect(async () => {
      for await (const _ of scanner.scan({ match: '*' })) break;
    }).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const outside: string[] = [];
    for await (const b of scanner.scan({ match: 'other:*', allowOutsideNamespace: true })) outside.push(...b);
    expect(outside).toEqual(['other:1']);
  });

  it('pages with a cursor until done, honouring TYPE', async () => {
    await seed(
      client,
      range(250, (i) => `tms:demo:k${i}`),
    );
    await client.hset('tms:demo:h', 'a', '1');
    const scanner = new KeyScanner(client);
    const { keys } = await collectPages(scanner, 'tms:*', 40);
    expect(new Set(keys).size).toBe(251);
    const page = await scanner.scanPage({ match: 'tms:*', type: 'hash', limit: 10, count: 1000 });
    expect(page.keys).toContain('tms:demo:h');
  });

  it('returns a partial page with a cursor when the time budget or call cap is hit', async () => {
    await seed(
      client,
      range(400, (i) => `tms:demo:k${i}`),
    );
    const scanner = new KeyScanner(client);
    // a rare match: SCAN returns mostly empty batches, so the call cap ends the page
    const page = await scanner.scanPage({ match: 'tms:nothing:*', count: 10, limit: 100, maxCalls: 3 });
    expect(page.partial).toBe(true);
    expect(page.calls).toBe(3);
    expect(page.cursor).toMatch(/@\d+$/);
    await expect(scanner.scanPage({ match: 'tms:*', cursor: 'nope@1' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(scanner.scanPage({ match: 'tms:*', cursor: 'x@y' })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
  });
});

describe('KeyScanner over a real 3-master cluster', () => {
  let handle: RedisClusterHandle;
  let cluster: Cluster;
  const keys = range(600, (i) => `tms:c${i % 7}:sessions:${i}`);
  beforeAll(async () => {
    handle = await startRedisCluster(3);
    cluster = await clusterFor(handle);
    await seed(cluster, keys);
    await seed(cluster, ['foreign:1', 'foreign:2']);
  }, 60_000);
  afterAll(async () => {
    cluster?.disconnect();
    await handle?.stop();
  });

  it('sees every master', () => {
    expect(new KeyScanner(cluster).nodes()).toHaveLength(3);
  });

  it('the async iterator covers all masters', async () => {
    const scanner = new KeyScanner(cluster);
    const seen = new Set<string>();
    for await (const batch of scanner.scan({ match: 'tms:*', count: 100 }))
      for (const k of batch) seen.add(k);
    expect([...seen].sort()).toEqual([...keys].sort());
    // keys really are spread over the masters
    const perNode = await Promise.all(cluster.nodes('master').map((n) => n.dbsize()));
    expect(perNode.filter((n) => n > 0)).toHaveLength(3);
  });

  it('paginates across masters with a composite cursor and returns every key exactly once (set-wise)', async () => {
    const scanner = new KeyScanner(cluster);
    const { keys: got, pages } = await collectPages(scanner, 'tms:*', 64);
    expect(new Set(got).size).toBe(600);
    expect(pages).toBeGreaterThan(3);
    expect(got.every((k) => k.startsWith('tms:'))).toBe(true);
  });

  it('a page can end mid-node and the next page resumes on the same node', async () => {
    const scanner = new KeyScanner(cluster);
    const first = await scanner.scanPage({ match: 'tms:*', limit: 10, count: 10 });
    expect(first.cursor).not.toBeNull();
    const firstNode = first.cursor!.slice(0, first.cursor!.lastIndexOf('@'));
    expect(scanner.nodes().map((n) => n.id)).toContain(firstNode);
    const second = await scanner.scanPage({ match: 'tms:*', limit: 10, count: 10, cursor: first.cursor! });
    expect(second.keys.length).toBeGreaterThan(0);
  });

  it('a pattern filter works across masters', async () => {
    const scanner = new KeyScanner(cluster);
    const { keys: got } = await collectPages(scanner, 'tms:c3:*', 1000);
    expect(new Set(got)).toEqual(new Set(keys.filter((k) => k.startsWith('tms:c3:'))));
  });
});
