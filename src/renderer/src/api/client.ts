/**
 * The renderer's only way to main: picks the transport at start-up (the preload's `window.tms`
 * in Electron, else the web transport) and turns Result envelopes into values or TmsErrors.
 */
import type { Channel, EventName, PayloadOf, RequestOf, ResponseOf, TmsBridge } from '@shared/contract';
import { type Result, TmsError } from '@shared/errors';
import { createWebBridge, takeTokenFromLocation } from './web-transport';

let bridge: TmsBridge | undefined;

export function transportKind(): 'electron' | 'web' {
  return window.tms ? 'electron' : 'web';
}

function getBridge(): TmsBridge {
  if (bridge) return bridge;
  if (window.tms) {
    bridge = window.tms;
  } else {
    const token = takeTokenFromLocation();
    if (!token) {
      throw new TmsError(
        'FORBIDDEN',
        'No session token: open the URL printed by `npm run web` (it ends with #token=...).',
        { details: { reason: 'console.noToken' } },
      );
    }
    bridge = createWebBridge(token);
  }
  return bridge;
}

/** Start-up reads sent before their view's code has loaded, each taken once by the view's identical call. */
const PREFETCH_MAX_AGE_MS = 3000;
interface Prefetch {
  at: number;
  answer: Promise<unknown>;
  /** set when the answer has arrived (a view rendering after that can take it synchronously) */
  value?: { data: unknown };
}
const prefetched = new Map<string, Prefetch>();

/**
 * Send a read now (at start-up, while the view's code is still loading): the view's first `call` with
 * the same channel and request gets this answer instead of asking again (issue 15: data does not wait
 * for code). Unused answers expire after 3 s.
 */
export function prefetch<C extends Channel>(channel: C, request: RequestOf<C>): void {
  const key = `${channel} ${JSON.stringify(request)}`;
  if (prefetched.has(key)) return;
  const answer = invoke(channel, request);
  const entry: Prefetch = { at: Date.now(), answer };
  answer.then(
    (data) => {
      entry.value = { data };
    },
    () => undefined, // the view's call reports it
  );
  prefetched.set(key, entry);
}

/**
 * The prefetched answer if it has already arrived (taken once), for a view's first render: the view
 * then shows its data in the same pass as its frame instead of rendering empty, asking, and rendering
 * again. Undefined when it is not there yet (the view's `call` then waits for it).
 */
export function takeArrivedPrefetch<C extends Channel>(
  channel: C,
  request: RequestOf<C>,
): ResponseOf<C> | undefined {
  if (prefetched.size === 0) return undefined;
  const key = `${channel} ${JSON.stringify(request)}`;
  const hit = prefetched.get(key);
  if (!hit?.value || Date.now() - hit.at > PREFETCH_MAX_AGE_MS) return undefined;
  prefetched.delete(key);
  return hit.value.data as ResponseOf<C>;
}

function takePrefetched<C extends Channel>(
  channel: C,
  request: RequestOf<C>,
): Promise<ResponseOf<C>> | undefined {
  if (prefetched.size === 0) return undefined;
  const key = `${channel} ${JSON.stringify(request)}`;
  const hit = prefetched.get(key);
  if (!hit) return undefined;
  prefetched.delete(key);
  return Date.now() - hit.at <= PREFETCH_MAX_AGE_MS ? (hit.answer as Promise<ResponseOf<C>>) : undefined;
}

export function call<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  return takePrefetched(channel, request) ?? invoke(channel, request);
}

async function invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  const [domain, action] = channel.split(':') as [string, string];
  const group = (
    getBridge() as unknown as Record<string, Record<string, (r: unknown) => Promise<Result<unknown>>>>
  )[domain];
  const method = group?.[action];
  if (!method) throw new TmsError('UNKNOWN_CHANNEL', `The bridge has no method for ${channel}.`);
  const result = await method(request);
  if (!result.ok) throw TmsError.from(result.error);
  return result.data as ResponseOf<C>;
}

export function subscribe<E extends EventName>(
  name: E,
  listener: (payload: PayloadOf<E>) => void,
): () => void {
  return getBridge().on(name, listener);
}

/** Start-up check: is a transport available at all? */
export function bridgeError(): TmsError | undefined {
  try {
    getBridge();
    return undefined;
  } catch (error) {
    return error instanceof TmsError ? error : new TmsError('INTERNAL', String(error));
  }
}
