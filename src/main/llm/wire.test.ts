import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memorySecretBox } from '../connections/secrets';
import { AppEvents } from '../events';
import { createDispatcher } from '../ipc/dispatcher';
import { type FakeOpenAiServer, startFakeOpenAiServer } from './testing/fake-openai-server';
import { MemoryReadThroughCache } from './testing/memory-cache';
import { wireLlm } from './wire';

let server: FakeOpenAiServer;
const dir = mkdtempSync(join(tmpdir(), 'tms-llm-wire-'));
beforeAll(async () => {
  server = await startFakeOpenAiServer();
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('wireLlm (what core.ts calls)', () => {
  it('routes llm:* over the dispatcher, streams llm:chunk/llm:done as app events, clears L1 + L2 + bus on model change', async () => {
    const mem = new MemoryReadThroughCache();
    const dropped: string[] = [];
    const published: string[][] = [];
    const cache = Object.assign(mem, { dropLocalPrefix: (p: string) => void dropped.push(p) });
    const events = new AppEvents();
    const seen: string[] = [];
    events.onAny((name) => seen.push(name));
    const { handlers } = wireLlm({
      cache,
      dataDir: dir,
      secretBox: memorySecretBox(),
      events,
      invalidatePrefix: async (p) => mem.invalidatePattern(`${p}*`),
      publishInvalidation: (scope) => void published.push(scope.prefixes),
      overrides: { chunkFlushMs: 0 },
    });
    const dispatch = createDispatcher(handlers);
    const ctx = { transport: 'web' } as const;
    const upd = await dispatch(
      'llm:updateSettings',
      { provider: 'openai-compatible', baseUrl: server.baseUrl, model: 'model-a', apiKey: 'sk-1' },
      ctx,
    );
    expect(upd.ok && upd.data).toMatchObject({
      provider: 'openai-compatible',
      hasApiKey: true,
      model: 'model-a',
    });
    const models = await dispatch('llm:models', {}, ctx);
    expect(models.ok && models.data).toMatchObject({ models: [{ id: 'model-a' }, { id: 'model-b' }] });
    const a = await dispatch(
      'llm:analyze',
      { requestId: 'w1', connId: 'demo', sqlText: 'select * from emp', type: 'sql' },
      ctx,
    );
    expect(a.ok && a.data).toMatchObject({ fromCache: false, modelCalled: true });
    expect(seen).toContain('llm:chunk');
    expect(seen.at(-1)).toBe('llm:done');
    expect(mem.entries.size).toBe(1);
    const fp = a.ok ? (a.data as { hash: string }).hash.slice(0, 8) : '';
    await dispatch('llm:updateSettings', { model: 'model-b' }, ctx);
    expect(dropped).toEqual([`tms:llm:sql:${fp}-`, `tms:llm:plan:${fp}-`, `tms:llm:tuning:${fp}-`]);
    expect(published).toHaveLength(3);
    expect(mem.entries.size).toBe(0);
    expect(server.chats.at(-1)?.authorization).toBe('Bearer sk-1');
  });
});
