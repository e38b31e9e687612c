import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import {
  APP_INDEX_URL,
  AppLocation,
  CONTENT_SECURITY_POLICY,
  createSafeOpenExternal,
  hardenWebContents,
  installAppSecurity,
  installSessionSecurity,
  isSafeExternalUrl,
  isTrustedSender,
  secureWebPreferences,
  TrustedWindows,
} from './security';
import { createFakeElectron, FakeWebContents } from './testing/fake-electron';

const rendererDir = join('/opt/TMS Console/resources/app.asar/out/renderer');
const indexHtml = join(rendererDir, 'index.html');
/** the page as the window loads it: app://tms/index.html, never file:// */
const indexUrl = APP_INDEX_URL;
const indexFileUrl = pathToFileURL(indexHtml).toString();
const prod = new AppLocation({ rendererDir });
const dev = new AppLocation({ rendererDir, devUrl: 'http://localhost:5173' });

describe('secureWebPreferences', () => {
  it('isolates, sandboxes and disables node and risky features', () => {
    const prefs = secureWebPreferences('/app/out/preload/index.js');
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
    });
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs.disableBlinkFeatures).toContain('Auxclick');
    expect(secureWebPreferences('/p', { devTools: false }).devTools).toBe(false);
  });
});

describe('AppLocation.isAppUrl', () => {
  it('accepts only app://tms/index.html in production, and no file:// page at all', () => {
    expect(indexUrl).toBe('app://tms/index.html');
    expect(prod.pageUrl).toBe('app://tms/index.html');
    expect(prod.isAppUrl(indexUrl)).toBe(true);
    expect(prod.isAppUrl('app://tms/')).toBe(true);
    expect(prod.isAppUrl(`${indexUrl}#/cache`)).toBe(true);
    expect(prod.isAppUrl(`${indexUrl}?x=1`)).toBe(true);
    expect(prod.isAppUrl(indexFileUrl)).toBe(false);
    expect(prod.isAppUrl(pathToFileURL('/etc/passwd').toString())).toBe(false);
    expect(prod.isAppUrl('app://tms/other.html')).toBe(false);
    expect(prod.isAppUrl('app://evil/index.html')).toBe(false);
    expect(prod.isAppUrl('app://tms.evil/index.html')).toBe(false);
    expect(prod.isAppUrl('app://x:y@tms/index.html')).toBe(false);
    expect(prod.isAppUrl('app://tms/assets/../index.html')).toBe(true); // the URL parser resolves it
    expect(prod.isAppUrl('appx://tms/index.html')).toBe(false);
    expect(prod.isAppUrl('http://localhost:5173/')).toBe(false);
    expect(prod.isAppUrl('not a url')).toBe(false);
  });

  it('compares parsed origins for the dev server, not string prefixes', () => {
    expect(dev.isAppUrl('http://localhost:5173/')).toBe(true);
    expect(dev.isAppUrl('http://localhost:5173/index.html#/x')).toBe(true);
    expect(dev.isAppUrl('http://localhost:5173.evil.com/')).toBe(false);
    expect(dev.isAppUrl('http://localhost:5174/')).toBe(false);
    expect(dev.isAppUrl('https://localhost:5173/')).toBe(false);
    expect(dev.isAppUrl('http://localhost:5173@evil.com/')).toBe(false);
    expect(dev.isAppUrl(indexUrl)).toBe(false);
  });

  it('refuses a non-http dev url', () => {
    expect(() => new AppLocation({ rendererDir, devUrl: 'file:///tmp/x.html' })).toThrow(/http/);
  });
});

describe('external links', () => {
  it('only plain https urls are safe', () => {
    expect(isSafeExternalUrl('https://docs.oracle.com/en/database/')).toBe(true);
    for (const url of [
      'http://example.com',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'https://user:pass@example.com',
      'ms-settings:',
      'https:',
      '',
      'HTTPS//example.com',
    ]) {
      expect(isSafeExternalUrl(url), url).toBe(false);
    }
  });

  it('safeOpenExternal opens https and refuses the rest', async () => {
    const shell = { openExternal: vi.fn(async () => {}) };
    const log = vi.fn();
    const open = createSafeOpenExternal(shell, log);
    expect(await open('https://example.com/a b')).toBe(true);
    expect(shell.openExternal).toHaveBeenCalledWith('https://example.com/a%20b');
    expect(await open('file:///Applications/Calculator.app')).toBe(false);
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
    expect(log).toHaveBeenCalled();
  });
});

describe('web contents hardening', () => {
  function harden(location = prod) {
    const contents = new FakeWebContents();
    const openLink = vi.fn(async (_url: string) => true);
    hardenWebContents(contents as never, { location, openLink });
    return { contents, openExternal: openLink };
  }
  const navigate = (contents: FakeWebContents, event: string, url: string) => {
    const e = { preventDefault: vi.fn() };
    contents.emit(event, e, url);
    return e.preventDefault.mock.calls.length > 0;
  };

  it('denies navigation and redirects away from the app page', () => {
    const { contents } = harden();
    expect(navigate(contents, 'will-navigate', 'https://evil.example.com/')).toBe(true);
    expect(navigate(contents, 'will-navigate', pathToFileURL('/etc/passwd').toString())).toBe(true);
    expect(navigate(contents, 'will-redirect', 'http://127.0.0.1:8080/')).toBe(true);
    expect(navigate(contents, 'will-navigate', indexUrl)).toBe(false);
    expect(navigate(contents, 'will-navigate', indexFileUrl)).toBe(true);
    const devContents = harden(dev).contents;
    expect(navigate(devContents, 'will-navigate', 'http://localhost:5173/')).toBe(false);
    expect(navigate(devContents, 'will-navigate', 'http://localhost:5173.evil.com/')).toBe(true);
  });

  it('guards every frame: a subframe may navigate nowhere, the main frame only to the app page', () => {
    const { contents } = harden();
    const frameNavigate = (url: string, isMainFrame: boolean) => {
      const e = { url, isMainFrame, preventDefault: vi.fn() };
      contents.emit('will-frame-navigate', e);
      return e.preventDefault.mock.calls.length > 0;
    };
    expect(frameNavigate('https://evil.example.com/', false)).toBe(true);
    expect(frameNavigate(indexUrl, false)).toBe(true); // the console has no iframes, not even of itself
    expect(frameNavigate('about:blank', false)).toBe(true);
    expect(frameNavigate('javascript:alert(1)', false)).toBe(true);
    expect(frameNavigate('https://evil.example.com/', true)).toBe(true);
    expect(frameNavigate(indexFileUrl, true)).toBe(true);
    expect(frameNavigate(`${indexUrl}#/sessions`, true)).toBe(false);
  });

  it('denies every window.open and opens only https links externally', () => {
    const { contents, openExternal } = harden();
    const open = (url: string) => contents.windowOpenHandler?.({ url });
    expect(open('https://docs.oracle.com/')).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledWith('https://docs.oracle.com/');
    expect(open('http://example.com/')).toEqual({ action: 'deny' });
    expect(open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(open(indexUrl)).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledTimes(1);
  });

  it('prevents <webview> attachment', () => {
    const { contents } = harden();
    const e = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', e, {}, {});
    expect(e.preventDefault).toHaveBeenCalled();
  });

  it('installAppSecurity enables the sandbox before ready and hardens every new webContents', () => {
    const electron = createFakeElectron();
    installAppSecurity(electron.app as never, { location: prod, openLink: async () => false });
    expect(electron.app.enableSandbox).toHaveBeenCalledTimes(1);
    const contents = new FakeWebContents();
    electron.app.emit('web-contents-created', {}, contents);
    expect(contents.windowOpenHandler).toBeDefined();
    expect(contents.listenerCount('will-navigate')).toBe(1);
    expect(contents.listenerCount('will-attach-webview')).toBe(1);
  });
});

describe('session security', () => {
  function install(location = prod) {
    const { session } = createFakeElectron();
    const s = session.defaultSession;
    installSessionSecurity(s as never, { location, openLink: async () => false });
    return s;
  }

  it('denies every permission request and check', () => {
    const s = install();
    for (const permission of [
      'media',
      'notifications',
      'geolocation',
      'clipboard-read',
      'openExternal',
      'hid',
    ]) {
      const callback = vi.fn();
      s.permissionRequestHandler?.({}, permission, callback, {});
      expect(callback).toHaveBeenCalledWith(false);
      expect(s.permissionCheckHandler?.({}, permission, indexUrl, {})).toBe(false);
    }
    expect(s.devicePermissionHandler?.({})).toBe(false);
  });

  it('adds the CSP header to the app page only', () => {
    const s = install();
    const respond = (details: Record<string, unknown>) => {
      const callback = vi.fn();
      s.headersListener?.(details, callback);
      return callback.mock.calls[0]?.[0] as { responseHeaders?: Record<string, string[]> };
    };
    const page = respond({ url: indexUrl, resourceType: 'mainFrame', responseHeaders: { 'X-A': ['1'] } });
    expect(page.responseHeaders?.['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(page.responseHeaders?.['X-A']).toEqual(['1']);
    expect(respond({ url: 'https://example.com/', resourceType: 'mainFrame' })).toEqual({});
    expect(respond({ url: indexUrl, resourceType: 'script' })).toEqual({});
  });

  it('the CSP forbids remote code, plugins, framing and forms', () => {
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
      "form-action 'none'",
      "connect-src 'self'",
    ]) {
      expect(CONTENT_SECURITY_POLICY).toContain(directive);
    }
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|\*/);
  });
});

describe('isTrustedSender', () => {
  const windows = new TrustedWindows();
  windows.add(7);
  const mainFrame = (url: string) => ({ url, parent: null });
  const event = (frame: unknown, senderId = 7) => ({ senderFrame: frame, sender: { id: senderId } }) as never;

  it('trusts the main frame of our window showing the app page', () => {
    expect(isTrustedSender(event(mainFrame(indexUrl)), prod, windows)).toBe(true);
    expect(isTrustedSender(event(mainFrame('http://localhost:5173/')), dev, windows)).toBe(true);
  });

  it('refuses subframes, foreign pages, foreign webContents and missing or destroyed frames', () => {
    expect(isTrustedSender(event({ url: indexUrl, parent: mainFrame(indexUrl) }), prod, windows)).toBe(false);
    expect(isTrustedSender(event(mainFrame('https://evil.example.com/')), prod, windows)).toBe(false);
    expect(isTrustedSender(event(mainFrame(pathToFileURL('/tmp/x.html').toString())), prod, windows)).toBe(
      false,
    );
    expect(isTrustedSender(event(mainFrame(indexUrl), 8), prod, windows)).toBe(false);
    expect(isTrustedSender(event(null), prod, windows)).toBe(false);
    const destroyed = {
      get url(): string {
        throw new Error('Render frame was disposed');
      },
      parent: null,
    };
    expect(isTrustedSender(event(destroyed), prod, windows)).toBe(false);
    windows.delete(7);
    expect(isTrustedSender(event(mainFrame(indexUrl)), prod, windows)).toBe(false);
  });
});
