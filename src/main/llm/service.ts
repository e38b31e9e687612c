/**
 * LlmService: SQL / plan / tuning analyses through the built-in offline analyser (default) or an
 * OpenAI-compatible model, with model answers read through the shared cache under
 * `tms:llm:{sql|plan|tuning}:{hash}` (24 h, the `llm` TTL tier; tunable in the TTL policy).
 *
 * Truthfulness: `fromCache` is true when the cache engine answered from L1/L2 or with a stale value (past
 * its TTL, within grace: also when the model call failed); `modelCalled` when the answer is this request's
 * own model call. A request that joined an identical one
 * already in flight has both false (it shared that call). A failed or cancelled
 * model call throws inside the cache's fetch function, so nothing is cached.
 */

import type { CacheOrigin } from '@shared/cache';
import type { PayloadOf } from '@shared/contract';
import { invalidInput } from '@shared/error-reasons';
import { TmsError } from '@shared/errors';
import type {
  AnalysisInputs,
  AnalysisInputUse,
  AnalysisType,
  AnalyzeRequest,
  AnalyzeResponse,
  LlmCachedAnswer,
  LlmModelList,
  LlmProviderKind,
  LlmSettings,
  LlmSettingsUpdate,
  LlmStats,
  LlmTableInfo,
  LlmTestResult,
  MaskMode,
} from '@shared/types/llm';
import type { CacheKeySpec, ReadThroughCache } from '../cache/types';
import { analysisHash, isLoopbackUrl, modelFingerprint } from './normalize';
import { analyzeOffline, OFFLINE_MODEL, runRules, tablesReferenced } from './offline';
import { normalizeBaseUrl, OpenAiCompatibleClient } from './openai-client';
import { buildPrompt, PROMPT_VERSION } from './prompts';
import { inputsNeeded, resolveStatement, resolveText, type StatementReader } from './statement-inputs';

/** A small JSON settings store (e.g. a file in userData); the service owns the key it uses. */
export interface LlmSettingsStore {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
}

/** Where the API key lives, encrypted at rest (the connections' SecretBox + a file, or the OS keychain). */
export interface LlmApiKeyStore {
  get(): Promise<string | null | undefined>;
  /** null removes it */
  set(value: string | null): Promise<void>;
}

type LlmEventName = 'llm:chunk' | 'llm:done';
export type LlmEmit = <E extends LlmEventName>(name: E, payload: PayloadOf<E>) => void;

export interface LlmServiceDeps {
  cache: ReadThroughCache;
  settingsStore: LlmSettingsStore;
  apiKeyStore: LlmApiKeyStore;
  /** main → renderer events (AppEvents.emit) */
  emit?: LlmEmit;
  /**
   * Delete L2 keys matching a glob and drop the same keys from every console's L1. The service only
   * passes prefix patterns `tms:llm:{type}:{fp8}-*` (one per analysis type), so an implementation may
   * treat the pattern minus its trailing `*` as a prefix (L1: dropLocalPrefix; L2: SCAN MATCH + UNLINK).
   */
  invalidatePattern?: (pattern: string) => Promise<number>;
  /** optional: optimizer statistics / indexes / columns for the tables a statement reads */
  tableInfo?: (
    connId: string,
    tables: { owner?: string; name: string }[],
    defaultSchema?: string,
  ) => Promise<LlmTableInfo[]>;
  /**
   * optional: the statement's plan and statistics by SQL_ID (the monitoring service's cached reads), for
   * what an analysis needs and the screen has not sent yet. Without it such an analysis says what it lacked.
   */
  statements?: StatementReader;
  fetchImpl?: typeof fetch;
  now?: () => number;
  /** batch streamed deltas into one llm:chunk event per this many ms (default 30) */
  chunkFlushMs?: number;
  /** initial settings when none are stored */
  defaults?: Partial<StoredLlmSettings>;
  onError?: (message: string, error?: unknown) => void;
}

export interface StoredLlmSettings {
  provider: LlmProviderKind;
  baseUrl: string;
  model: string;
  maskLiterals: MaskMode;
  timeoutMs: number;
  temperature: number;
  /**
   * The origin (scheme://host:port) the API key was entered for. The key is only ever sent there: pointing
   * the base URL at another server does not hand it the stored key.
   */
  apiKeyOrigin: string | null;
}

export const SETTINGS_KEY = 'llm.settings';

/** A request once its text, plan and statistics are resolved. */
type Analysis = AnalyzeRequest & { sqlText: string };

const CACHED_ORIGINS: readonly CacheOrigin[] = ['l1', 'l2', 'stale'];

export const DEFAULT_LLM_SETTINGS: StoredLlmSettings = {
  provider: 'offline',
  baseUrl: 'http://localhost:11434/v1',
  model: '',
  maskLiterals: 'auto',
  timeoutMs: 120_000,
  temperature: 0.2,
  apiKeyOrigin: null,
};

/** The value cached under tms:llm:{type}:{hash} (its schema is in shared/contract/results.ts). */
export type CachedAnswer = LlmCachedAnswer;

export class LlmService {
  readonly #deps: LlmServiceDeps;
  readonly #inflight = new Map<string, AbortController>();
  #settings: StoredLlmSettings | null = null;
  #stats = {
    servedFromCache: 0,
    sharedInFlight: 0,
    modelCalls: 0,
    modelErrors: 0,
    cancelled: 0,
    offlineAnalyses: 0,
    latencySum: 0,
    timeSavedMs: 0,
    tokensSaved: 0,
    tokensUsed: 0,
    since: 0,
  };

  constructor(deps: LlmServiceDeps) {
    this.#deps = deps;
    this.#stats.since = this.#now();
  }

  #now(): number {
    return this.#deps.now?.() ?? Date.now();
  }

  async #stored(): Promise<StoredLlmSettings> {
    if (this.#settings) return this.#settings;
    const raw = (await this.#deps.settingsStore.get(SETTINGS_KEY)) as Partial<StoredLlmSettings> | undefined;
    this.#settings = sanitize({ ...DEFAULT_LLM_SETTINGS, ...this.#deps.defaults, ...(raw ?? {}) });
    return this.#settings;
  }

  async settings(): Promise<LlmSettings> {
    const s = await this.#stored();
    const stored = Boolean(await this.#deps.apiKeyStore.get());
    const hasKey = stored && s.apiKeyOrigin !== null && s.apiKeyOrigin === originOf(s.baseUrl);
    return {
      ...toPublic(s, hasKey),
      ...(stored && !hasKey && s.apiKeyOrigin ? { apiKeyOrigin: s.apiKeyOrigin } : {}),
    };
  }

  /** The stored key, only for the server it was entered for. */
  async #keyFor(baseUrl: string): Promise<string | null> {
    const s = await this.#stored();
    if (!s.apiKeyOrigin || s.apiKeyOrigin !== originOf(baseUrl)) return null;
    return (await this.#deps.apiKeyStore.get()) ?? null;
  }

  async updateSettings(update: LlmSettingsUpdate): Promise<LlmSettings> {
    const old = await this.#stored();
    const next: StoredLlmSettings = { ...old };
    if (update.provider !== undefined) next.provider = update.provider;
    if (update.baseUrl !== undefined) {
      try {
        next.baseUrl = normalizeBaseUrl(update.baseUrl);
      } catch (error) {
        throw invalidInput('llm.badUrl', `Invalid model server URL: ${(error as Error).message}`);
      }
    }
    if (update.model !== undefined) next.model = update.model.trim();
    if (update.maskLiterals !== undefined) next.maskLiterals = update.maskLiterals;
    if (update.timeoutMs !== undefined) next.timeoutMs = update.timeoutMs;
    if (update.temperature !== undefined) next.temperature = update.temperature;
    if (update.apiKey !== undefined) {
      await this.#deps.apiKeyStore.set(update.apiKey);
      next.apiKeyOrigin = update.apiKey === null ? null : originOf(next.baseUrl);
    }
    await this.#deps.settingsStore.set(SETTINGS_KEY, next);
    this.#settings = next;
    // "invalidate on model change": the old model's answers are dropped
    const oldFp = fingerprintOf(old);
    if (old.provider === 'openai-compatible' && old.model && oldFp !== fingerprintOf(next)) {
      await this.invalidateModel(oldFp).catch((error) =>
        this.#deps.onError?.('could not clear the previous model’s cached analyses', error),
      );
    }
    return this.settings();
  }

  /** Drop every cached analysis of one model (fingerprint = LlmSettings.modelFingerprint). */
  async invalidateModel(fingerprint: string): Promise<number> {
    if (!/^[0-9a-f]{8}$/.test(fingerprint))
      throw new TmsError('VALIDATION', 'A model fingerprint is 8 hex digits.');
    if (!this.#deps.invalidatePattern) return 0;
    let n = 0;
    for (const type of ['sql', 'plan', 'tuning'] as const) {
      n += await this.#deps.invalidatePattern(`tms:llm:${type}:${fingerprint}-*`);
    }
    return n;
  }

  async #client(override?: { baseUrl?: string; apiKey?: string }): Promise<OpenAiCompatibleClient> {
    const s = await this.#stored();
    const baseUrl = override?.baseUrl ?? s.baseUrl;
    return new OpenAiCompatibleClient({
      baseUrl,
      timeoutMs: s.timeoutMs,
      getApiKey: override?.apiKey !== undefined ? () => override.apiKey : () => this.#keyFor(baseUrl),
      ...(this.#deps.fetchImpl ? { fetchImpl: this.#deps.fetchImpl } : {}),
    });
  }

  async listModels(override: { baseUrl?: string; apiKey?: string } = {}): Promise<LlmModelList> {
    const client = await this.#client(override);
    const started = this.#now();
    const models = await client.listModels();
    return { baseUrl: client.baseUrl, models, latencyMs: this.#now() - started };
  }

  async testProvider(
    override: { baseUrl?: string; model?: string; apiKey?: string } = {},
  ): Promise<LlmTestResult> {
    const s = await this.#stored();
    if (s.provider === 'offline' && !override.baseUrl) {
      return {
        ok: true,
        provider: 'offline',
        baseUrl: '',
        latencyMs: 0,
        modelCount: 0,
        modelFound: null,
        message: 'The built-in offline analyser needs no model and is always available.',
      };
    }
    const model = override.model ?? s.model;
    const started = this.#now();
    let baseUrl = override.baseUrl ?? s.baseUrl;
    try {
      const client = await this.#client(override);
      baseUrl = client.baseUrl;
      const models = await client.listModels();
      const found = model ? models.some((m) => m.id === model) : null;
      return {
        ok: found !== false,
        provider: 'openai-compatible',
        baseUrl,
        latencyMs: this.#now() - started,
        modelCount: models.length,
        modelFound: found,
        message:
          found === false
            ? `Connected, but model "${model}" is not among the ${models.length} models the server offers.`
            : `Connected: ${models.length} model${models.length === 1 ? '' : 's'} available${found ? `, "${model}" among them` : ''}.`,
      };
    } catch (error) {
      return {
        ok: false,
        provider: 'openai-compatible',
        baseUrl,
        latencyMs: this.#now() - started,
        modelCount: 0,
        modelFound: null,
        message: error instanceof Error ? error.message : String(error),
        ...(error instanceof TmsError ? { error: error.toJSON() } : {}),
      };
    }
  }

  /** Cancel a running analysis; true when one was running under this id. */
  cancel(requestId: string): { cancelled: boolean } {
    const c = this.#inflight.get(requestId);
    if (!c) return { cancelled: false };
    c.abort();
    return { cancelled: true };
  }

  stats(): LlmStats {
    const s = this.#stats;
    return {
      servedFromCache: s.servedFromCache,
      sharedInFlight: s.sharedInFlight,
      modelCalls: s.modelCalls,
      modelErrors: s.modelErrors,
      cancelled: s.cancelled,
      offlineAnalyses: s.offlineAnalyses,
      avgModelLatencyMs: s.modelCalls ? Math.round(s.latencySum / s.modelCalls) : null,
      timeSavedMs: s.timeSavedMs,
      tokensSaved: s.tokensSaved,
      tokensUsed: s.tokensUsed,
      since: s.since,
    };
  }

  async analyze(req: AnalyzeRequest, onChunk?: (delta: string) => void): Promise<AnalyzeResponse> {
    if (req.sqlText !== undefined && !req.sqlText.trim())
      throw invalidInput('llm.noSql', 'There is no SQL text to analyse.');
    if (this.#inflight.has(req.requestId)) {
      throw new TmsError('CONFLICT', `An analysis with id ${req.requestId} is already running.`);
    }
    const controller = new AbortController();
    this.#inflight.set(req.requestId, controller);
    const emitter = this.#chunker(req.requestId, onChunk);
    try {
      const s = await this.#stored();
      const offline = s.provider === 'offline';
      const [text, statement] = await Promise.all([
        resolveText(req, this.#deps.statements),
        resolveStatement(req, inputsNeeded(req.type, offline), this.#deps.statements, this.#deps.onError),
      ]);
      const { plan, stats, schema } = statement;
      const withStatement: Analysis = {
        ...withoutStatement(req),
        sqlText: text.sqlText,
        ...(plan ? { plan } : {}),
        ...(stats ? { stats } : {}),
        ...(schema ? { schema } : {}),
      };
      const tables = await this.#tables(withStatement);
      const input = { ...withStatement, ...(tables.tables ? { tables: tables.tables } : {}) };
      const inputs: AnalysisInputs = {
        text: text.use,
        plan: statement.planUse,
        stats: statement.statsUse,
        tables: tables.use,
      };
      let response: AnalyzeResponse;
      if (offline) {
        response = this.#offline(input, inputs);
      } else {
        response = await this.#viaModel(input, inputs, s, controller.signal, emitter.push);
      }
      emitter.flush();
      this.#deps.emit?.('llm:done', { requestId: req.requestId, ok: true, fromCache: response.fromCache });
      return response;
    } catch (error) {
      emitter.flush();
      const err =
        error instanceof TmsError
          ? error
          : new TmsError(
              'LLM_ERROR',
              `Analysis failed: ${error instanceof Error ? error.message : String(error)}`,
            );
      if (err.details?.cancelled) this.#stats.cancelled++;
      this.#deps.emit?.('llm:done', { requestId: req.requestId, ok: false, error: err.toJSON() });
      throw err;
    } finally {
      emitter.stop();
      this.#inflight.delete(req.requestId);
    }
  }

  /** The tables' sizes, columns and indexes: sent by the screen, else looked up; and how that went. */
  async #tables(req: Analysis): Promise<{ tables?: LlmTableInfo[]; use: AnalysisInputUse }> {
    if (req.tables) {
      return { tables: req.tables, use: { status: 'used', source: 'request', count: req.tables.length } };
    }
    const names = tablesReferenced(req.sqlText);
    if (!names.length) return { use: { status: 'notNeeded' } };
    if (!this.#deps.tableInfo) return { use: { status: 'missing', reason: 'noSource' } };
    try {
      const tables = await this.#deps.tableInfo(req.connId, names, req.schema);
      if (!tables.length) return { use: { status: 'missing', reason: 'notFound' } };
      return { tables, use: { status: 'used', source: 'fetched', count: tables.length } };
    } catch (error) {
      // table sizes improve the analysis but are not required for it
      this.#deps.onError?.('table statistics for the analysis could not be read', error);
      return {
        use: {
          status: 'missing',
          reason: 'readFailed',
          errorCode: error instanceof TmsError ? error.code : 'INTERNAL',
        },
      };
    }
  }

  #offline(req: Analysis, inputs: AnalysisInputs): AnalyzeResponse {
    const report = analyzeOffline({
      type: req.type,
      sqlText: req.sqlText,
      plan: req.plan,
      stats: req.stats,
      tables: req.tables,
      language: req.language,
      now: this.#now(),
    });
    this.#stats.offlineAnalyses++;
    return {
      requestId: req.requestId,
      type: req.type,
      provider: 'offline',
      providerId: 'offline',
      model: OFFLINE_MODEL,
      promptVersion: PROMPT_VERSION,
      hash: '',
      markdown: report.markdown,
      findings: report.findings,
      fromCache: false,
      modelCalled: false,
      generatedAt: this.#now(),
      masked: false,
      inputs,
    };
  }

  async #viaModel(
    req: Analysis,
    inputs: AnalysisInputs,
    s: StoredLlmSettings,
    signal: AbortSignal,
    push: (delta: string) => void,
  ): Promise<AnalyzeResponse> {
    if (!s.model) {
      throw new TmsError(
        'LLM_ERROR',
        'No model is selected. Pick one in LLM settings (the list comes from the server), or switch to the offline analyser.',
      );
    }
    const client = await this.#client();
    const providerId = `openai-compatible:${client.baseUrl}`;
    const hash = analysisHash({
      sqlText: req.sqlText,
      analysisType: req.type,
      providerId,
      model: s.model,
      promptVersion: PROMPT_VERSION,
      plan: req.plan,
      language: req.language,
    });
    const findings = runRules({
      type: req.type,
      sqlText: req.sqlText,
      plan: req.plan,
      stats: req.stats,
      tables: req.tables,
      language: req.language,
      now: this.#now(),
    });
    const mask = effectiveMask(s);
    const spec: CacheKeySpec = { resource: resourceOf(req.type), params: [hash] };
    let called = false;
    const fetchAnswer = async (): Promise<CachedAnswer> => {
      called = true;
      const prompt = buildPrompt({
        type: req.type,
        sqlId: req.sqlId,
        sqlText: req.sqlText,
        plan: req.plan,
        stats: req.stats,
        tables: req.tables,
        findings,
        language: req.language,
        maskLiterals: mask,
      });
      let result: Awaited<ReturnType<OpenAiCompatibleClient['chat']>>;
      try {
        result = await client.chat({
          model: s.model,
          messages: prompt.messages,
          temperature: s.temperature,
          stream: true,
          onDelta: push,
          signal,
        });
      } catch (error) {
        if (!(error instanceof TmsError && error.details?.cancelled)) this.#stats.modelErrors++;
        throw error;
      }
      const markdown = stripThinking(result.content);
      if (!markdown.trim()) {
        this.#stats.modelErrors++;
        throw new TmsError('LLM_ERROR', `Model "${s.model}" returned an empty answer; nothing was cached.`, {
          retryable: true,
        });
      }
      this.#stats.modelCalls++;
      this.#stats.latencySum += result.latencyMs;
      this.#stats.tokensUsed += result.usage?.totalTokens ?? 0;
      return {
        markdown,
        model: result.model ?? s.model,
        latencyMs: result.latencyMs,
        createdAt: this.#now(),
        masked: prompt.masked,
        ...(result.usage ? { usage: result.usage } : {}),
        ...(result.finishReason ? { finishReason: result.finishReason } : {}),
      };
    };
    const cached = await this.#deps.cache.getOrFetch(
      spec,
      fetchAnswer,
      req.refresh ? { bypass: true } : undefined,
    );
    // From the cache: L1/L2, or a stale answer (past its TTL, within grace) that the engine serves while one
    // refresh runs in the background, or because the model call failed. Otherwise the answer is this
    // request's own model call, or one it shared with an identical request already in flight.
    const fromCache = CACHED_ORIGINS.includes(cached.cache.origin);
    const modelCalled = called && !fromCache;
    if (!modelCalled) {
      if (fromCache) this.#stats.servedFromCache++;
      else this.#stats.sharedInFlight++;
      this.#stats.timeSavedMs += cached.data.latencyMs;
      this.#stats.tokensSaved += cached.data.usage?.totalTokens ?? 0;
    }
    const answer = cached.data;
    return {
      requestId: req.requestId,
      type: req.type,
      provider: 'openai-compatible',
      providerId,
      model: s.model,
      promptVersion: PROMPT_VERSION,
      hash,
      markdown: answer.markdown,
      findings,
      fromCache,
      modelCalled,
      cache: cached.cache,
      modelLatencyMs: answer.latencyMs,
      generatedAt: answer.createdAt,
      masked: answer.masked,
      inputs,
      ...(answer.usage ? { usage: answer.usage } : {}),
      ...(answer.finishReason ? { finishReason: answer.finishReason } : {}),
    };
  }

  /** Streamed deltas are batched into one llm:chunk event per few ms (IPC per token is wasteful). */
  #chunker(requestId: string, onChunk?: (delta: string) => void) {
    let buffer = '';
    let timer: NodeJS.Timeout | undefined;
    const flushMs = this.#deps.chunkFlushMs ?? 30;
    const flush = () => {
      if (timer) clearTimeout(timer);
      timer = undefined;
      if (!buffer) return;
      const delta = buffer;
      buffer = '';
      this.#deps.emit?.('llm:chunk', { requestId, delta });
    };
    let active = true;
    return {
      push: (delta: string) => {
        onChunk?.(delta);
        if (!active) return; // a background refresh after the request finished: no events
        buffer += delta;
        if (flushMs <= 0) flush();
        else timer ??= setTimeout(flush, flushMs);
      },
      flush,
      stop: () => {
        flush();
        active = false;
      },
    };
  }
}

/** The request without plan / statistics / schema (resolveStatement decides those). */
function withoutStatement(req: AnalyzeRequest): AnalyzeRequest {
  const { plan: _plan, stats: _stats, schema: _schema, ...rest } = req;
  return rest;
}

export function createLlmService(deps: LlmServiceDeps): LlmService {
  return new LlmService(deps);
}

/**
 * Builds `LlmServiceDeps.invalidatePattern` from the cache pieces: the patterns the service passes are
 * `tms:llm:{type}:{fp8}-*`, i.e. a literal prefix + `*`. Drops the prefix from this console's L1, deletes it
 * in L2 (NamespaceInvalidator.invalidatePrefix: SCAN + UNLINK, cluster-aware) and tells the other consoles
 * (InvalidationBus.publishInvalidation({prefixes})) so they drop their L1 copies too.
 */
export function llmPatternInvalidator(parts: {
  dropLocalPrefix: (prefix: string) => void;
  invalidatePrefix?: (prefix: string) => Promise<number>;
  publishInvalidation?: (scope: { prefixes: string[] }) => Promise<unknown> | unknown;
}): (pattern: string) => Promise<number> {
  return async (pattern) => {
    const prefix = pattern.endsWith('*') ? pattern.slice(0, -1) : pattern;
    if (!prefix.startsWith('tms:llm:') || /[*?[\]]/.test(prefix)) {
      throw new TmsError('VALIDATION', `Not an LLM cache prefix pattern: ${pattern.slice(0, 100)}`);
    }
    parts.dropLocalPrefix(prefix);
    const removed = (await parts.invalidatePrefix?.(prefix)) ?? 0;
    await parts.publishInvalidation?.({ prefixes: [prefix] });
    return removed;
  };
}

/** Reasoning models (e.g. deepseek-r1 on Ollama) put their scratchpad in <think>…</think>: not part of the answer. */
export function stripThinking(text: string): string {
  return text.replace(/<think>[\s\S]*?(<\/think>|$)/g, '').replace(/^\s+/, '');
}

function resourceOf(type: AnalysisType): 'llm-sql' | 'llm-plan' | 'llm-tuning' {
  return type === 'sql' ? 'llm-sql' : type === 'plan' ? 'llm-plan' : 'llm-tuning';
}

function providerIdOf(s: StoredLlmSettings): string {
  if (s.provider === 'offline') return 'offline';
  try {
    return `openai-compatible:${normalizeBaseUrl(s.baseUrl)}`;
  } catch {
    return `openai-compatible:${s.baseUrl}`;
  }
}

function fingerprintOf(s: StoredLlmSettings): string {
  return modelFingerprint(providerIdOf(s), s.provider === 'offline' ? OFFLINE_MODEL : s.model);
}

function effectiveMask(s: StoredLlmSettings): boolean {
  return s.maskLiterals === 'on' || (s.maskLiterals === 'auto' && !isLoopbackUrl(s.baseUrl));
}

function toPublic(s: StoredLlmSettings, hasApiKey: boolean): LlmSettings {
  return {
    provider: s.provider,
    baseUrl: s.baseUrl,
    model: s.model,
    hasApiKey,
    maskLiterals: s.maskLiterals,
    maskLiteralsEffective: effectiveMask(s),
    localProvider: isLoopbackUrl(s.baseUrl),
    timeoutMs: s.timeoutMs,
    temperature: s.temperature,
    modelFingerprint: fingerprintOf(s),
  };
}

/** Stored settings come from a file: keep what is valid, fall back to defaults for the rest. */
function sanitize(raw: Partial<StoredLlmSettings>): StoredLlmSettings {
  const d = DEFAULT_LLM_SETTINGS;
  let baseUrl = d.baseUrl;
  try {
    if (typeof raw.baseUrl === 'string') baseUrl = normalizeBaseUrl(raw.baseUrl);
  } catch {
    // keep the default
  }
  return {
    provider: raw.provider === 'openai-compatible' ? 'openai-compatible' : 'offline',
    baseUrl,
    model: typeof raw.model === 'string' ? raw.model.slice(0, 200) : d.model,
    maskLiterals: raw.maskLiterals === 'on' || raw.maskLiterals === 'off' ? raw.maskLiterals : 'auto',
    timeoutMs:
      typeof raw.timeoutMs === 'number' && raw.timeoutMs >= 50 && raw.timeoutMs <= 3_600_000
        ? raw.timeoutMs
        : d.timeoutMs,
    temperature:
      typeof raw.temperature === 'number' && raw.temperature >= 0 && raw.temperature <= 2
        ? raw.temperature
        : d.temperature,
    apiKeyOrigin: typeof raw.apiKeyOrigin === 'string' ? originOf(raw.apiKeyOrigin) : null,
  };
}

/** `http://localhost:11434` for any URL on that server; '' when it is not a URL. */
function originOf(url: string): string {
  try {
    return new URL(normalizeBaseUrl(url)).origin;
  } catch {
    return '';
  }
}

/** An in-memory LlmSettingsStore (tests, browser-mode without a data dir). */
export function memorySettingsStore(initial: Record<string, unknown> = {}): LlmSettingsStore {
  const data = new Map(Object.entries(initial).map(([k, v]) => [k, JSON.stringify(v)]));
  return {
    get: async (key) => {
      const v = data.get(key);
      return v === undefined ? undefined : JSON.parse(v);
    },
    set: async (key, value) => {
      data.set(key, JSON.stringify(value));
    },
  };
}

/** An in-memory LlmApiKeyStore (tests only: it is not encrypted). */
export function memoryApiKeyStore(initial?: string): LlmApiKeyStore {
  let key: string | null = initial ?? null;
  return {
    get: async () => key,
    set: async (value) => {
      key = value;
    },
  };
}
