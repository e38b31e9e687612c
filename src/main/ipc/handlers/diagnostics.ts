import type { AlertLogService, LongOpsService } from '../../services/diagnostics';
import type { ChannelsOfDomain, Handlers } from '../types';

export interface DiagnosticsHandlerDeps {
  alertLog: AlertLogService;
  longOps: LongOpsService;
}

/** Thin adapters (issue 17); requests were validated by the contract schemas. */
export function diagnosticsHandlers(deps: DiagnosticsHandlerDeps): Handlers<ChannelsOfDomain<'diagnostics'>> {
  return {
    'diagnostics:alertLog': ({ connId, minutes, refresh }) =>
      deps.alertLog.entries(connId, { minutes }, { refresh }),
    'diagnostics:longOps': ({ connId, refresh }) => deps.longOps.list(connId, { refresh }),
  };
}
