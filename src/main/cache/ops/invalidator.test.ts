import type { Cluster, Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NamespaceInvalidator } from './invalidator';
import { allKeys, clusterTarget, type RedisTarget, range, seed, standaloneTarget } from './test-helpers';

const fixture = [
  ...range(120, (i) => `tms:demo:top-sql:${i}`),
  'tms:demo:sessions',
  'tms:demo:sql:abc',
  'tms:demo:sql-text:abc',
  ...range(80, (i) => `tms:demo2:top-sql:${i}`),
  'tms:demo2:sessions',
  'tms:llm:sql:h1',
  'tms:llm:plan:h2',
  'tms:config:ttl',
  'tms:stats:total',
  'other:app:key',
  'tmsfoo',
];

/** how many of these keys exist (one EXISTS per key: a cluster refuses multi-slot EXISTS) */
async function existing(client: Redis | Cluster, keys: string[]): Promise<number> {
  let n = 0;
  for (const key of keys) n += await client.exists(key);
  return n;
}

function suite(name: string, setup: () => Promise<RedisTarget>) {
  describe(`NamespaceInvalidator (${name})`, () => {
    let client: Redis | Cluster;
    let cleanup: () => Promise<void>;
    let inv: NamespaceInvalidator;
    beforeAll(async () => {
      ({ client, cleanup } = await setup());
      inv = new NamespaceInvalidator(client, { scanCount: 50, batchSize: 37 });
    }, 60_000);
    afterAll(async () => cleanup?.());
    beforeEach(async () => {
      await Promise.all((await allKeys(client)).map((k) => client.unlink(k)));
      await seed(client, fixture);
    });

    it('invalidating connection demo never touches demo2', async () => {
      const removed = await inv.invalidatePrefix('tms:demo:');
      expect(removed).toBe(123);
      const left = await allKeys(client);
      expect(left.filter((k) => k.startsWith('tms:demo:'))).toEqual([]);
      expect(left.filter((k) => k.startsWith('tms:demo2:'))).toHaveLength(81);
      expect(left).toContain('other:app:key');
    });

    it('a resource tree takes the key and its children, not a sibling with a longer name', async () => {
      expect(await inv.invalidateTree('tms:demo:sql')).toBe(1);
      expect(await client.exists('tms:demo:sql-text:abc')).toBe(1);
      expect(await inv.invalidateTree('tms:demo:sessions')).toBe(1);
      expect(await inv.invalidateTree('tms:demo:top-sql')).toBe(120);
      expect(await client.exists('tms:demo2:sessions')).toBe(1);
    });

    it('patterns stay inside tms:, and invalidateAll keeps settings and foreign keys', async () => {
      expect(await inv.invalidatePattern('tms:*:sessions')).toBe(2);
      await expect(inv.invalidatePattern('*')).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(inv.invalidatePrefix('other:')).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(inv.invalidateKeys(['other:app:key'])).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect(await inv.invalidatePrefix('tms:llm:')).toBe(2);
      const removed = await inv.invalidateAll();
      expect(removed).toBe(fixture.length - 2 - 2 - 4);
      expect(await allKeys(client)).toEqual(['other:app:key', 'tms:config:ttl', 'tms:stats:total', 'tmsfoo']);
    });

    it("a connection's records (activity, alerts) survive its clear and a clear of everything; named, they go", async () => {
      const records = [
        'tms:demo:activity:{demo}:samples',
        'tms:demo:alerts:{demo}:open',
        'tms:demo2:alerts:{demo2}:history',
      ];
      await seed(client, records);
      expect(await inv.invalidatePrefix('tms:demo:')).toBe(123);
      expect(await inv.invalidatePattern('tms:demo2:*')).toBe(81);
      expect(await inv.invalidateTree('tms:demo')).toBe(0);
      expect(await inv.invalidateAll()).toBe(2);
      expect(await existing(client, records)).toBe(3);
      // pointed at: a record prefix, pattern or tree deletes what it names, and nothing else
      expect(await inv.invalidatePrefix('tms:demo:alerts:')).toBe(1);
      expect(await inv.invalidatePattern('tms:demo:activity:*')).toBe(1);
      expect(await inv.invalidateTree('tms:demo2:alerts')).toBe(1);
      expect(await allKeys(client)).toEqual(['other:app:key', 'tms:config:ttl', 'tms:stats:total', 'tmsfoo']);
      // a lease under tms:lock: is reserved, not a record: its own prefix deletes it
      await seed(client, ['tms:lock:activity:{demo}:lease']);
      expect(await inv.invalidatePrefix('tms:lock:')).toBe(1);
    });

    it('glob characters in a prefix are literal', async () => {
      await seed(client, ['tms:a*b:1', 'tms:axb:1']);
      expect(await inv.invalidatePrefix('tms:a*b:')).toBe(1);
      expect(await client.exists('tms:axb:1')).toBe(1);
    });

    it('exact keys', async () => {
      expect(await inv.invalidateKeys([])).toBe(0);
      expect(await inv.invalidateKeys(['tms:demo:sessions', 'tms:demo2:sessions', 'tms:nope'])).toBe(2);
      expect(await existing(client, ['tms:demo:sessions', 'tms:demo2:sessions'])).toBe(0);
      expect(await client.exists('tms:demo:sql:abc')).toBe(1);
      // more keys than one batch (37): every batch runs, each key counted once
      const many = range(100, (i) => `tms:demo:top-sql:${i}`);
      expect(await inv.invalidateKeys(many)).toBe(100);
      expect(await inv.invalidateKeys(many)).toBe(0);
    });

    it('settings and counters survive every broad deletion, unless the prefix points inside them', async () => {
      // the whole namespace, as a prefix, a tree or a pattern: cached values go, tms:config/tms:stats stay
      expect(await inv.invalidatePrefix('tms:')).toBe(fixture.length - 4);
      expect(await allKeys(client)).toEqual(['other:app:key', 'tms:config:ttl', 'tms:stats:total', 'tmsfoo']);
      await seed(client, fixture);
      expect(await inv.invalidatePattern('tms:*')).toBe(fixture.length - 4);
      expect(await existing(client, ['tms:config:ttl', 'tms:stats:total'])).toBe(2);
      await seed(client, ['tms:stats:m:1', 'tms:config:threshold']);
      expect(await inv.invalidatePattern('tms:*:*')).toBe(0);
      // asked for explicitly: the counters' own prefix, tree or pattern
      expect(await inv.invalidatePrefix('tms:stats:')).toBe(2);
      expect(await existing(client, ['tms:stats:total', 'tms:stats:m:1'])).toBe(0);
      expect(await inv.invalidateTree('tms:config')).toBe(2);
      expect(await existing(client, ['tms:config:ttl', 'tms:config:threshold'])).toBe(0);
      await seed(client, ['tms:stats:total']);
      expect(await inv.invalidatePattern('tms:stats:*')).toBe(1);
      expect(await existing(client, ['other:app:key', 'tmsfoo'])).toBe(2);
    });
  });
}

suite('standalone', standaloneTarget);
suite('3-master cluster', () => clusterTarget(3));
