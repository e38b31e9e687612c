/**
 * The Electron shell around the REAL core (electron faked, no binary): a trusted call reaches the core,
 * a malformed one gets VALIDATION, an untrusted one FORBIDDEN, and quitting closes the Redis
 * connections for real (checked on a harness redis-server with CLIENT LIST).
 */
import { join } from 'node:path';
import { CHANNELS } from '@shared/contract';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { createCore } from '../core';
import { type RedisServerHandle, startRedisServer } from '../redis/testing/redis-server';
import { type ElectronApi, startElectronApp } from './main-process';
import { createFakeElectron } from './testing/fake-electron';

const indexHtml = join('/app/out/renderer/index.html');
const indexUrl = 'app://tms/index.html';

describe('Electron shell with the real core', () => {
  let redis: RedisServerHandle;
  let probe: Redis;

  beforeAll(async () => {
    redis = await startRedisServer();
    probe = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await probe.connect();
  });
  afterAll(async () => {
    probe?.disconnect();
    await redis?.stop();
  });

  const clientCount = async () =>
    String(await probe.call('CLIENT', 'LIST'))
      .trim()
      .split('\n').length;

  it('serves trusted calls, refuses untrusted and malformed ones, and closes Redis on quit', async () => {
    const electron = createFakeElectron();
    const handle = startElectronApp(electron as unknown as ElectronApi, {
      createCore,
      loadConfig,
      preloadPath: '/app/out/preload/index.js',
      indexHtml,
      env: { REDIS_URL: redis.url, TMS_DEMO_LATENCY_SCALE: '0' },
      processHooks: false,
      echoLog: false,
    });
    expect(await handle.ready).toBe('started');
    expect([...electron.ipcMain.handlers.keys()].sort()).toEqual([...CHANNELS].sort());

    const win = electron.BrowserWindow.instances[0]!;
    const trusted = { sender: { id: win.webContents.id }, senderFrame: { url: indexUrl, parent: null } };
    const untrusted = {
      sender: { id: win.webContents.id },
      senderFrame: { url: 'https://evil.example/', parent: null },
    };
    const invoke = (channel: string, event: unknown, request: unknown) =>
      electron.ipcMain.handlers.get(channel)!(event, request) as Promise<Record<string, unknown>>;

    expect(await invoke('app:info', trusted, {})).toMatchObject({ ok: true, data: { runtime: 'electron' } });
    expect(await invoke('app:info', trusted, { extra: 1 })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(await invoke('app:info', untrusted, {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });

    // every channel refuses an untrusted sender before touching its handler
    for (const channel of CHANNELS) {
      expect(await invoke(channel, untrusted, {}), channel).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    }

    // the core connects to Redis in the background
    await expect
      .poll(
        async () => ((await invoke('app:redisState', trusted, {})).data as { connected: boolean }).connected,
        {
          timeout: 10_000,
        },
      )
      .toBe(true);
    expect(await clientCount()).toBeGreaterThan(1);

    electron.app.quit();
    await expect.poll(() => electron.app.quitted, { timeout: 10_000 }).toBe(true);
    await expect.poll(clientCount, { timeout: 5_000 }).toBe(1);
  });
});
