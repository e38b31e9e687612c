/**
 * Builds `window.tms` from the IPC contract: one named method per channel (`domain:action` →
 * `tms.domain.action(request)`), plus `on(event, listener)` for the contract's events.
 * Transport-free: the preload passes ipcRenderer, browser mode an HTTP + WebSocket equivalent,
 * so both transports expose exactly the same bridge.
 */
import type { Channel, TmsBridge } from './contract';
import { CHANNEL_NAMES, IPC_EVENT, isEventName } from './contract/names';
import type { Result } from './errors';

/** The two ipcRenderer calls the bridge needs; never handed to the page. */
export interface BridgeIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

type Listener = (payload: unknown) => void;

export function createBridge(ipc: BridgeIpc, channels: readonly Channel[] = CHANNEL_NAMES): TmsBridge {
  const domains: Record<string, Record<string, (request: unknown) => Promise<Result<unknown>>>> = {};
  for (const channel of channels) {
    const [domain, action] = channel.split(':') as [string, string];
    if (domain === 'on') throw new Error(`contract domain "on" clashes with tms.on`);
    domains[domain] ??= {};
    domains[domain][action] = (request: unknown) => invoke(ipc, channel, request);
  }

  const listeners = new Map<string, Set<Listener>>();
  // One ipcRenderer listener for all events, attached while anyone listens; the IpcRendererEvent stays here.
  const onIpcEvent = (_event: unknown, message: unknown) => {
    if (typeof message !== 'object' || message === null) return;
    const { name, payload } = message as { name?: unknown; payload?: unknown };
    if (!isEventName(name)) return;
    for (const listener of [...(listeners.get(name) ?? [])]) {
      try {
        listener(payload);
      } catch (error) {
        console.error(`tms.on('${name}') listener failed`, error);
      }
    }
  };
  let attached = false;
  const listenerCount = () => [...listeners.values()].reduce((n, set) => n + set.size, 0);

  const on = (event: string, listener: Listener): (() => void) => {
    if (!isEventName(event)) throw new TypeError(`Unknown event "${String(event).slice(0, 80)}"`);
    if (typeof listener !== 'function') throw new TypeError('tms.on needs a listener function');
    let set = listeners.get(event);
    if (!set) {
      set = new Set();
      listeners.set(event, set);
    }
    // wrap, so the same function subscribed twice gets two independent subscriptions
    const entry: Listener = (payload) => listener(payload);
    set.add(entry);
    if (!attached) {
      ipc.on(IPC_EVENT, onIpcEvent);
      attached = true;
    }
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      set.delete(entry);
      if (attached && listenerCount() === 0) {
        ipc.removeListener(IPC_EVENT, onIpcEvent);
        attached = false;
      }
    };
  };

  const bridge: Record<string, unknown> = { on };
  for (const [domain, methods] of Object.entries(domains)) bridge[domain] = Object.freeze(methods);
  return Object.freeze(bridge) as unknown as TmsBridge;
}

async function invoke(ipc: BridgeIpc, channel: Channel, request: unknown): Promise<Result<unknown>> {
  try {
    const result = await ipc.invoke(channel, request ?? {});
    if (isResult(result)) return result;
    return internal(`Malformed reply from the main process for ${channel}.`);
  } catch (error) {
    // invoke rejects only when main has no handler or the request cannot be cloned
    const message = error instanceof Error ? error.message : String(error);
    return internal(`Could not reach the main process for ${channel}: ${message}`);
  }
}

function isResult(value: unknown): value is Result<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

function internal(message: string): Result<never> {
  return { ok: false, error: { code: 'INTERNAL', message, retryable: true } };
}
