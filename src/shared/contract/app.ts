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

export const appChannels = {
  'app:info': channel(z.object({}).strict()).returns<AppInfo>(),
  'app:redisState': channel(z.object({}).strict()).returns<RedisState>(),
};

export const appEvents = {
  'app:redisState': event<RedisState>(),
  'app:menuCommand': event<{ command: MenuCommand }>(),
};
