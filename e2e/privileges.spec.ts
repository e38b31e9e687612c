/**
 * Issue 13 point 4: a least-privilege monitoring account (TMS_DEMO_PRIVILEGES=least: the README's minimal
 * object grants, no DBA_*, no ALTER SYSTEM) — monitoring works, the schema browser says it lists only
 * objects the account can access, "Check privileges" names what is limited or off and the grants, and kill
 * names ALTER SYSTEM. Its own console and Redis.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect } from '@playwright/test';
import { startRedisServer } from '../src/main/redis/testing/redis-server';
import { spawnWebConsole } from '../src/main/web/testing/spawn-console';
import { ConnectionSwitcherPage } from './pages/connection-switcher-page';
import { ConsolePage } from './pages/console-page';
import { SchemasPage } from './pages/schemas-page';
import { SessionsPage } from './pages/sessions-page';

const TOKEN = 'e2e-privileges-token-0123456789abcd';

const test = base.extend<{ app: ConsolePage }, { world: { url: string } }>({
  world: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures need the destructuring
    async ({}, use) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'tms-e2e-privileges-'));
      const redis = await startRedisServer();
      const server = await spawnWebConsole({
        env: {
          REDIS_URL: redis.url,
          TMS_DATA_DIR: dataDir,
          TMS_WEB_TOKEN: TOKEN,
          TMS_DEMO_LATENCY_SCALE: '0.02',
          TMS_DEMO_PRIVILEGES: 'least',
          TMS_DEMO_PACK_ACCESS: 'NONE',
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

test.describe('least-privilege account (TMS_DEMO_PRIVILEGES=least)', () => {
  test('schema browser reads ALL_* and says so', async ({ app }) => {
    const schemas = new SchemasPage(app);
    await schemas.open();
    await expect(schemas.schemas.first()).toBeVisible();
    await expect(schemas.dictionaryNote).toBeVisible();
    await expect(schemas.dictionaryNote).toContainText('Objects your account can access');
  });

  test('check privileges lists what is on, limited and off, with the grants', async ({ app }) => {
    const switcher = new ConnectionSwitcherPage(app.page);
    const report = await switcher.checkPrivileges('Demo');
    await expect(report).toHaveAttribute('data-dictionary', 'all');
    const feature = (name: string) => report.locator(`[data-feature="${name}"]`);
    await expect(feature('sessions')).toHaveAttribute('data-status', 'full');
    await expect(feature('schema-browser')).toHaveAttribute('data-status', 'limited');
    await expect(feature('kill')).toHaveAttribute('data-status', 'off');
    await expect(feature('diagnostics-pack')).toHaveAttribute('data-status', 'off');
    await expect(feature('diagnostics-pack')).toContainText('NONE');
    // the views added after the report: the minimal grants cover their V$ views; Space's tablespaces and
    // the object names of the drill-down and the sampler need DBA_* (the rest of those views still shows)
    for (const name of ['limits', 'alert-log', 'longops', 'memory-io'])
      await expect(feature(name)).toHaveAttribute('data-status', 'full');
    for (const name of ['space', 'session-detail', 'activity'])
      await expect(feature(name)).toHaveAttribute('data-status', 'limited');
    await expect(feature('space')).toContainText('DBA_TABLESPACE_USAGE_METRICS');
    await expect(feature('space')).toContainText('Tablespaces');
    const grants = report.getByTestId('privilege-grants');
    await expect(grants).toContainText('GRANT ALTER SYSTEM TO TMS_MONITOR;');
    await expect(grants).toContainText('GRANT SELECT_CATALOG_ROLE TO TMS_MONITOR;');
    await expect(grants).toContainText('GRANT SELECT ON SYS.DBA_TABLESPACE_USAGE_METRICS TO TMS_MONITOR;');
  });

  test('kill without ALTER SYSTEM names the grant and leaves the session', async ({ app }) => {
    const sessions = new SessionsPage(app);
    await sessions.open();
    const candidate = sessions.root
      .locator('[data-testid="sessions-row"]:not([data-blocker]):not([data-blocked])')
      .first();
    await expect(candidate).toBeVisible();
    const key = await sessions.keyOf(candidate);
    await candidate.getByTestId('kill').click();
    const dialog = app.page.getByTestId('kill-dialog');
    await dialog.getByTestId('kill-confirm').click();
    await expect(dialog).toContainText('GRANT ALTER SYSTEM TO TMS_MONITOR;');
    await dialog.getByTestId('kill-cancel').click();
    await expect(sessions.row(key)).toHaveCount(1);
  });
});
