/**
 * An OpenAI-compatible chat-completions client on Node's global fetch (no SDK): Ollama
 * (http://localhost:11434/v1), LM Studio (http://localhost:1234/v1), llama.cpp, vLLM, or a hosted service.
 * GET {base}/models fills the model picker and is the health check; POST {base}/chat/completions with
 * `stream: true` streams Server-Sent Events (`data: {...}` lines, ending with `data: [DONE]`).
 * Every failure is a TmsError('LLM_ERROR') with a message a DBA can act on.
 */
import { TmsError } from '@shared/errors';
import type { LlmModelInfo, LlmUsage } from '@shared/types/llm';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  temperature?: number;
  maxTokens?: number;
  /** stream the answer; `onDelta` receives each piece of text */
  stream?: boolean;
  onDelta?: (delta: string) => void;
  /** cancel (llm:cancel) */
  signal?: AbortSignal;
}

export interface ChatResult {
  content: string;
  usage?: LlmUsage;
  finishReason?: string;
  /** the model the server says answered */
  model?: string;
  latencyMs: number;
}

export interface OpenAiClientOptions {
  baseUrl: string;
  /** the API key, read when a request is made (stored encrypted elsewhere); none for local servers */
  getApiKey?: () => Promise<string | undefined | null> | string | undefined | null;
  /** no response headers, and (streaming) no new chunk, within this many ms = timeout */
  timeoutMs: number;
  fetchImpl?: typeof fetch;
}

/** `http://localhost:11434` → `http://localhost:11434/v1`; trailing slashes removed. */
export function normalizeBaseUrl(baseUrl: string): string {
  const url = new URL(baseUrl.trim());
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TmsError(
      'LLM_ERROR',
      `The model server URL must start with http:// or https:// (got "${url.protocol}").`,
    );
  }
  let path = url.pathname.replace(/\/+$/, '');
  if (path === '') path = '/v1';
  url.pathname = path;
  url.search = '';
  url.hash = '';
  return url.toString().replace(/\/+$/, '');
}

type AbortReason = 'timeout' | 'cancel' | null;

export class OpenAiCompatibleClient {
  readonly baseUrl: string;
  readonly #opts: OpenAiClientOptions;
  readonly #fetch: typeof fetch;

  constructor(opts: OpenAiClientOptions) {
    this.baseUrl = normalizeBaseUrl(opts.baseUrl);
    this.#opts = opts;
    this.#fetch = opts.fetchImpl ?? fetch;
  }

  /** GET /models: the model picker and the health check. */
  async listModels(signal?: AbortSignal): Promise<LlmModelInfo[]> {
    return this.#withDeadline(signal, async (s, touch, reason) => {
      const res = await this.#request('GET', '/models', undefined, s, reason);
      touch();
      const body = (await this.#json(res, reason)) as { data?: unknown };
      const list = Array.isArray(body?.data) ? body.data : Array.isArray(body) ? (body as unknown[]) : null;
      if (!list) {
        throw new TmsError(
          'LLM_ERROR',
          `${this.baseUrl}/models did not return a model list. Is this an OpenAI-compatible server (the base URL usually ends in /v1)?`,
        );
      }
      return list
        .filter(
          (m): m is { id: string; owned_by?: unknown } => typeof (m as { id?: unknown })?.id === 'string',
        )
        .map((m) => ({ id: m.id, ...(typeof m.owned_by === 'string' ? { ownedBy: m.owned_by } : {}) }));
    });
  }

  /** POST /chat/completions, streamed or not. */
  async chat(req: ChatRequest): Promise<ChatResult> {
    const started = Date.now();
    return this.#withDeadline(req.signal, async (s, touch, reason) => {
      const payload: Record<string, unknown> = {
        model: req.model,
        messages: req.messages,
        stream: req.stream === true,
      };
      if (req.temperature !== undefined) payload.temperature = req.temperature;
      if (req.maxTokens !== undefined) payload.max_tokens = req.maxTokens;
      if (req.stream) payload.stream_options = { include_usage: true };
      let res: Response;
      try {
        res = await this.#request('POST', '/chat/completions', payload, s, reason, req.model);
      } catch (error) {
        // a strict server may refuse stream_options (usage reporting): ask once more without it
        const said = error instanceof TmsError ? String(error.details?.body ?? '') : '';
        if (!payload.stream_options || !/stream_options|include_usage/i.test(said)) throw error;
        delete payload.stream_options;
        res = await this.#request('POST', '/chat/completions', payload, s, reason, req.model);
      }
      touch();
      const contentType = res.headers.get('content-type') ?? '';
      if (req.stream && res.body && !contentType.includes('application/json')) {
        const out = await this.#readStream(res.body, touch, reason, req.onDelta);
        return { ...out, latencyMs: Date.now() - started };
      }
      const body = (await this.#json(res, reason)) as ChatCompletion;
      const choice = body.choices?.[0];
      const content = choice?.message?.content ?? choice?.text;
      if (typeof content !== 'string') {
        throw new TmsError('LLM_ERROR', `The model server at ${this.baseUrl} returned no answer text.`);
      }
      if (req.stream && content) req.onDelta?.(content);
      return {
        content,
        latencyMs: Date.now() - started,
        ...(toUsage(body.usage) ? { usage: toUsage(body.usage) } : {}),
        ...(choice?.finish_reason ? { finishReason: choice.finish_reason } : {}),
        ...(body.model ? { model: body.model } : {}),
      };
    });
  }

  async #readStream(
    body: ReadableStream<Uint8Array>,
    touch: () => void,
    reason: () => AbortReason,
    onDelta?: (delta: string) => void,
  ): Promise<Omit<ChatResult, 'latencyMs'>> {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    let content = '';
    let usage: LlmUsage | undefined;
    let finishReason: string | undefined;
    let model: string | undefined;
    let done = false;
    const handleLine = (raw: string) => {
      const line = raw.trim();
      if (!line.startsWith('data:')) return; // `: keep-alive` comments, `event:` lines
      const data = line.slice(5).trim();
      if (data === '[DONE]') {
        done = true;
        return;
      }
      let chunk: ChatCompletion;
      try {
        chunk = JSON.parse(data) as ChatCompletion;
      } catch {
        return; // a malformed chunk is skipped, not fatal
      }
      if (chunk.error) throw providerError(chunk.error, this.baseUrl);
      if (chunk.model) model = chunk.model;
      const u = toUsage(chunk.usage);
      if (u) usage = u;
      const choice = chunk.choices?.[0];
      const delta = choice?.delta?.content ?? choice?.text;
      if (typeof delta === 'string' && delta) {
        content += delta;
        onDelta?.(delta);
      }
      if (choice?.finish_reason) finishReason = choice.finish_reason;
    };
    try {
      while (!done) {
        const { value, done: eof } = await reader.read();
        if (eof) break;
        touch();
        buffer += decoder.decode(value, { stream: true });
        let nl = buffer.indexOf('\n');
        while (nl !== -1 && !done) {
          handleLine(buffer.slice(0, nl));
          buffer = buffer.slice(nl + 1);
          nl = buffer.indexOf('\n');
        }
      }
      if (!done && buffer.trim()) handleLine(buffer);
    } catch (error) {
      throw this.#mapFailure(error, reason());
    } finally {
      reader.cancel().catch(() => {});
    }
    return {
      content,
      ...(usage ? { usage } : {}),
      ...(finishReason ? { finishReason } : {}),
      ...(model ? { model } : {}),
    };
  }

  async #request(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    signal: AbortSignal,
    reason: () => AbortReason,
    model?: string,
  ): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json, text/event-stream' };
    const key = await this.#opts.getApiKey?.();
    if (key) headers.authorization = `Bearer ${key}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await this.#fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        signal,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch (error) {
      throw this.#mapFailure(error, reason());
    }
    if (!res.ok) {
      let text = '';
      try {
        text = (await res.text()).slice(0, 2000);
      } catch {
        // the body is only used for the message
      }
      // some servers quote the Authorization header they refused: never pass the key on
      throw httpError(res.status, key ? text.split(key).join('***') : text, this.baseUrl, model);
    }
    return res;
  }

  async #json(res: Response, reason: () => AbortReason): Promise<unknown> {
    let text: string;
    try {
      text = await res.text();
    } catch (error) {
      throw this.#mapFailure(error, reason());
    }
    try {
      return JSON.parse(text);
    } catch {
      throw new TmsError(
        'LLM_ERROR',
        `The model server at ${this.baseUrl} did not answer with JSON. Check the base URL (it usually ends in /v1).`,
      );
    }
  }

  /** Run `fn` with an idle deadline (reset by `touch`) combined with the caller's cancel signal. */
  async #withDeadline<T>(
    external: AbortSignal | undefined,
    fn: (signal: AbortSignal, touch: () => void, reason: () => AbortReason) => Promise<T>,
  ): Promise<T> {
    const controller = new AbortController();
    let why: AbortReason = null;
    const abort = (r: Exclude<AbortReason, null>) => {
      if (why) return;
      why = r;
      controller.abort(new Error(r));
    };
    if (external?.aborted) abort('cancel');
    const onCancel = () => abort('cancel');
    external?.addEventListener('abort', onCancel, { once: true });
    let timer: NodeJS.Timeout | undefined;
    const touch = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => abort('timeout'), this.#opts.timeoutMs);
    };
    touch();
    try {
      if (why) throw this.#mapFailure(new Error('aborted'), why);
      return await fn(controller.signal, touch, () => why);
    } catch (error) {
      // an abort may surface as a generic error from a body read: report it as what it was
      if (why && !(error instanceof TmsError && error.details?.reason === why))
        throw this.#mapFailure(error, why);
      throw error;
    } finally {
      if (timer) clearTimeout(timer);
      external?.removeEventListener('abort', onCancel);
    }
  }

  #mapFailure(error: unknown, reason: AbortReason): TmsError {
    if (error instanceof TmsError) return error;
    if (reason === 'cancel') {
      return new TmsError('LLM_ERROR', 'The analysis was cancelled.', {
        details: { reason: 'cancel', cancelled: true },
      });
    }
    if (reason === 'timeout') {
      return new TmsError(
        'LLM_ERROR',
        `The model server at ${this.baseUrl} did not answer within ${Math.round(this.#opts.timeoutMs / 1000)} s. ` +
          'A large local model may need a longer timeout (LLM settings), or the server is overloaded.',
        { retryable: true, details: { reason: 'timeout' } },
      );
    }
    const code = errorCode(error);
    if (code === 'ECONNREFUSED') {
      return new TmsError(
        'LLM_ERROR',
        `Cannot connect to the model server at ${this.baseUrl} (connection refused). Is Ollama or LM Studio's server running? ` +
          '(Ollama: `ollama serve`; LM Studio: Developer tab → Start server, or `lms server start`.)',
        { retryable: true, details: { reason: 'unreachable', errno: code } },
      );
    }
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
      return new TmsError(
        'LLM_ERROR',
        `The model server's host name in ${this.baseUrl} cannot be resolved.`,
        {
          retryable: true,
          details: { reason: 'unreachable', errno: code },
        },
      );
    }
    if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') {
      return new TmsError(
        'LLM_ERROR',
        `The model server at ${this.baseUrl} closed the connection mid-answer.`,
        {
          retryable: true,
          details: { reason: 'reset', errno: code },
        },
      );
    }
    if (code && /CERT|SSL|TLS/.test(code)) {
      return new TmsError(
        'LLM_ERROR',
        `TLS error talking to ${this.baseUrl} (${code}). Check the URL and certificate.`,
        {
          details: { reason: 'tls', errno: code },
        },
      );
    }
    const msg = error instanceof Error ? error.message : String(error);
    return new TmsError('LLM_ERROR', `Request to the model server at ${this.baseUrl} failed: ${msg}`, {
      retryable: true,
      details: { reason: 'network', ...(code ? { errno: code } : {}) },
    });
  }
}

interface ChatCompletion {
  model?: string;
  choices?: {
    message?: { content?: string | null };
    delta?: { content?: string | null };
    text?: string;
    finish_reason?: string | null;
  }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number; total_tokens?: number } | null;
  error?: unknown;
}

function toUsage(u: ChatCompletion['usage']): LlmUsage | undefined {
  if (!u || typeof u !== 'object') return undefined;
  const out: LlmUsage = {};
  if (typeof u.prompt_tokens === 'number') out.promptTokens = u.prompt_tokens;
  if (typeof u.completion_tokens === 'number') out.completionTokens = u.completion_tokens;
  if (typeof u.total_tokens === 'number') out.totalTokens = u.total_tokens;
  else if (out.promptTokens !== undefined && out.completionTokens !== undefined) {
    out.totalTokens = out.promptTokens + out.completionTokens;
  }
  return Object.keys(out).length ? out : undefined;
}

function errorCode(error: unknown): string | undefined {
  let e: unknown = error;
  for (let i = 0; i < 4 && e && typeof e === 'object'; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    const errors = (e as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.length) {
      const inner = errorCode(errors[0]);
      if (inner) return inner;
    }
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

function serverMessage(body: string): string | undefined {
  if (!body) return undefined;
  try {
    const parsed = JSON.parse(body) as { error?: unknown; message?: unknown; detail?: unknown };
    const e = parsed.error;
    if (typeof e === 'string') return e;
    if (e && typeof e === 'object' && typeof (e as { message?: unknown }).message === 'string') {
      return (e as { message: string }).message;
    }
    if (typeof parsed.message === 'string') return parsed.message;
    if (typeof parsed.detail === 'string') return parsed.detail;
  } catch {
    // not JSON
  }
  return body.replace(/\s+/g, ' ').trim().slice(0, 300) || undefined;
}

function providerError(error: unknown, baseUrl: string): TmsError {
  const msg =
    typeof error === 'string'
      ? error
      : typeof (error as { message?: unknown })?.message === 'string'
        ? (error as { message: string }).message
        : JSON.stringify(error).slice(0, 300);
  return new TmsError('LLM_ERROR', `The model server at ${baseUrl} reported an error mid-answer: ${msg}`, {
    retryable: true,
    details: { reason: 'provider' },
  });
}

function httpError(status: number, body: string, baseUrl: string, model?: string): TmsError {
  const said = serverMessage(body);
  const suffix = said ? ` The server said: ${said}` : '';
  const details = { reason: 'http', status, ...(said ? { body: said.slice(0, 300) } : {}) };
  if (status === 401 || status === 403) {
    return new TmsError(
      'LLM_ERROR',
      `The model server at ${baseUrl} rejected the API key (HTTP ${status}). Set a valid key in LLM settings.${suffix}`,
      { details },
    );
  }
  if (status === 404) {
    const what = model
      ? `Model "${model}" was not found at ${baseUrl} (HTTP 404). Pick a model from the list` +
        ` (for Ollama: \`ollama pull ${model}\`), or check that the base URL ends in /v1.`
      : `${baseUrl} has no OpenAI-compatible API here (HTTP 404). Check the base URL (it usually ends in /v1).`;
    return new TmsError('LLM_ERROR', `${what}${suffix}`, { details });
  }
  if (status === 429) {
    return new TmsError(
      'LLM_ERROR',
      `The model server at ${baseUrl} is rate-limiting requests (HTTP 429).${suffix}`,
      {
        retryable: true,
        details,
      },
    );
  }
  if (status === 400 || status === 413 || status === 422) {
    return new TmsError(
      'LLM_ERROR',
      `The model server at ${baseUrl} refused the request (HTTP ${status}); the prompt may exceed the model's context.${suffix}`,
      { details },
    );
  }
  return new TmsError('LLM_ERROR', `The model server at ${baseUrl} failed (HTTP ${status}).${suffix}`, {
    retryable: status >= 500,
    details,
  });
}
