/**
 * One call for the composition root (src/main/core.ts):
 *
 *   const { llm, handlers: llmIpc } = wireLlm({
 *     cache,                                   // the CacheEngine (ReadThroughCache + dropLocalPrefix)
 *     dataDir: config.dataDir,
 *     secretBox,                               // the connections' SecretBox (safeStorage / key file / memory)
 *     events,
 *     invalidatePrefix: cacheOps.invalidator ? (p) => cacheOps.invalidator!.invalidatePrefix(p) : undefined,
 *     publishInvalidation: (scope) => cacheOps.publishInvalidation(scope),
 *     metadata: monitoring,                    // MonitoringService: tables()/columns() for table sizes
 *     logError,
 *   });
 *   handlers = { ...handlers, ...llmIpc };
 *
 * Files: <dataDir>/llm-settings.json (provider, base URL, model, mask mode, timeout) and
 * <dataDir>/llm-api-key (the key, encrypted by the SecretBox; owner-only).
 */
import { join } from 'node:path';
import type { ReadThroughCache } from '../cache/types';
import type { SecretBox } from '../connections/secrets';
import type { AppEvents } from '../events';
import { llmHandlers } from '../ipc/handlers/llm';
import type { ChannelsOfDomain, Handlers } from '../ipc/types';
import { createLlmService, type LlmService, type LlmServiceDeps, llmPatternInvalidator } from './service';
import { fileSettingsStore, secretApiKeyStore } from './stores';
import { type MetadataReader, metadataTableInfo } from './table-info';

export interface LlmWiring {
  cache: ReadThroughCache & { dropLocalPrefix(prefix: string): void };
  dataDir: string;
  secretBox: SecretBox;
  events: Pick<AppEvents, 'emit'>;
  /** L2 deletion by prefix (NamespaceInvalidator.invalidatePrefix); absent without Redis */
  invalidatePrefix?: (prefix: string) => Promise<number>;
  /** tell the other consoles to drop the same prefix from their L1 (InvalidationBus) */
  publishInvalidation?: (scope: { prefixes: string[] }) => Promise<unknown> | unknown;
  /** table sizes and columns for the analysis (MonitoringService) */
  metadata?: MetadataReader;
  logError?: (message: string, error?: unknown) => void;
  /** extra service options (tests) */
  overrides?: Partial<LlmServiceDeps>;
}

export function wireLlm(w: LlmWiring): { llm: LlmService; handlers: Handlers<ChannelsOfDomain<'llm'>> } {
  const llm = createLlmService({
    cache: w.cache,
    settingsStore: fileSettingsStore(join(w.dataDir, 'llm-settings.json'), w.logError),
    apiKeyStore: secretApiKeyStore(w.secretBox, join(w.dataDir, 'llm-api-key')),
    emit: (name, payload) => w.events.emit(name, payload),
    invalidatePattern: llmPatternInvalidator({
      dropLocalPrefix: (p) => w.cache.dropLocalPrefix(p),
      ...(w.invalidatePrefix ? { invalidatePrefix: w.invalidatePrefix } : {}),
      ...(w.publishInvalidation ? { publishInvalidation: w.publishInvalidation } : {}),
    }),
    ...(w.metadata ? { tableInfo: metadataTableInfo(w.metadata) } : {}),
    ...(w.logError ? { onError: w.logError } : {}),
    ...w.overrides,
  });
  return { llm, handlers: llmHandlers({ llm }) };
}
