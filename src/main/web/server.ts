/**
 * Browser mode: the same core and contract over HTTP (requests) + WebSocket (events), on loopback only,
 * behind a random per-run token. The built renderer is served from the same origin.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Result } from '@shared/errors';
import { WebSocketServer } from 'ws';
import type { Core } from '../core';

export interface WebServerOptions {
  core: Pick<Core, 'dispatch' | 'events'>;
  /** folder with the built renderer (index.html) */
  staticDir: string;
  host?: string;
  /** 0 = a random free port */
  port?: number;
  token?: string;
  maxBodyBytes?: number;
  /** a socket whose unsent events exceed this (a client that stopped reading) is dropped */
  maxEventBacklogBytes?: number;
}

export interface WebServer {
  readonly url: string;
  /** the URL to open: carries the token in the fragment, which never reaches the server logs */
  readonly openUrl: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

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
};

export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

const API_PREFIX = '/api/invoke/';
/** the events socket only pushes: a client has nothing to send beyond control frames */
export const EVENTS_MAX_PAYLOAD_BYTES = 64 * 1024;

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? randomBytes(24).toString('base64url');
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const root = resolve(options.staticDir);
  const { core } = options;
  let port = 0;

  const tokenOk = (candidate: string | null | undefined): boolean => {
    if (!candidate) return false;
    const a = Buffer.from(candidate);
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
  };

  // DNS-rebinding guard: only our own loopback host names are served.
  const hostOk = (req: IncomingMessage): boolean => {
    const h = req.headers.host ?? '';
    return h === `${host}:${port}` || h === `localhost:${port}` || h === `127.0.0.1:${port}`;
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      // never the raw error text: it may name files, hosts or worse
      if (!res.headersSent)
        sendJson(res, 500, failure('INTERNAL', 'Unexpected error while answering this request.'));
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    if (!hostOk(req)) {
      res.writeHead(421).end('Misdirected request');
      return;
    }
    const url = parseTarget(req.url, host, port);
    if (!url) {
      sendJson(res, 400, failure('VALIDATION', MALFORMED_URL));
      return;
    }
    if (url.pathname.startsWith(API_PREFIX)) {
      await handleInvoke(req, res, url.pathname.slice(API_PREFIX.length));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    await serveStatic(url.pathname, res);
  }

  async function handleInvoke(
    req: IncomingMessage,
    res: ServerResponse,
    encodedChannel: string,
  ): Promise<void> {
    if (req.method !== 'POST') {
      sendJson(res, 405, failure('VALIDATION', 'Use POST for requests.'));
      return;
    }
    if (!tokenOk(req.headers['x-tms-token'] as string | undefined)) {
      sendJson(
        res,
        401,
        failure('FORBIDDEN', 'Missing or wrong session token: reopen the URL printed by `npm run web`.'),
      );
      return;
    }
    // decoded only after the token check, so a stranger learns nothing from the answer
    const channel = decodePath(encodedChannel);
    if (channel === undefined) {
      sendJson(res, 400, failure('VALIDATION', MALFORMED_URL));
      return;
    }
    let body: unknown;
    try {
      body = await readJsonBody(req, maxBodyBytes);
    } catch (error) {
      sendJson(res, 400, failure('VALIDATION', (error as Error).message));
      return;
    }
    const result = await core.dispatch(channel, body, { transport: 'web' });
    sendJson(res, 200, result);
  }

  async function serveStatic(pathname: string, res: ServerResponse): Promise<void> {
    const decoded = decodePath(pathname);
    if (decoded === undefined) {
      res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' }).end(MALFORMED_URL);
      return;
    }
    const relative = normalize(decoded).replace(/^([/\\])+/, '');
    let file = resolve(join(root, relative || 'index.html'));
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403).end();
      return;
    }
    const info = await stat(file).catch(() => undefined);
    if (!info || info.isDirectory()) file = join(root, 'index.html'); // single-page app fallback
    const content = await readFile(file).catch(() => undefined);
    if (!content) {
      res.writeHead(404).end('Not found: build the renderer first (npm run build).');
      return;
    }
    res.writeHead(200, {
      'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': CSP,
      'Cache-Control': file.endsWith('index.html') ? 'no-store' : 'max-age=3600',
    });
    res.end(content);
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: EVENTS_MAX_PAYLOAD_BYTES });
  // A hostile frame (bad opcode, invalid UTF-8, oversized, unmasked...) makes `ws` emit 'error' on that
  // socket and then close it with the RFC 6455 status itself; unheard, that 'error' stops the process.
  wss.on('connection', (ws) => ws.on('error', () => {}));
  wss.on('error', () => {});
  server.on('upgrade', (req, socket, head) => {
    // the HTTP server drops its own 'error' listener on upgrade: a reset here must not go unheard either
    socket.on('error', () => socket.destroy());
    const refuse = (status: string): void => {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      socket.destroy();
    };
    if (!hostOk(req)) {
      refuse('421 Misdirected Request');
      return;
    }
    const url = parseTarget(req.url, host, port);
    if (!url) {
      refuse('400 Bad Request');
      return;
    }
    const origin = req.headers.origin;
    const originOk = !origin || origin === `http://${host}:${port}` || origin === `http://localhost:${port}`;
    if (url.pathname !== '/api/events' || !originOk || !tokenOk(url.searchParams.get('token'))) {
      refuse('401 Unauthorized');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  const maxBacklog = options.maxEventBacklogBytes ?? 8 * 1024 * 1024;
  const unsubscribe = core.events.onAny((name, payload) => {
    const message = JSON.stringify({ name, payload });
    for (const client of wss.clients) {
      if (client.readyState !== client.OPEN) continue;
      // a client that stops reading must not make this process buffer events for it without end
      if (client.bufferedAmount > maxBacklog) client.terminate();
      else client.send(message);
    }
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://${host}:${port}/`;

  return {
    url,
    openUrl: `${url}#token=${token}`,
    port,
    token,
    close: async () => {
      unsubscribe();
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

const MALFORMED_URL = 'Malformed request URL (invalid percent-encoding or target).';

/** The request target as a URL, or undefined when it cannot be one (`//[` is a protocol-relative host). */
function parseTarget(target: string | undefined, host: string, port: number): URL | undefined {
  try {
    return new URL(target ?? '/', `http://${host}:${port}`);
  } catch {
    return undefined;
  }
}

/** decodeURIComponent without the URIError a malformed escape (`%E0%A4%A`) throws */
function decodePath(path: string): string | undefined {
  try {
    return decodeURIComponent(path);
  } catch {
    return undefined;
  }
}

function failure(code: 'INTERNAL' | 'VALIDATION' | 'FORBIDDEN', message: string): Result<never> {
  return { ok: false, error: { code, message, retryable: false } };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}

async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error(`Request body larger than ${limit} bytes.`);
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new Error('Request body is not valid JSON.');
  }
}
