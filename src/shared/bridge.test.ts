import { CHANNELS, EVENT_NAMES, IPC_EVENT } from '@shared/contract';
import { describe, expect, it, vi } from 'vitest';
import { type BridgeIpc, createBridge } from './bridge';

type IpcListener = (event: unknown, ...args: unknown[]) => void;

function fakeIpc() {
  const listeners = new Set<IpcListener>();
  const ipc = {
    invoke: vi.fn(async (_channel: string, _req: unknown): Promise<unknown> => ({ ok: true, data: 'x' })),
    on: vi.fn((_channel: string, l: IpcListener) => listeners.add(l)),
    removeListener: vi.fn((_channel: string, l: IpcListener) => listeners.delete(l)),
  } satisfies BridgeIpc;
  const push = (message: unknown) => {
    for (const l of [...listeners]) l({ sender: 'ipc-renderer-event', ports: [] }, message);
  };
  return { ipc, listeners, push };
}

describe('preload bridge', () => {
  it('exposes one named method per contract channel, and nothing else but on', () => {
    const { ipc } = fakeIpc();
    const tms = createBridge(ipc) as unknown as Record<string, Record<string, unknown>>;
    for (const channel of CHANNELS) {
      const [domain, action] = channel.split(':') as [string, string];
      expect(typeof tms[domain]?.[action], channel).toBe('function');
    }
    const methodCount = Object.entries(tms)
      .filter(([k]) => k !== 'on')
      .reduce((n, [, methods]) => n + Object.keys(methods).length, 0);
    expect(methodCount).toBe(CHANNELS.length);
    expect(Object.keys(tms)).not.toContain('invoke');
    expect(Object.keys(tms)).not.toContain('send');
  });

  it('is frozen all the way down', () => {
    const tms = createBridge(fakeIpc().ipc) as unknown as Record<string, unknown>;
    expect(Object.isFrozen(tms)).toBe(true);
    expect(Object.isFrozen(tms.app)).toBe(true);
    expect(() => {
      (tms.app as Record<string, unknown>).info = () => 'hacked';
    }).toThrow();
  });

  it('invokes the channel by name and returns the Result envelope', async () => {
    const { ipc } = fakeIpc();
    const tms = createBridge(ipc);
    expect(await tms.app.info({})).toEqual({ ok: true, data: 'x' });
    expect(ipc.invoke).toHaveBeenCalledWith('app:info', {});
  });

  it('turns a failed or malformed invoke into an INTERNAL error, never a throw', async () => {
    const { ipc } = fakeIpc();
    const tms = createBridge(ipc);
    ipc.invoke.mockRejectedValueOnce(new Error("No handler registered for 'app:info'"));
    const failed = await tms.app.info({});
    expect(failed).toMatchObject({ ok: false, error: { code: 'INTERNAL', retryable: true } });
    ipc.invoke.mockResolvedValueOnce('garbage');
    expect(await tms.app.info({})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('on(): contract events only, listener gets the payload without the IpcRendererEvent, unsubscribe works', () => {
    const { ipc, listeners, push } = fakeIpc();
    const tms = createBridge(ipc);
    expect(() => tms.on('not:anEvent' as never, () => {})).toThrow(/Unknown event/);
    expect(EVENT_NAMES).toContain('app:menuCommand');

    const listener = vi.fn();
    const other = vi.fn();
    const off = tms.on('app:menuCommand', listener);
    const offOther = tms.on('app:redisState', other);
    expect(ipc.on).toHaveBeenCalledTimes(1);
    expect(ipc.on).toHaveBeenCalledWith(IPC_EVENT, expect.any(Function));

    push({ name: 'app:menuCommand', payload: { command: 'refresh' } });
    expect(listener).toHaveBeenCalledWith({ command: 'refresh' });
    expect(listener.mock.calls[0]).toHaveLength(1);
    expect(other).not.toHaveBeenCalled();

    push({ name: 'evil:event', payload: 1 });
    push('junk');
    push(null);
    expect(listener).toHaveBeenCalledTimes(1);

    off();
    off();
    push({ name: 'app:menuCommand', payload: { command: 'refresh' } });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listeners.size).toBe(1);
    offOther();
    expect(listeners.size).toBe(0);
    expect(ipc.removeListener).toHaveBeenCalledWith(IPC_EVENT, expect.any(Function));
  });

  it('a throwing listener does not break the others', () => {
    const { ipc, push } = fakeIpc();
    const tms = createBridge(ipc);
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    tms.on('app:menuCommand', () => {
      throw new Error('boom');
    });
    const ok = vi.fn();
    tms.on('app:menuCommand', ok);
    push({ name: 'app:menuCommand', payload: { command: 'cachePanel' } });
    expect(ok).toHaveBeenCalled();
    spy.mockRestore();
  });
});
