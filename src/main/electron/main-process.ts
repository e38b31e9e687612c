/**
 * The Electron shell around the core: lifecycle, the window, IPC binding, menu, logging and quitting.
 * Every Electron module is passed in by src/main/index.ts (the only main file that imports electron),
 * so this whole flow runs in vitest with fakes.
 */
import { dirname, join } from 'node:path';
import { IPC_EVENT } from '@shared/contract';
import type { MenuCommand, UiLanguage } from '@shared/contract/app';
import { TmsError } from '@shared/errors';
import type * as Electron from 'electron';
import type { CoreConfig } from '../config';
import type { Core, Platform } from '../core';
import { type NotificationCtor, notifyAlerts } from './alert-notifier';
import { registerAppScheme, serveAppProtocol } from './app-protocol';
import { forwardEvents, registerContractHandlers } from './ipc';
import { RotatingLog } from './log';
import { buildMenuTemplate } from './menu';
import {
  AppLocation,
  createSafeOpenExternal,
  installAppSecurity,
  installSessionSecurity,
  isTrustedSender,
  secureWebPreferences,
  TrustedWindows,
} from './security';
import { loadWindowState, MIN_WINDOW_SIZE, saveWindowState, trackWindowState } from './window-state';

export const PRODUCT_NAME = 'TMS Console';
/** how long quitting waits for pools and Redis to close */
export const CLOSE_TIMEOUT_MS = 5_000;

export type ElectronApi = Pick<
  typeof Electron,
  | 'app'
  | 'BrowserWindow'
  | 'ipcMain'
  | 'session'
  | 'dialog'
  | 'Menu'
  | 'shell'
  | 'screen'
  | 'safeStorage'
  | 'protocol'
>;

export interface StartOptions {
  createCore: (config: CoreConfig, platform: Platform) => Promise<Core>;
  loadConfig: (env: NodeJS.ProcessEnv, overrides?: Partial<CoreConfig>) => CoreConfig;
  /** out/preload/index.js */
  preloadPath: string;
  /** out/renderer/index.html: its folder is served on app://tms/ */
  indexHtml: string;
  env?: NodeJS.ProcessEnv;
  /** platform pieces only Electron has (e.g. a safeStorage-backed secret box) */
  platformExtras?: (electron: ElectronApi) => Partial<Platform>;
  /** install process-wide uncaught error loggers (off in tests) */
  processHooks?: boolean;
  /** also print log lines to stderr (default: when not packaged) */
  echoLog?: boolean;
}

export interface ElectronAppHandle {
  /** settles when the first window exists, or startup failed (and the app is exiting) */
  readonly ready: Promise<'started' | 'failed' | 'second-instance'>;
  readonly log: RotatingLog;
  readonly windows: TrustedWindows;
  getCore(): Core | undefined;
}

/** Title and text of the dialog shown when the console cannot start. */
export function describeStartupError(error: unknown, logFile: string): { title: string; message: string } {
  const reason = error instanceof Error ? error.message : String(error);
  const where = `Details are in the log file:\n${logFile}`;
  if (error instanceof SettingsError) {
    return {
      title: `${PRODUCT_NAME}: a setting is unusable`,
      message: `${reason}\n\nFix the setting (environment variables such as REDIS_URL, REDIS_ENABLED, TMS_*) and start the console again.\n\n${where}`,
    };
  }
  if (
    error instanceof TmsError &&
    (error.code === 'ORACLE_CONFIG' || error.code === 'ORACLE_THIN_UNSUPPORTED')
  ) {
    return {
      title: `${PRODUCT_NAME}: the Oracle client mode is unusable`,
      message: `${reason}\n\nCheck the Oracle client settings (Thin mode needs no Instant Client; Thick mode needs a valid Instant Client path).\n\n${where}`,
    };
  }
  return { title: `${PRODUCT_NAME} could not start`, message: `${reason}\n\n${where}` };
}

export class SettingsError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SettingsError';
  }
}

export function startElectronApp(electron: ElectronApi, options: StartOptions): ElectronAppHandle {
  const { app, BrowserWindow, ipcMain, dialog, Menu, shell, screen } = electron;
  const env = options.env ?? process.env;

  // Settings, secrets, logs and window state all live in one per-user folder.
  if (env.TMS_USER_DATA_DIR) app.setPath('userData', env.TMS_USER_DATA_DIR);
  else app.setPath('userData', join(app.getPath('appData'), PRODUCT_NAME));
  const userData = app.getPath('userData');
  const log = new RotatingLog({ dir: join(userData, 'logs'), echo: options.echoLog ?? !app.isPackaged });
  const windows = new TrustedWindows();
  const openWindows = new Set<Electron.BrowserWindow>();
  let core: Core | undefined;

  if (options.processHooks !== false) {
    process.on('uncaughtException', (error) => log.error('uncaught exception in main', error));
    process.on('unhandledRejection', (reason) => log.error('unhandled rejection in main', reason));
  }

  if (!app.requestSingleInstanceLock()) {
    log.info('another instance is running; handing over to it');
    app.quit();
    return {
      ready: Promise.resolve('second-instance'),
      log,
      windows,
      getCore: () => undefined,
    };
  }

  // The dev server URL is honoured only in an unpackaged build, so an env var cannot repoint a release.
  const devUrl = !app.isPackaged ? env.ELECTRON_RENDERER_URL : undefined;
  const location = new AppLocation({ rendererDir: dirname(options.indexHtml), devUrl });
  // the page's scheme needs its privileges before `ready` (Electron refuses them later)
  if (!app.isReady()) registerAppScheme(electron.protocol);
  const openLink = createSafeOpenExternal(shell, (m) => log.warn(m));
  const securityLog = (m: string) => log.warn(m);
  installAppSecurity(app, { location, openLink, log: securityLog });

  const mainWindow = (): Electron.BrowserWindow | undefined => {
    const focused = BrowserWindow.getFocusedWindow();
    if (focused && openWindows.has(focused)) return focused;
    return [...openWindows][0];
  };

  const sendCommand = (command: MenuCommand) => {
    const win = mainWindow();
    if (!win || win.webContents.isDestroyed()) return;
    win.webContents.send(IPC_EVENT, { name: 'app:menuCommand', payload: { command } });
  };

  const createWindow = (): Electron.BrowserWindow => {
    const stateFile = join(userData, 'window-state.json');
    const state = loadWindowState(
      stateFile,
      screen.getAllDisplays().map((d) => d.workArea),
    );
    const win = new BrowserWindow({
      ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
      width: state.width,
      height: state.height,
      minWidth: MIN_WINDOW_SIZE.width,
      minHeight: MIN_WINDOW_SIZE.height,
      show: false,
      title: PRODUCT_NAME,
      backgroundColor: '#f6f7f9', // the renderer's light --bg, so no flash before the first paint
      webPreferences: {
        ...secureWebPreferences(options.preloadPath, { devTools: !app.isPackaged }),
        // repeated literally (and winning over the spread) so electronegativity can verify them statically
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
        disableBlinkFeatures: 'Auxclick',
      },
    });
    const contentsId = win.webContents.id;
    windows.add(contentsId);
    openWindows.add(win);
    win.on('closed', () => {
      windows.delete(contentsId);
      openWindows.delete(win);
    });
    trackWindowState(win, (s) => saveWindowState(stateFile, s));
    win.once('ready-to-show', () => {
      if (state.maximized) win.maximize();
      win.show();
    });
    win.webContents.on('render-process-gone', (_e, details) =>
      log.error(`renderer process gone: ${details.reason} (exit code ${details.exitCode})`),
    );
    const load = win.loadURL(location.pageUrl);
    load.catch((error: unknown) => log.error('could not load the console page', error));
    return win;
  };

  const fail = (error: unknown): 'failed' => {
    log.error('startup failed', error);
    const { title, message } = describeStartupError(error, log.file);
    try {
      dialog.showErrorBox(title, message);
    } finally {
      app.exit(1);
    }
    return 'failed';
  };

  app.on('second-instance', () => {
    const win = mainWindow();
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('child-process-gone', (_e, details) =>
    log.warn(`child process gone: ${details.type} ${details.reason} (exit code ${details.exitCode})`),
  );

  // Quit: drain Oracle pools and close Redis before the process exits (once; then quit for real).
  let closing: 'no' | 'in-progress' | 'done' = 'no';
  app.on('before-quit', (event) => {
    if (closing === 'done' || !core) return;
    event.preventDefault();
    if (closing === 'in-progress') return;
    closing = 'in-progress';
    const current = core;
    void withTimeout(current.close(), CLOSE_TIMEOUT_MS)
      .catch((error: unknown) => log.error('error while closing connections', error))
      .finally(() => {
        closing = 'done';
        log.info('closed; quitting');
        app.quit();
      });
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  const start = async (): Promise<'started'> => {
    installSessionSecurity(electron.session.defaultSession, { location, openLink, log: securityLog });
    if (!location.devUrl) serveAppProtocol(electron.protocol, location.rendererDir);
    app.setAboutPanelOptions?.({ applicationName: PRODUCT_NAME, applicationVersion: app.getVersion() });
    let config: CoreConfig;
    try {
      config = options.loadConfig(env, {
        dataDir: userData,
        locale: env.TMS_LOCALE ?? app.getLocale(),
        version: app.getVersion(),
      });
    } catch (error) {
      throw new SettingsError(error instanceof Error ? error.message : String(error), { cause: error });
    }
    // the menu starts in the OS language and follows the DBA's choice in the console
    const setMenu = (language: UiLanguage) =>
      Menu.setApplicationMenu(
        Menu.buildFromTemplate(
          buildMenuTemplate({
            appName: PRODUCT_NAME,
            platform: process.platform,
            sendCommand,
            devTools: !app.isPackaged,
            language,
            openLogFolder: () => {
              void shell.openPath(log.dir);
            },
          }),
        ),
      );
    let menuLanguage: UiLanguage | null = null;
    const onUiLanguage = (language: UiLanguage) => {
      if (language === menuLanguage) return;
      menuLanguage = language;
      setMenu(language);
    };
    core = await options.createCore(config, {
      runtime: 'electron',
      logError: (message, error) => log.error(message, error),
      logInfo: (line) => log.info(line),
      onUiLanguage,
      ...options.platformExtras?.(electron),
    });
    const current = core;
    registerContractHandlers(ipcMain, {
      dispatch: (channel, request, ctx) => current.dispatch(channel, request, ctx),
      isTrusted: (event) => isTrustedSender(event, location, windows),
      onRejected: (channel, event) =>
        log.warn(`refused IPC ${channel} from an untrusted sender (${safeFrameUrl(event)})`),
    });
    forwardEvents(
      current.events,
      () => [...openWindows].filter((w) => !w.isDestroyed()).map((w) => w.webContents),
      (m, e) => log.warn(m, e),
    );
    onUiLanguage(/^ko\b/i.test(config.locale ?? '') ? 'ko' : 'en');
    // issue 17: a desktop notification when an alert opens (not muted here); a click shows the window
    notifyAlerts(current.events, (electron as unknown as { Notification?: NotificationCtor }).Notification, {
      // the language the DBA chose in the console (the menu follows it too), else the OS's
      locale: () => menuLanguage ?? config.locale,
      onClick: () => {
        const w = [...openWindows].find((x) => !x.isDestroyed());
        if (w) {
          if (w.isMinimized()) w.restore();
          w.focus();
        }
      },
      onError: (e) => log.warn('alert notification failed', e),
    });
    app.on('activate', () => {
      if (openWindows.size === 0) createWindow();
    });
    createWindow();
    log.info(
      `started ${PRODUCT_NAME} ${app.getVersion()} (${location.devUrl ? 'dev server' : 'bundled page'})`,
    );
    return 'started';
  };

  const ready = app
    .whenReady()
    .then(start)
    .catch((error: unknown) => fail(error));

  return { ready, log, windows, getCore: () => core };
}

function safeFrameUrl(event: Electron.IpcMainInvokeEvent): string {
  try {
    return event.senderFrame?.url.slice(0, 200) ?? 'no frame';
  } catch {
    return 'destroyed frame';
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
