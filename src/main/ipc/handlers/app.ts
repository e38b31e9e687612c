import type { AppInfo, RedisState, UiLanguage } from '@shared/contract/app';
import type { ChannelsOfDomain, Handlers } from '../types';

export interface AppHandlerDeps {
  info: () => AppInfo;
  redisState: () => RedisState;
  setUiLanguage: (language: UiLanguage) => void;
}

export function appHandlers(deps: AppHandlerDeps): Handlers<ChannelsOfDomain<'app'>> {
  return {
    'app:info': () => deps.info(),
    'app:redisState': () => deps.redisState(),
    'app:setUiLanguage': ({ language }) => deps.setUiLanguage(language),
  };
}
