import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { keyFileSecretBox, memorySecretBox } from '../connections/secrets';
import { createLlmService, SETTINGS_KEY } from './service';
import { fileSettingsStore, secretApiKeyStore } from './stores';
import { MemoryReadThroughCache } from './testing/memory-cache';

const dir = mkdtempSync(join(tmpdir(), 'tms-llm-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('LLM settings and API key persistence', () => {
  it('settings survive a restart; a corrupt file reads as defaults', async () => {
    const file = join(dir, 'llm-settings.json');
    const s1 = createLlmService({
      cache: new MemoryReadThroughCache(),
      settingsStore: fileSettingsStore(file),
      apiKeyStore: secretApiKeyStore(memorySecretBox(), join(dir, 'unused')),
    });
    await s1.updateSettings({
      provider: 'openai-compatible',
      baseUrl: 'http://localhost:1234',
      model: 'qwen',
    });
    const s2 = createLlmService({
      cache: new MemoryReadThroughCache(),
      settingsStore: fileSettingsStore(file),
      apiKeyStore: secretApiKeyStore(memorySecretBox(), join(dir, 'unused')),
    });
    expect(await s2.settings()).toMatchObject({
      provider: 'openai-compatible',
      baseUrl: 'http://localhost:1234/v1',
      model: 'qwen',
    });
    writeFileSync(file, '{not json');
    const errors: string[] = [];
    const store = fileSettingsStore(file, (m) => errors.push(m));
    expect(await store.get(SETTINGS_KEY)).toBeUndefined();
    expect(errors).toHaveLength(1);
  });

  it('the API key is encrypted at rest and readable after a restart', async () => {
    const file = join(dir, 'llm-api-key');
    const box = keyFileSecretBox(dir);
    await secretApiKeyStore(box, file).set('sk-live-123');
    expect(readFileSync(file, 'utf8')).not.toContain('sk-live-123');
    expect(await secretApiKeyStore(keyFileSecretBox(dir), file).get()).toBe('sk-live-123');
    // another box cannot read it: treated as no key (the user enters it again)
    expect(await secretApiKeyStore(keyFileSecretBox(join(dir, 'other')), file).get()).toBeNull();
    await secretApiKeyStore(box, file).set(null);
    expect(await secretApiKeyStore(box, file).get()).toBeNull();
  });

  it('a memory box keeps the key for the process only', async () => {
    const file = join(dir, 'mem-key');
    const store = secretApiKeyStore(memorySecretBox(), file);
    await store.set('k');
    expect(await store.get()).toBe('k');
    expect(() => readFileSync(file)).toThrow();
  });
});
