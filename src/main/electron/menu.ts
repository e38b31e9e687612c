/**
 * The application menu: the usual macOS menus plus the console's shortcuts, which reach the renderer
 * as the contract event `app:menuCommand`.
 */
import type { MenuCommand, UiLanguage } from '@shared/contract/app';
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
  /** the language the DBA chose in the console (default English); role items are worded by the OS */
  language?: UiLanguage;
}

type MenuLabel =
  | 'refresh'
  | 'connectionSwitcher'
  | 'cachePanel'
  | 'edit'
  | 'view'
  | 'file'
  | 'shortcuts'
  | 'logs';

/** The menu's own labels in each UI language (the renderer's locale files do not reach main). */
export const MENU_LABELS: Record<UiLanguage, Record<MenuLabel, string>> = {
  en: {
    refresh: 'Refresh View',
    connectionSwitcher: 'Switch Connection…',
    cachePanel: 'Cache Panel',
    edit: 'Edit',
    view: 'View',
    file: '&File',
    shortcuts: 'Keyboard Shortcuts',
    logs: 'Open Log Folder',
  },
  ko: {
    refresh: '화면 새로 고침',
    connectionSwitcher: '연결 전환…',
    cachePanel: '캐시 패널',
    edit: '편집',
    view: '보기',
    file: '파일(&F)',
    shortcuts: '단축키',
    logs: '로그 폴더 열기',
  },
};

/** The console's own shortcuts (also listed in README / the renderer's help). */
export const CONSOLE_SHORTCUTS: readonly {
  command: MenuCommand & MenuLabel;
  accelerator: string;
}[] = [
  { command: 'refresh', accelerator: 'CmdOrCtrl+R' },
  { command: 'connectionSwitcher', accelerator: 'CmdOrCtrl+K' },
  { command: 'cachePanel', accelerator: 'CmdOrCtrl+Shift+C' },
];

export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const isMac = options.platform === 'darwin';
  const label = MENU_LABELS[options.language ?? 'en'];
  const consoleItems: MenuItemConstructorOptions[] = CONSOLE_SHORTCUTS.map((s) => ({
    id: `console.${s.command}`,
    label: label[s.command],
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
    template.push({ label: label.file, submenu: [{ role: 'quit' }] });
  }
  template.push({
    label: label.edit,
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
    label: label.view,
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
      { id: 'help.shortcuts', label: label.shortcuts, click: () => options.sendCommand('shortcuts') },
      ...(isMac ? [] : [{ role: 'about' } as const]),
      ...(options.openLogFolder
        ? [{ id: 'help.logs', label: label.logs, click: () => options.openLogFolder?.() }]
        : []),
    ],
  });
  return template;
}
