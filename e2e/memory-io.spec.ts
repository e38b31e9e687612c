/**
 * Issue 17: the Memory and I/O view — SGA components, PGA figures and I/O by file type / function —
 * in English and Korean, in the default PDB world (the suite's console: figures labelled CDB-wide) and
 * in the PDB + two-instance RAC world (a console of its own: per instance and cluster totals).
 * I/O shows cumulative totals on the first read, then per-second rates over the window.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, type Page } from '@playwright/test';
import { startRedisServer } from '../src/main/redis/testing/redis-server';
import { spawnWebConsole } from '../src/main/web/testing/spawn-console';
import { ConsolePage } from './pages/console-page';
import { MemoryIoPage } from './pages/memory-io-page';
import { expect, test } from './support/fixtures';

/** first read: cumulative only; after a refresh a second or more later: rates over that window */
async function expectRatesAfterRefresh(mem: MemoryIoPage, page: Page): Promise<void> {
  await expect(mem.ioRow('Data File')).toBeVisible();
  if ((await mem.ioWindow.getAttribute('data-cumulative')) === 'yes') {
    await page.waitForTimeout(1500);
    await mem.refresh();
  }
  await expect(mem.ioWindow).toHaveAttribute('data-cumulative', 'no');
  await expect(mem.ioRow('Data File')).toContainText(/\d.*iB\/s/);
}

test.describe('memory and I/O (demo connection, PDB world)', () => {
  test('English: SGA, PGA and I/O with units, windows, scope, age and origin', async ({
    console: app,
    redis,
  }) => {
    const mem = new MemoryIoPage(app);
    await mem.open();
    await expect(mem.title).toHaveText('Memory and I/O');
    // instance-wide memory read from a PDB: labelled as the whole CDB's, not the PDB's
    await expect(mem.scope).toHaveAttribute('data-scope', 'cdb');
    await expect(mem.scope).toContainText('not this PDB alone');
    await expect(mem.scope).toHaveAttribute('data-instance-scope', 'instance');
    await expect(mem.sgaSummary).toContainText('SGA_MAX_SIZE) 8 GiB');
    await expect(mem.sgaSummary).toContainText('granule 16 MiB');
    await expect(mem.sgaRow('DEFAULT buffer cache')).toContainText('GiB');
    await expect(mem.sgaRow('shared pool')).toContainText('GiB');
    await expect(mem.pga('target')).toContainText('2 GiB');
    await expect(mem.pga('maxAllocated')).toContainText('since startup');
    await expect(mem.pga('cacheHit')).toContainText('%');
    // I/O: first cumulative since startup, then rates per second over a stated window
    await expect(mem.ioWindow).toContainText(
      /cumulative since instance startup|Rates per second over the last/,
    );
    await expectRatesAfterRefresh(mem, app.page);
    await expect(mem.ioWindow).toContainText('Rates per second over the last');
    await expect(mem.ioRows).toHaveCount(6);
    await mem.showBy('function');
    await expect(mem.ioRow('Buffer Cache Reads')).toBeVisible();
    await expect(mem.ioTable).toContainText('Wait ms/s');
    // age and origin of the cached answer; the key is the resource's
    await expect(mem.origin).toHaveAttribute('data-origin', /oracle|l1|l2/);
    await expect(mem.age).toBeVisible();
    await expect.poll(async () => redis.exists('tms:demo:memory-io')).toBe(1);
    // tier 'short': 30 s TTL plus the grace window
    expect(await redis.ttl('tms:demo:memory-io')).toBeLessThanOrEqual(61);
    await app.screenshot('memory-io-en');
  });

  test('Korean: the same view worded in Korean', async ({ console: app }) => {
    // the first Korean paint loads the CJK font: slow on a loaded machine
    test.slow();
    await app.setLanguage('ko');
    const mem = new MemoryIoPage(app);
    await mem.open();
    await expect(mem.title).toHaveText('메모리 및 I/O');
    await expect(mem.scope).toContainText('CDB 인스턴스 전체');
    await expect(mem.sgaSummary).toContainText('그래뉼 16 MiB');
    await expect(mem.pga('target')).toContainText('총 목표');
    await expectRatesAfterRefresh(mem, app.page);
    await expect(mem.ioWindow).toContainText('초당 비율');
    await expect(mem.ioTable).toContainText('읽기/초');
    await mem.showBy('function');
    await expect(mem.ioTable).toContainText('대기 ms/초');
    await app.screenshot('memory-io-ko');
  });
});

// --- the PDB + RAC world: a console and a Redis of its own ------------------------------------------

const TOKEN = 'e2e-memory-io-token-0123456789abcdef';

const rac = base.extend<{ app: ConsolePage }, { world: { url: string } }>({
  world: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures need the destructuring
    async ({}, use) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'tms-e2e-memory-io-'));
      const redisServer = await startRedisServer();
      const server = await spawnWebConsole({
        env: {
          REDIS_URL: redisServer.url,
          TMS_DATA_DIR: dataDir,
          TMS_WEB_TOKEN: TOKEN,
          TMS_DEMO_LATENCY_SCALE: '0.02',
          TMS_DEMO_WORLD: 'pdb-rac',
        },
      }).catch(async (error: unknown) => {
        await redisServer.stop();
        throw error;
      });
      await use({ url: server.url });
      await server.stop();
      await redisServer.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
  app: async ({ page, world }, use) => {
    const app = new ConsolePage(page, world.url, TOKEN);
    await app.open();
    await use(app);
  },
});

rac.describe('memory and I/O (PDB + two-instance RAC world)', () => {
  for (const lang of ['en', 'ko'] as const) {
    rac(`${lang}: cluster totals, then one instance with its own figures`, async ({ app }) => {
      // a console of its own, and in Korean the first paint loads the CJK font: slow on a loaded machine
      rac.slow();
      if (lang === 'ko') await app.setLanguage('ko');
      const mem = new MemoryIoPage(app);
      await mem.open();
      await expect(mem.scope).toHaveAttribute('data-instance-scope', 'cluster');
      await expect(mem.scope).toHaveAttribute('data-scope', 'cdb');
      await expect(mem.scope).toContainText(
        lang === 'en' ? 'totals over 2 instances' : '인스턴스 2개의 합계',
      );
      await expect(mem.instanceSelect.locator('option')).toHaveCount(3);
      // cluster: two 8 GiB SGAs add up; min/max are per instance only
      await expect(mem.sgaSummary).toContainText('16 GiB');
      await expect(mem.sgaRow('DEFAULT buffer cache')).toContainText('—');
      await expect(mem.pga('cacheHit')).toContainText('—');
      await expectRatesAfterRefresh(mem, app.page);
      const clusterRead = await mem.ioRow('Data File').locator('td').nth(1).textContent();

      await mem.instanceSelect.selectOption('2');
      await expect(mem.scope).toContainText(lang === 'en' ? 'Instance 2 only' : '인스턴스 2만');
      await expect(mem.sgaSummary).toContainText('8 GiB');
      await expect(mem.sgaRow('DEFAULT buffer cache')).not.toContainText('—');
      await expect(mem.pga('cacheHit')).toContainText('%');
      await expect(mem.pga('overAllocation')).toContainText('3');
      // instance 2 takes the smaller share of the load: its data-file read rate is not the cluster's
      await expect(mem.ioRow('Data File').locator('td').nth(1)).not.toHaveText(clusterRead ?? '');
      await app.screenshot(`memory-io-rac-${lang}`);
    });
  }
});
