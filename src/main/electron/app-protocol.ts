/**
 * The console page is served from `app://tms/` (a privileged custom scheme) instead of `file://`
 * (Electron checklist item 18): the page's origin is its own, not every file on the disk, so the
 * GrantFileProtocolExtraPrivileges fuse can be turned off. Only files under the renderer folder are
 * served; anything else (traversal, another host, a malformed escape) is refused.
 * Electron-free at runtime: `protocol` is passed in (only src/main/index.ts imports electron).
 */
import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import type { Protocol } from 'electron';
import { APP_HOST, APP_SCHEME, CONTENT_SECURITY_POLICY } from './security';

/**
 * Registered before `ready`: standard (relative URLs and an origin of its own), secure (like https:
 * service-worker-free, no mixed-content downgrade), fetch allowed for the page's own module scripts.
 */
export const APP_SCHEME_PRIVILEGES = [
  {
    scheme: APP_SCHEME,
    privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
  },
] as const;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

export type AppRequest = { status: 200; file: string; contentType: string } | { status: 400 | 403 | 404 };

/** Which file an `app://` URL names under `rootDir`, or why none. */
export function resolveAppRequest(url: string, rootDir: string): AppRequest {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { status: 400 };
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return { status: 403 };
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return { status: 400 };
  }
  // a decoded "\", NUL or ".." segment has no business in the page's own file names
  if (path.includes('\0') || path.includes('\\') || path.split('/').includes('..')) return { status: 403 };
  const root = resolve(rootDir);
  const file = resolve(root, `.${path === '/' ? '/index.html' : path}`);
  if (!file.startsWith(root + sep)) return { status: 403 };
  const contentType = MIME[extname(file).toLowerCase()];
  if (!contentType) return { status: 404 };
  return { status: 200, file, contentType };
}

/** The handler behind `protocol.handle('app', …)` (exported for tests). */
export function appProtocolHandler(rootDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    const target = resolveAppRequest(request.url, rootDir);
    if (target.status !== 200) return new Response(null, { status: target.status });
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405 });
    const body = await readFile(target.file).catch(() => undefined);
    if (!body) return new Response(null, { status: 404 });
    const headers: Record<string, string> = {
      'Content-Type': target.contentType,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    };
    if (target.contentType.startsWith('text/html'))
      headers['Content-Security-Policy'] = CONTENT_SECURITY_POLICY;
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  };
}

/** Before `ready` (Electron requires it): the scheme's privileges. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged(
    APP_SCHEME_PRIVILEGES.map((s) => ({ ...s, privileges: { ...s.privileges } })),
  );
}

/** After `ready`: serve the renderer folder on `app://tms/`. */
export function serveAppProtocol(protocol: Pick<Protocol, 'handle'>, rootDir: string): void {
  protocol.handle(APP_SCHEME, appProtocolHandler(rootDir));
}
