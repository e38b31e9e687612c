import { CHANNELS, IPC_EVENT } from '@shared/contract';
import { describe, expect, it, vi } from 'vitest';
import { AppEvents } from '../events';
import { FORBIDDEN_RESULT, forwardEvents, registerContractHandlers } from './ipc';
import { createFakeElectron, FakeWebContents } from './testing/fake-electron';

describe('registerContractHandlers', () => {
  it('registers exactly one handler per contract channel and removes them again', () => {
    const { ipcMain } = createFakeElectron();
    const dispose = registerContractHandlers(ipcMain, { dispatch: vi.fn(), isTrusted: () => true });
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...CHANNELS].sort());
    dispose();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('dispatches trusted calls with the electron transport and refuses untrusted ones', async () => {
    const { ipcMain } = createFakeElectron();
    const dispatch = vi.fn(async () => ({ ok: true as const, data: 42 }));
    const onRejected = vi.fn();
    let trusted = true;
    registerContractHandlers(ipcMain, { dispatch, isTrusted: () => trusted, onRejected });
    const handler = ipcMain.handlers.get('app:info')!;
    expect(await handler({ sender: { id: 1 } }, { a: 1 })).toEqual({ ok: true, data: 42 });
    expect(dispatch).toHaveBeenCalledWith('app:info', { a: 1 }, { transport: 'electron' });
    trusted = false;
    expect(await handler({ sender: { id: 2 } }, {})).toEqual(FORBIDDEN_RESULT);
    expect(FORBIDDEN_RESULT).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', retryable: false } });
    expect(dispatch).toHaveBeenCalledTimes(1);
    expect(onRejected).toHaveBeenCalledWith('app:info', { sender: { id: 2 } });
  });
});

describe('forwardEvents', () => {
  it('sends every event to every live window and skips destroyed ones', () => {
    const events = new AppEvents();
    const live = new FakeWebContents();
    const dead = new FakeWebContents();
    dead.destroyed = true;
    const stop = forwardEvents(events, () => [live, dead]);
    const payload = { command: 'cachePanel' as const };
    events.emit('app:menuCommand', payload);
    expect(live.send).toHaveBeenCalledWith(IPC_EVENT, { name: 'app:menuCommand', payload });
    expect(dead.send).not.toHaveBeenCalled();
    stop();
    events.emit('app:menuCommand', payload);
    expect(live.send).toHaveBeenCalledTimes(1);
  });

  it('a window that fails to receive does not stop the others', () => {
    const events = new AppEvents();
    const broken = new FakeWebContents();
    broken.send.mockImplementation(() => {
      throw new Error('Object has been destroyed');
    });
    const ok = new FakeWebContents();
    const log = vi.fn();
    forwardEvents(events, () => [broken, ok], log);
    events.emit('app:menuCommand', { command: 'refresh' });
    expect(ok.send).toHaveBeenCalled();
    expect(log).toHaveBeenCalled();
  });
});
