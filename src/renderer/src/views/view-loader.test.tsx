import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { loadableView } from './view-loader';

function Hello() {
  return <p data-testid="hello">view</p>;
}

describe('loadableView', () => {
  it('renders nothing before its code is loaded, and the view itself in the first pass once preloaded', async () => {
    const load = vi.fn(async () => ({ default: Hello }));
    const view = loadableView(load);
    expect(renderToStaticMarkup(<view.component />)).toBe('');
    await view.preload();
    expect(renderToStaticMarkup(<view.component />)).toBe('<p data-testid="hello">view</p>');
  });

  it('loads the code once however often it is asked for', async () => {
    const load = vi.fn(async () => ({ default: Hello }));
    const view = loadableView(load);
    await Promise.all([view.preload(), view.preload()]);
    await view.preload();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('tries again after a failed load (a chunk that did not arrive)', async () => {
    const load = vi
      .fn<() => Promise<{ default: typeof Hello }>>()
      .mockRejectedValueOnce(new Error('chunk failed'))
      .mockResolvedValueOnce({ default: Hello });
    const view = loadableView(load);
    await expect(view.preload()).rejects.toThrow('chunk failed');
    await view.preload();
    expect(load).toHaveBeenCalledTimes(2);
    expect(renderToStaticMarkup(<view.component />)).toContain('hello');
  });
});
