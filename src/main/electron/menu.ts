/**
 * The application menu: the usual macOS menus plus the console's shortcuts, which reach the renderer
 * as the contract event `app:menuCommand`.
 */
import type { MenuCommand } from '@shared/contract/app';
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuOptions {
  appName: string;
  platform: NodeJS.Platform;
  /** deliver a console command to the focused window */
  sendCommand: (command: MenuCommand) => void;
  /** show the developer tools items (not in a packaged build) */
  devTools?: boolean;
  /** Help → Open Log Folder */
  openLogFolder?: () => void;
}

/** The console's own shortcuts (also listed in README / the renderer's help). */
export const CONSOLE_SHORTCUTS: readonly { command: MenuCommand; label: string; accelerator: string }[] = [
  { command: 'refresh', label: 'Refresh View', accelerator: 'CmdOrCtrl+R' },
  { command: 'connectionSwitcher', label: 'Switch Connection…', accelerator: 'CmdOrCtrl+K' },
  { command: 'cachePanel', label: 'Cache Panel', accelerator: 'CmdOrCtrl+Shift+C' },
];

export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const isMac = options.platform === 'darwin';
  const consoleItems: MenuItemConstructorOptions[] = CONSOLE_SHORTCUTS.map((s) => ({
    id: `console.${s.command}`,
    label: s.label,
    accelerator: s.accelerator,
    click: () => options.sendCommand(s.command),
  }));

  const template: MenuItemConstructorOptions[] = [];
  if (isMac) {
    template.push({
      label: options.appName,
      submenu: [
        { role: 'about' },
        { type: 'separator' },
        { role: 'services' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
  } else {
    template.push({ label: '&File', submenu: [{ role: 'quit' }] });
  }
  template.push({
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(isMac ? [{ role: 'pasteAndMatchStyle' } as const] : []),
      { role: 'delete' },
      { role: 'selectAll' },
    ],
  });
  template.push({
    label: 'View',
    submenu: [
      ...consoleItems,
      { type: 'separator' },
      ...(options.devTools ? [{ role: 'toggleDevTools' } as const, { type: 'separator' } as const] : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  });
  template.push({
    role: 'window',
    submenu: isMac
      ? [{ role: 'minimize' }, { role: 'zoom' }, { type: 'separator' }, { role: 'front' }]
      : [{ role: 'minimize' }, { role: 'close' }],
  });
  template.push({
    role: 'help',
    submenu: [
      { id: 'help.shortcuts', label: 'Keyboard Shortcuts', click: () => options.sendCommand('shortcuts') },
      ...(isMac ? [] : [{ role: 'about' } as const]),
      ...(options.openLogFolder
        ? [{ id: 'help.logs', label: 'Open Log Folder', click: () => options.openLogFolder?.() }]
        : []),
    ],
  });
  return template;
}
