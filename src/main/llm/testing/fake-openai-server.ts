/**
 * Test harness: a small OpenAI-compatible HTTP server on 127.0.0.1 (real HTTP, real SSE streaming).
 * GET /v1/models, POST /v1/chat/completions (stream or not). Behaviour is switched per test.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeMode =
  | 'rejectStreamOptions'
  | 'ok'
  | 'error500'
  | 'error401'
  | 'hang'
  | 'hangAfterFirstChunk'
  | 'json'
  | 'streamError'
  | 'empty';

export interface RecordedChat {
  model: string;
  stream: boolean;
  messages: { role: string; content: string }[];
  authorization?: string;
}

export interface FakeOpenAiServer {
  readonly baseUrl: string;
  mode: FakeMode;
  models: string[];
  /** when set, requests without `Authorization: Bearer <key>` get 401 */
  requiredKey?: string;
  answer: (req: RecordedChat) => string;
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number } | null;
  readonly chats: RecordedChat[];
  modelListCalls: number;
  close(): Promise<void>;
}

export async function startFakeOpenAiServer(): Promise<FakeOpenAiServer> {
  const open = new Set<ServerResponse>();
  const state: Omit<FakeOpenAiServer, 'baseUrl' | 'close'> = {
    mode: 'ok',
    models: ['model-a', 'model-b'],
    answer: (r) => `## Summary\n\nAnalysis by ${r.model}.\n\n## Issues\n\n1. Something worth fixing.`,
    usage: { prompt_tokens: 120, completion_tokens: 30, total_tokens: 150 },
    chats: [],
    modelListCalls: 0,
  };
  const server: Server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    open.add(res);
    res.on('close', () => open.delete(res));
    const auth = req.headers.authorization;
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (state.requiredKey && auth !== `Bearer ${state.requiredKey}`) {
      json(401, { error: { message: 'Incorrect API key provided.', type: 'invalid_request_error' } });
      return;
    }
    if (req.method === 'GET' && req.url === '/v1/models') {
      state.modelListCalls++;
      json(200, {
        object: 'list',
        data: state.models.map((id) => ({ id, object: 'model', owned_by: 'test' })),
      });
      return;
    }
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
      json(404, { error: { message: `no route ${req.method} ${req.url}` } });
      return;
    }
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const body = JSON.parse(raw) as {
      model: string;
      stream?: boolean;
      stream_options?: unknown;
      messages: RecordedChat['messages'];
    };
    const rec: RecordedChat = { model: body.model, stream: body.stream === true, messages: body.messages };
    if (auth) rec.authorization = auth;
    state.chats.push(rec);
    if (!state.models.includes(body.model)) {
      json(404, { error: { message: `model "${body.model}" not found, try pulling it first` } });
      return;
    }
    if (state.mode === 'rejectStreamOptions' && body.stream_options) {
      return json(400, { error: { message: 'Unrecognized request argument supplied: stream_options' } });
    }
    if (state.mode === 'error500')
      return json(500, { error: { message: 'llama runner process has terminated' } });
    if (state.mode === 'error401') return json(401, { error: { message: 'invalid api key' } });
    if (state.mode === 'hang') return; // never answers
    const text = state.mode === 'empty' ? '' : state.answer(rec);
    if (!rec.stream || state.mode === 'json') {
      json(200, {
        id: 'cmpl-1',
        object: 'chat.completion',
        model: body.model,
        choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
        ...(state.usage ? { usage: state.usage } : {}),
      });
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const send = (obj: unknown) => res.write(`data: ${JSON.stringify(obj)}\n\n`);
    const pieces = text.match(/[\s\S]{1,12}/g) ?? [];
    res.write(': keep-alive\n\n');
    for (let i = 0; i < pieces.length; i++) {
      send({
        id: 'c',
        object: 'chat.completion.chunk',
        model: body.model,
        choices: [{ index: 0, delta: { content: pieces[i] }, finish_reason: null }],
      });
      if (state.mode === 'hangAfterFirstChunk') return; // keep the stream open, send nothing more
      if (state.mode === 'streamError' && i === 1) {
        send({ error: { message: 'out of memory while generating' } });
        res.end();
        return;
      }
      await new Promise((r) => setTimeout(r, 1));
    }
    send({
      id: 'c',
      object: 'chat.completion.chunk',
      model: body.model,
      choices: [{ index: 0, delta: {}, finish_reason: 'stop' }],
    });
    if (state.usage)
      send({ id: 'c', object: 'chat.completion.chunk', model: body.model, choices: [], usage: state.usage });
    res.write('data: [DONE]\n\n');
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const handle = state as FakeOpenAiServer;
  Object.assign(handle, {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    close: async () => {
      for (const r of open) r.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
  return handle;
}
