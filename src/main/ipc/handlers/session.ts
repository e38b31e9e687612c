import type { SessionDetailService } from '../../services/session-detail';
import type { ChannelsOfDomain, Handlers } from '../types';

/** Thin adapter over SessionDetailService (issue 17); the request was validated by the contract. */
export function sessionHandlers(deps: {
  sessions: SessionDetailService;
}): Handlers<ChannelsOfDomain<'session'>> {
  return {
    'session:detail': ({ connId, instId, sid, serial, refresh }) =>
      deps.sessions.detail(connId, { instId, sid, serial }, { refresh }),
  };
}
