/**
 * Remembers the main window's size and position in <userData>/window-state.json and puts it back
 * on a visible display (a monitor may have been unplugged since).
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  /** absent: let Electron center the window */
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1440, height: 900, maximized: false };
export const MIN_WINDOW_SIZE = { width: 960, height: 600 } as const;
/** how much of a window must overlap a display to count as visible */
const MIN_VISIBLE = 100;

function intersection(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

function isFiniteNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** Parse whatever was on disk; anything odd falls back to the defaults. */
export function parseWindowState(raw: unknown): WindowState {
  if (typeof raw !== 'object' || raw === null) return { ...DEFAULT_WINDOW_STATE };
  const r = raw as Record<string, unknown>;
  const state: WindowState = {
    width: isFiniteNumber(r.width) ? Math.round(r.width) : DEFAULT_WINDOW_STATE.width,
    height: isFiniteNumber(r.height) ? Math.round(r.height) : DEFAULT_WINDOW_STATE.height,
    maximized: r.maximized === true,
  };
  if (isFiniteNumber(r.x) && isFiniteNumber(r.y)) {
    state.x = Math.round(r.x);
    state.y = Math.round(r.y);
  }
  return state;
}

/**
 * Fit a saved state onto the current displays' work areas: size clamped to the display it overlaps
 * most (at least the minimum size when the display allows it), position moved fully inside that display;
 * a window that is (almost) off every display is re-centred on the primary display (the first area).
 */
export function clampToDisplays(state: WindowState, workAreas: readonly Rect[]): WindowState {
  const primary = workAreas[0];
  if (!primary) return { ...state, width: Math.max(state.width, 1), height: Math.max(state.height, 1) };

  let target = primary;
  let positioned = state.x !== undefined && state.y !== undefined;
  if (positioned) {
    const rect = { x: state.x!, y: state.y!, width: state.width, height: state.height };
    let best = 0;
    for (const area of workAreas) {
      const overlap = intersection(rect, area);
      if (overlap > best) {
        best = overlap;
        target = area;
      }
    }
    const visible = best >= Math.min(MIN_VISIBLE * MIN_VISIBLE, state.width * state.height);
    if (!visible) {
      positioned = false;
      target = primary;
    }
  }

  const width = Math.min(Math.max(state.width, MIN_WINDOW_SIZE.width), target.width);
  const height = Math.min(Math.max(state.height, MIN_WINDOW_SIZE.height), target.height);
  const result: WindowState = { width, height, maximized: state.maximized };
  if (positioned) {
    result.x = Math.min(Math.max(state.x!, target.x), target.x + target.width - width);
    result.y = Math.min(Math.max(state.y!, target.y), target.y + target.height - height);
  } else {
    result.x = Math.round(target.x + (target.width - width) / 2);
    result.y = Math.round(target.y + (target.height - height) / 2);
  }
  return result;
}

export function loadWindowState(file: string, workAreas: readonly Rect[]): WindowState {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    raw = undefined;
  }
  return clampToDisplays(parseWindowState(raw), workAreas);
}

export function saveWindowState(file: string, state: WindowState): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(state)}\n`, { mode: 0o600 });
  renameSync(tmp, file);
}

/** The BrowserWindow surface the tracker needs. */
export interface TrackedWindow {
  on(event: 'resize' | 'move' | 'maximize' | 'unmaximize' | 'close', listener: () => void): unknown;
  getNormalBounds(): Rect;
  isMaximized(): boolean;
  isDestroyed(): boolean;
}

/** Save the window's normal bounds (debounced) and once more when it closes. */
export function trackWindowState(
  win: TrackedWindow,
  save: (state: WindowState) => void,
  options: { debounceMs?: number } = {},
): void {
  let timer: NodeJS.Timeout | undefined;
  const capture = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (win.isDestroyed()) return;
    try {
      save({ ...win.getNormalBounds(), maximized: win.isMaximized() });
    } catch {
      // a full disk must not break closing the window
    }
  };
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(capture, options.debounceMs ?? 500);
    timer.unref?.();
  };
  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) win.on(event, schedule);
  win.on('close', capture);
}
