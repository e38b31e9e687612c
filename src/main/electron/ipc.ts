/**
 * Binds the IPC contract to ipcMain: one `ipcMain.handle(channel)` per contract channel, each checking
 * the sender before the request reaches the dispatcher (which validates it and never throws).
 */
import { CHANNELS, type Channel, IPC_EVENT } from '@shared/contract';
import type { Result } from '@shared/errors';
import type { IpcMainInvokeEvent } from 'electron';
import type { Dispatch } from '../ipc/dispatcher';

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface IpcBindingOptions {
  dispatch: Dispatch;
  isTrusted: (event: IpcMainInvokeEvent) => boolean;
  onRejected?: (channel: Channel, event: IpcMainInvokeEvent) => void;
  channels?: readonly Channel[];
}

export const FORBIDDEN_RESULT: Result<never> = Object.freeze({
  ok: false,
  error: Object.freeze({
    code: 'FORBIDDEN',
    message: 'This request did not come from the TMS Console window and was refused.',
    retryable: false,
  }),
}) as Result<never>;

/** Registers every channel; returns a function that removes them again. */
export function registerContractHandlers(ipcMain: IpcMainLike, options: IpcBindingOptions): () => void {
  const channels = options.channels ?? CHANNELS;
  for (const channel of channels) {
    ipcMain.handle(channel, async (event, request) => {
      if (!options.isTrusted(event)) {
        options.onRejected?.(channel, event);
        return FORBIDDEN_RESULT;
      }
      return options.dispatch(channel, request, { transport: 'electron' });
    });
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}

export interface EventTarget {
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
}

/** Pushes every core event to every live window as `{ name, payload }` on IPC_EVENT. */
export function forwardEvents(
  events: { onAny(listener: (name: string, payload: unknown) => void): () => void },
  targets: () => Iterable<EventTarget>,
  log: (message: string, error?: unknown) => void = () => {},
): () => void {
  return events.onAny((name, payload) => {
    for (const contents of targets()) {
      if (contents.isDestroyed()) continue;
      try {
        contents.send(IPC_EVENT, { name, payload });
      } catch (error) {
        log(`could not deliver event ${name}`, error);
      }
    }
  });
}
