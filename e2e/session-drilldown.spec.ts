/**
 * Issue 17: the session drill-down opens from any SID (sessions table, lock tree), shows identity,
 * current SQL, statistics (cumulative, then rates over a stated window), waits in ms, locks with their
 * object, the transaction's undo, open cursors, in English and Korean, and on RAC reads the session on
 * its own instance. The RAC world is a console of its own (TMS_DEMO_WORLD=pdb-rac).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base } from '@playwright/test';
import { startRedisServer } from '../src/main/redis/testing/redis-server';
import { spawnWebConsole } from '../src/main/web/testing/spawn-console';
import { ConsolePage } from './pages/console-page';
import { LocksPage } from './pages/locks-page';
import { SessionDrawerPage } from './pages/session-drawer-page';
import { SessionsPage } from './pages/sessions-page';
import { expect, test } from './support/fixtures';

test.describe('session drill-down (demo connection)', () => {
  test('from the sessions table: identity, SQL, statistics become rates, waits in ms', async ({
    console: app,
  }) => {
    const sessions = new SessionsPage(app);
    await sessions.open();
    await expect(sessions.rows.first()).toBeVisible();
    const drawer = new SessionDrawerPage(app);
    await drawer.openFrom(SessionDrawerPage.links(sessions.table).first());
    await expect(drawer.section('identity')).toContainText('Logon time');
    await expect(drawer.scope).toContainText('Sessions of this PDB only');
    // the first read of a session is cumulative since logon (a session an earlier test opened has a rate)
    await expect(drawer.statsWindow).toContainText(/cumulative since logon|per second over the last \d/);
    await expect(drawer.waitRows).toHaveCount(10);
    await expect(drawer.section('waits')).toContainText('WAIT_TIME_MICRO');
    await expect(drawer.section('cursors')).toContainText('V$OPEN_CURSOR');
    await expect(drawer.section('activity')).toBeVisible();
    // a cache-bypassing read a moment later: the rates appear, with their window
    await drawer.page.waitForTimeout(1100);
    await drawer.refresh();
    await expect(drawer.section('stats')).toHaveAttribute('data-window', 'rate');
    await expect(drawer.statsWindow).toContainText(/per second over the last \d/);
    await expect(drawer.origin).toHaveAttribute('data-origin', 'oracle');
    await drawer.page.keyboard.press('Escape');
    await expect(drawer.root).toHaveCount(0);
  });

  test('from the lock tree: the blocker holds its lock, blocks others, and has an open transaction', async ({
    console: app,
  }) => {
    const locks = new LocksPage(app);
    await locks.open();
    await expect(locks.roots.first()).toBeVisible();
    const drawer = new SessionDrawerPage(app);
    // the root whose held lock is a row lock (TX): its transaction is open
    const root = locks.roots.filter({ hasText: 'TX' }).first();
    await drawer.openFrom(SessionDrawerPage.links(root).first());
    await expect(drawer.lockRows.first()).toBeVisible();
    await expect(drawer.root.getByTestId('sd-lock-blocks').first()).toBeVisible();
    await expect(drawer.root.getByTestId('sd-tx-undo')).toContainText('blocks ×');
    await drawer.close();
  });

  test('in Korean', async ({ console: app }) => {
    await app.setLanguage('ko');
    const locks = new LocksPage(app);
    await locks.open();
    const drawer = new SessionDrawerPage(app);
    await drawer.openFrom(SessionDrawerPage.links(locks.roots.first()).first());
    await expect(drawer.section('identity')).toContainText('로그온 시각');
    await expect(drawer.statsWindow).toContainText(/로그온 이후 누적|초 동안의 초당 값/);
    await expect(drawer.section('stats')).toContainText('논리적 읽기');
    await expect(drawer.section('locks')).toContainText('다른 세션 차단 중');
    await expect(drawer.root.getByTestId('sd-close')).toHaveText('닫기');
  });
});

// --- RAC: a console of its own in the PDB + two-instance world --------------------------------------

const TOKEN = 'e2e-session-rac-token-0123456789abcdef';

const rac = base.extend<{ app: ConsolePage }, { world: { url: string } }>({
  world: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures need the destructuring
    async ({}, use) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'tms-e2e-session-rac-'));
      const redis = await startRedisServer();
      const server = await spawnWebConsole({
        env: {
          REDIS_URL: redis.url,
          TMS_DATA_DIR: dataDir,
          TMS_WEB_TOKEN: TOKEN,
          TMS_DEMO_LATENCY_SCALE: '0.02',
          TMS_DEMO_WORLD: 'pdb-rac',
        },
      });
      await use({ url: server.url });
      await server.stop();
      await redis.stop();
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

rac.describe('session drill-down on RAC (TMS_DEMO_WORLD=pdb-rac)', () => {
  rac(
    'a session of instance 2 is read on instance 2, from the sessions table and the lock tree',
    async ({ app }) => {
      const sessions = new SessionsPage(app);
      await sessions.open();
      await expect(sessions.rows.first()).toBeVisible();
      const drawer = new SessionDrawerPage(app);
      // the list is ordered by instance: sort by it (descending first) to bring instance 2's sessions up
      const link = SessionDrawerPage.links(sessions.table).and(app.page.locator('[data-inst="2"]')).first();
      await sessions.sortBy('instId');
      await link.waitFor({ timeout: 20_000 }).catch(() => sessions.sortBy('instId'));
      await drawer.openFrom(link);
      await expect(drawer.root).toHaveAttribute('data-inst', '2');
      await expect(drawer.scope).toContainText('read on instance 2');
      await drawer.close();

      const locks = new LocksPage(app);
      await locks.open();
      await expect(locks.roots.first()).toBeVisible();
      const opened = await drawer.openFrom(SessionDrawerPage.links(locks.roots.first()).first());
      await expect(drawer.scope).toContainText(`read on instance ${opened.inst}`);
      await expect(drawer.lockRows.first()).toBeVisible();
    },
  );
});
