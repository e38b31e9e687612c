import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import {
  clampToDisplays,
  DEFAULT_WINDOW_STATE,
  loadWindowState,
  MIN_WINDOW_SIZE,
  parseWindowState,
  saveWindowState,
  trackWindowState,
} from './window-state';

const laptop = { x: 0, y: 25, width: 1512, height: 920 };
const external = { x: 1512, y: -400, width: 2560, height: 1415 };

describe('clampToDisplays', () => {
  it('keeps a window that fits on its display', () => {
    const state = { x: 100, y: 100, width: 1200, height: 800, maximized: false };
    expect(clampToDisplays(state, [laptop])).toEqual(state);
  });

  it('keeps a window on a secondary display', () => {
    const state = { x: 2000, y: 0, width: 1600, height: 1000, maximized: true };
    expect(clampToDisplays(state, [laptop, external])).toEqual(state);
  });

  it('re-centres a window whose display was unplugged', () => {
    const state = { x: 2000, y: 0, width: 1600, height: 1000, maximized: false };
    const clamped = clampToDisplays(state, [laptop]);
    expect(clamped.width).toBe(1512);
    expect(clamped.height).toBe(920);
    expect(clamped).toMatchObject({ x: 0, y: 25 });
  });

  it('shrinks a window larger than its display and moves it fully inside', () => {
    const clamped = clampToDisplays({ x: 1400, y: 800, width: 3000, height: 2000, maximized: false }, [
      laptop,
    ]);
    expect(clamped).toEqual({ x: 0, y: 25, width: 1512, height: 920, maximized: false });
  });

  it('pulls a window that hangs off an edge back inside', () => {
    const clamped = clampToDisplays({ x: -300, y: 500, width: 1000, height: 700, maximized: false }, [
      laptop,
    ]);
    expect(clamped).toEqual({ x: 0, y: 245, width: 1000, height: 700, maximized: false });
  });

  it('enforces the minimum size when the display allows it', () => {
    const clamped = clampToDisplays({ x: 10, y: 30, width: 100, height: 50, maximized: false }, [laptop]);
    expect(clamped.width).toBe(MIN_WINDOW_SIZE.width);
    expect(clamped.height).toBe(MIN_WINDOW_SIZE.height);
  });

  it('centres a state without a position on the primary display', () => {
    const clamped = clampToDisplays({ ...DEFAULT_WINDOW_STATE }, [external, laptop]);
    expect(clamped).toEqual({
      x: external.x + (external.width - 1440) / 2,
      y: Math.round(external.y + (external.height - 900) / 2),
      width: 1440,
      height: 900,
      maximized: false,
    });
  });
});

describe('persistence', () => {
  const made: string[] = [];
  const tempDir = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'tms-ws-'));
    made.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('parses junk as defaults', () => {
    expect(parseWindowState(null)).toEqual(DEFAULT_WINDOW_STATE);
    expect(parseWindowState({ width: 'x', height: Number.NaN, x: 1 })).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('saves and loads (clamped) state', () => {
    const file = join(tempDir(), 'sub', 'window-state.json');
    saveWindowState(file, { x: 50, y: 60, width: 1000, height: 700, maximized: true });
    expect(loadWindowState(file, [laptop])).toEqual({
      x: 50,
      y: 60,
      width: 1000,
      height: 700,
      maximized: true,
    });
    writeFileSync(file, '{not json');
    expect(loadWindowState(file, [laptop])).toMatchObject({ width: 1440, height: 900 });
  });

  it('tracks moves (debounced) and saves on close', async () => {
    vi.useFakeTimers();
    try {
      const win = Object.assign(new EventEmitter(), {
        bounds: { x: 1, y: 2, width: 1000, height: 700 },
        getNormalBounds() {
          return this.bounds;
        },
        isMaximized: () => false,
        isDestroyed: () => false,
      });
      const save = vi.fn();
      trackWindowState(win, save, { debounceMs: 100 });
      win.emit('move');
      win.bounds = { x: 5, y: 6, width: 1100, height: 750 };
      win.emit('resize');
      expect(save).not.toHaveBeenCalled();
      vi.advanceTimersByTime(150);
      expect(save).toHaveBeenCalledTimes(1);
      expect(save).toHaveBeenLastCalledWith({ x: 5, y: 6, width: 1100, height: 750, maximized: false });
      win.emit('close');
      expect(save).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('writes the state file privately', () => {
    const file = join(tempDir(), 'window-state.json');
    saveWindowState(file, { width: 1000, height: 700, maximized: false });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ width: 1000, height: 700, maximized: false });
  });
});
