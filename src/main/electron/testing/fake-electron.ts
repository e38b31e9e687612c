/**
 * A small in-memory stand-in for the Electron modules the shell uses (tests only; there is no Electron
 * binary on CI). Behaviour mirrors Electron where the shell depends on it: `web-contents-created` fires
 * for every new window, `ipcMain.handle` refuses a second handler, `app.quit()` emits `before-quit`.
 */
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, vi } from 'vitest';

/** user-data folders this module made: removed when the test file is done (npm test leaves no folder) */
const madeRoots: string[] = [];
afterAll(() => {
  for (const root of madeRoots.splice(0)) rmSync(root, { recursive: true, force: true });
});

export interface FakeElectronOptions {
  userDataRoot?: string;
  isPackaged?: boolean;
  gotLock?: boolean;
  displays?: { x: number; y: number; width: number; height: number }[];
}

export class FakeWebContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  destroyed = false;
  readonly send = vi.fn();
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

function madeRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'tms-electron-'));
  madeRoots.push(root);
  return root;
}

export function createFakeElectron(options: FakeElectronOptions = {}) {
  const root = options.userDataRoot ?? madeRoot();
  const paths: Record<string, string> = { appData: join(root, 'appData'), userData: join(root, 'userData') };
  let ready = false;

  const app = Object.assign(new EventEmitter(), {
    isPackaged: options.isPackaged ?? false,
    quitted: false,
    exitCode: undefined as number | undefined,
    setPath: vi.fn((name: string, value: string) => {
      paths[name] = value;
    }),
    getPath: vi.fn((name: string) => paths[name] ?? join(root, name)),
    requestSingleInstanceLock: vi.fn(() => options.gotLock ?? true),
    enableSandbox: vi.fn(),
    isReady: () => ready,
    whenReady: vi.fn(async () => {
      ready = true;
    }),
    getLocale: () => 'en-US',
    getVersion: () => '0.1.0-test',
    quit: vi.fn(() => {
      let prevented = false;
      app.emit('before-quit', {
        preventDefault: () => {
          prevented = true;
        },
      });
      if (!prevented) app.quitted = true;
    }),
    exit: vi.fn((code?: number) => {
      app.exitCode = code ?? 0;
    }),
  });

  class BrowserWindow extends EventEmitter {
    static instances: BrowserWindow[] = [];
    static focused: BrowserWindow | null = null;
    static getFocusedWindow = vi.fn(() => BrowserWindow.focused);
    static getAllWindows = vi.fn(() => BrowserWindow.instances.filter((w) => !w.destroyed));
    readonly webContents = new FakeWebContents();
    readonly loadFile = vi.fn(async (_path: string) => {});
    readonly loadURL = vi.fn(async (_url: string) => {});
    readonly show = vi.fn();
    readonly maximize = vi.fn();
    readonly focus = vi.fn();
    readonly restore = vi.fn();
    destroyed = false;
    bounds: { x: number; y: number; width: number; height: number };
    constructor(readonly options: Record<string, unknown>) {
      super();
      this.bounds = {
        x: (options.x as number) ?? 0,
        y: (options.y as number) ?? 0,
        width: options.width as number,
        height: options.height as number,
      };
      BrowserWindow.instances.push(this);
      app.emit('web-contents-created', {}, this.webContents);
    }
    getNormalBounds() {
      return this.bounds;
    }
    isMaximized() {
      return false;
    }
    isMinimized() {
      return false;
    }
    isDestroyed() {
      return this.destroyed;
    }
    close() {
      this.emit('close');
      this.destroyed = true;
      this.webContents.destroyed = true;
      this.emit('closed');
    }
  }

  const ipcHandlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  const ipcMain = {
    handlers: ipcHandlers,
    handle: vi.fn((channel: string, listener: (event: unknown, ...args: unknown[]) => unknown) => {
      if (ipcHandlers.has(channel))
        throw new Error(`Attempted to register a second handler for '${channel}'`);
      ipcHandlers.set(channel, listener);
    }),
    removeHandler: vi.fn((channel: string) => {
      ipcHandlers.delete(channel);
    }),
  };

  const defaultSession = {
    permissionRequestHandler: undefined as
      | ((wc: unknown, permission: string, callback: (granted: boolean) => void, details?: unknown) => void)
      | undefined,
    permissionCheckHandler: undefined as ((...args: unknown[]) => boolean) | undefined,
    devicePermissionHandler: undefined as ((...args: unknown[]) => boolean) | undefined,
    headersListener: undefined as
      | ((details: Record<string, unknown>, callback: (response: Record<string, unknown>) => void) => void)
      | undefined,
    setPermissionRequestHandler: vi.fn((handler) => {
      defaultSession.permissionRequestHandler = handler;
    }),
    setPermissionCheckHandler: vi.fn((handler) => {
      defaultSession.permissionCheckHandler = handler;
    }),
    setDevicePermissionHandler: vi.fn((handler) => {
      defaultSession.devicePermissionHandler = handler;
    }),
    webRequest: {
      onHeadersReceived: vi.fn((listener) => {
        defaultSession.headersListener = listener;
      }),
    },
  };

  const displays = options.displays ?? [{ x: 0, y: 0, width: 2560, height: 1415 }];

  // Electron accepts scheme privileges only before `ready`, and one handler per scheme
  const protocolHandlers = new Map<string, (request: Request) => Promise<Response>>();
  const protocol = {
    handlers: protocolHandlers,
    privileged: [] as { scheme: string; privileges: Record<string, boolean> }[],
    registerSchemesAsPrivileged: vi.fn(
      (schemes: { scheme: string; privileges: Record<string, boolean> }[]) => {
        if (ready) throw new Error('registerSchemesAsPrivileged should be called before app is ready');
        protocol.privileged.push(...schemes);
      },
    ),
    handle: vi.fn((scheme: string, handler: (request: Request) => Promise<Response>) => {
      if (!ready) throw new Error('protocol.handle before app ready');
      if (protocolHandlers.has(scheme)) throw new Error(`The scheme "${scheme}" is already handled`);
      protocolHandlers.set(scheme, handler);
    }),
  };

  return {
    app,
    BrowserWindow,
    ipcMain,
    session: { defaultSession },
    protocol,
    dialog: { showErrorBox: vi.fn() },
    Menu: {
      buildFromTemplate: vi.fn((template: unknown[]) => ({ template })),
      setApplicationMenu: vi.fn(),
    },
    shell: { openExternal: vi.fn(async (_url: string) => {}), openPath: vi.fn(async (_p: string) => '') },
    /** desktop notifications (alerts): each one shown is kept for the test to read */
    Notification: FakeNotification,
    screen: {
      getAllDisplays: vi.fn(() => displays.map((workArea, i) => ({ id: i + 1, workArea, bounds: workArea }))),
    },
    safeStorage: {
      isEncryptionAvailable: () => true,
      encryptString: (s: string) => Buffer.from(`enc:${s}`),
      decryptString: (b: Buffer) => b.toString().replace(/^enc:/, ''),
    },
    contextBridge: { exposeInMainWorld: vi.fn() },
    ipcRenderer: { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn() },
  };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;

/** Electron's Notification, enough for the alert notifier: records what was shown. */
export class FakeNotification {
  static shown: { title: string; body: string }[] = [];
  static isSupported(): boolean {
    return true;
  }
  readonly #options: { title: string; body: string };
  #onClick: (() => void) | null = null;
  constructor(options: { title: string; body: string }) {
    this.#options = options;
  }
  on(event: string, listener: () => void): this {
    if (event === 'click') this.#onClick = listener;
    return this;
  }
  show(): void {
    FakeNotification.shown.push(this.#options);
  }
  click(): void {
    this.#onClick?.();
  }
}
