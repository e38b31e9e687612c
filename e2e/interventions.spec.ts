/**
 * Issue 17: kill and cancel SQL from the sessions and locks views, in English and Korean. The dialog
 * shows what is about to be stopped (user, program, SQL, how long it has run, the transaction's undo)
 * and the exact statement; on RAC the statement names '@inst_id'; on a 12.1 database Cancel is hidden.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, type Locator } from '@playwright/test';
import { startRedisServer } from '../src/main/redis/testing/redis-server';
import { spawnWebConsole } from '../src/main/web/testing/spawn-console';
import { ConsolePage } from './pages/console-page';
import { LocksPage } from './pages/locks-page';
import { SessionsPage } from './pages/sessions-page';
import { StopDialog } from './pages/stop-dialog';
import { expect, test } from './support/fixtures';

const TOKEN = 'e2e-interventions-token-0123456789ab';

/** An ACTIVE session that neither blocks nor waits, with its Cancel button. */
const activeRow = (sessions: SessionsPage, inst?: number): Locator =>
  sessions.root
    .locator(
      `[data-testid="sessions-row"][data-status="ACTIVE"]${inst ? `[data-inst="${inst}"]` : ''}:not([data-blocker]):not([data-blocked])`,
    )
    .filter({ has: sessions.page.getByTestId('cancel-sql') })
    .first();

test.describe('kill and cancel SQL (demo connection, 19c)', () => {
  // several dialogs per test, each with a fresh read: more than the default minute on a loaded machine
  test.slow();
  test('sessions: cancel SQL shows the session, its SQL and the exact statement; the session stays, idle', async ({
    console: app,
  }) => {
    const sessions = new SessionsPage(app);
    await sessions.open();
    // the demo's load follows the time of day: at night few sessions on the first screen are ACTIVE
    await sessions.showOnly('ACTIVE');
    const row = activeRow(sessions);
    await expect(row).toBeVisible();
    const key = await sessions.keyOf(row);
    await row.getByTestId('cancel-sql').click();
    const dialog = new StopDialog(app.page, 'cancel');
    await dialog.loaded();
    await expect(dialog.root).toContainText('Cancel the session');
    await expect(dialog.user).not.toHaveText('—');
    await expect(dialog.program).not.toHaveText('—');
    await expect(dialog.duration).toContainText('LAST_CALL_ET');
    await expect(dialog.undo).toBeVisible();
    await expect(dialog.statement).toHaveText(
      new RegExp(`^ALTER SYSTEM CANCEL SQL '${key.sid}, ${key.serial}, @1(, [0-9a-z]{13})?'$`),
    );
    const statement = (await dialog.statement.textContent()) ?? '';
    if (/, [0-9a-z]{13}'$/.test(statement)) await expect(dialog.sqlText).not.toBeEmpty();
    await app.screenshot('cancel-sql-dialog');
    await dialog.send();
    await expect(app.page.getByTestId('notice')).toContainText(`${key.sid},${key.serial}`);
    await expect(app.page.getByTestId('notice')).toContainText('ORA-01013');
    await sessions.showAllStatuses();
    await sessions.filter.fill(key.sid);
    // the session is still there, no longer running anything
    await expect(sessions.row(key)).toHaveAttribute('data-status', 'INACTIVE');
  });

  test('sessions in Korean: the kill dialog is worded in Korean, the statement exact, then the session is gone', async ({
    console: app,
  }) => {
    await app.setLanguage('ko');
    const sessions = new SessionsPage(app);
    await sessions.open();
    await sessions.showOnly('ACTIVE');
    await expect(activeRow(sessions).getByTestId('cancel-sql')).toHaveText('취소');
    const row = sessions.root
      .locator('[data-testid="sessions-row"]:not([data-blocker]):not([data-blocked])')
      .first();
    const key = await sessions.keyOf(row);
    await row.getByTestId('kill').click();
    const dialog = new StopDialog(app.page, 'kill');
    await dialog.loaded();
    await expect(dialog.root).toContainText('세션 종료');
    await expect(dialog.root).toContainText('보낼 문장');
    await expect(dialog.statement).toHaveText(
      `ALTER SYSTEM KILL SESSION '${key.sid},${key.serial},@1' IMMEDIATE`,
    );
    await expect(dialog.undo).toHaveText(/열린 트랜잭션 없음|USED_UBLK/);
    await dialog.send();
    await expect(app.page.getByTestId('notice')).toContainText(`${key.sid},${key.serial}`);
    await sessions.filter.fill(key.sid);
    await expect(sessions.row(key)).toHaveCount(0);
    await app.setLanguage('en');
  });

  test('locks: blockers hold transactions; the batch job warns of a large rollback; a waiter is cancelled', async ({
    console: app,
  }) => {
    const locks = new LocksPage(app);
    await locks.open();
    await expect(locks.roots.first()).toBeVisible();
    const roots = await locks.roots.count();
    let large = 0;
    for (let i = 0; i < roots; i++) {
      await locks.roots.nth(i).getByTestId('kill-blocker').click();
      const dialog = new StopDialog(app.page, 'kill');
      await dialog.loaded();
      const who = (await dialog.sidSerial.textContent()) ?? '';
      await expect(dialog.statement).toHaveText(`ALTER SYSTEM KILL SESSION '${who}' IMMEDIATE`);
      // every blocker holds what it blocks with: an open transaction with undo
      await expect(dialog.undo).toContainText('USED_UBLK');
      if ((await dialog.largeRollback.count()) > 0) {
        large++;
        await expect(dialog.largeRollback).toContainText('large rollback');
        await app.screenshot('kill-dialog-large-rollback');
      }
      await dialog.close.click();
      await expect(dialog.root).toBeHidden();
    }
    expect(large).toBeGreaterThanOrEqual(1);

    const waiter = locks.waiters.filter({ has: app.page.getByTestId('cancel-sql') }).first();
    await expect(waiter).toBeVisible();
    const waiterSid = await waiter.getAttribute('data-sid');
    const before = await locks.waiters.count();
    await waiter.getByTestId('cancel-sql').click();
    const cancel = new StopDialog(app.page, 'cancel');
    await cancel.loaded();
    await expect(cancel.sidSerial).toContainText(`${waiterSid},`);
    await expect(cancel.statement).toHaveText(/^ALTER SYSTEM CANCEL SQL '\d+, \d+, @1(, [0-9a-z]{13})?'$/);
    await cancel.send();
    await expect(app.page.getByTestId('notice')).toContainText(`${waiterSid},`);
    // its statement ended: it waits no more, the blocker keeps its lock
    await expect.poll(() => locks.waiters.count()).toBeLessThan(before);
  });

  test('locks in Korean: kill the blocker from the Korean dialog', async ({ console: app }) => {
    await app.setLanguage('ko');
    const locks = new LocksPage(app);
    await locks.open();
    const root = locks.roots.first();
    await expect(root).toBeVisible();
    const sid = await root.getAttribute('data-sid');
    await root.getByTestId('kill-blocker').click();
    const dialog = new StopDialog(app.page, 'kill');
    await dialog.loaded();
    await expect(dialog.root).toContainText('세션 종료');
    await expect(dialog.undo).toContainText('언두 레코드');
    await dialog.send();
    await expect(app.page.getByTestId('notice')).toContainText(`${sid},`);
    await expect(locks.root.locator(`[data-testid="lock-root"][data-sid="${sid}"]`)).toHaveCount(0);
    await app.setLanguage('en');
  });
});

/** A console of its own on another demo world, with a Redis of its own. */
function worldTest(world: string) {
  return base.extend<{ app: ConsolePage }, { world: { url: string } }>({
    world: [
      // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures need the destructuring
      async ({}, use) => {
        const dataDir = mkdtempSync(join(tmpdir(), `tms-e2e-stop-${world}-`));
        const redis = await startRedisServer();
        const server = await spawnWebConsole({
          env: {
            REDIS_URL: redis.url,
            TMS_DATA_DIR: dataDir,
            TMS_WEB_TOKEN: TOKEN,
            TMS_DEMO_LATENCY_SCALE: '0.02',
            TMS_DEMO_WORLD: world,
          },
        }).catch(async (error: unknown) => {
          await redis.stop();
          throw error;
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
}

const rac = worldTest('rac');
rac.describe('RAC (TMS_DEMO_WORLD=rac)', () => {
  rac.slow();
  rac('kill and cancel name the session instance: @2', async ({ app }) => {
    const sessions = new SessionsPage(app);
    await sessions.open();
    // only the ACTIVE sessions, scrolled to the end: instance 2's (sorted after instance 1's) are drawn
    await sessions.root.getByTestId('sessions-status-filter').selectOption('ACTIVE');
    await expect.poll(() => sessions.shownSessions()).toBeLessThan(await sessions.totalSessions());
    await sessions.scroller.evaluate((el) => {
      el.scrollTop = el.scrollHeight;
    });
    const row = activeRow(sessions, 2);
    await expect(row).toBeVisible();
    const key = await sessions.keyOf(row);
    await row.getByTestId('kill').click();
    const kill = new StopDialog(app.page, 'kill');
    await kill.loaded();
    await expect(kill.statement).toHaveText(
      `ALTER SYSTEM KILL SESSION '${key.sid},${key.serial},@2' IMMEDIATE`,
    );
    await kill.close.click();
    await row.getByTestId('cancel-sql').click();
    const cancel = new StopDialog(app.page, 'cancel');
    await cancel.loaded();
    await expect(cancel.statement).toHaveText(
      new RegExp(`^ALTER SYSTEM CANCEL SQL '${key.sid}, ${key.serial}, @2(, [0-9a-z]{13})?'$`),
    );
    await cancel.send();
    await expect(app.page.getByTestId('notice')).toContainText(`${key.sid},${key.serial}`);
  });
});

const legacy = worldTest('legacy-12c');
legacy.describe('Oracle 12.1 (TMS_DEMO_WORLD=legacy-12c)', () => {
  legacy.slow();
  legacy(
    'Cancel SQL is hidden (no ALTER SYSTEM CANCEL SQL before 18c); kill still works',
    async ({ app }) => {
      const sessions = new SessionsPage(app);
      await sessions.open();
      await expect(sessions.rows.first()).toBeVisible();
      await sessions.showOnly('ACTIVE');
      await expect(sessions.root.getByTestId('cancel-sql')).toHaveCount(0);
      const locks = new LocksPage(app);
      await locks.open();
      await expect(locks.roots.first()).toBeVisible();
      await expect(locks.root.getByTestId('cancel-sql')).toHaveCount(0);
      await locks.roots.first().getByTestId('kill-blocker').click();
      const kill = new StopDialog(app.page, 'kill');
      await kill.loaded();
      await expect(kill.statement).toHaveText(/^ALTER SYSTEM KILL SESSION '\d+,\d+,@1' IMMEDIATE$/);
      await kill.close.click();
    },
  );
});
