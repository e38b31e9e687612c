/**
 * Issue 17: Space (tablespaces by % of the autoextend maximum, recovery area, ASM, TEMP by session) and
 * Limits (V$RESOURCE_LIMIT), in English and Korean, in the PDB world, the PDB + RAC world, and with a
 * least-privilege / bare account. Each world is its own console and Redis.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { startRedisServer } from '../src/main/redis/testing/redis-server';
import { spawnWebConsole } from '../src/main/web/testing/spawn-console';
import { ConsolePage } from './pages/console-page';
import { LimitsPage } from './pages/limits-page';
import { SessionsPage } from './pages/sessions-page';
import { SpacePage } from './pages/space-page';

const TOKEN = 'e2e-space-token-0123456789abcdef0';

// each block starts its own console; the checks visit two views and a busy machine makes that slow
test.describe.configure({ timeout: 180_000 });

/** A console and Redis of its own for one describe block (started once, stopped after its tests). */
function useWorld(env: Record<string, string>): { url: () => string } {
  let url = '';
  let stop: () => Promise<void> = async () => {};
  test.beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tms-e2e-space-'));
    const redis = await startRedisServer();
    const server = await spawnWebConsole({
      env: {
        REDIS_URL: redis.url,
        TMS_DATA_DIR: dataDir,
        TMS_WEB_TOKEN: TOKEN,
        TMS_DEMO_LATENCY_SCALE: '0.02',
        ...env,
      },
    }).catch(async (error: unknown) => {
      await redis.stop();
      throw error;
    });
    url = server.url;
    stop = async () => {
      await server.stop();
      await redis.stop();
      rmSync(dataDir, { recursive: true, force: true });
    };
  });
  test.afterAll(async () => {
    await stop();
  });
  return { url: () => url };
}

async function openConsole(page: Page, url: string): Promise<ConsolePage> {
  const app = new ConsolePage(page, url, TOKEN);
  await app.open();
  return app;
}

const pctOf = async (row: import('@playwright/test').Locator) => Number(await row.getAttribute('data-pct'));

test.describe('PDB world (TMS_DEMO_WORLD=pdb)', () => {
  const world = useWorld({ TMS_DEMO_WORLD: 'pdb' });

  test('Space: fullest of the autoextend maximum first, MAXSIZE flagged, FRA CDB-wide, no ASM, TEMP users', async ({
    page,
  }) => {
    const app = await openConsole(page, world.url());
    const space = new SpacePage(app);
    await space.open();
    await expect(space.title).toHaveText('Space');
    await expect(space.tablespaceRows.first()).toBeVisible();
    await expect(space.unitsNote).toContainText('1 GiB = 1024³');
    await expect(space.unitsNote).toContainText('autoextend');
    await expect(space.tablespacesScope).toHaveAttribute('data-scope', 'pdb');
    // sorted by % of the maximum: SALES_IDX (at MAXSIZE) then SALES_DATA (near full, may still grow)
    await expect(space.tablespaceRows.first()).toHaveAttribute('data-name', 'SALES_IDX');
    await expect(space.tablespace('SALES_IDX').getByTestId('at-max')).toBeVisible();
    await expect(space.tablespace('SALES_IDX')).toHaveAttribute('data-fullness', 'crit');
    await expect(space.tablespace('SALES_DATA')).toHaveAttribute('data-fullness', 'warn');
    await expect(space.tablespace('SALES_DATA').getByTestId('at-max')).toHaveCount(0);
    await expect(space.tablespace('SALES_DATA')).toContainText('GiB');
    await expect(space.tablespace('HR_DATA')).toHaveCount(0);
    const pcts = await space.tablespaceRows.evaluateAll((rows) =>
      rows.map((r) => Number(r.getAttribute('data-pct'))),
    );
    expect(pcts).toEqual([...pcts].sort((a, b) => b - a));
    // the recovery area: the whole CDB's, ~65 % used
    await expect(space.fraScope).toHaveAttribute('data-scope', 'cdb');
    await expect(space.fraScope).toContainText('whole CDB');
    const fra = Number(await space.fraSummary.getAttribute('data-pct'));
    expect(fra).toBeGreaterThan(60);
    expect(fra).toBeLessThan(70);
    await expect(space.noAsm).toContainText('not an error');
    // TEMP users: sessions of this PDB, with their own (faster) cache entry
    await expect(space.tempRows.first()).toBeVisible();
    await expect(space.tempScope).toHaveAttribute('data-scope', 'pdb');
    await expect(space.tempScope).toContainText('8 KiB');
    await expect(space.tempAge).toContainText('TEMP read');
    await expect(space.origin).toBeVisible();
  });

  test('a TEMP user is a session of the Sessions view (same SID)', async ({ page }) => {
    const app = await openConsole(page, world.url());
    const space = new SpacePage(app);
    await space.open();
    const first = space.tempRows.first();
    const sid = (await first.getAttribute('data-sid'))!;
    const serial = (await first.getAttribute('data-serial'))!;
    expect(Number(sid)).toBeGreaterThan(0);
    const sessions = new SessionsPage(app);
    await sessions.open();
    await sessions.filter.fill(sid);
    await expect(sessions.row({ sid, serial })).toBeVisible();
  });

  test('Limits: processes first, instance-wide scope, % of limit, HWM since startup, UNLIMITED', async ({
    page,
  }) => {
    const app = await openConsole(page, world.url());
    const limits = new LimitsPage(app);
    await limits.open();
    await expect(limits.rows.first()).toHaveAttribute('data-resource', 'processes');
    const p = await pctOf(limits.row('processes'));
    expect(p).toBeGreaterThan(50);
    expect(p).toBeLessThan(85);
    await expect(limits.scope).toHaveAttribute('data-scope', 'cdb');
    await expect(limits.scope).toContainText('also when read from a PDB');
    await expect(limits.note).toContainText('since the instance started');
    await expect(limits.row('enqueue_resources')).toContainText('UNLIMITED');
    await expect(limits.row('enqueue_resources')).toHaveAttribute('data-pct', '');
  });

  test('in Korean', async ({ page }) => {
    const app = await openConsole(page, world.url());
    await app.setLanguage('ko');
    const space = new SpacePage(app);
    await space.open();
    await expect(space.title).toHaveText('공간');
    await expect(space.unitsNote).toContainText('이진 단위');
    await expect(space.tablespace('SALES_IDX').getByTestId('at-max')).toHaveText('MAXSIZE 도달');
    await expect(space.fraScope).toContainText('CDB 전체');
    await expect(space.noAsm).toContainText('ASM 없음');
    await expect(space.tempAge).toContainText('TEMP 조회');
    const limits = new LimitsPage(app);
    await limits.open();
    await expect(limits.title).toHaveText('리소스 한도');
    await expect(limits.note).toContainText('인스턴스 시작 이후');
    await expect(limits.row('enqueue_resources')).toContainText('무제한');
  });
});

test.describe('PDB + RAC world (TMS_DEMO_WORLD=pdb-rac)', () => {
  const world = useWorld({ TMS_DEMO_WORLD: 'pdb-rac' });

  test('ASM disk groups, TEMP on both instances, limits per instance', async ({ page }) => {
    const app = await openConsole(page, world.url());
    const space = new SpacePage(app);
    await space.open();
    await expect(space.asmRows).toHaveCount(2);
    await expect(space.asmRows.first()).toHaveAttribute('data-name', 'DATA');
    await expect(space.tablespace('UNDOTBS2')).toBeVisible();
    await expect(space.tempScope).toContainText('every instance');
    const insts = await space.tempRows.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-inst')));
    expect(new Set(insts)).toEqual(new Set(['1', '2']));
    const limits = new LimitsPage(app);
    await limits.open();
    await expect(limits.scope).toHaveAttribute('data-instances', 'cluster');
    await expect(limits.row('processes', 1)).toBeVisible();
    await expect(limits.row('processes', 2)).toBeVisible();
    await expect(limits.row('gcs_resources', 2)).toBeVisible();
  });

  test('in Korean', async ({ page }) => {
    const app = await openConsole(page, world.url());
    await app.setLanguage('ko');
    const space = new SpacePage(app);
    await space.open();
    await expect(space.asmRows).toHaveCount(2);
    await expect(space.tempScope).toContainText('모든 인스턴스');
    const limits = new LimitsPage(app);
    await limits.open();
    await expect(limits.scope).toContainText('인스턴스 2개');
  });
});

test.describe('least-privilege account (TMS_DEMO_PRIVILEGES=least)', () => {
  const world = useWorld({ TMS_DEMO_PRIVILEGES: 'least' });

  test('tablespaces name the missing DBA_ grant; the recovery area, TEMP and limits still show', async ({
    page,
  }) => {
    const app = await openConsole(page, world.url());
    const space = new SpacePage(app);
    await space.open();
    await expect(space.tablespacesDenied).toContainText(
      'GRANT SELECT ON SYS.DBA_TABLESPACE_USAGE_METRICS TO TMS_MONITOR;',
    );
    await expect(space.tablespacesDenied).toContainText('SELECT_CATALOG_ROLE');
    await expect(space.fraSummary).toBeVisible();
    await expect(space.tempRows.first()).toBeVisible();
    const limits = new LimitsPage(app);
    await limits.open();
    await expect(limits.rows.first()).toBeVisible();
  });
});

test.describe('bare account (TMS_DEMO_PRIVILEGES=bare)', () => {
  const world = useWorld({ TMS_DEMO_PRIVILEGES: 'bare' });

  test('each view names every grant it needs', async ({ page }) => {
    const app = await openConsole(page, world.url());
    const space = new SpacePage(app);
    await space.open();
    await expect(space.error).toBeVisible();
    await expect(space.root.locator('.error-grant').first()).toContainText(
      'GRANT SELECT ON SYS.V_$RECOVERY_FILE_DEST TO TMS_MONITOR;',
    );
    const limits = new LimitsPage(app);
    await limits.open();
    await expect(limits.root.locator('.error-grant').first()).toContainText('SYS.GV_$RESOURCE_LIMIT');
  });
});
