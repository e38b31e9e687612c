/**
 * The composition root: the only place that knows every service and wires them.
 * It runs without Electron (browser mode, tests, benchmarks); src/main/index.ts adds the window.
 */
import type { RedisState } from '@shared/contract/app';
import type { CoreConfig } from './config';
import { AppEvents } from './events';
import { createDispatcher, type Dispatch } from './ipc/dispatcher';
import { appHandlers } from './ipc/handlers/app';
import type { Handlers } from './ipc/types';

export interface Platform {
  runtime: 'electron' | 'web';
  /** where unexpected errors are reported (a rotating log file in Electron, stderr in browser mode) */
  logError?: (message: string, error?: unknown) => void;
}

export interface Core {
  readonly dispatch: Dispatch;
  readonly events: AppEvents;
  readonly config: CoreConfig;
  close(): Promise<void>;
}

export async function createCore(config: CoreConfig, platform: Platform): Promise<Core> {
  const events = new AppEvents();
  const logError = platform.logError ?? ((message: string, error?: unknown) => console.error(message, error));
  const closers: (() => Promise<void> | void)[] = [];

  const redisState = (): RedisState => ({
    enabled: config.redisEnabled,
    breaker: config.redisEnabled ? 'closed' : 'disabled',
    connected: false,
    url: redactUrl(config.redisUrl),
  });

  const handlers: Partial<Handlers> = {
    ...appHandlers({
      info: () => ({
        version: config.version,
        runtime: platform.runtime,
        platform: process.platform,
        locale: config.locale,
      }),
      redisState,
    }),
  };

  const dispatch = createDispatcher(handlers, {
    onUnexpectedError: (channel, error) => logError(`unexpected error in ${channel}`, error),
  });

  return {
    dispatch,
    events,
    config,
    close: async () => {
      for (const close of closers.reverse()) {
        try {
          await close();
        } catch (error) {
          logError('error while closing', error);
        }
      }
    },
  };
}

/** Never show or log a Redis password. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/\/\/[^@/]*@/, '//***@');
  }
}
