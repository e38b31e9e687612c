/**
 * Issue 13: every view in the demanding world — connected to a PDB of a CDB, a two-instance RAC, the
 * database host in another zone than the console — and CDB$ROOT with its per-PDB breakdown and PDB
 * filter. Each world is its own console (`TMS_DEMO_*`), against the suite's Redis.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { startRedisServer } from '../src/main/redis/testing/redis-server';
import { spawnWebConsole } from '../src/main/web/testing/spawn-console';
import { AlertsPage } from './pages/alerts-page';
import { ColumnMenu } from './pages/column-menu';
import { ConsolePage } from './pages/console-page';
import { DashboardPage } from './pages/dashboard-page';
import { LocksPage } from './pages/locks-page';
import { SchemasPage } from './pages/schemas-page';
import { SessionsPage } from './pages/sessions-page';
import { TopSqlPage } from './pages/top-sql-page';
import { TrendsPage } from './pages/trends-page';
import { WaitsPage } from './pages/waits-page';

/** The console (and thin mode) in Los Angeles, the database host in Seoul: 17 hours apart in December. */
const CONSOLE_TZ = 'America/Los_Angeles';
const HOST_OFFSET = '+09:00';
const TOKEN = 'e2e-worlds-token-0123456789abcdef';

/** A console of its own, with a Redis of its own: this world's demo data never mixes with the main suite's. */
async function startWorld(world: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), `tms-e2e-${world}-`));
  const redis = await startRedisServer();
  const server = await spawnWebConsole({
    env: {
      REDIS_URL: redis.url,
      TMS_DATA_DIR: dataDir,
      TMS_WEB_TOKEN: TOKEN,
      TMS_DEMO_LATENCY_SCALE: '0.02',
      TMS_DEMO_WORLD: world,
      TMS_DEMO_HOST_UTC_OFFSET: HOST_OFFSET,
      TZ: CONSOLE_TZ,
    },
  }).catch(async (error: unknown) => {
    await redis.stop();
    throw error;
  });
  return {
    url: server.url,
    stop: async () => {
      await server.stop();
      await redis.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const test = base.extend<{ app: ConsolePage }, { world: { url: string } }>({
  world: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures need the destructuring
    async ({}, use) => {
      const w = await startWorld('pdb-rac');
      await use({ url: w.url });
      await w.stop();
    },
    { scope: 'worker' },
  ],
  app: async ({ page, world }, use) => {
    const app = new ConsolePage(page, world.url, TOKEN);
    await app.open();
    await use(app);
  },
});

test.use({ timezoneId: CONSOLE_TZ });

/** "12/02/2026, 01:30:05" (en-US) -> 1 */
const hourOf = (text: string) => Number(/(\d{2}):\d{2}:\d{2}/.exec(text)?.[1] ?? Number.NaN);

test.describe('PDB + RAC + another host zone (TMS_DEMO_WORLD=pdb-rac)', () => {
  test('header names CDB, PDB, CON_ID and both instances, with the database and local clocks', async ({
    app,
  }) => {
    await expect(app.dbIdentity).toHaveAttribute('data-container-kind', 'pdb');
    await expect(app.page.getByTestId('db-identity-where')).toHaveText(
      'CDB PRODCDB · PDB SALESPDB (CON_ID 3)',
    );
    await expect(app.page.getByTestId('db-identity-instances')).toHaveText(
      'RAC, 2 instances: PRODCDB1, PRODCDB2',
    );
    await expect(app.dbClock).toContainText('(+09:00)');
    await expect(app.dbClock).toContainText('(-08:00)');
  });

  test('dashboard: PDB and host scope labels, per-instance figures and the cluster total', async ({
    app,
  }) => {
    const dash = new DashboardPage(app);
    await expect(dash.tileValue('aas')).toHaveText(/\d/);
    await expect(dash.tileScope('aas')).toHaveAttribute('data-scope', 'pdb');
    await expect(dash.tileScope('hostCpu')).toHaveAttribute('data-scope', 'host');
    await expect(dash.tileScope('bufferHit')).toHaveAttribute('data-scope', 'cdb');
    await expect(dash.waitClassScope).toHaveText('CDB-wide');
    await expect(dash.perInstanceRows).toHaveCount(2);
    await expect(dash.clusterTotal).toContainText('Cluster total');
    await expect(app.page.getByTestId('background-waits')).toContainText('System I/O');
    await app.screenshot('world-pdb-rac-dashboard');
  });

  test('sessions: rows of both instances with an instance column', async ({ app }) => {
    const sessions = new SessionsPage(app);
    await sessions.open();
    await expect(sessions.rows.first()).toBeVisible();
    await expect(sessions.root.getByTestId('col-instId')).toHaveText('Inst');
    await expect(sessions.count).toHaveAttribute('data-total', '320');
  });

  test('locks: the blocker on instance 2 heads its waiters on instance 1', async ({ app }) => {
    const locks = new LocksPage(app);
    await locks.open();
    await expect(locks.roots.first()).toBeVisible();
    // the largest tree (chain A: an idle transaction's row lock) comes first; its blocker is on instance 2
    await expect(locks.roots.first()).toContainText('@2');
    expect(await locks.waiters.count()).toBeGreaterThanOrEqual(5);
  });

  test('alerts: the team evaluator opens a blocked-sessions alert on instance 2 and a tablespace alert from Space', async ({
    app,
  }) => {
    const alerts = new AlertsPage(app);
    await alerts.open();
    // the blocker of the largest chain is on instance 2; the subject names it with its instance
    await expect(alerts.openAlert('blockedSessions').filter({ hasText: '@2' }).first()).toBeVisible({
      timeout: 60_000,
    });
    // Space's cached answer feeds the tablespace rule: SALES_IDX is at its MAXSIZE (~97.6 % > 90 %)
    await expect(alerts.openAlert('tablespace').filter({ hasText: 'SALES_IDX' })).toBeVisible({
      timeout: 60_000,
    });
  });

  test("wait events: the PDB's own, summed over both instances", async ({ app }) => {
    const waits = new WaitsPage(app);
    await waits.open();
    await expect(waits.classChart).toBeVisible();
    await expect(waits.eventRows.first()).toBeVisible();
    // the PDB's own waits, each instance against its own baseline
    await expect(waits.root.getByTestId('waits-scope')).toHaveAttribute('data-scope', 'pdb');
    await expect(waits.root.getByTestId('waits-scope')).toContainText('2 instances');
  });

  test('top SQL: instance column, and times switch between local and database time', async ({ app }) => {
    const top = new TopSqlPage(app);
    await top.open();
    await expect(top.rows.first()).toBeVisible();
    await expect(top.root.getByTestId('top-sql-inst').filter({ hasText: '2' }).first()).toBeVisible();
    // the column manager may give "Last active" way on a narrow window: the DBA shows it
    const menu = new ColumnMenu(app.page, top.root);
    await menu.setShown('lastActiveTime', true);
    await menu.close();
    const lastActive = top.rows.first().locator('td[data-column="lastActiveTime"]');
    await expect(lastActive).toBeVisible();
    const localText = (await lastActive.textContent()) ?? '';
    const local = hourOf(localText);
    await app.timeDisplayToggle.click();
    await expect(app.timeDisplayToggle).toHaveAttribute('data-mode', 'database');
    await expect(lastActive).not.toHaveText(localText);
    const db = hourOf((await lastActive.textContent()) ?? '');
    // Seoul is 17 hours ahead of Los Angeles in December
    expect((db - local + 24) % 24).toBe(17);
    await app.timeDisplayToggle.click();
    await expect(app.timeDisplayToggle).toHaveAttribute('data-mode', 'local');
    await top.openDetail(top.rows.first());
  });

  test('schemas and trends still answer in this world', async ({ app }) => {
    const schemas = new SchemasPage(app);
    await schemas.open();
    await expect(schemas.schemas.first()).toBeVisible();
    const trends = new TrendsPage(app);
    await trends.open();
    await expect(trends.charts.first()).toBeVisible();
  });
});

test.describe('CDB$ROOT with CONTAINER_DATA (TMS_DEMO_WORLD=root)', () => {
  test('header, per-PDB breakdown on the dashboard, and the PDB filter on sessions', async ({ page }) => {
    const world = await startWorld('root');
    try {
      await rootWorldChecks(page, world.url);
    } finally {
      await world.stop();
    }
  });
});

async function rootWorldChecks(page: Page, url: string): Promise<void> {
  const app = new ConsolePage(page, url, TOKEN);
  await app.open();
  await expect(app.dbIdentity).toHaveAttribute('data-container-kind', 'root');
  await expect(app.page.getByTestId('db-identity-where')).toHaveText('CDB PRODCDB · CDB$ROOT (CON_ID 1)');
  const dash = new DashboardPage(app);
  await expect(dash.perContainerRows).toHaveCount(2);
  await expect(dash.perContainerRows.nth(1)).toContainText('HRPDB');
  await expect(dash.tileScope('aas')).toHaveAttribute('data-scope', 'cdb');
  const sessions = new SessionsPage(app);
  await sessions.open();
  await expect(sessions.rows.first()).toBeVisible();
  const total = Number(await sessions.count.getAttribute('data-total'));
  await sessions.containerFilter.selectOption({ label: 'HRPDB (CON_ID 4)' });
  await expect(sessions.count).toHaveAttribute('data-shown', '48');
  expect(total).toBeGreaterThan(48);
}
