/**
 * The console's keyboard shortcuts: one table for the key handler and the help overlay. Keys are
 * matched by `event.code` (the physical key), so they work on a Mac, where Option+1 types "¡", and
 * with a Korean input method, where the R key types "ㄱ".
 */
export type ShortcutAction =
  | { kind: 'refresh' }
  | { kind: 'switcher' }
  | { kind: 'cache' }
  | { kind: 'help' }
  | { kind: 'view'; index: number };

export type KeyInput = Pick<KeyboardEvent, 'key' | 'code' | 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey'>;

function digit(code: string): number | undefined {
  const m = /^(?:Digit|Numpad)([1-9])$/.exec(code);
  return m ? Number(m[1]) : undefined;
}

/** What a key press means, or undefined. `typing` = the focus is in a text field (then `?` types). */
export function shortcutAction(e: KeyInput, typing: boolean): ShortcutAction | undefined {
  const mod = e.metaKey || e.ctrlKey;
  if (mod && !e.altKey) {
    if (e.code === 'KeyR' && !e.shiftKey) return { kind: 'refresh' };
    if (e.code === 'KeyK' && !e.shiftKey) return { kind: 'switcher' };
    if (e.code === 'KeyC' && e.shiftKey) return { kind: 'cache' };
    return undefined;
  }
  if (e.altKey && !mod && !e.shiftKey) {
    const n = digit(e.code);
    return n === undefined ? undefined : { kind: 'view', index: n - 1 };
  }
  if (!mod && !e.altKey && !typing && (e.key === '?' || (e.shiftKey && e.code === 'Slash')))
    return { kind: 'help' };
  return undefined;
}

export interface ShortcutRow {
  /** key caps, in order */
  keys: string[];
  /** i18n key of what it does (common namespace) */
  label: string;
  params?: Record<string, string | number>;
}

/** Alt/Option + 1..9: the digit keys reach the first nine views of the sidebar */
export const JUMPABLE_VIEWS = 9;

/** The shortcuts as the help overlay lists them, with the platform's modifier names. */
export function shortcutRows(mac: boolean, viewCount: number): ShortcutRow[] {
  const jumpable = Math.min(JUMPABLE_VIEWS, viewCount);
  const mod = mac ? '⌘' : 'Ctrl';
  const alt = mac ? '⌥' : 'Alt';
  return [
    { keys: [mod, 'R'], label: 'shortcuts.refresh' },
    { keys: [mod, 'K'], label: 'shortcuts.switcher' },
    { keys: [mod, mac ? '⇧' : 'Shift', 'C'], label: 'shortcuts.cache' },
    { keys: [alt, `1–${jumpable}`], label: 'shortcuts.views', params: { count: jumpable } },
    { keys: ['?'], label: 'shortcuts.help' },
    { keys: ['Esc'], label: 'shortcuts.close' },
  ];
}

export function isMacPlatform(): boolean {
  return /mac/i.test(navigator.platform || navigator.userAgent);
}

/** Whether the focus is where keys type text. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
}
