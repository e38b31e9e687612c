import { TmsError } from '@shared/errors';
import type { AnalyzeRequest, LlmChunkEvent, LlmDoneEvent } from '@shared/types/llm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { freePort } from '../redis/testing/redis-server';
import { modelFingerprint } from './normalize';
import {
  createLlmService,
  type LlmService,
  memoryApiKeyStore,
  memorySettingsStore,
  SETTINGS_KEY,
} from './service';
import { type FakeOpenAiServer, startFakeOpenAiServer } from './testing/fake-openai-server';
import { MemoryReadThroughCache } from './testing/memory-cache';

let server: FakeOpenAiServer;
beforeAll(async () => {
  server = await startFakeOpenAiServer();
});
afterAll(async () => {
  await server.close();
});

interface Rig {
  llm: LlmService;
  cache: MemoryReadThroughCache;
  chunks: LlmChunkEvent[];
  done: LlmDoneEvent[];
  patterns: string[];
}

async function rig(settings: Record<string, unknown> = {}, apiKey?: string): Promise<Rig> {
  const cache = new MemoryReadThroughCache();
  const chunks: LlmChunkEvent[] = [];
  const done: LlmDoneEvent[] = [];
  const patterns: string[] = [];
  const llm = createLlmService({
    cache,
    settingsStore: memorySettingsStore({
      [SETTINGS_KEY]: {
        provider: 'openai-compatible',
        baseUrl: server.baseUrl,
        model: 'model-a',
        timeoutMs: 5000,
        ...settings,
      },
    }),
    apiKeyStore: memoryApiKeyStore(apiKey),
    emit: (name, payload) => {
      if (name === 'llm:chunk') chunks.push(payload as LlmChunkEvent);
      else done.push(payload as LlmDoneEvent);
    },
    invalidatePattern: async (p) => {
      patterns.push(p);
      return cache.invalidatePattern(p);
    },
    chunkFlushMs: 0,
  });
  return { llm, cache, chunks, done, patterns };
}

let n = 0;
const req = (over: Partial<AnalyzeRequest> = {}): AnalyzeRequest => ({
  requestId: `r${++n}`,
  connId: 'demo',
  sqlText: "SELECT * FROM emp WHERE ename = 'KING' AND sal > 5000",
  type: 'sql',
  ...over,
});

async function rejection(p: Promise<unknown>): Promise<TmsError> {
  try {
    await p;
  } catch (error) {
    expect(error).toBeInstanceOf(TmsError);
    return error as TmsError;
  }
  throw new Error('expected a rejection');
}

beforeEach(() => {
  server.mode = 'ok';
  server.chats.length = 0;
  server.requiredKey = undefined;
  server.models = ['model-a', 'model-b'];
});

describe('LlmService with an OpenAI-compatible server over real HTTP', () => {
  it('first analysis calls the model (streamed); the same SQL with other whitespace and case does not', async () => {
    const r = await rig();
    const first = await r.llm.analyze(req());
    expect(server.chats).toHaveLength(1);
    expect(server.chats[0]!.stream).toBe(true);
    expect(first.fromCache).toBe(false);
    expect(first.modelCalled).toBe(true);
    expect(first.cache?.origin).toBe('oracle');
    expect(first.markdown).toContain('Analysis by model-a');
    expect(
      r.chunks
        .filter((c) => c.requestId === first.requestId)
        .map((c) => c.delta)
        .join(''),
    ).toBe(first.markdown);
    expect(r.chunks.length).toBeGreaterThan(1);
    expect(first.usage).toEqual({ promptTokens: 120, completionTokens: 30, totalTokens: 150 });
    expect(first.hash).toMatch(/^[0-9a-f]{8}-[0-9a-f]{64}$/);
    expect(first.cache?.key).toBe(`tms:llm:sql:${first.hash}`);
    expect(first.findings.map((f) => f.ruleId)).toContain('SELECT_STAR');

    const second = await r.llm.analyze(
      req({ sqlText: "select *\n  from EMP\n where ENAME='KING' and SAL>5000;" }),
    );
    expect(server.chats).toHaveLength(1);
    expect(second.fromCache).toBe(true);
    expect(second.modelCalled).toBe(false);
    expect(second.cache?.origin).toBe('l1');
    expect(second.hash).toBe(first.hash);
    expect(second.markdown).toBe(first.markdown);
    expect(second.usage?.totalTokens).toBe(150);
    expect(r.chunks.filter((c) => c.requestId === second.requestId)).toEqual([]);
    expect(r.done.map((d) => [d.ok, d.fromCache])).toEqual([
      [true, false],
      [true, true],
    ]);

    const stats = r.llm.stats();
    expect(stats.modelCalls).toBe(1);
    expect(stats.servedFromCache).toBe(1);
    expect(stats.tokensUsed).toBe(150);
    expect(stats.tokensSaved).toBe(150);
    expect(stats.timeSavedMs).toBe(first.modelLatencyMs);
  });

  it('a different model, a different analysis type, or a changed string literal call the model again', async () => {
    const r = await rig();
    await r.llm.analyze(req());
    await r.llm.analyze(req({ type: 'tuning' }));
    expect(server.chats).toHaveLength(2);
    await r.llm.analyze(req({ sqlText: "SELECT * FROM emp WHERE ename = 'king' AND sal > 5000" }));
    expect(server.chats).toHaveLength(3);
    await r.llm.updateSettings({ model: 'model-b' });
    const b = await r.llm.analyze(req());
    expect(server.chats).toHaveLength(4);
    expect(server.chats[3]!.model).toBe('model-b');
    expect(b.fromCache).toBe(false);
    expect(b.markdown).toContain('model-b');
  });

  it('changing the model clears the old model’s cached analyses (tms:llm:*:{fp}-*)', async () => {
    const r = await rig();
    const a = await r.llm.analyze(req());
    await r.llm.analyze(req({ type: 'plan', plan: 'Plan hash value: 1' }));
    expect(r.cache.entries.size).toBe(2);
    const fpA = modelFingerprint(`openai-compatible:${server.baseUrl}`, 'model-a');
    expect(a.hash.startsWith(`${fpA}-`)).toBe(true);
    expect((await r.llm.settings()).modelFingerprint).toBe(fpA);

    await r.llm.updateSettings({ model: 'model-b' });
    expect(r.patterns).toEqual([`tms:llm:sql:${fpA}-*`, `tms:llm:plan:${fpA}-*`, `tms:llm:tuning:${fpA}-*`]);
    expect(r.cache.entries.size).toBe(0);
    // and back: model-a's answer is gone, so the model is asked again
    await r.llm.updateSettings({ model: 'model-a' });
    const again = await r.llm.analyze(req());
    expect(again.fromCache).toBe(false);
    expect(server.chats).toHaveLength(3);
    // a settings change that keeps the model (API key, mask mode) clears nothing
    r.patterns.length = 0;
    await r.llm.updateSettings({ maskLiterals: 'on', apiKey: 'k' });
    expect(r.patterns).toEqual([]);
  });

  it('a provider error (HTTP 500) gives a clear message and caches nothing', async () => {
    const r = await rig();
    server.mode = 'error500';
    const err = await rejection(r.llm.analyze(req()));
    expect(err.code).toBe('LLM_ERROR');
    expect(err.message).toContain('HTTP 500');
    expect(err.message).toContain('llama runner process has terminated');
    expect(err.retryable).toBe(true);
    expect(r.cache.entries.size).toBe(0);
    expect(r.done.at(-1)).toMatchObject({ ok: false, error: { code: 'LLM_ERROR' } });
    server.mode = 'ok';
    const ok = await r.llm.analyze(req());
    expect(ok.fromCache).toBe(false);
    expect(server.chats).toHaveLength(2);
    expect(r.llm.stats()).toMatchObject({ modelErrors: 1, modelCalls: 1, servedFromCache: 0 });
  });

  it('HTTP 401: the API key is rejected; the stored key is sent as a Bearer token', async () => {
    server.requiredKey = 'sk-right';
    const r = await rig({}, 'sk-wrong');
    const err = await rejection(r.llm.analyze(req()));
    expect(err.message).toMatch(/rejected the API key \(HTTP 401\)/);
    expect(r.cache.entries.size).toBe(0);
    await r.llm.updateSettings({ apiKey: 'sk-right' });
    expect((await r.llm.settings()).hasApiKey).toBe(true);
    const ok = await r.llm.analyze(req());
    expect(ok.fromCache).toBe(false);
    expect(server.chats.at(-1)?.authorization).toBe('Bearer sk-right');
  });

  it('the stored API key is only sent to the server it was entered for', async () => {
    const other = await startFakeOpenAiServer();
    try {
      const r = await rig();
      await r.llm.updateSettings({ apiKey: 'sk-for-first' });
      await r.llm.analyze(req({ sqlText: 'select key_test from dual' }));
      expect(server.chats.at(-1)?.authorization).toBe('Bearer sk-for-first');
      // pointing the base URL elsewhere (or probing another URL) does not hand that server the key
      await r.llm.listModels({ baseUrl: other.baseUrl });
      await r.llm.updateSettings({ baseUrl: other.baseUrl });
      const s = await r.llm.settings();
      expect(s.hasApiKey).toBe(false);
      expect(s.apiKeyOrigin).toBe(new URL(server.baseUrl).origin);
      await r.llm.analyze(req({ sqlText: 'select key_test from dual' }));
      expect(other.chats).toHaveLength(1);
      expect(other.chats[0]!.authorization).toBeUndefined();
      // back on the first server the key is used again
      await r.llm.updateSettings({ baseUrl: server.baseUrl });
      expect((await r.llm.settings()).hasApiKey).toBe(true);
    } finally {
      await other.close();
    }
  });

  it('model not found (404), an error mid-stream and an empty answer: clear messages, nothing cached', async () => {
    const r = await rig({ model: 'no-such-model' });
    const e404 = await rejection(r.llm.analyze(req()));
    expect(e404.message).toContain('Model "no-such-model" was not found');
    await r.llm.updateSettings({ model: 'model-a' });
    server.mode = 'streamError';
    const mid = await rejection(r.llm.analyze(req()));
    expect(mid.message).toContain('out of memory while generating');
    server.mode = 'empty';
    const empty = await rejection(r.llm.analyze(req()));
    expect(empty.message).toContain('empty answer');
    expect(r.cache.entries.size).toBe(0);
  });

  it('connection refused: "is Ollama running?"', async () => {
    const port = await freePort();
    const r = await rig({ baseUrl: `http://127.0.0.1:${port}/v1` });
    const err = await rejection(r.llm.analyze(req()));
    expect(err.code).toBe('LLM_ERROR');
    expect(err.message).toMatch(/connection refused.*Is Ollama/);
    const test = await r.llm.testProvider();
    expect(test.ok).toBe(false);
    expect(test.message).toContain('connection refused');
  });

  it('cancel stops a streaming analysis; nothing is cached', async () => {
    const r = await rig();
    server.mode = 'hangAfterFirstChunk';
    const request = req();
    const pending = r.llm.analyze(request);
    const caught = rejection(pending);
    await waitFor(() => r.chunks.some((c) => c.requestId === request.requestId));
    expect(r.llm.cancel(request.requestId)).toEqual({ cancelled: true });
    const err = await caught;
    expect(err.message).toBe('The analysis was cancelled.');
    expect(err.details).toMatchObject({ cancelled: true });
    expect(r.cache.entries.size).toBe(0);
    expect(r.llm.cancel(request.requestId)).toEqual({ cancelled: false });
    expect(r.llm.stats()).toMatchObject({ cancelled: 1, modelErrors: 0 });
  });

  it('timeout: no answer, or a stream that stops, within timeoutMs', async () => {
    const r = await rig({ timeoutMs: 200 });
    server.mode = 'hang';
    const e1 = await rejection(r.llm.analyze(req()));
    expect(e1.message).toMatch(/did not answer within/);
    expect(e1.details).toMatchObject({ reason: 'timeout' });
    server.mode = 'hangAfterFirstChunk';
    const e2 = await rejection(r.llm.analyze(req()));
    expect(e2.details).toMatchObject({ reason: 'timeout' });
    expect(r.cache.entries.size).toBe(0);
  });

  it('a server that refuses stream_options is asked again without it; <think> scratchpads are dropped', async () => {
    const r = await rig();
    server.mode = 'rejectStreamOptions';
    const before = server.answer;
    server.answer = () => '<think>\nLet me look at the plan.\n</think>\n\n## Summary\n\nUse an index.';
    try {
      const a = await r.llm.analyze(req());
      expect(a.markdown).toBe('## Summary\n\nUse an index.');
      expect(server.chats).toHaveLength(2);
    } finally {
      server.answer = before;
    }
  });

  it('a server that ignores stream:true and answers JSON still works', async () => {
    const r = await rig();
    server.mode = 'json';
    const a = await r.llm.analyze(req());
    expect(a.markdown).toContain('Analysis by model-a');
    expect(r.chunks.map((c) => c.delta).join('')).toBe(a.markdown);
  });

  it('literal masking: off by default for a loopback server, on when asked; the prompt carries plan, stats, tables', async () => {
    const r = await rig();
    await r.llm.analyze(
      req({
        type: 'tuning',
        sqlId: 'abc123',
        plan: 'Plan hash value: 42\n| Id | Operation | Name |\n|   0 | SELECT STATEMENT | |',
        stats: { executions: 10, bufferGets: 50_000, elapsedMs: 200 },
        tables: [{ name: 'EMP', numRows: 14 }],
      }),
    );
    const user = server.chats[0]!.messages.find((m) => m.role === 'user')!.content;
    expect(user).toContain("'KING'");
    expect(user).toContain('SQL_ID abc123');
    expect(user).toContain('Plan hash value: 42');
    expect(user).toContain('buffer gets per exec: 5,000');
    expect(user).toContain('EMP: rows: 14');
    expect((await r.llm.settings()).maskLiteralsEffective).toBe(false);

    await r.llm.updateSettings({ maskLiterals: 'on' });
    const masked = await r.llm.analyze(req({ sqlText: "SELECT ename FROM emp WHERE job = 'CLERK'" }));
    const user2 = server.chats[1]!.messages.find((m) => m.role === 'user')!.content;
    expect(user2).not.toContain('CLERK');
    expect(user2).toContain('job = :v1');
    expect(masked.masked).toBe(true);
  });

  it('hosted base URLs mask by default', async () => {
    const r = await rig({ baseUrl: 'https://api.example.com/v1' });
    const s = await r.llm.settings();
    expect(s.localProvider).toBe(false);
    expect(s.maskLiteralsEffective).toBe(true);
  });

  it('llm:models lists the server’s models; testProvider checks the configured model', async () => {
    const r = await rig();
    const list = await r.llm.listModels();
    expect(list.models.map((m) => m.id)).toEqual(['model-a', 'model-b']);
    expect(list.baseUrl).toBe(server.baseUrl);
    expect(await r.llm.testProvider()).toMatchObject({ ok: true, modelFound: true, modelCount: 2 });
    expect(await r.llm.testProvider({ model: 'nope' })).toMatchObject({ ok: false, modelFound: false });
    // a base URL typed without /v1 is completed
    const bare = await r.llm.listModels({ baseUrl: server.baseUrl.replace(/\/v1$/, '') });
    expect(bare.models).toHaveLength(2);
  });

  it('the offline analyser is the default: no model call, findings, never "from cache"', async () => {
    const cache = new MemoryReadThroughCache();
    const llm = createLlmService({
      cache,
      settingsStore: memorySettingsStore(),
      apiKeyStore: memoryApiKeyStore(),
    });
    const s = await llm.settings();
    expect(s.provider).toBe('offline');
    expect(s.hasApiKey).toBe(false);
    const a = await llm.analyze(req({ type: 'sql' }));
    expect(a.provider).toBe('offline');
    expect(a.fromCache).toBe(false);
    expect(a.cache).toBeUndefined();
    expect(a.findings.map((f) => f.ruleId)).toContain('SELECT_STAR');
    expect(a.markdown).toContain('## SQL analysis (offline)');
    expect(cache.fetches).toBe(0);
    expect(server.chats).toHaveLength(0);
    expect(llm.stats().offlineAnalyses).toBe(1);
    expect(await llm.testProvider()).toMatchObject({ ok: true, provider: 'offline' });
  });

  it('tableInfo dep is asked for the tables the SQL names (failures do not fail the analysis)', async () => {
    const asked: string[][] = [];
    const llm = createLlmService({
      cache: new MemoryReadThroughCache(),
      settingsStore: memorySettingsStore(),
      apiKeyStore: memoryApiKeyStore(),
      tableInfo: async (_connId, tables) => {
        asked.push(tables.map((t) => `${t.owner ?? ''}.${t.name}`));
        return [{ owner: 'APP', name: 'ORDERS', numRows: 9_000_000 }];
      },
    });
    const a = await llm.analyze(
      req({
        sqlText: 'SELECT o.id FROM app.orders o, customers c WHERE o.cust_id = c.id AND 1 = 1 OR c.x = 2',
      }),
    );
    expect(asked).toEqual([['APP.ORDERS', '.CUSTOMERS']]);
    expect(a.provider).toBe('offline');
    const failing = createLlmService({
      cache: new MemoryReadThroughCache(),
      settingsStore: memorySettingsStore(),
      apiKeyStore: memoryApiKeyStore(),
      tableInfo: async () => {
        throw new Error('ORA-00942');
      },
    });
    await expect(failing.analyze(req({ sqlText: 'SELECT id FROM orders' }))).resolves.toMatchObject({
      provider: 'offline',
    });
  });

  it('an openai-compatible provider without a model says to pick one', async () => {
    const r = await rig({ model: '' });
    const err = await rejection(r.llm.analyze(req()));
    expect(err.message).toContain('No model is selected');
  });
});

async function waitFor(cond: () => boolean, timeoutMs = 3000): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

afterEach(() => {
  server.mode = 'ok';
});
