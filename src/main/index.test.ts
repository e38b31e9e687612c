/**
 * The real entry (src/main/index.ts) with `electron` mocked: it must bind the whole contract to ipcMain,
 * open one hardened window and wire the core. The core is faked (no Redis or Oracle here).
 */
import { CHANNELS } from '@shared/contract';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { FakeElectron } from './electron/testing/fake-electron';

const state = vi.hoisted(() => ({ electron: undefined as unknown as FakeElectron, closed: 0 }));

vi.mock('electron', async () => {
  const { createFakeElectron } = await import('./electron/testing/fake-electron');
  state.electron = createFakeElectron();
  return state.electron;
});

vi.mock('./core', async () => {
  const { AppEvents } = await import('./events');
  return {
    createCore: vi.fn(async (config: unknown) => ({
      dispatch: vi.fn(async () => ({ ok: true, data: null })),
      events: new AppEvents(),
      config,
      close: vi.fn(async () => {
        state.closed++;
      }),
    })),
  };
});

describe('src/main/index.ts (electron mocked)', () => {
  beforeAll(async () => {
    vi.stubEnv('ELECTRON_RENDERER_URL', '');
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    await import('./index');
    await vi.waitFor(() => expect(state.electron.BrowserWindow.instances).toHaveLength(1));
  });

  it('takes the single-instance lock and sandboxes every renderer', () => {
    expect(state.electron.app.requestSingleInstanceLock).toHaveBeenCalled();
    expect(state.electron.app.enableSandbox).toHaveBeenCalled();
  });

  it('registers an ipcMain handler for every contract channel', () => {
    const registered = state.electron.ipcMain.handle.mock.calls.map((c) => c[0]).sort();
    expect(registered).toEqual([...CHANNELS].sort());
  });

  it('opens the window with secure preferences and the bundled preload', () => {
    const win = state.electron.BrowserWindow.instances[0]!;
    const prefs = win.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(String(prefs.preload)).toMatch(/preload[/\\]index\.js$/);
    // the page comes from the privileged app:// scheme serving the bundled renderer folder, never file://
    expect(win.loadFile).not.toHaveBeenCalled();
    expect(String(win.loadURL.mock.calls[0]?.[0])).toBe('app://tms/index.html');
    expect(state.electron.protocol.handlers.has('app')).toBe(true);
  });

  it('denies permissions and installs the app menu', () => {
    const callback = vi.fn();
    state.electron.session.defaultSession.permissionRequestHandler?.({}, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(state.electron.Menu.setApplicationMenu).toHaveBeenCalledTimes(1);
  });

  it('closes the core before quitting', async () => {
    state.electron.app.quit();
    await vi.waitFor(() => expect(state.electron.app.quitted).toBe(true));
    expect(state.closed).toBe(1);
  });
});
