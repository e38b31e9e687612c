import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { AppEvents } from '../events';
import { createDispatcher } from '../ipc/dispatcher';
import { startWebServer, type WebServer } from './server';

describe('browser-mode web server', () => {
  const events = new AppEvents();
  const dispatch = createDispatcher({
    'app:info': () => ({ version: '9', runtime: 'web', platform: 'linux', locale: 'en' }),
  });
  let server: WebServer;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tms-web-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>TMS</title>');
    writeFileSync(join(dir, 'app.js'), 'console.log(1)');
    server = await startWebServer({ core: { dispatch, events }, staticDir: dir, token: 'secret-token' });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const invoke = (channel: string, body: unknown, token = 'secret-token') =>
    fetch(`${server.url}api/invoke/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-tms-token': token },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('listens on loopback only and prints a URL with the token in the fragment', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(server.openUrl).toBe(`${server.url}#token=secret-token`);
  });

  it('serves the renderer with a CSP and falls back to index.html', async () => {
    const res = await fetch(`${server.url}views/sessions`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await res.text()).toContain('<title>TMS</title>');
    const js = await fetch(`${server.url}app.js`);
    expect(js.headers.get('content-type')).toContain('text/javascript');
  });

  it('refuses path traversal', async () => {
    const res = await fetch(`${server.url}..%2f..%2fetc%2fpasswd`);
    expect(await res.text()).not.toContain('root:');
  });

  it('answers a contract call with the same envelope as IPC', async () => {
    const res = await invoke('app:info', {});
    expect(await res.json()).toEqual({
      ok: true,
      data: { version: '9', runtime: 'web', platform: 'linux', locale: 'en' },
    });
  });

  it('rejects a wrong token, bad JSON, unknown channels and malformed requests with typed errors', async () => {
    const wrong = await invoke('app:info', {}, 'nope');
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await (await invoke('app:info', '{not json')).json()).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(await (await invoke('evil:channel', {})).json()).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL' },
    });
    expect(await (await invoke('app:info', { extra: 1 })).json()).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
  });

  it('answers malformed percent-encoding with 400, only after the host and token checks', async () => {
    const { request } = await import('node:http');
    const statusOf = (path: string, headers: Record<string, string>, method = 'POST') =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request(
          { host: '127.0.0.1', port: server.port, path, method, headers, agent: false },
          (res) => {
            let body = '';
            res.on('data', (d) => {
              body += d;
            });
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
          },
        );
        req.on('error', (e) => reject(new Error(`${method} ${path}: ${e.message}`)));
        req.end('{}');
      });
    const here = { host: `127.0.0.1:${server.port}` };
    const withToken = { ...here, 'x-tms-token': 'secret-token', 'content-type': 'application/json' };
    for (const bad of ['/api/invoke/%E0%A4%A', '/api/invoke/app:info%', '/api/invoke/%zz']) {
      expect(
        (await statusOf(bad, { host: `evil.example:${server.port}`, 'x-tms-token': 'secret-token' })).status,
      ).toBe(421);
      const noToken = await statusOf(bad, here);
      expect(noToken.status).toBe(401);
      expect(JSON.parse(noToken.body)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      const malformed = await statusOf(bad, withToken);
      expect(malformed.status).toBe(400);
      expect(JSON.parse(malformed.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    expect((await statusOf('/%E0%A4%A', here, 'GET')).status).toBe(400);
    expect((await statusOf('/%E0%A4%A', { host: `evil.example:${server.port}` }, 'GET')).status).toBe(421);
    // well-formed escapes still work
    expect(JSON.parse((await statusOf('/api/invoke/app%3Ainfo', withToken)).body)).toMatchObject({
      ok: true,
    });
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: server.port, path: '/', headers: { host: `evil.example:${server.port}` } },
        (res) => resolve(res.statusCode ?? 0),
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(421);
  });

  it('pushes contract events over the WebSocket, only with the token', async () => {
    const wsUrl = `${server.url.replace('http', 'ws')}api/events`;
    const bad = new WebSocket(`${wsUrl}?token=wrong`);
    await expect(
      new Promise((resolve, reject) => {
        bad.on('open', () => reject(new Error('opened without token')));
        bad.on('error', resolve);
      }),
    ).resolves.toBeDefined();

    const ws = new WebSocket(`${wsUrl}?token=secret-token`);
    await new Promise((resolve) => ws.on('open', resolve));
    const message = new Promise<string>((resolve) => ws.on('message', (d) => resolve(String(d))));
    const state = {
      enabled: true,
      breaker: 'open',
      connected: false,
      url: 'redis://localhost:6379',
    } as const;
    events.emit('app:redisState', state);
    expect(JSON.parse(await message)).toEqual({ name: 'app:redisState', payload: state });
    ws.close();
  });
});
