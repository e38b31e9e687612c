/**
 * Electron hardening (Electron's security checklist; Doyensec electronegativity checks).
 * Electron-free at runtime: every Electron object is passed in (only src/main/index.ts imports electron),
 * so each rule is unit-tested with fakes.
 */
import type { App, HandlerDetails, IpcMainInvokeEvent, Session, WebContents, WebPreferences } from 'electron';

/** The console page's own origin (served by app-protocol.ts), never file:// */
export const APP_SCHEME = 'app';
export const APP_HOST = 'tms';
export const APP_INDEX_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** The page policy, also set as a meta tag in src/renderer/index.html. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

export function secureWebPreferences(
  preloadPath: string,
  options: { devTools?: boolean } = {},
): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    // middle-click must not open windows (AUXCLICK_JS_CHECK)
    disableBlinkFeatures: 'Auxclick',
    spellcheck: false,
    safeDialogs: true,
    devTools: options.devTools ?? true,
  };
}

/**
 * Where the app's own page lives: `app://tms/index.html` (the renderer folder served by app-protocol.ts),
 * or the electron-vite dev server (ELECTRON_RENDERER_URL, honoured only when the app is not packaged).
 */
export class AppLocation {
  /** the folder served on app://tms/ (out/renderer) */
  readonly rendererDir: string;
  readonly devUrl: URL | undefined;

  constructor(options: { rendererDir: string; devUrl?: string | undefined }) {
    this.rendererDir = options.rendererDir;
    this.devUrl = options.devUrl ? parseUrl(options.devUrl) : undefined;
    if (this.devUrl && !['http:', 'https:'].includes(this.devUrl.protocol)) {
      throw new Error(`ELECTRON_RENDERER_URL must be http(s), got ${this.devUrl.protocol}`);
    }
  }

  /** what the window loads */
  get pageUrl(): string {
    return this.devUrl ? this.devUrl.toString() : APP_INDEX_URL;
  }

  /**
   * Is `url` the app's own page? Compares parsed origins (dev), or scheme, host and path (app://: a
   * non-special scheme has no origin in WHATWG URL terms, so `origin` cannot be compared).
   */
  isAppUrl(url: string): boolean {
    const parsed = parseUrl(url);
    if (!parsed) return false;
    if (this.devUrl) return parsed.origin === this.devUrl.origin;
    return (
      parsed.protocol === `${APP_SCHEME}:` &&
      parsed.host === APP_HOST &&
      parsed.username === '' &&
      parsed.password === '' &&
      (parsed.pathname === '/' || parsed.pathname === '/index.html')
    );
  }
}

function parseUrl(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** Only plain https links (no credentials in the URL) ever leave the app. */
export function isSafeExternalUrl(url: string): boolean {
  const parsed = parseUrl(url);
  return (
    parsed !== undefined &&
    parsed.protocol === 'https:' &&
    parsed.hostname !== '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/** The one place that calls shell.openExternal. */
export function createSafeOpenExternal(
  shell: { openExternal(url: string): Promise<void> },
  log: (message: string) => void = () => {},
): (url: string) => Promise<boolean> {
  return async (url) => {
    if (!isSafeExternalUrl(url)) {
      log(`blocked opening a non-https link externally: ${String(url).slice(0, 200)}`);
      return false;
    }
    await shell.openExternal(new URL(url).toString());
    return true;
  };
}

/** The webContents ids of the windows this app created (the only ones allowed to call IPC). */
export class TrustedWindows {
  readonly #ids = new Set<number>();
  add(webContentsId: number): void {
    this.#ids.add(webContentsId);
  }
  delete(webContentsId: number): void {
    this.#ids.delete(webContentsId);
  }
  has(webContentsId: number): boolean {
    return this.#ids.has(webContentsId);
  }
}

type SenderEvent = Pick<IpcMainInvokeEvent, 'senderFrame'> & { sender: Pick<WebContents, 'id'> };

/**
 * An IPC call is trusted only from the main frame of one of our windows showing the app's own page
 * (no subframe, no navigated-away page, no foreign webContents).
 */
export function isTrustedSender(event: SenderEvent, location: AppLocation, windows: TrustedWindows): boolean {
  try {
    const frame = event.senderFrame;
    if (!frame) return false;
    if (frame.parent !== null) return false;
    if (!location.isAppUrl(frame.url)) return false;
    return windows.has(event.sender.id);
  } catch {
    // a destroyed frame throws on access
    return false;
  }
}

export interface SecurityOptions {
  location: AppLocation;
  /** the checked opener from createSafeOpenExternal */
  openLink: (url: string) => Promise<boolean>;
  log?: (message: string) => void;
}

type AppLike = Pick<App, 'on' | 'enableSandbox' | 'isReady'>;

/**
 * Before `ready`: sandbox every renderer and lock down every webContents as it is created
 * (navigation, new windows, webviews).
 */
export function installAppSecurity(app: AppLike, options: SecurityOptions): void {
  const log = options.log ?? (() => {});
  if (!app.isReady()) app.enableSandbox();
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, options, log));
}

export function hardenWebContents(
  contents: Pick<WebContents, 'on' | 'setWindowOpenHandler'>,
  options: SecurityOptions,
  log: (message: string) => void = () => {},
): void {
  const { location } = options;
  const guardNavigation = (event: { preventDefault(): void }, url: string) => {
    if (location.isAppUrl(url)) return;
    event.preventDefault();
    log(`blocked navigation to ${String(url).slice(0, 200)}`);
  };
  contents.on('will-navigate', guardNavigation);
  contents.on('will-redirect', guardNavigation);
  // Frames too (will-navigate covers the main frame only): the console has no iframes, so a subframe
  // navigating anywhere is refused, and the main frame may only go to the app's own page.
  contents.on('will-frame-navigate', (event) => {
    if (event.isMainFrame && location.isAppUrl(event.url)) return;
    event.preventDefault();
    log(`blocked ${event.isMainFrame ? '' : 'subframe '}navigation to ${String(event.url).slice(0, 200)}`);
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('blocked a <webview>');
  });
  contents.setWindowOpenHandler((details: HandlerDetails) => {
    if (isSafeExternalUrl(details.url)) {
      options.openLink(details.url).catch((error: unknown) => log(`opening a link failed: ${String(error)}`));
    } else {
      log(`blocked window.open of ${String(details.url).slice(0, 200)}`);
    }
    return { action: 'deny' };
  });
}

type SessionLike = Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'
> & {
  webRequest: Pick<Session['webRequest'], 'onHeadersReceived'>;
};

/**
 * After `ready`: deny every permission (camera, notifications, clipboard-read, …) and send the CSP
 * as a response header for the app's pages (the meta tag in index.html covers the rest).
 */
export function installSessionSecurity(session: SessionLike, options: SecurityOptions): void {
  const log = options.log ?? (() => {});
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log(`denied permission request: ${permission}`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    const isDocument = details.resourceType === 'mainFrame' || details.resourceType === 'subFrame';
    // Dev server pages keep the meta tag only (Vite's HMR preamble is an inline script).
    if (isDocument && !options.location.devUrl && options.location.isAppUrl(details.url)) {
      callback({
        responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
      });
      return;
    }
    callback({});
  });
}
