import { describe, expect, it } from 'vitest';
import { type KeyInput, shortcutAction, shortcutRows } from './shortcuts';

const key = (over: Partial<KeyInput>): KeyInput => ({
  key: '',
  code: '',
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  ...over,
});

describe('keyboard shortcuts', () => {
  it('Option+digit on a Mac keyboard (it types "¡", "™") opens the view of that number', () => {
    expect(shortcutAction(key({ altKey: true, key: '¡', code: 'Digit1' }), false)).toEqual({
      kind: 'view',
      index: 0,
    });
    expect(shortcutAction(key({ altKey: true, key: '™', code: 'Digit2' }), false)).toEqual({
      kind: 'view',
      index: 1,
    });
    expect(shortcutAction(key({ altKey: true, key: '3', code: 'Numpad3' }), false)).toEqual({
      kind: 'view',
      index: 2,
    });
    // the character alone is not enough: a "1" typed from another key is not Digit1
    expect(shortcutAction(key({ altKey: true, key: '1', code: 'KeyQ' }), false)).toBeUndefined();
  });

  it('matches the physical key with a Korean input method (R types "ㄱ")', () => {
    expect(shortcutAction(key({ metaKey: true, key: 'ㄱ', code: 'KeyR' }), false)).toEqual({
      kind: 'refresh',
    });
    expect(shortcutAction(key({ ctrlKey: true, key: 'ㅏ', code: 'KeyK' }), false)).toEqual({
      kind: 'switcher',
    });
    expect(shortcutAction(key({ ctrlKey: true, shiftKey: true, key: 'ㅊ', code: 'KeyC' }), false)).toEqual({
      kind: 'cache',
    });
    expect(shortcutAction(key({ ctrlKey: true, shiftKey: true, code: 'KeyR' }), false)).toBeUndefined();
  });

  it('? opens the help, except while typing in a field', () => {
    expect(shortcutAction(key({ key: '?', shiftKey: true, code: 'Slash' }), false)).toEqual({ kind: 'help' });
    expect(shortcutAction(key({ key: '?', shiftKey: true, code: 'Slash' }), true)).toBeUndefined();
  });

  it('lists every shortcut with the platform modifier names', () => {
    const mac = shortcutRows(true, 8);
    expect(mac[0]!.keys).toEqual(['⌘', 'R']);
    expect(mac.find((r) => r.label === 'shortcuts.views')!.keys).toEqual(['⌥', '1–8']);
    expect(shortcutRows(false, 8)[0]!.keys).toEqual(['Ctrl', 'R']);
    // 15 views in the sidebar: the digits still reach only the first nine
    const many = shortcutRows(false, 15).find((r) => r.label === 'shortcuts.views')!;
    expect(many.keys).toEqual(['Alt', '1–9']);
    expect(many.params).toEqual({ count: 9 });
  });
});
