import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHANNELS, IPC_EVENT } from '@shared/contract';
import { TmsError } from '@shared/errors';
import { describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../config';
import type { Core } from '../core';
import { AppEvents } from '../events';
import { type ElectronApi, SettingsError, startElectronApp } from './main-process';
import { createFakeElectron, type FakeElectron } from './testing/fake-electron';

const indexHtml = '/app/out/renderer/index.html';
const indexUrl = 'app://tms/index.html';

function fakeCore(overrides: Partial<Core> = {}) {
  const events = new AppEvents();
  const core = {
    dispatch: vi.fn(async (channel: string) => ({ ok: true as const, data: channel })),
    events,
    config: {} as Core['config'],
    close: vi.fn(async () => {}),
    ...overrides,
  };
  return core;
}

function start(
  options: {
    electron?: FakeElectron;
    core?: ReturnType<typeof fakeCore>;
    createCore?: () => Promise<Core>;
    env?: NodeJS.ProcessEnv;
    loadConfig?: typeof loadConfig;
  } = {},
) {
  const electron = options.electron ?? createFakeElectron();
  const core = options.core ?? fakeCore();
  const createCore = vi.fn(options.createCore ?? (async () => core as Core));
  const handle = startElectronApp(electron as unknown as ElectronApi, {
    createCore,
    loadConfig: options.loadConfig ?? loadConfig,
    preloadPath: '/app/out/preload/index.js',
    indexHtml,
    env: options.env ?? {},
    processHooks: false,
    echoLog: false,
  });
  return { electron, core, createCore, handle };
}

describe('startElectronApp', () => {
  it('starts the core with userData paths and opens one hardened window', async () => {
    const { electron, createCore, handle } = start();
    expect(await handle.ready).toBe('started');
    const userData = join(electron.app.getPath('appData'), 'TMS Console');
    expect(electron.app.getPath('userData')).toBe(userData);
    expect(electron.app.enableSandbox).toHaveBeenCalled();
    const [config, platform] = createCore.mock.calls[0] as unknown as [
      { dataDir: string; locale: string },
      { runtime: string },
    ];
    expect(config.dataDir).toBe(userData);
    expect(config.locale).toBe('en-US');
    expect(platform.runtime).toBe('electron');

    expect(electron.BrowserWindow.instances).toHaveLength(1);
    const win = electron.BrowserWindow.instances[0]!;
    expect(win.options).toMatchObject({
      show: false,
      webPreferences: {
        preload: '/app/out/preload/index.js',
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
      },
    });
    // the page comes from the privileged app:// scheme, never file://
    expect(win.loadURL).toHaveBeenCalledWith('app://tms/index.html');
    expect(win.loadFile).not.toHaveBeenCalled();
    expect(electron.protocol.privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
    ]);
    expect([...electron.protocol.handlers.keys()]).toEqual(['app']);
    expect(win.show).not.toHaveBeenCalled();
    win.emit('ready-to-show');
    expect(win.show).toHaveBeenCalled();
    // the window's webContents got the navigation/window-open guards
    expect(win.webContents.windowOpenHandler?.({ url: 'https://x.example/' })).toEqual({ action: 'deny' });
    expect(electron.session.defaultSession.permissionRequestHandler).toBeDefined();
  });

  it('binds every contract channel with a sender check', async () => {
    const { electron, core, handle } = start();
    await handle.ready;
    expect([...electron.ipcMain.handlers.keys()].sort()).toEqual([...CHANNELS].sort());
    const win = electron.BrowserWindow.instances[0]!;
    const handler = electron.ipcMain.handlers.get('app:info')!;

    const trusted = { sender: { id: win.webContents.id }, senderFrame: { url: indexUrl, parent: null } };
    expect(await handler(trusted, {})).toEqual({ ok: true, data: 'app:info' });
    expect(core.dispatch).toHaveBeenCalledWith('app:info', {}, { transport: 'electron' });

    const subframe = { ...trusted, senderFrame: { url: indexUrl, parent: { url: indexUrl, parent: null } } };
    const foreign = { sender: { id: 999 }, senderFrame: { url: indexUrl, parent: null } };
    const navigated = { ...trusted, senderFrame: { url: 'https://evil.example/', parent: null } };
    for (const event of [subframe, foreign, navigated]) {
      expect(await handler(event, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(core.dispatch).toHaveBeenCalledTimes(1);
    expect(readFileSync(handle.log.file, 'utf8')).toContain('refused IPC app:info from an untrusted sender');

    // a closed window's webContents is no longer trusted
    win.close();
    expect(await handler(trusted, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('forwards core events and menu commands to the window', async () => {
    const { electron, core, handle } = start();
    await handle.ready;
    const win = electron.BrowserWindow.instances[0]!;
    core.events.emit('app:redisState', {
      enabled: true,
      breaker: 'open',
      connected: false,
      url: 'redis://x',
    });
    expect(win.webContents.send).toHaveBeenCalledWith(IPC_EVENT, {
      name: 'app:redisState',
      payload: expect.objectContaining({ breaker: 'open' }),
    });

    const menu = electron.Menu.buildFromTemplate.mock.calls[0]?.[0] as { submenu?: unknown }[];
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalled();
    const items = JSON.stringify(menu);
    expect(items).toContain('CmdOrCtrl+K');
    const view = menu.find((m) => (m as { label?: string }).label === 'View') as {
      submenu: { id?: string; click?: () => void }[];
    };
    view.submenu.find((i) => i.id === 'console.cachePanel')?.click?.();
    expect(win.webContents.send).toHaveBeenCalledWith(IPC_EVENT, {
      name: 'app:menuCommand',
      payload: { command: 'cachePanel' },
    });
  });

  it('closes the core once before quitting', async () => {
    let finishClose: () => void = () => {};
    const core = fakeCore({
      close: vi.fn(
        () =>
          new Promise<void>((resolve) => {
            finishClose = resolve;
          }),
      ),
    });
    const { electron, handle } = start({ core });
    await handle.ready;
    electron.app.quit();
    electron.app.quit(); // a second Cmd+Q while closing
    expect(core.close).toHaveBeenCalledTimes(1);
    expect(electron.app.quitted).toBe(false);
    finishClose();
    await vi.waitFor(() => expect(electron.app.quitted).toBe(true));
    expect(core.close).toHaveBeenCalledTimes(1);
  });

  it('quits even when closing fails', async () => {
    const core = fakeCore({ close: vi.fn(async () => Promise.reject(new Error('redis://u:pw@h down'))) });
    const { electron, handle } = start({ core });
    await handle.ready;
    electron.app.quit();
    await vi.waitFor(() => expect(electron.app.quitted).toBe(true));
    const log = readFileSync(handle.log.file, 'utf8');
    expect(log).toContain('error while closing connections');
    expect(log).not.toContain('pw@');
  });

  it('a second instance hands over and quits', async () => {
    const electron = createFakeElectron({ gotLock: false });
    const { handle } = start({ electron });
    expect(await handle.ready).toBe('second-instance');
    expect(electron.app.quit).toHaveBeenCalled();
    expect(electron.BrowserWindow.instances).toHaveLength(0);
  });

  it('focuses the existing window when a second instance starts', async () => {
    const { electron, handle } = start();
    await handle.ready;
    electron.app.emit('second-instance');
    expect(electron.BrowserWindow.instances[0]?.focus).toHaveBeenCalled();
  });

  it('shows a clear dialog and exits when a setting is unusable', async () => {
    const { electron, handle, createCore } = start({ env: { TMS_DEMO_LATENCY_SCALE: 'fast' } });
    expect(await handle.ready).toBe('failed');
    expect(createCore).not.toHaveBeenCalled();
    const [title, message] = electron.dialog.showErrorBox.mock.calls[0] as [string, string];
    expect(title).toBe('TMS Console: a setting is unusable');
    expect(message).toContain('"fast"');
    expect(message).toContain(handle.log.file);
    expect(electron.app.exitCode).toBe(1);
    expect(electron.BrowserWindow.instances).toHaveLength(0);
  });

  it('names the Oracle client mode when that is what failed', async () => {
    const { electron, handle } = start({
      createCore: async () => {
        throw new TmsError(
          'ORACLE_CONFIG',
          'Thick mode needs Oracle Instant Client: DPI-1047 (password=secret)',
        );
      },
    });
    expect(await handle.ready).toBe('failed');
    const [title] = electron.dialog.showErrorBox.mock.calls[0] as [string, string];
    expect(title).toBe('TMS Console: the Oracle client mode is unusable');
    expect(readFileSync(handle.log.file, 'utf8')).not.toContain('secret');
  });

  it('honours ELECTRON_RENDERER_URL only when not packaged', async () => {
    const dev = start({ env: { ELECTRON_RENDERER_URL: 'http://localhost:5173' } });
    await dev.handle.ready;
    expect(dev.electron.BrowserWindow.instances[0]?.loadURL).toHaveBeenCalledWith('http://localhost:5173/');

    const packaged = start({
      electron: createFakeElectron({ isPackaged: true }),
      env: { ELECTRON_RENDERER_URL: 'http://evil.example' },
    });
    await packaged.handle.ready;
    const win = packaged.electron.BrowserWindow.instances[0]!;
    expect(win.loadURL).toHaveBeenCalledWith('app://tms/index.html');
    expect(win.loadFile).not.toHaveBeenCalled();
    expect((win.options.webPreferences as { devTools: boolean }).devTools).toBe(false);
  });

  it('uses TMS_USER_DATA_DIR (isolated profiles for e2e)', async () => {
    const electron = createFakeElectron();
    const dir = join(electron.app.getPath('appData'), 'isolated');
    const { handle, createCore } = start({ electron, env: { TMS_USER_DATA_DIR: dir } });
    await handle.ready;
    expect((createCore.mock.calls[0] as unknown as [{ dataDir: string }])[0].dataDir).toBe(dir);
    expect(handle.log.dir).toBe(join(dir, 'logs'));
  });

  it('SettingsError is what a bad config becomes', () => {
    expect(new SettingsError('x').name).toBe('SettingsError');
  });
});
