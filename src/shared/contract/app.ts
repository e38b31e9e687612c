import { z } from 'zod';
import { channel, event } from './define';

export interface AppInfo {
  version: string;
  /** 'electron' or 'web' (browser mode) */
  runtime: 'electron' | 'web';
  platform: string;
  locale: string;
}

export interface RedisState {
  enabled: boolean;
  /** 'closed' = L2 in use; 'open' = Redis failing, reads go L1 → Oracle; 'disabled' = switched off */
  breaker: 'closed' | 'open' | 'half-open' | 'disabled';
  connected: boolean;
  url: string;
  lastError?: string;
}

/** Commands from the native app menu (Electron), delivered to the renderer as the `app:menuCommand` event. */
export const MENU_COMMANDS = ['refresh', 'connectionSwitcher', 'cachePanel', 'shortcuts'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

/** The console's UI languages (the renderer's locale folders). */
export const UI_LANGUAGES = ['en', 'ko'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

export const appChannels = {
  'app:info': channel(z.object({}).strict()).returns<AppInfo>(),
  /** the DBA chose a language: the native menu (Electron) follows it; browser mode has nothing to do */
  'app:setUiLanguage': channel(z.object({ language: z.enum(UI_LANGUAGES) }).strict()).returns<void>(),
  'app:redisState': channel(z.object({}).strict()).returns<RedisState>(),
};

export const appEvents = {
  'app:redisState': event<RedisState>(),
  'app:menuCommand': event<{ command: MenuCommand }>(),
};
