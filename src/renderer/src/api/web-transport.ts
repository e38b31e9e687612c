/**
 * Browser mode: the same bridge as the preload's `window.tms` (built by the same createBridge), over
 * HTTP for requests and a WebSocket for events. The session token arrives in the URL fragment and is
 * kept in sessionStorage.
 */
import { type BridgeIpc, createBridge } from '@shared/bridge';
import type { TmsBridge } from '@shared/contract';
import { IPC_EVENT } from '@shared/contract/names';
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

type IpcListener = (event: unknown, ...args: unknown[]) => void;

/** ipcRenderer's invoke/on/removeListener, over HTTP and a reconnecting WebSocket. */
export function webIpc(token: string): BridgeIpc {
  const listeners = new Set<IpcListener>();
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
      let parsed: unknown;
      try {
        parsed = JSON.parse(String(message.data));
      } catch {
        return; // a malformed frame is ignored; the bridge checks names itself
      }
      for (const listener of [...listeners]) listener(undefined, parsed);
    };
    socket.onclose = () => {
      socket = undefined;
      if (listeners.size === 0) return;
      setTimeout(() => {
        if (listeners.size > 0 && !socket) connect();
      }, retryMs);
      retryMs = Math.min(retryMs * 2, 10_000);
    };
  };

  return {
    invoke: async (channel, request): Promise<Result<unknown>> => {
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
            // worded in the UI language (errors.json); the browser's own text stays in the folded original
            details: { reason: 'console.serverDown' },
          },
        };
      }
    },
    on: (channel, listener) => {
      if (channel !== IPC_EVENT) return;
      listeners.add(listener);
      if (!socket) connect();
    },
    removeListener: (channel, listener) => {
      if (channel !== IPC_EVENT) return;
      listeners.delete(listener);
      if (listeners.size === 0) socket?.close();
    },
  };
}

export function createWebBridge(token: string): TmsBridge {
  return createBridge(webIpc(token));
}
