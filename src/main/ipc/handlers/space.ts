import type { SpaceService } from '../../services/space';
import type { ChannelsOfDomain, Handlers } from '../types';

/** Thin adapters over SpaceService (issue 17); requests were validated by the contract schemas. */
export function spaceHandlers(deps: { space: SpaceService }): Handlers<ChannelsOfDomain<'space'>> {
  const s = deps.space;
  return {
    'space:space': ({ connId, refresh }) => s.space(connId, { refresh }),
    'space:tempUsage': ({ connId, refresh }) => s.tempUsage(connId, { refresh }),
    'space:limits': ({ connId, refresh }) => s.limits(connId, { refresh }),
  };
}
