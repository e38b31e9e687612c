/**
 * Issue 17: the alert log and long operations, in English and Korean, in the suite's PDB world and in
 * a PDB + two-instance RAC world (its own console and Redis, like worlds.spec.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base } from '@playwright/test';
import { startRedisServer } from '../src/main/redis/testing/redis-server';
import { spawnWebConsole } from '../src/main/web/testing/spawn-console';
import { AlertLogPage } from './pages/alert-log-page';
import { ConsolePage } from './pages/console-page';
import { LongOpsPage } from './pages/long-ops-page';
import { expect, test } from './support/fixtures';

// two cores shared by many consoles: give the filters and both languages room
test.describe.configure({ timeout: 180_000 });

test.describe('alert log (PDB world)', () => {
  test('entries of the window, scope labelled, filters on the cached window, key per window', async ({
    console: app,
    redis,
  }) => {
    const alert = new AlertLogPage(app);
    await alert.open();
    await expect(alert.title).toHaveText('Alert log');
    await expect(alert.rows.first()).toBeVisible();
    await expect(alert.scope).toHaveAttribute('data-scope', 'pdb');
    await expect(alert.scope).toHaveAttribute('data-instance-scope', 'instance');
    await expect(alert.scope).toContainText("This PDB's own messages only");
    await expect(alert.origin).toBeVisible();

    // a day: the demo's ORA-01555, ORA-00060 and ORA-01652 are all in it
    await alert.windowSelect.selectOption('1440');
    await expect(alert.oraChips.filter({ hasText: 'ORA-01555' })).toBeVisible();
    await expect(alert.oraChips.filter({ hasText: 'ORA-00060' })).toBeVisible();
    await expect(alert.oraChips.filter({ hasText: 'ORA-01652' })).toBeVisible();
    expect(await redis.keys('tms:*:alert-log:1440')).toHaveLength(1);

    const total = Number(await alert.count.getAttribute('data-total'));
    await alert.oraOnly.check();
    const shown = Number(await alert.count.getAttribute('data-shown'));
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(total);
    for (const ora of await alert.rows.evaluateAll((rs) => rs.map((r) => r.getAttribute('data-ora'))))
      expect(ora).toMatch(/ORA-\d{5}/);
    await expect(alert.rows.first().getByTestId('ora-code').first()).toBeVisible();
    await alert.oraOnly.uncheck();

    await alert.levelFilter.selectOption('2');
    for (const level of await alert.rows.evaluateAll((rs) => rs.map((r) => r.getAttribute('data-level'))))
      expect(Number(level)).toBeLessThanOrEqual(2);
    await alert.levelFilter.selectOption('all');

    // the message says ORA-1652; its canonical code finds it
    await alert.oraChips.filter({ hasText: 'ORA-01652' }).click();
    await expect(alert.textFilter).toHaveValue('ORA-01652');
    await expect(alert.rows.first()).toContainText('ORA-1652: unable to extend temp segment');
    await app.screenshot('alert-log-en');
  });

  test('Korean', async ({ console: app }) => {
    const alert = new AlertLogPage(app);
    await alert.open();
    await app.setLanguage('ko');
    await expect(alert.title).toHaveText('경보 로그');
    await expect(app.nav('long-ops')).toHaveText('장시간 작업');
    await expect(alert.scope).toContainText('이 PDB 자체의 메시지만');
    await expect(alert.levelFilter.locator('option[value="2"]')).toHaveText('심각 이상');
    await expect(alert.rows.first()).toBeVisible();
    await app.screenshot('alert-log-ko');
    await app.setLanguage('en');
  });
});

test.describe('long operations (PDB world)', () => {
  test('operations of real sessions with progress, Oracle’s estimate labelled, SIDs identifiable', async ({
    console: app,
    redis,
  }) => {
    const ops = new LongOpsPage(app);
    await ops.open();
    await expect(ops.title).toHaveText('Long operations');
    await expect(ops.rows.first()).toBeVisible();
    await expect(ops.scope).toHaveAttribute('data-scope', 'pdb');
    await expect(ops.summary).toContainText("Oracle's estimate");
    await expect(ops.root.getByText('RMAN: incremental datafile backup')).toBeVisible();
    const sid = ops.sids.first();
    expect(Number(await sid.getAttribute('data-sid'))).toBeGreaterThan(0);
    expect(Number(await sid.getAttribute('data-serial'))).toBeGreaterThan(0);
    expect(Number(await sid.getAttribute('data-inst'))).toBe(1);
    await expect(ops.root.getByTestId('longop-sql-id').first()).toHaveText(/^[0-9a-z]{13}$/);
    expect(await redis.keys('tms:*:longops')).toHaveLength(1);
    // the SID opens that session's drill-down
    await sid.getByTestId('sid-link').click();
    const drawer = app.page.getByTestId('session-drawer');
    await expect(drawer).toBeVisible();
    await expect(drawer).toContainText(String(await sid.getAttribute('data-sid')));
    await app.page.keyboard.press('Escape');

    await app.setLanguage('ko');
    await expect(ops.title).toHaveText('장시간 작업');
    await expect(ops.summary).toContainText('추정치');
    await app.screenshot('long-ops-ko');
    await app.setLanguage('en');
  });
});

// --- a PDB of a two-instance RAC, host in another zone ----------------------------------------------

const TOKEN = 'e2e-diagnostics-token-0123456789ab';
const rac = base.extend<{ app: ConsolePage }, { world: { url: string } }>({
  world: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures need the destructuring
    async ({}, use) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'tms-e2e-diag-'));
      const redisServer = await startRedisServer();
      const server = await spawnWebConsole({
        env: {
          REDIS_URL: redisServer.url,
          TMS_DATA_DIR: dataDir,
          TMS_WEB_TOKEN: TOKEN,
          TMS_DEMO_LATENCY_SCALE: '0.02',
          TMS_DEMO_WORLD: 'pdb-rac',
          TMS_DEMO_HOST_UTC_OFFSET: '+09:00',
          TZ: 'America/Los_Angeles',
        },
      }).catch(async (error: unknown) => {
        await redisServer.stop();
        throw error;
      });
      try {
        await use({ url: server.url });
      } finally {
        await server.stop();
        await redisServer.stop();
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
    { scope: 'worker' },
  ],
  app: async ({ page, world }, use) => {
    const app = new ConsolePage(page, world.url, TOKEN);
    await app.open();
    await use(app);
  },
});

rac.describe('PDB + RAC world (TMS_DEMO_WORLD=pdb-rac)', () => {
  rac.describe.configure({ timeout: 240_000 });
  rac(
    'alert log of both instances, each entry naming its instance; long ops with their instance',
    async ({ app }) => {
      const alert = new AlertLogPage(app);
      await alert.open();
      await alert.windowSelect.selectOption('240');
      await expect(alert.rows.first()).toBeVisible();
      await expect(alert.scope).toHaveAttribute('data-instance-scope', 'cluster');
      await expect(alert.scope).toContainText('2 instances (1, 2)');
      const insts = new Set(await alert.rows.evaluateAll((rs) => rs.map((r) => r.getAttribute('data-inst'))));
      expect([...insts].sort()).toEqual(['1', '2']);
      await expect(alert.root.getByTestId('alert-inst').first()).toBeVisible();

      const ops = new LongOpsPage(app);
      await ops.open();
      await expect(ops.rows.first()).toBeVisible();
      await expect(ops.scope).toHaveAttribute('data-instance-scope', 'cluster');
      const opInsts = await ops.sids.evaluateAll((rs) => rs.map((r) => Number(r.getAttribute('data-inst'))));
      expect(opInsts.every((i) => i === 1 || i === 2)).toBe(true);

      await app.setLanguage('ko');
      await expect(ops.scope).toContainText('모든 인스턴스');
      await app.setLanguage('en');
    },
  );
});
