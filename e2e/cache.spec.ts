/**
 * Issue 6: the cache panel in browser mode against the suite's real Redis. A separate ioredis client
 * (fixture `redis`) checks what the console did: the key browser lists the Demo connection's keys,
 * "clear this connection's cache" removes exactly those, a TTL change shows on the next write (PTTL),
 * the hit ratio moves as views are reopened, and the L2 switch keeps every view working.
 */
import { mkdirSync } from 'node:fs';
import type { Redis } from 'ioredis';
import { CachePage } from './pages/cache-page';
import type { ConsolePage } from './pages/console-page';
import { ViewPage } from './pages/view-page';
import { expect, test } from './support/fixtures';

mkdirSync('e2e/artifacts', { recursive: true });

const MONITOR_VIEWS = ['dashboard', 'sessions', 'locks', 'waits', 'top-sql', 'schemas', 'trends'];

/** Every key matching `match`, by SCAN (never KEYS). */
async function scanAll(redis: Redis, match: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', match, 'COUNT', 500);
    keys.push(...batch);
    cursor = next;
  } while (cursor !== '0');
  return keys.sort();
}

/** Open a monitoring view and wait until it shows data (age/origin strip) without an error. */
async function visit(app: ConsolePage, id: string): Promise<ViewPage> {
  const view = new ViewPage(app, id);
  await view.open();
  await expect(view.origin).toBeVisible();
  await expect(view.root.getByTestId('error')).toHaveCount(0);
  return view;
}

test.describe('cache panel (real Redis)', () => {
  // the panel must never throw in the page (an uncaught render error would blank the console)
  let pageErrors: string[] = [];
  test.beforeEach(({ page }) => {
    pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(e.stack ?? String(e)));
  });
  test.afterEach(() => {
    expect(pageErrors, pageErrors.join('\n')).toEqual([]);
  });

  test('key browser lists the Demo keys; clearing the connection removes exactly those', async ({
    console: app,
    redis,
  }) => {
    // another connection's keys and a foreign tms: key that must survive
    await redis.set('tms:demo2:sessions', '{"v":1}', 'EX', 600);
    await redis.set('tms:other:x', 'keep', 'EX', 600);
    for (const id of ['dashboard', 'locks', 'waits']) await visit(app, id);
    // the sessions key for sure in L2 (a visit may be answered from this console's L1 alone): a manual
    // refresh reads Oracle and writes it; what this test checks is that the browser lists what Redis holds
    const sessions = await visit(app, 'sessions');
    await sessions.refresh();
    await expect.poll(() => redis.exists('tms:demo:sessions'), { timeout: 15_000 }).toBe(1);

    const cache = new CachePage(app);
    await cache.open('keys');
    await expect(cache.root.locator('[data-testid="key-group"][data-path="tms:demo:"]')).toBeVisible();
    // the list is virtualized and earlier specs leave many keys: the pattern filter narrows the scan to
    // a few rows (and leaves out what does not match)
    await cache.scan('demo:s*');
    await expect(cache.keyCount).toHaveAttribute('data-complete', 'true');
    await expect(cache.keyRow('tms:other:x')).toHaveCount(0);
    await expect(cache.keyRow('tms:demo:locks')).toHaveCount(0);
    const sessionsRow = cache.keyRow('tms:demo:sessions');
    await expect(sessionsRow).toBeVisible();
    // details for the rows on screen: type, live TTL, size
    await expect(sessionsRow.getByTestId('key-type')).toHaveText('string');
    await expect(sessionsRow.getByTestId('key-ttl')).toHaveText(/\d+ (s|min)/);
    await expect(sessionsRow.getByTestId('key-size')).toHaveText(/\d+(\.\d+)? (B|KB|MB)/);
    // the value viewer: pretty JSON of the engine's envelope
    await sessionsRow.click();
    await expect(cache.keyDetail).toHaveAttribute('data-key', 'tms:demo:sessions');
    await expect(cache.keyDetail.getByTestId('json-view')).toBeVisible();
    await app.screenshot('cache-keys');

    // one resource of the connection: only that key goes
    await cache.tab('overview');
    await cache.root.getByTestId('invalidate-resource-conn').selectOption('demo');
    await cache.root.getByTestId('invalidate-resource').selectOption('sessions');
    await cache.root.getByTestId('invalidate-resource-run').click();
    const one = await cache.confirmInvalidation();
    expect(one).toEqual({ removed: 1, l2: 'ok' });
    expect(await redis.exists('tms:demo:sessions')).toBe(0);
    expect(await redis.exists('tms:demo:locks', 'tms:demo2:sessions')).toBe(2);
    await visit(app, 'sessions'); // written again
    await cache.open();

    // the team's records of the connection (sampled activity, alerts) are not cached reads: they stay
    const isRecord = (k: string) => /^tms:demo:(activity|alerts):/.test(k);
    const all = await scanAll(redis, 'tms:demo:*');
    const before = all.filter((k) => !isRecord(k));
    const records = all.filter(isRecord).sort();
    expect(before).toContain('tms:demo:sessions');
    expect(before.length).toBeGreaterThanOrEqual(4);
    // the team's alert evaluator has run (every 10 s since the console started): its record is there
    const evaluated = 'tms:demo:alerts:{demo}:meta';
    expect(records).toContain(evaluated);
    const result = await cache.clearConnection('demo');
    expect(result.l2).toBe('ok');
    expect(result.removed).toBe(before.length);
    const left = await scanAll(redis, 'tms:demo:*');
    expect(left.filter((k) => !isRecord(k))).toEqual([]);
    expect(left).toContain(evaluated);
    expect(await redis.exists('tms:demo2:sessions', 'tms:other:x')).toBe(2);
    await cache.tab('keys');
    await expect(cache.keyCount).toHaveAttribute('data-complete', 'true');
    await expect(cache.keyRow('tms:demo:sessions')).toHaveCount(0);
    await expect(cache.keyRow('tms:demo2:sessions')).toBeVisible();
    await redis.unlink('tms:demo2:sessions', 'tms:other:x');
  });

  test('key browser: SCAN pages (scroll and "load more"), a virtualized list, delete one key', async ({
    console: app,
    redis,
  }) => {
    const bulk = Array.from({ length: 3000 }, (_, i) => `tms:e2ebulk:k${String(i).padStart(4, '0')}`);
    const write = redis.pipeline();
    for (const k of bulk) write.set(k, JSON.stringify({ k, n: 1 }), 'EX', 600);
    await write.exec();
    try {
      const cache = new CachePage(app);
      await cache.open('keys');
      await cache.root.getByTestId('key-mode-list').click();
      await cache.scan('e2ebulk:*');
      await expect(cache.keyCount).toHaveAttribute('data-complete', 'false');
      const first = await cache.loadedKeys();
      expect(first.count).toBeGreaterThan(0);
      expect(first.count).toBeLessThan(bulk.length);
      // infinite scroll: the end of the list asks for the next page
      await cache.root.getByTestId('key-scroll').evaluate((el) => {
        el.scrollTop = el.scrollHeight;
      });
      await expect.poll(async () => (await cache.loadedKeys()).count).toBeGreaterThan(first.count);
      // "load more" until every key is listed
      const more = cache.root.getByTestId('key-more');
      await expect
        .poll(
          async () => {
            if ((await cache.loadedKeys()).complete) return true;
            if (await more.isEnabled()) await more.click();
            return false;
          },
          { timeout: 20_000 },
        )
        .toBe(true);
      expect((await cache.loadedKeys()).count).toBe(bulk.length);
      expect(await cache.keyRows.count()).toBeLessThan(100); // virtualized
      // delete one key, confirmed
      await cache.root.getByTestId('key-scroll').evaluate((el) => {
        el.scrollTop = 0;
      });
      await cache.keyRow('tms:e2ebulk:k0000').click();
      await expect(cache.keyDetail.getByTestId('json-view')).toContainText('tms:e2ebulk:k0000');
      await cache.keyDetail.getByTestId('key-delete').click();
      await app.page.getByTestId('key-delete-dialog').getByTestId('key-delete-confirm').click();
      await expect(cache.keyRow('tms:e2ebulk:k0000')).toHaveCount(0);
      expect(await redis.exists('tms:e2ebulk:k0000')).toBe(0);
      expect(await redis.exists('tms:e2ebulk:k0001')).toBe(1);
      await expect.poll(async () => (await cache.loadedKeys()).count).toBe(bulk.length - 1);
    } finally {
      for (let i = 0; i < bulk.length; i += 500) await redis.unlink(...bulk.slice(i, i + 500));
    }
  });

  test('a TTL change shows on the next write (PTTL from a separate client)', async ({
    console: app,
    redis,
  }) => {
    const cache = new CachePage(app);
    await cache.open('ttl');
    const row = cache.ttlRow('sessions');
    await expect(row).toHaveAttribute('data-source', 'default');
    await expect(row).toHaveAttribute('data-ttl', '30');

    // validation: below the minimum, and an L1 TTL longer than the TTL
    const dialog = await cache.editTtl('sessions');
    await dialog.getByTestId('ttl-input-ttl').fill('0');
    await expect(dialog.getByTestId('ttl-error-ttl')).toBeVisible();
    await dialog.getByTestId('ttl-input-ttl').fill('120');
    await dialog.getByTestId('ttl-input-l1Ttl').fill('200');
    await expect(dialog.getByTestId('ttl-error-l1Ttl')).toBeVisible();
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    try {
      await cache.setTtl('sessions', 120);
      // grace is derived from the TTL (min(ttl, 1 h)); Redis keeps the key for ttl + grace
      const grace = Number(await row.getAttribute('data-grace'));
      expect(grace).toBe(Math.min(120, 3600));
      const sessions = await visit(app, 'sessions');
      await sessions.refresh(); // bypasses the cache: a fresh write with the new policy
      await expect.poll(() => sessions.originValue()).toBe('oracle');
      await expect
        .poll(async () => redis.pttl('tms:demo:sessions'), { timeout: 10_000 })
        .toBeGreaterThan((120 + grace - 15) * 1000);
      expect(await redis.pttl('tms:demo:sessions')).toBeLessThanOrEqual((120 + grace) * 1000);

      // "apply to existing keys" re-expires what is already in Redis: the active connection's keys only,
      // after saying how many and which (another connection's key keeps its expiry)
      await redis.set('tms:e2e-other:sessions', 'v', 'EX', 3000);
      await cache.open('ttl');
      const applied = await cache.setTtl('sessions', 45, { apply: true });
      expect(applied?.count).toBe(1);
      expect(applied?.confirm).toMatch(/1 existing key\(s\): sessions of connection/);
      await expect(cache.root.getByTestId('ttl-notice')).toContainText(/applied to 1 existing/);
      const pttl = await redis.pttl('tms:demo:sessions');
      expect(pttl).toBeGreaterThan(80_000);
      expect(pttl).toBeLessThanOrEqual(90_000);
      expect(await redis.pttl('tms:e2e-other:sessions')).toBeGreaterThan(2_900_000);
      await redis.unlink('tms:e2e-other:sessions');
    } finally {
      await cache.open('ttl');
      await cache.resetTtl('sessions');
    }
    await expect(row).toHaveAttribute('data-ttl', '30');
    expect(await redis.hget('tms:config:ttl', 'res:sessions')).toBeNull();
  });

  test('the hit ratio moves as views are reopened', async ({ console: app }) => {
    const cache = new CachePage(app);
    await cache.open();
    await cache.clearEverything();
    // first visits after the clear: misses, answered by Oracle
    for (const id of ['sessions', 'locks', 'waits']) await visit(app, id);
    let done = Date.now();
    await cache.open();
    const afterMisses = await cache.hitReadingAfter(done);
    expect(afterMisses.lookups).toBeGreaterThan(0);
    // reopening: answered from L1/L2
    for (let round = 0; round < 2; round++) {
      for (const id of ['sessions', 'locks', 'waits']) await visit(app, id);
    }
    done = Date.now();
    await cache.open();
    const afterHits = await cache.hitReadingAfter(done);
    // the console's figures also count its background work (the team alert evaluator, the sampler's
    // reads), whose misses are real: what the reopens must show is in the difference between the
    // readings — six reopened views, each answered from L1/L2, and mostly hits among the new lookups
    const newLookups = afterHits.lookups - afterMisses.lookups;
    const newHits = afterHits.hits - afterMisses.hits;
    expect(newHits).toBeGreaterThanOrEqual(6);
    expect(newHits / newLookups).toBeGreaterThan(0.5);
    expect(afterHits.ratio).toBeCloseTo(afterHits.hits / afterHits.lookups, 6);
    await expect(cache.root.getByTestId('per-resource-row').first()).toBeVisible();
    await expect(cache.root.getByTestId('hit-chart')).toBeVisible();
    // all consoles (from Redis) and the server-wide keyspace ratio, labelled separately
    await cache.root.getByTestId('hit-scope-all').click();
    await expect(cache.root.getByTestId('hit-ratio-panel')).toHaveAttribute('data-scope', 'all');
    await expect(cache.hitTile).toBeVisible();
    await expect(cache.root.getByTestId('keyspace-ratio')).toContainText('%');
    // Redis health: memory, policy, version, advice (the suite's Redis has no maxmemory)
    await expect(cache.root.getByTestId('redis-used-memory')).toContainText(/B/);
    await expect(cache.root.getByTestId('redis-version')).toContainText(/\d+\.\d+/);
    await expect(cache.root.locator('[data-testid="advice-item"][data-code="NO_MAXMEMORY"]')).toContainText(
      'allkeys-lru',
    );
    await app.screenshot('cache');

    // the warning banner under the threshold (judged once enough lookups are in the 5-minute window)
    await cache.root.getByTestId('hit-scope-console').click();
    try {
      await cache.setThreshold(100, 1);
      await expect(cache.banner).toBeVisible({ timeout: 10_000 });
      await expect(cache.banner).toContainText('100 %');
      await cache.banner.getByTestId('banner-tune').click(); // straight to the TTL policy
      await expect(cache.root.getByTestId('ttl-policy')).toBeVisible();
      await cache.tab('overview');
    } finally {
      await cache.setThreshold(60, 50);
    }
    // Korean
    await app.setLanguage('ko');
    await expect(cache.root.getByTestId('view-title')).toHaveText('캐시');
    await expect(cache.root.getByTestId('clear-connection')).toHaveText('이 연결의 캐시 비우기');
    await app.screenshot('cache-ko');
    await app.setLanguage('en');
  });

  test('turning L2 off keeps every view working; turning it on resumes Redis', async ({
    console: app,
    redis,
  }) => {
    const cache = new CachePage(app);
    await cache.open();
    try {
      await cache.setL2(false);
      await expect(cache.l2).toHaveAttribute('data-state', 'disabled');
      await expect(app.redisState).toHaveAttribute('data-state', 'disabled');
      await redis.unlink('tms:demo:sessions');
      for (const id of MONITOR_VIEWS) {
        const view = await visit(app, id);
        expect(['l1', 'oracle', 'stale']).toContain(await view.originValue());
      }
      const sessions = await visit(app, 'sessions');
      await sessions.refresh();
      await expect.poll(() => sessions.originValue()).toBe('oracle');
      await expect(sessions.root.getByTestId('error')).toHaveCount(0);
      expect(await redis.exists('tms:demo:sessions')).toBe(0); // nothing written while L2 is off
    } finally {
      await cache.open();
      await cache.setL2(true);
    }
    await expect(cache.l2).toHaveAttribute('data-state', 'closed');
    await expect(app.redisState).toHaveAttribute('data-state', 'closed');
    const sessions = await visit(app, 'sessions');
    await sessions.refresh();
    await expect.poll(() => redis.exists('tms:demo:sessions'), { timeout: 10_000 }).toBe(1);
  });
});
