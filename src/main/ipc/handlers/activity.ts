import type { ActivityService } from '../../activity/service';
import type { ChannelsOfDomain, Handlers } from '../types';

/** Thin adapters over ActivityService (issue 14); requests were validated by the contract schemas. */
export function activityHandlers(deps: {
  activity: ActivityService;
}): Handlers<ChannelsOfDomain<'activity'>> {
  const a = deps.activity;
  return {
    'activity:aas': (r) => a.aas(r),
    'activity:top': (r) => a.top(r),
    'activity:blockingHistory': (r) => a.blockingHistory(r),
    'activity:blockingChain': (r) => a.blockingChain(r),
    'activity:topSqlWindow': (r) => a.topSqlWindow(r),
    'activity:status': ({ connId }) => a.status(connId),
    'activity:watch': ({ connId, viewerId, watching }) => a.watch(connId, viewerId, watching),
    'activity:settings': ({ connId }) => a.settings(connId),
    'activity:setSettings': ({ connId, patch }) => a.setSettings(connId, patch),
  };
}
