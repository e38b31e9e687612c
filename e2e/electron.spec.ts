/**
 * The real Electron app (out/main/index.js) driven by Playwright's `_electron`. Needs the Electron
 * binary, which `npm install` does not fetch (.npmrc ignore-scripts) and the CI machine cannot download:
 * there the suite is skipped with the reason printed. On a Mac: `npm install`, `npm start` once (it
 * downloads the binary), then `npm run build && npx playwright test --project electron`.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, type ElectronApplication, expect, type Page, test } from '@playwright/test';

function findElectron(): { path?: string; reason?: string } {
  try {
    const path = createRequire(join(process.cwd(), 'package.json'))('electron') as unknown;
    if (typeof path !== 'string') return { reason: 'the electron package did not return a binary path' };
    if (!existsSync(path)) return { reason: `the Electron binary is missing (${path})` };
    return { path };
  } catch (error) {
    return {
      reason: `the Electron binary is not installed (${error instanceof Error ? error.message : String(error)}); \`npm start\` or \`node node_modules/electron/install.js\` downloads it where its host can be reached`,
    };
  }
}

const electron = findElectron();
const hasElectronBinary = electron.path !== undefined;
if (!hasElectronBinary) console.log(`[electron.spec] skipped: ${electron.reason}`);

test.describe('Electron app', () => {
  test.skip(!hasElectronBinary, `skipped: ${electron.reason}`);

  let app: ElectronApplication;
  let page: Page;
  let userData: string;

  test.beforeAll(async () => {
    if (!existsSync('out/main/index.js'))
      throw new Error('out/main/index.js is missing: run `npm run build` first');
    userData = mkdtempSync(join(tmpdir(), 'tms-electron-e2e-'));
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
    delete env.ELECTRON_RENDERER_URL; // the built page, not a dev server
    delete env.ELECTRON_RUN_AS_NODE;
    app = await _electron.launch({
      args: ['out/main/index.js'],
      env: {
        ...env,
        // an isolated profile: settings, secrets, logs and window state go here, not the user's own
        TMS_USER_DATA_DIR: userData,
        TMS_DEMO_LATENCY_SCALE: '0.05',
        // the suite's own redis-server when the e2e global setup started one, else L1-only
        ...(process.env.TMS_E2E_REDIS_URL
          ? { REDIS_URL: process.env.TMS_E2E_REDIS_URL }
          : { REDIS_ENABLED: 'false' }),
      },
    });
    page = await app.firstWindow();
  });

  test.afterAll(async () => {
    await app?.close();
    if (userData) rmSync(userData, { recursive: true, force: true });
  });

  test('opens on the Demo connection and shows the cache panel', async () => {
    await expect(page.locator('[data-testid=connection-switcher]')).toBeVisible();
    await expect(page.locator('[data-testid=connection-switcher]')).toContainText(/demo/i);
    await page.locator('[data-testid=nav-cache]').click();
    await expect(page.locator('[data-testid=cache-panel]')).toBeVisible();
  });

  test('the page gets window.tms and nothing of Node or Electron', async () => {
    const probe = await page.evaluate(async () => {
      const w = window as unknown as Record<string, unknown> & { tms: Record<string, unknown> };
      const info = await (
        w.tms.app as { info: (r: object) => Promise<{ ok: boolean; data?: { runtime?: string } }> }
      ).info({});
      return {
        require: typeof w.require,
        process: typeof w.process,
        ipcRenderer: 'ipcRenderer' in w.tms,
        frozen: Object.isFrozen(w.tms),
        runtime: info.ok ? info.data?.runtime : undefined,
      };
    });
    expect(probe).toEqual({
      require: 'undefined',
      process: 'undefined',
      ipcRenderer: false,
      frozen: true,
      runtime: 'electron',
    });
  });

  test('the menu carries the console shortcuts', async () => {
    const shortcuts = await app.evaluate(({ Menu }) => {
      const menu = Menu.getApplicationMenu();
      return ['refresh', 'connectionSwitcher', 'cachePanel'].map(
        (c) => menu?.getMenuItemById(`console.${c}`)?.accelerator,
      );
    });
    expect(shortcuts).toEqual(['CmdOrCtrl+R', 'CmdOrCtrl+K', 'CmdOrCtrl+Shift+C']);
  });

  test('navigation away from the app and window.open are refused', async () => {
    const before = page.url();
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    await page.waitForTimeout(300);
    expect(page.url()).toBe(before);
    const opened = await page.evaluate(() => window.open('https://example.com/') === null);
    expect(opened).toBe(true);
    expect(app.windows()).toHaveLength(1);
  });
});
