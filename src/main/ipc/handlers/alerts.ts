import type { AlertsService } from '../../alerts/service';
import type { ChannelsOfDomain, Handlers } from '../types';

/** Thin adapters over AlertsService (issue 17); requests were validated by the contract schemas. */
export function alertsHandlers(deps: { alerts: AlertsService }): Handlers<ChannelsOfDomain<'alerts'>> {
  const a = deps.alerts;
  return {
    'alerts:list': ({ connId }) => a.list(connId),
    'alerts:thresholds': async () => a.thresholds.current(),
    'alerts:setThresholds': ({ patch }) => a.setThresholds(patch),
    'alerts:resetThresholds': ({ rule }) => a.resetThresholds(rule),
    'alerts:ack': ({ connId, alertId }) => a.ack(connId, alertId),
    'alerts:mute': async ({ rule, subject, muted }) => a.mute(rule, subject, muted),
  };
}
