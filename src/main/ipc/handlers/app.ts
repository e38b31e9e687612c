import type { AppInfo, RedisState } from '@shared/contract/app';
import type { ChannelsOfDomain, Handlers } from '../types';

export interface AppHandlerDeps {
  info: () => AppInfo;
  redisState: () => RedisState;
}

export function appHandlers(deps: AppHandlerDeps): Handlers<ChannelsOfDomain<'app'>> {
  return {
    'app:info': () => deps.info(),
    'app:redisState': () => deps.redisState(),
  };
}
