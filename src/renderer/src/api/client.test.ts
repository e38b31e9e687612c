import { afterEach, describe, expect, it, vi } from 'vitest';

/** The client with a fake preload bridge whose dashboard read answers when the test says so. */
async function clientWithBridge() {
  const pending: Array<(value: unknown) => void> = [];
  const dashboard = vi.fn(
    () =>
      new Promise((resolve) => {
        pending.push((data) => resolve({ ok: true, data }));
      }),
  );
  vi.stubGlobal('window', { tms: { monitor: { dashboard } } });
  vi.resetModules();
  const client = await import('./client');
  const answer = (data: unknown) => pending.shift()!(data);
  return { client, dashboard, answer };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('start-up prefetch', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('hands an arrived answer to the first render once, synchronously', async () => {
    const { client, dashboard, answer } = await clientWithBridge();
    client.prefetch('monitor:dashboard', { connId: 'demo' });
    // not there yet: nothing to take, the view will wait with call()
    expect(client.takeArrivedPrefetch('monitor:dashboard', { connId: 'demo' })).toBeUndefined();
    answer({ n: 1 });
    await settle();
    expect(client.takeArrivedPrefetch('monitor:dashboard', { connId: 'demo' })).toEqual({ n: 1 });
    // taken once: a second take or a later call asks main again
    expect(client.takeArrivedPrefetch('monitor:dashboard', { connId: 'demo' })).toBeUndefined();
    const again = client.call('monitor:dashboard', { connId: 'demo' });
    expect(dashboard).toHaveBeenCalledTimes(2);
    answer({ n: 2 });
    await expect(again).resolves.toEqual({ n: 2 });
  });

  it('gives nothing for another request or connection', async () => {
    const { client, answer } = await clientWithBridge();
    client.prefetch('monitor:dashboard', { connId: 'demo' });
    answer({ n: 1 });
    await settle();
    expect(client.takeArrivedPrefetch('monitor:dashboard', { connId: 'prod' })).toBeUndefined();
    expect(client.takeArrivedPrefetch('monitor:dashboard', { connId: 'demo' })).toEqual({ n: 1 });
  });

  it('a call made while the prefetch is under way shares it (one request)', async () => {
    const { client, dashboard, answer } = await clientWithBridge();
    client.prefetch('monitor:dashboard', { connId: 'demo' });
    const viewCall = client.call('monitor:dashboard', { connId: 'demo' });
    answer({ n: 7 });
    await expect(viewCall).resolves.toEqual({ n: 7 });
    expect(dashboard).toHaveBeenCalledTimes(1);
    expect(client.takeArrivedPrefetch('monitor:dashboard', { connId: 'demo' })).toBeUndefined();
  });
});
