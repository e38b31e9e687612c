import { buildKeyTree } from '@shared/cache-tree';
import type { Cluster, Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedisServer } from '../../redis/testing/redis-server';
import { encodeEnvelope } from '../engine/envelope';
import { envelopeMetaOf, KeyBrowser, storedAtOf } from './key-browser';
import { clientFor, clusterTarget, type RedisTarget, range, seed, standaloneTarget } from './test-helpers';
import { TtlPolicyStore } from './ttl-policy';

const envelope = (storedAt: number, data: unknown) =>
  encodeEnvelope(JSON.stringify(data), storedAt, 30, 30, 'console-A');

describe('buildKeyTree and storedAtOf', () => {
  it('groups by segments: connection → resource → parameters', () => {
    const tree = buildKeyTree([
      'tms:demo:sessions',
      'tms:demo:top-sql:10',
      'tms:demo:top-sql:50',
      'tms:demo2:sessions',
      'tms:llm:sql:h',
    ]);
    expect(tree.count).toBe(5);
    const tms = tree.children[0]!;
    expect(tms.path).toBe('tms:');
    expect(tms.children.map((c) => [c.name, c.count])).toEqual([
      ['demo', 3],
      ['demo2', 1],
      ['llm', 1],
    ]);
    const topSql = tms.children[0]!.children.find((c) => c.name === 'top-sql')!;
    expect(topSql.path).toBe('tms:demo:top-sql:');
    expect(topSql.children.map((c) => c.path)).toEqual(['tms:demo:top-sql:10', 'tms:demo:top-sql:50']);
    expect(tms.children[0]!.children.find((c) => c.name === 'sessions')?.isKey).toBe(true);
  });
  it('reads storedAt in ms or seconds', () => {
    expect(storedAtOf(encodeEnvelope('[1]', 1764428400123, 30, 30, 'x'))).toBe(1764428400123);
    expect(envelopeMetaOf(encodeEnvelope('[1]', 1764428400123, 30, 15, 'c"1'))).toEqual({
      ttl: 30,
      grace: 15,
      by: 'c"1',
    });
    expect(storedAtOf('{"v":1,"storedAt":1764428400000,"data":')).toBe(1764428400000);
    expect(storedAtOf('{"storedAt": 1764428400}')).toBe(1764428400000);
    expect(storedAtOf('plain text')).toBeNull();
  });
});

function suite(name: string, setup: () => Promise<RedisTarget>) {
  describe(`KeyBrowser (${name})`, () => {
    let client: Redis | Cluster;
    let cleanup: () => Promise<void>;
    let browser: KeyBrowser;
    const now = Date.UTC(2026, 10, 29, 15, 0, 0);
    beforeAll(async () => {
      ({ client, cleanup } = await setup());
      browser = new KeyBrowser({ redis: client, ttl: new TtlPolicyStore({ redis: client }), now: () => now });
      await seed(
        client,
        range(150, (i) => `tms:demo:top-sql:${i}`),
      );
      await client.set('tms:demo:sessions', envelope(now - 12_000, [{ sid: 1 }]), 'EX', 60);
      await client.set('tms:demo2:sessions', 'not json');
      await client.hset('tms:demo:h', { a: '1', b: '2', c: '3' });
      await client.rpush('tms:demo:l', 'x', 'y', 'z');
      await client.set('foreign:key', 'f');
      await client.set('tms:demo:big', 'y'.repeat(5000));
    }, 60_000);
    afterAll(async () => cleanup?.());

    it('lists only tms: keys with the user pattern applied inside the namespace', async () => {
      const keys: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await browser.scanKeys({ cursor, limit: 40, count: 50 });
        expect(page.match).toBe('tms:*');
        keys.push(...page.keys);
        cursor = page.cursor ?? undefined;
      } while (cursor);
      expect(new Set(keys).size).toBe(155);
      expect(keys).not.toContain('foreign:key');

      const demo2: string[] = [];
      cursor = undefined;
      do {
        const page = await browser.scanKeys({ cursor, pattern: 'demo2:*' });
        demo2.push(...page.keys);
        cursor = page.cursor ?? undefined;
      } while (cursor);
      expect(demo2).toEqual(['tms:demo2:sessions']);

      const foreign: string[] = [];
      cursor = undefined;
      do {
        const page = await browser.scanKeys({ cursor, pattern: 'foreign:*', includeForeign: true });
        foreign.push(...page.keys);
        cursor = page.cursor ?? undefined;
      } while (cursor);
      expect(foreign).toEqual(['foreign:key']);
    });

    it('reads keys outside tms: only when the DBA asked for them, and labels them', async () => {
      await expect(browser.keyDetails(['tms:demo:sessions', 'foreign:key'])).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
      await expect(browser.getValue('foreign:key')).rejects.toMatchObject({ code: 'FORBIDDEN' });
      const [own, other] = await browser.keyDetails(['tms:demo:sessions', 'foreign:key'], {
        includeForeign: true,
      });
      expect(own).toMatchObject({ key: 'tms:demo:sessions', foreign: false });
      expect(other).toMatchObject({ key: 'foreign:key', foreign: true, type: 'string', resource: null });
      expect(await browser.getValue('foreign:key', { includeForeign: true })).toMatchObject({
        foreign: true,
        text: 'f',
      });
      expect((await browser.getValue('tms:demo:l')).foreign).toBe(false);
      let cursor: string | undefined;
      let labelled = 0;
      do {
        const page = await browser.scanKeys({ cursor, pattern: 'foreign:*', includeForeign: true });
        labelled += page.foreignKeys;
        cursor = page.cursor ?? undefined;
      } while (cursor);
      expect(labelled).toBe(1);
      expect((await browser.scanKeys({ pattern: 'demo2:*', limit: 2000 })).foreignKeys).toBe(0);
    });

    it('details for visible rows: type, live TTL, configured TTL, memory, age', async () => {
      const [sessions, other, hash, gone] = await browser.keyDetails([
        'tms:demo:sessions',
        'tms:demo2:sessions',
        'tms:demo:h',
        'tms:demo:nothing',
      ]);
      expect(sessions).toMatchObject({
        type: 'string',
        resource: 'sessions',
        connId: 'demo',
        configuredTtl: { ttl: 30 },
        storedAt: now - 12_000,
        ageMs: 12_000,
        writtenTtl: 30,
        writtenBy: 'console-A',
      });
      expect(sessions!.pttlMs).toBeGreaterThan(0);
      expect(sessions!.memoryBytes).toBeGreaterThan(0);
      expect(other).toMatchObject({ type: 'string', pttlMs: -1, storedAt: null, resource: 'sessions' });
      expect(hash).toMatchObject({ type: 'hash', resource: null, configuredTtl: null, storedAt: null });
      expect(gone).toMatchObject({ type: 'none', pttlMs: -2 });
    });

    it('shows values capped, JSON parsed', async () => {
      const json = await browser.getValue('tms:demo:sessions');
      expect(json.json).toMatchObject({ at: now - 12_000, v: [{ sid: 1 }] });
      const big = await browser.getValue('tms:demo:big', { maxBytes: 100 });
      expect(big).toMatchObject({ type: 'string', size: 5000, truncated: true });
      expect(big.text).toHaveLength(100);
      const hash = await browser.getValue('tms:demo:h', { maxItems: 2 });
      expect(hash).toMatchObject({ type: 'hash', size: 3, truncated: true });
      expect(hash.entries).toHaveLength(2);
      const list = await browser.getValue('tms:demo:l');
      expect(list.entries?.map((e) => e.value)).toEqual(['x', 'y', 'z']);
      expect((await browser.getValue('tms:demo:nope')).exists).toBe(false);
      await client.zadd('tms:demo:z', 1, 'a', 2, 'b');
      expect((await browser.getValue('tms:demo:z')).entries).toEqual([
        { value: 'a', score: 1 },
        { value: 'b', score: 2 },
      ]);
      await client.sadd('tms:demo:s', 'm');
      expect((await browser.getValue('tms:demo:s')).entries).toEqual([{ value: 'm' }]);
    });

    it('deletes one key, only under tms:', async () => {
      expect(await browser.deleteKey('tms:demo:top-sql:0')).toBe(1);
      expect(await client.exists('tms:demo:top-sql:0')).toBe(0);
      await expect(browser.deleteKey('foreign:key')).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect(await client.exists('foreign:key')).toBe(1);
    });
  });
}

suite('standalone', standaloneTarget);
suite('3-master cluster', () => clusterTarget(3));

describe('KeyBrowser on a big keyspace', () => {
  it('answers with bounded, partial pages and a cursor instead of walking everything', async () => {
    const big = await startRedisServer();
    const client = clientFor(big);
    try {
      // 200k keys written inside Redis in one script call (fast, no round trips)
      await client.eval(
        "for i=1,tonumber(ARGV[1]) do redis.call('SET', 'tms:bulk:' .. i, 'x') end return 1",
        0,
        '200000',
      );
      const browser = new KeyBrowser({ redis: client, ttl: new TtlPolicyStore({ redis: client }) });
      const first = await browser.scanKeys({ limit: 100 });
      expect(first.keys.length).toBeGreaterThanOrEqual(100);
      expect(first.keys.length).toBeLessThanOrEqual(100 + 500);
      expect(first.cursor).not.toBeNull();
      expect(first.calls).toBeLessThanOrEqual(2);
      // a pattern that matches nothing: the page stops on its budget / call cap, with a cursor to go on
      const rare = await browser.scanKeys({ pattern: 'nothing:*', budgetMs: 5, count: 100 });
      expect(rare.keys).toEqual([]);
      expect(rare.partial).toBe(true);
      expect(rare.cursor).not.toBeNull();
    } finally {
      client.disconnect();
      await big.stop();
    }
  });
});
