import { contract } from '@shared/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLlmService, memoryApiKeyStore, memorySettingsStore, SETTINGS_KEY } from '../../llm/service';
import { type FakeOpenAiServer, startFakeOpenAiServer } from '../../llm/testing/fake-openai-server';
import { MemoryReadThroughCache } from '../../llm/testing/memory-cache';
import { createDispatcher } from '../dispatcher';
import { llmHandlers } from './llm';

let server: FakeOpenAiServer;
beforeAll(async () => {
  server = await startFakeOpenAiServer();
});
afterAll(async () => {
  await server.close();
});

function rig(settings: Record<string, unknown> = {}, apiKey?: string) {
  const llm = createLlmService({
    cache: new MemoryReadThroughCache(),
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
    emit: () => {},
    invalidatePattern: async () => 0,
    chunkFlushMs: 0,
  });
  return { llm };
}

describe('llm contract and handlers', () => {
  it('schemas are strict and bounded', () => {
    const analyze = contract['llm:analyze'].request;
    const ok = { requestId: 'a', connId: 'demo', sqlText: 'select 1 from dual', type: 'sql' };
    expect(analyze.safeParse(ok).success).toBe(true);
    expect(analyze.safeParse({ ...ok, extra: 1 }).success).toBe(false);
    expect(analyze.safeParse({ ...ok, sqlText: 'x'.repeat(100_001) }).success).toBe(false);
    expect(analyze.safeParse({ ...ok, type: 'other' }).success).toBe(false);
    expect(analyze.safeParse({ ...ok, stats: { executions: -1 } }).success).toBe(false);
    const upd = contract['llm:updateSettings'].request;
    expect(upd.safeParse({ baseUrl: 'file:///etc/passwd' }).success).toBe(false);
    expect(upd.safeParse({ baseUrl: 'http://user:pw@host/v1' }).success).toBe(false);
    expect(upd.safeParse({ baseUrl: 'http://localhost:1234/v1', apiKey: null }).success).toBe(true);
    expect(upd.safeParse({ timeoutMs: 10 }).success).toBe(false);
  });

  it('the dispatcher routes llm:* through the handlers; the API key never comes back', async () => {
    const r = rig({}, 'sk-secret');
    const dispatch = createDispatcher(llmHandlers({ llm: r.llm }));
    const settings = await dispatch('llm:settings', {}, { transport: 'electron' });
    expect(settings.ok).toBe(true);
    expect(JSON.stringify(settings)).not.toContain('sk-secret');
    const bad = await dispatch('llm:analyze', { requestId: 'x' }, { transport: 'electron' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.code).toBe('VALIDATION');
    const res = await dispatch(
      'llm:analyze',
      { requestId: 'd1', connId: 'demo', sqlText: 'select 1 from dual', type: 'plan' },
      { transport: 'web' },
    );
    expect(res.ok).toBe(true);
    const stats = await dispatch('llm:stats', {}, { transport: 'web' });
    expect(stats.ok && (stats.data as { modelCalls: number }).modelCalls).toBe(1);
    const cancel = await dispatch('llm:cancel', { requestId: 'nothing' }, { transport: 'web' });
    expect(cancel).toEqual({ ok: true, data: { cancelled: false } });
  });
});
