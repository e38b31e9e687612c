/**
 * Browser mode: the same bridge as the preload's `window.tms`, over HTTP (requests) and a
 * WebSocket (events). The session token arrives in the URL fragment and is kept in sessionStorage.
 */
import { CHANNELS, type EventName, isEventName, type TmsBridge } from '@shared/contract';
import type { Result } from '@shared/errors';

const TOKEN_KEY = 'tms.webToken';

export function takeTokenFromLocation(): string | null {
  const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
  if (match?.[1]) {
    const token = decodeURIComponent(match[1]);
    sessionStorage.setItem(TOKEN_KEY, token);
    // keep the token out of the address bar, history and screenshots
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return token;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

export function createWebBridge(token: string): TmsBridge {
  const invoke = async (channel: string, request: unknown): Promise<Result<unknown>> => {
    try {
      const res = await fetch(`/api/invoke/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-tms-token': token },
        body: JSON.stringify(request ?? {}),
      });
      return (await res.json()) as Result<unknown>;
    } catch (error) {
      return {
        ok: false,
        error: {
          code: 'INTERNAL',
          message: `The console's server does not answer (${(error as Error).message}). Is \`npm run web\` still running?`,
          retryable: true,
        },
      };
    }
  };

  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let socket: WebSocket | undefined;
  let retryMs = 500;
  const connect = (): void => {
    const proto = window.location.protocol === 'https:' ? 'wss' : 'ws';
    socket = new WebSocket(
      `${proto}://${window.location.host}/api/events?token=${encodeURIComponent(token)}`,
    );
    socket.onopen = () => {
      retryMs = 500;
    };
    socket.onmessage = (message) => {
      try {
        const { name, payload } = JSON.parse(String(message.data)) as { name: unknown; payload: unknown };
        if (!isEventName(name)) return;
        for (const listener of listeners.get(name) ?? []) listener(payload);
      } catch {
        /* ignore a malformed frame */
      }
    };
    socket.onclose = () => {
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 10_000);
    };
  };
  connect();

  const bridge: Record<string, unknown> = {
    on: (name: EventName, listener: (payload: unknown) => void) => {
      if (!isEventName(name)) throw new Error(`Unknown event ${String(name)}`);
      let set = listeners.get(name);
      if (!set) {
        set = new Set();
        listeners.set(name, set);
      }
      set.add(listener);
      return () => set.delete(listener);
    },
  };
  for (const channel of CHANNELS) {
    const [domain, action] = channel.split(':') as [string, string];
    bridge[domain] ??= {};
    (bridge[domain] as Record<string, unknown>)[action] = (request: unknown) => invoke(channel, request);
  }
  return bridge as unknown as TmsBridge;
}
