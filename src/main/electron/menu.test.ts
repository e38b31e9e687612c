import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { buildMenuTemplate, CONSOLE_SHORTCUTS, MENU_LABELS } from './menu';

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [
    item,
    ...(Array.isArray(item.submenu) ? flatten(item.submenu as MenuItemConstructorOptions[]) : []),
  ]);
}

describe('app menu', () => {
  it('has the usual macOS menus', () => {
    const template = buildMenuTemplate({ appName: 'TMS Console', platform: 'darwin', sendCommand: () => {} });
    expect(template.map((m) => m.label ?? m.role)).toEqual(['TMS Console', 'Edit', 'View', 'window', 'help']);
    const appMenu = (template[0]!.submenu as MenuItemConstructorOptions[]).map((i) => i.role).filter(Boolean);
    expect(appMenu).toEqual(['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit']);
    const roles = flatten(template).map((i) => i.role);
    for (const role of [
      'copy',
      'paste',
      'selectAll',
      'undo',
      'minimize',
      'zoom',
      'front',
      'togglefullscreen',
    ]) {
      expect(roles).toContain(role);
    }
    // Cmd+R is ours (refresh view), not Chromium's page reload
    expect(roles).not.toContain('reload');
    expect(roles).not.toContain('forceReload');
    expect(roles).not.toContain('toggleDevTools');
  });

  it('has the console shortcuts and sends them as commands', () => {
    const sendCommand = vi.fn();
    const items = flatten(buildMenuTemplate({ appName: 'TMS Console', platform: 'darwin', sendCommand }));
    const expected = {
      refresh: 'CmdOrCtrl+R',
      connectionSwitcher: 'CmdOrCtrl+K',
      cachePanel: 'CmdOrCtrl+Shift+C',
    };
    expect(CONSOLE_SHORTCUTS.map((s) => s.command).sort()).toEqual(Object.keys(expected).sort());
    for (const [command, accelerator] of Object.entries(expected)) {
      const item = items.find((i) => i.id === `console.${command}`);
      expect(item?.accelerator).toBe(accelerator);
      (item!.click as () => void)();
      expect(sendCommand).toHaveBeenLastCalledWith(command);
    }
    const accelerators = items.map((i) => i.accelerator).filter(Boolean);
    expect(new Set(accelerators).size).toBe(accelerators.length);
  });

  it('on Linux/Windows has a File menu with quit, and dev tools only when asked', () => {
    const openLogFolder = vi.fn();
    const template = buildMenuTemplate({
      appName: 'TMS Console',
      platform: 'linux',
      sendCommand: () => {},
      devTools: true,
      openLogFolder,
    });
    expect(template[0]?.label).toBe('&File');
    const items = flatten(template);
    expect(items.map((i) => i.role)).toContain('toggleDevTools');
    (items.find((i) => i.id === 'help.logs')!.click as () => void)();
    expect(openLogFolder).toHaveBeenCalled();
  });

  it('speaks the language the DBA chose: every label of its own in Korean, none left in English', () => {
    const openLogFolder = vi.fn();
    const words = (language: 'en' | 'ko', platform: NodeJS.Platform) =>
      flatten(
        buildMenuTemplate({
          appName: 'TMS Console',
          platform,
          sendCommand: () => {},
          language,
          openLogFolder,
        }),
      )
        .map((i) => i.label)
        .filter((l): l is string => typeof l === 'string' && l !== 'TMS Console');
    for (const platform of ['darwin', 'linux'] as const) {
      const ko = words('ko', platform);
      expect(ko).toContain('화면 새로 고침');
      expect(ko).toContain('단축키');
      for (const label of ko) expect(label, label).toMatch(/[가-힣]/);
      expect(words('en', platform)).toContain('Keyboard Shortcuts');
    }
    // the same keys in both languages
    expect(Object.keys(MENU_LABELS.ko).sort()).toEqual(Object.keys(MENU_LABELS.en).sort());
    // Help → Keyboard Shortcuts opens the renderer's overlay
    const sendCommand = vi.fn();
    const help = flatten(
      buildMenuTemplate({ appName: 'x', platform: 'darwin', sendCommand, language: 'ko' }),
    ).find((i) => i.id === 'help.shortcuts');
    (help!.click as () => void)();
    expect(sendCommand).toHaveBeenCalledWith('shortcuts');
    // the default is English (before the renderer said anything)
    const byDefault = flatten(buildMenuTemplate({ appName: 'x', platform: 'darwin', sendCommand: () => {} }));
    expect(byDefault.find((i) => i.id === 'console.refresh')?.label).toBe('Refresh View');
  });
});
