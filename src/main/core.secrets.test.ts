/**
 * No configured secret leaves the console, whatever path it takes: a model server that quotes the API key
 * in its error bodies (plain, URL-encoded, mid-stream), a Redis password in the configuration, a key typed
 * for a test call. Checked on everything a client or the log can see: responses, events, log lines.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from './config';
import { type Core, createCore } from './core';
import { freePort } from './redis/testing/redis-server';

const API_KEY = 'sk-live/Abc+123=XYZ'; // URL-encoding changes it: the echo below is not a plain copy
const TYPED_KEY = 'sk-typed-only-in-a-request-987';
const REDIS_PASSWORD = 'R3dis/Pw+secret';
const ORACLE_PASSWORD = 'Tiger#Oracle-77';
const WALLET_PASSWORD = 'Wallet$Pw-88';

/** a model server that quotes the key it was given, in every way servers have been seen to */
async function startLeakyModelServer(): Promise<{ baseUrl: string; close(): Promise<void> }> {
  const server: Server = createServer(async (req, res) => {
    const key = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    let raw = '';
    for await (const chunk of req) raw += chunk;
    if (req.url === '/v1/models') {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ error: { message: `Incorrect API key provided: ${encodeURIComponent(key)}` } }),
      );
      return;
    }
    const body = JSON.parse(raw || '{}') as { stream?: boolean };
    if (!body.stream) {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`upstream failed for key=${encodeURIComponent(key)} (${key})`);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    const send = (obj: unknown): boolean => res.write(`data: ${JSON.stringify(obj)}\n\n`);
    send({ choices: [{ index: 0, delta: { content: `Echo of your key: ${key}. ` }, finish_reason: null }] });
    send({ error: { message: `quota exceeded for ${key}` } });
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('secrets never leave the console', () => {
  let model: Awaited<ReturnType<typeof startLeakyModelServer>>;
  let core: Core;
  let dataDir: string;
  const seen: string[] = []; // every response, event and log line, as text

  beforeAll(async () => {
    model = await startLeakyModelServer();
    dataDir = mkdtempSync(join(tmpdir(), 'tms-secrets-'));
    // a damaged settings file whose parse error quotes the text: the Redis password, pasted by mistake
    writeFileSync(join(dataDir, 'llm-settings.json'), REDIS_PASSWORD);
    const closedPort = await freePort(); // nothing listens: Redis errors get logged
    const config = loadConfig({
      REDIS_URL: `redis://tms:${encodeURIComponent(REDIS_PASSWORD)}@127.0.0.1:${closedPort}/0`,
      REDIS_CONNECT_TIMEOUT_MS: '200',
      TMS_DATA_DIR: dataDir,
      TMS_DEMO_LATENCY_SCALE: '0',
      TMS_SECRET_STORE: 'memory',
    });
    core = await createCore(config, {
      runtime: 'web',
      logError: (message, error) => seen.push(`LOG ${message} ${error === undefined ? '' : String(error)}`),
    });
    core.events.onAny((name, payload) => seen.push(`EVENT ${name} ${JSON.stringify(payload)}`));
  });
  afterAll(async () => {
    await core.close();
    await model.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const call = async (channel: string, request: unknown) => {
    const result = await core.dispatch(channel, request, { transport: 'web' });
    seen.push(`RESPONSE ${channel} ${JSON.stringify(result)}`);
    return result;
  };

  const expectNoSecret = (): void => {
    for (const secret of [API_KEY, TYPED_KEY, REDIS_PASSWORD, ORACLE_PASSWORD, WALLET_PASSWORD]) {
      for (const form of [secret, encodeURIComponent(secret)]) {
        const leaks = seen.filter((line) => line.includes(form));
        expect(leaks, `"${form}" leaked`).toEqual([]);
      }
    }
  };

  it('an API key quoted back by the model server reaches no response, event or log line', async () => {
    const settings = await call('llm:updateSettings', {
      provider: 'openai-compatible',
      baseUrl: model.baseUrl,
      model: 'm',
      apiKey: API_KEY,
    });
    expect(settings.ok).toBe(true);
    const models = await call('llm:models', {});
    expect(models).toMatchObject({ ok: false, error: { code: 'LLM_ERROR' } });
    expect(JSON.stringify(models)).toContain('Incorrect API key provided: ***');

    const analysis = await call('llm:analyze', {
      requestId: 'r1',
      connId: 'demo',
      sqlText: 'select * from dual',
      type: 'sql',
    });
    expect(analysis.ok).toBe(false);
    expect(seen.some((l) => l.startsWith('EVENT llm:chunk') && l.includes('Echo of your key: ***'))).toBe(
      true,
    );
    expect(seen.some((l) => l.startsWith('EVENT llm:done') && l.includes('quota exceeded for ***'))).toBe(
      true,
    );
    expectNoSecret();
  });

  it('a key typed only into a test request is hidden in that answer', async () => {
    const tested = await call('llm:testProvider', { baseUrl: model.baseUrl, model: 'm', apiKey: TYPED_KEY });
    expect(JSON.stringify(tested)).toContain('***');
    const listed = await call('llm:models', { baseUrl: model.baseUrl, apiKey: TYPED_KEY });
    expect(listed.ok).toBe(false);
    expectNoSecret();
  });

  it('Oracle and wallet passwords, once stored, are hidden wherever they show up later', async () => {
    const added = await call('connections:add', {
      // pasted into the name by mistake: the stored passwords must not come back through it
      name: `prod ${ORACLE_PASSWORD} ${WALLET_PASSWORD}`,
      kind: 'oracle',
      user: 'scott',
      password: ORACLE_PASSWORD,
      connect: {
        method: 'descriptor',
        descriptor:
          '(DESCRIPTION=(ADDRESS=(PROTOCOL=TCPS)(HOST=db.example)(PORT=2484))(CONNECT_DATA=(SERVICE_NAME=X)))',
        walletLocation: '/opt/wallet',
        walletPassword: WALLET_PASSWORD,
      },
    });
    expect(added.ok, JSON.stringify(added)).toBe(true);
    // a later request that carries no password: only the registry (fed by the secret box) can hide them
    const listed = await call('connections:list', {});
    expect(JSON.stringify(listed)).toContain('prod *** ***');
    expectNoSecret();
  });

  it('the Redis password is in no event, log line or state answer while Redis is unreachable', async () => {
    const state = await call('app:redisState', {});
    expect(JSON.stringify(state)).toContain('tms:***@');
    // an error that quoted the password on its way to the log (JSON.parse quotes the damaged text)
    expect(seen.some((l) => l.startsWith('LOG') && l.includes('not valid JSON') && l.includes('"***"'))).toBe(
      true,
    );
    expectNoSecret();
  });
});
