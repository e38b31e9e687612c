import type { QueryCountsReport } from '@shared/types/connections';
import type { GatewayRegistry } from '../../connections/registry';
import type { MonitoringService } from '../../services/monitoring';
import type { ChannelsOfDomain, Handlers } from '../types';

export interface MonitorHandlerDeps {
  monitoring: MonitoringService;
  registry: Pick<GatewayRegistry, 'queryCounts'>;
  /** epoch ms the counters started (console start) */
  countingSince: number;
}

/** Thin adapters over MonitoringService; requests were validated by the contract schemas. */
export function monitorHandlers(deps: MonitorHandlerDeps): Handlers<ChannelsOfDomain<'monitor'>> {
  const { monitoring: m } = deps;
  return {
    'monitor:dashboard': ({ connId, refresh }) => m.dashboard(connId, { refresh }),
    'monitor:realtime': ({ connId, refresh }) => m.realtime(connId, { refresh }),
    'monitor:sessions': ({ connId, refresh }) => m.sessions(connId, { refresh }),
    'monitor:sessionsWindow': ({ connId, refresh, ...query }) => m.sessionsWindow(connId, query, { refresh }),
    'monitor:locks': ({ connId, refresh }) => m.locks(connId, { refresh }),
    'monitor:waitEvents': ({ connId, refresh }) => m.waitEvents(connId, { refresh }),
    'monitor:topSql': ({ connId, limit, orderBy, refresh }) =>
      m.topSql(connId, { limit, orderBy }, { refresh }),
    'monitor:sqlDetail': ({ connId, sqlId, refresh }) => m.sqlDetail(connId, sqlId, { refresh }),
    'monitor:sqlText': ({ connId, sqlId, refresh }) => m.sqlText(connId, sqlId, { refresh }),
    'monitor:sqlPlan': ({ connId, sqlId, refresh }) => m.sqlPlan(connId, sqlId, { refresh }),
    'monitor:schemas': ({ connId, refresh }) => m.schemas(connId, { refresh }),
    'monitor:tables': ({ connId, schema, refresh }) => m.tables(connId, schema, { refresh }),
    'monitor:columns': ({ connId, schema, table, refresh }) => m.columns(connId, schema, table, { refresh }),
    'monitor:trend': ({ connId, period, refresh }) => m.trend(connId, period, { refresh }),
    'monitor:health': ({ connId, refresh }) => m.health(connId, { refresh }),
    'monitor:killSession': ({ connId, sid, serial, instId }) => m.killSession(connId, sid, serial, instId),
    'monitor:cancelSql': ({ connId, ...target }) => m.cancelSql(connId, target),
    'monitor:stopPreview': ({ connId, ...target }) => m.stopPreview(connId, target),
    'monitor:indexes': ({ connId, schema, table, refresh }) => m.indexes(connId, schema, table, { refresh }),
    'monitor:constraints': ({ connId, schema, table, refresh }) =>
      m.constraints(connId, schema, table, { refresh }),
    'monitor:queryCounts': ({ connId }): QueryCountsReport => {
      const connections = deps.registry.queryCounts(connId);
      return {
        since: deps.countingSince,
        connections,
        total: connections.reduce((a, c) => a + c.total, 0),
      };
    },
  };
}
