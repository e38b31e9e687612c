/**
 * Persistence for LlmService: settings in a small JSON file, the API key encrypted at rest with the
 * same SecretBox the connections use (safeStorage in Electron, the 0600 key file in browser mode).
 */
import { TmsError } from '@shared/errors';
import { readIfExists, writeFileAtomic } from '../connections/files';
import type { SecretBox } from '../connections/secrets';
import type { LlmApiKeyStore, LlmSettingsStore } from './service';

/** A JSON object file (`<dataDir>/llm-settings.json`); a corrupt file reads as empty and is rewritten on save. */
export function fileSettingsStore(
  file: string,
  onError?: (message: string, error?: unknown) => void,
): LlmSettingsStore {
  let cache: Record<string, unknown> | undefined;
  const load = async (): Promise<Record<string, unknown>> => {
    if (cache) return cache;
    const text = await readIfExists(file);
    let parsed: unknown = {};
    if (text) {
      try {
        parsed = JSON.parse(text);
      } catch (error) {
        onError?.(`LLM settings file ${file} is not valid JSON; using defaults`, error);
      }
    }
    cache =
      parsed && typeof parsed === 'object' && !Array.isArray(parsed)
        ? (parsed as Record<string, unknown>)
        : {};
    return cache;
  };
  let chain: Promise<unknown> = Promise.resolve();
  return {
    get: async (key) => (await load())[key],
    set: (key, value) => {
      const run = chain.then(async () => {
        const next = { ...(await load()), [key]: value };
        await writeFileAtomic(file, `${JSON.stringify(next, null, 2)}\n`);
        cache = next;
      });
      chain = run.catch(() => {});
      return run;
    },
  };
}

/**
 * The API key, encrypted by `box` into `file` (owner-only). A box that is not persistent (memory) keeps the
 * key for this process only; an unavailable box refuses to store one, with the box's reason.
 */
export function secretApiKeyStore(box: SecretBox, file: string): LlmApiKeyStore {
  let memory: string | null = null;
  return {
    async get() {
      if (!box.persistent) return memory;
      const cipher = (await readIfExists(file))?.trim();
      if (!cipher) return null;
      try {
        return box.decrypt(cipher);
      } catch {
        // stored by another secret store (or its key is gone): the user enters the key again
        return null;
      }
    },
    async set(value) {
      if (value === null) {
        memory = null;
        if (box.persistent) await writeFileAtomic(file, '');
        return;
      }
      if (!box.isAvailable()) {
        throw new TmsError(
          'UNSUPPORTED',
          `The API key cannot be stored securely: ${box.unavailableReason() ?? 'no secret store'}.`,
        );
      }
      if (!box.persistent) {
        memory = value;
        return;
      }
      await writeFileAtomic(file, box.encrypt(value));
    },
  };
}
